/** What a route handler receives and returns. */
import type { Caller } from "./auth";
import type { Params } from "./params";
import type { VideoSimulation } from "../video/simulation/engine";
import type { AccountRecord, AccountStore, EmulatorState } from "./state";

export interface RequestContext {
  method: string;
  path: string;
  /** Captures of the route pattern, e.g. the SID. */
  pathParams: string[];
  query: Params;
  form: Params;
  account: AccountRecord;
  /** Which of the account's credentials the request used. */
  via: Caller["via"];
  store: AccountStore;
  state: EmulatorState;
  /** http://HOST:PORT as the client addressed us, for absolute `url` fields. */
  baseUrl: string;
  s3Endpoint?: string;
  /** The Video runtime simulation (rooms, recordings, compositions, clock, callbacks). */
  video: VideoSimulation;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
  /** Extra response headers (e.g. Location of a /Media redirect). */
  headers?: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => HandlerResult | Promise<HandlerResult>;
