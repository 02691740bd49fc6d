/**
 * The emulator's HTTP server. Every API request runs one linear pipeline:
 *   fault -> auth -> route -> parse form -> validate + model (handler) -> render
 * and every failure leaves through the one error renderer.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "http";
import type { AddressInfo } from "net";
import { ADMIN_PREFIX, AdminRoutes, registerCoreAdmin } from "./admin";
import { authenticate } from "./auth";
import { formText, readBody } from "./body";
import type { HandlerResult } from "./context";
import { EmulatorError, ERROR_CODES, rawErrorResponse, renderError } from "./errors";
import { FaultInjector } from "./faults";
import { Params } from "./params";
import { loadState, saveState } from "./persistence";
import { RequestLog } from "./requestLog";
import { ApiRoutes } from "./routes";
import { VideoSimulation } from "../video/simulation/engine";
import type { ObjectSeeder } from "./seeds";
import { EmulatorState } from "./state";
import type { AccountSpec, Emulator, EmulatorOptions, FaultSpec } from "./types";

export const DEFAULT_ACCOUNT = {
  accountSid: "AC00000000000000000000000000000001",
  authToken: "emulator-auth-token-0001",
};

/**
 * A part of the emulator (the configuration API, the Video runtime, Media v1): it registers its
 * REST routes and its admin routes with the core's tables, and may build the objects of accounts'
 * console seeds (`AccountSpec.console`) into their stores.
 */
export interface EmulatorPart {
  register(routes: ApiRoutes, admin: AdminRoutes): void;
  seed?: ObjectSeeder;
}

function renderResult(res: ServerResponse, result: HandlerResult): number {
  if (Buffer.isBuffer(result.body)) {
    res.writeHead(result.status, { ...result.headers, "Content-Length": result.body.length });
    res.end(result.body);
  } else if (result.body === undefined) {
    res.writeHead(result.status, result.headers);
    res.end();
  } else {
    const payload = JSON.stringify(result.body);
    res.writeHead(result.status, { ...result.headers, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) });
    res.end(payload);
  }
  return result.status;
}

function faultError(fault: Extract<FaultSpec, { kind: "status" }>): EmulatorError {
  if (fault.status === 429) {
    return new EmulatorError(429, ERROR_CODES.tooManyRequests, "Too Many Requests", {
      "Retry-After": String(fault.retryAfterSeconds ?? 1),
    });
  }
  const code = fault.status === 503 ? ERROR_CODES.unavailable : ERROR_CODES.internal;
  return new EmulatorError(fault.status, code, fault.status === 503 ? "Service Unavailable" : "Internal Server Error");
}

/** The request target as a URL; a target that is not one (`////`, `http://[`) is the client's fault. */
function requestUrl(target: string | undefined): URL {
  try {
    return new URL(target ?? "/", "http://emulator.invalid");
  } catch {
    throw new EmulatorError(400, ERROR_CODES.malformedRequest, "Malformed request URL");
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The core's server with each part's routes registered (the tables are compiled here, once per server). */
export async function startServer(opts: EmulatorOptions, parts: EmulatorPart[]): Promise<Emulator> {
  const state = new EmulatorState(parts.flatMap((part) => (part.seed ? [part.seed] : [])));
  for (const account of opts.accounts ?? [DEFAULT_ACCOUNT]) state.addAccount(account);
  if (opts.persistPath) {
    const persistPath = opts.persistPath;
    loadState(state, persistPath);
    state.onMutation = () => saveState(state, persistPath);
  }
  const log = new RequestLog();
  const faults = new FaultInjector(opts.faultSeed ?? 1);
  const sleep = opts.sleep ?? delay;
  const video = new VideoSimulation({ state, clock: opts.videoClock, s3Endpoint: opts.s3Endpoint, callbackReach: opts.callbackReach });

  const controls = {
    reset(): void {
      state.reset();
      video.reset();
      faults.clear();
      log.clear();
    },
    addAccount(spec: AccountSpec): void {
      state.mutate(() => state.addAccount(spec));
    },
    log: { entries: () => log.entries(), clear: () => log.clear(), count: log.count.bind(log) },
    faults: { add: (f: FaultSpec) => faults.add(f), clear: () => faults.clear() },
  };

  const routes = new ApiRoutes();
  const admin = new AdminRoutes();
  registerCoreAdmin(admin, controls);
  for (const part of parts) part.register(routes, admin);

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string, rawQuery: string, body: string) {
    const method = (req.method ?? "GET").toUpperCase();
    const fault = faults.take(method, path);
    let accountSid: string | undefined;
    let status: number;
    const answer = (send: () => number): number => {
      if (fault?.kind !== "drop") return send();
      req.socket.destroy(); // the work is done, the answer is lost
      return 0;
    };
    try {
      if (fault?.kind === "latency") await sleep(fault.ms);
      if (fault?.kind === "status") throw faultError(fault);
      const { account, via } = authenticate(req.headers.authorization, state);
      accountSid = account.sid;
      const { handler, pathParams } = routes.route(method, path);
      const result = await handler({
        method,
        path,
        pathParams,
        query: Params.parse(rawQuery, "query"),
        form: Params.parse(method === "POST" ? formText(req, body) : "", "post body"),
        account,
        via,
        store: state.store(account.sid),
        state,
        baseUrl: `http://${req.headers.host ?? address}`,
        s3Endpoint: opts.s3Endpoint,
        video,
      });
      status = answer(() => renderResult(res, result));
      if (fault?.kind === "drop") status = result.status;
    } catch (failure) {
      status = answer(() => renderError(res, failure));
      if (fault?.kind === "drop") status = failure instanceof EmulatorError ? failure.status : 500;
    }
    log.record({ method, path, query: rawQuery, status, accountSid, faulted: fault?.kind });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = requestUrl(req.url);
      const body = await readBody(req);
      if (url.pathname.startsWith(ADMIN_PREFIX)) {
        renderResult(res, await admin.handle(req, url, body, { state, video, baseUrl: `http://${req.headers.host ?? address}` }));
        return;
      }
      await handleApi(req, res, url.pathname, url.search.slice(1), body);
    } catch (failure) {
      if (!res.headersSent && !res.destroyed) renderError(res, failure);
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  // Requests Node's parser refuses (oversized headers, garbage request lines) still get Twilio's
  // error shape; the socket may already be gone, and must never take the server down.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return void socket.destroy();
    const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
    const answer = tooLarge
      ? new EmulatorError(431, ERROR_CODES.headersTooLarge, "Request headers are too large")
      : new EmulatorError(400, ERROR_CODES.malformedRequest, "Malformed HTTP request");
    socket.end(rawErrorResponse(answer));
  });
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const address = `${host.includes(":") ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`;

  return {
    url: `http://${address}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    ...controls,
  };
}
