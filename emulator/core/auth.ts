/**
 * HTTP Basic auth: Account SID + auth token, or API key SID + secret (the key's account). Only an
 * active account authenticates (a suspended or closed one, or one under an inactive parent, does not).
 */
import { timingSafeEqual } from "crypto";
import { EmulatorError } from "./errors";
import type { AccountRecord, EmulatorState } from "./state";

/** Who made a request: the account, and with which of its credentials. */
export interface Caller {
  account: AccountRecord;
  via: "authToken" | "apiKey";
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function caller(header: string | undefined, state: EmulatorState): Caller | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  const account = state.account(user);
  if (account && sameSecret(password, account.authToken)) return { account, via: "authToken" };
  const key = state.apiKey(user);
  if (key && sameSecret(password, key.secret)) return { account: key.account, via: "apiKey" };
  return undefined;
}

export function authenticate(header: string | undefined, state: EmulatorState): Caller {
  const found = caller(header, state);
  if (!found || !state.isActive(found.account)) throw EmulatorError.unauthenticated();
  return found;
}
