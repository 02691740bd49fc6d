/**
 * What the Accounts and Keys handlers share: who may use these paths, on which account
 * (rules/documented.ts, ACCOUNT_FACTS' sources): an account's auth token only (Standard API keys
 * may not), on the account itself or one of its subaccounts. Anything else is Twilio's 20003 (401),
 * whether or not the account exists.
 */
import type { RequestContext } from "../core/context";
import { EmulatorError } from "../core/errors";
import type { AccountRecord } from "../core/state";
import { API2010_SID } from "../rules/api2010";

export function requireAuthToken(ctx: RequestContext): void {
  if (ctx.via !== "authToken") throw EmulatorError.unauthenticated();
}

/** The account `sid` names, if the caller may reach it; a SID off the spec's pattern names nothing (404). */
export function reachableAccount(ctx: RequestContext, sid: string): AccountRecord {
  requireAuthToken(ctx);
  if (!API2010_SID.account.test(sid)) throw EmulatorError.notFound(ctx.path);
  const account = ctx.state.account(sid);
  if (!account || (account.sid !== ctx.account.sid && account.parentSid !== ctx.account.sid)) throw EmulatorError.unauthenticated();
  return account;
}
