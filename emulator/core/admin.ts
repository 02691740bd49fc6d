/**
 * Admin routes under /__emulator/ (no auth, loopback clients only, never logged):
 * GET/DELETE log, POST/DELETE faults, POST reset, POST accounts; mediaV1/... (mediaV1/admin.ts). JSON in and out.
 */
import type { IncomingMessage } from "http";
import type { HandlerResult } from "./context";
import { EmulatorError, ERROR_CODES } from "./errors";
import { handleMediaV1Admin, MEDIA_V1_ADMIN_PREFIX, type MediaV1AdminContext } from "../mediaV1/admin";
import type { AccountSpec, Emulator, FaultSpec } from "./types";

export const ADMIN_PREFIX = "/__emulator/";
const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

type AdminTarget = Pick<Emulator, "reset" | "addAccount" | "log" | "faults">;

function parseJson(body: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body || "{}");
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw EmulatorError.invalid("(admin body)", "must be a JSON object");
}

/** JSON cannot carry a RegExp, so a path is a string or `{"regex": "..."}`. */
function faultFromJson(json: Record<string, unknown>): FaultSpec {
  const kind = json.kind;
  if (kind !== "status" && kind !== "latency" && kind !== "drop") throw EmulatorError.invalid("kind", "must be status, latency or drop");
  const match = (json.match ?? {}) as { method?: string; path?: string | { regex: string } };
  const path = typeof match.path === "object" && match.path !== null ? new RegExp(match.path.regex) : match.path;
  return { ...(json as object), match: { method: match.method, path } } as FaultSpec;
}

export async function handleAdmin(
  req: IncomingMessage,
  path: string,
  body: string,
  target: AdminTarget,
  mediaV1?: MediaV1AdminContext,
): Promise<HandlerResult> {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? "")) {
    throw new EmulatorError(403, ERROR_CODES.forbidden, "Admin routes answer loopback clients only");
  }
  const action = `${req.method} ${path.slice(ADMIN_PREFIX.length)}`;
  switch (action) {
    case "GET log":
      return { status: 200, body: { entries: target.log.entries() } };
    case "DELETE log":
      target.log.clear();
      return { status: 204 };
    case "POST faults":
      target.faults.add(faultFromJson(parseJson(body)));
      return { status: 201, body: { ok: true } };
    case "DELETE faults":
      target.faults.clear();
      return { status: 204 };
    case "POST reset":
      target.reset();
      return { status: 204 };
    case "POST accounts": {
      try {
        target.addAccount(parseJson(body) as unknown as AccountSpec);
      } catch (error) {
        if (error instanceof EmulatorError) throw error;
        throw EmulatorError.invalid("(account)", (error as Error).message);
      }
      return { status: 201, body: { ok: true } };
    }
    default:
      if (mediaV1 && path.startsWith(MEDIA_V1_ADMIN_PREFIX)) {
        return handleMediaV1Admin(req.method ?? "GET", path, parseJson(body), mediaV1);
      }
      throw EmulatorError.notFound(path);
  }
}
