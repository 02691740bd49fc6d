/**
 * The one admin dispatcher: routes under /__emulator/ (no auth, loopback clients only, never
 * logged, JSON in and out). Each part registers its admin routes here with the same path
 * templates as the API (core: log, faults, reset, accounts; video/: the simulation; mediaV1/: the
 * media plane). One loopback check, one JSON body parser, for all of them.
 */
import type { IncomingMessage } from "http";
import type { VideoSimulation } from "../video/simulation/engine";
import type { HandlerResult } from "./context";
import { EmulatorError, ERROR_CODES } from "./errors";
import { RouteTable, type Method, type Methods } from "./routes";
import type { EmulatorState } from "./state";
import type { AccountSpec, Emulator, FaultSpec } from "./types";

export const ADMIN_PREFIX = "/__emulator/";
const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

export interface AdminRequest {
  method: Method;
  url: URL;
  /** The `{...}` segments of the route's template, decoded. */
  pathParams: string[];
  /** The JSON object of a POST body ({} when empty); {} for other methods. */
  body: Record<string, unknown>;
  /** http://HOST:PORT as the client addressed us. */
  baseUrl: string;
  state: EmulatorState;
  video: VideoSimulation;
}

export type AdminHandler = (req: AdminRequest) => HandlerResult | Promise<HandlerResult>;

function parseJson(body: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body || "{}");
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw EmulatorError.invalid("(admin body)", "must be a JSON object");
}

export class AdminRoutes {
  private readonly table = new RouteTable<AdminHandler>();

  /** `template` is relative to /__emulator/, e.g. `video/rooms/{Room}/complete`. */
  add(template: string, methods: Methods<AdminHandler>): this {
    this.table.add(ADMIN_PREFIX + template, methods);
    return this;
  }

  async handle(
    req: IncomingMessage,
    url: URL,
    rawBody: string,
    services: Pick<AdminRequest, "baseUrl" | "state" | "video">,
  ): Promise<HandlerResult> {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? "")) {
      throw new EmulatorError(403, ERROR_CODES.forbidden, "Admin routes answer loopback clients only");
    }
    const method = (req.method ?? "GET").toUpperCase() as Method;
    const found = this.table.match(url.pathname);
    // An admin path with another method is as unknown as an unknown path (404, no Allow).
    const handler = found?.methods[method];
    if (!found || !handler) throw EmulatorError.notFound(url.pathname);
    const body = method === "POST" ? parseJson(rawBody) : {};
    return handler({ method, url, pathParams: found.pathParams, body, ...services });
  }
}

/** JSON cannot carry a RegExp, so a path is a string or `{"regex": "..."}`. */
function faultFromJson(json: Record<string, unknown>): FaultSpec {
  const kind = json.kind;
  if (kind !== "status" && kind !== "latency" && kind !== "drop") throw EmulatorError.invalid("kind", "must be status, latency or drop");
  const match = (json.match ?? {}) as { method?: string; path?: string | { regex: string } };
  const path = typeof match.path === "object" && match.path !== null ? new RegExp(match.path.regex) : match.path;
  return { ...(json as object), match: { method: match.method, path } } as FaultSpec;
}

/** The core's own admin routes: GET/DELETE log, POST/DELETE faults, POST reset, POST accounts. */
export function registerCoreAdmin(admin: AdminRoutes, target: Pick<Emulator, "reset" | "addAccount" | "log" | "faults">): void {
  admin
    .add("log", {
      GET: () => ({ status: 200, body: { entries: target.log.entries() } }),
      DELETE: () => (target.log.clear(), { status: 204 }),
    })
    .add("faults", {
      POST: ({ body }) => (target.faults.add(faultFromJson(body)), { status: 201, body: { ok: true } }),
      DELETE: () => (target.faults.clear(), { status: 204 }),
    })
    .add("reset", { POST: () => (target.reset(), { status: 204 }) })
    .add("accounts", {
      POST: ({ body }) => {
        try {
          target.addAccount(body as unknown as AccountSpec);
        } catch (error) {
          if (error instanceof EmulatorError) throw error;
          throw EmulatorError.invalid("(account)", (error as Error).message);
        }
        return { status: 201, body: { ok: true } };
      },
    });
}
