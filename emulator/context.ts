/** What a route handler receives and returns. */
import type { Params } from "./params";
import type { AccountRecord, AccountStore, EmulatorState } from "./state";

export interface RequestContext {
  method: string;
  path: string;
  /** Captures of the route pattern, e.g. the SID. */
  pathParams: string[];
  query: Params;
  form: Params;
  account: AccountRecord;
  store: AccountStore;
  state: EmulatorState;
  /** http://HOST:PORT as the client addressed us, for absolute `url` fields. */
  baseUrl: string;
  s3Endpoint?: string;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
}

export type Handler = (ctx: RequestContext) => HandlerResult | Promise<HandlerResult>;
