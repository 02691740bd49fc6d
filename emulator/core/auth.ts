/** HTTP Basic auth: Account SID + auth token, or API key SID + secret (the key's account). */
import { timingSafeEqual } from "crypto";
import { EmulatorError, ERROR_CODES } from "./errors";
import type { AccountRecord, EmulatorState } from "./state";

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function authenticate(header: string | undefined, state: EmulatorState): AccountRecord {
  const unauthenticated = new EmulatorError(401, ERROR_CODES.unauthenticated, "Authenticate", {
    "WWW-Authenticate": 'Basic realm="Twilio API"',
  });
  const match = /^Basic\s+(\S+)$/i.exec(header ?? "");
  if (!match) throw unauthenticated;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw unauthenticated;
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  const account = state.account(user);
  if (account && sameSecret(password, account.authToken)) return account;
  const key = state.apiKey(user);
  if (key && sameSecret(password, key.secret)) return key.account;
  throw unauthenticated;
}
