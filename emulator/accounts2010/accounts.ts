/**
 * API v2010 Accounts: the caller's own account and its subaccounts. Create (by a main account),
 * list (the caller, then its subaccounts), fetch, and update (FriendlyName; a subaccount's Status,
 * by its parent, closing for good). Dates are RFC 2822, URIs relative to the host.
 */
import { randomBytes } from "crypto";
import type { Handler, RequestContext } from "../core/context";
import { EmulatorError, ERROR_CODES } from "../core/errors";
import { paginate2010 } from "../core/paging";
import { newAccountFields, newSid, twilioNow, type AccountRecord } from "../core/state";
import { ACCOUNT_STATUSES, ACCOUNT_TYPE, FRIENDLY_NAME_MAX, rfc2822, subresourceUris, type AccountStatus } from "../rules/api2010";
import { ACCOUNT_FACTS } from "../rules/documented";
import { reachableAccount, requireAuthToken } from "./common";

/** [spec] api.v2010.account. */
function render(account: AccountRecord): Record<string, unknown> {
  return {
    auth_token: account.authToken,
    date_created: rfc2822(account.dateCreated),
    date_updated: rfc2822(account.dateUpdated),
    friendly_name: account.friendlyName,
    owner_account_sid: account.parentSid ?? account.sid,
    sid: account.sid,
    status: account.status,
    subresource_uris: subresourceUris(account.sid),
    type: ACCOUNT_TYPE,
    uri: `/2010-04-01/Accounts/${account.sid}.json`,
  };
}

export const createAccount: Handler = (ctx) => {
  requireAuthToken(ctx);
  if (ctx.account.parentSid !== undefined) {
    throw EmulatorError.badRequest(ERROR_CODES.nestedSubaccount, "Subaccounts cannot contain subaccounts");
  }
  const name = ctx.form.text("FriendlyName", FRIENDLY_NAME_MAX.account);
  if (ctx.state.subaccounts(ctx.account.sid).length >= ACCOUNT_FACTS.maxSubaccounts) {
    throw EmulatorError.badRequest(ERROR_CODES.subaccountLimit, "Reached maximum number of subaccounts");
  }
  const fields = newAccountFields(ctx.account.sid, twilioNow());
  const account: AccountRecord = {
    sid: newSid("AC"),
    authToken: randomBytes(16).toString("hex"),
    parentSid: ctx.account.sid,
    apiKeys: [],
    ...fields,
    friendlyName: name ?? fields.friendlyName,
  };
  ctx.state.mutate(() => ctx.state.insertAccount(account));
  return { status: 201, body: render(account) };
};

export const listAccounts: Handler = (ctx) => {
  requireAuthToken(ctx);
  const name = ctx.query.string("FriendlyName");
  const status = ctx.query.oneOf("Status", ACCOUNT_STATUSES);
  const accounts = [ctx.account, ...ctx.state.subaccounts(ctx.account.sid)].filter(
    (account) => (name === undefined || account.friendlyName === name) && (status === undefined || account.status === status),
  );
  const filters: [string, string][] = [];
  for (const filter of ["FriendlyName", "Status"]) {
    const value = ctx.query.string(filter);
    if (value !== undefined) filters.push([filter, value]);
  }
  const { page, paging } = paginate2010(ctx, accounts, filters);
  return { status: 200, body: { accounts: page.map(render), ...paging } };
};

export const fetchAccount: Handler = (ctx) => ({ status: 200, body: render(reachableAccount(ctx, ctx.pathParams[0])) });

/** The Status an update may set on `account`, by the caller ([2xxxx], [statusguide]). */
function newStatus(ctx: RequestContext, account: AccountRecord): AccountStatus | undefined {
  const status = ctx.form.string("Status");
  if (status === undefined) return undefined;
  if (!(ACCOUNT_STATUSES as readonly string[]).includes(status)) {
    throw EmulatorError.badRequest(
      ERROR_CODES.accountStatusInvalid,
      `Unable to update Status, invalid Status: must be one of ${ACCOUNT_STATUSES.join(", ")}`,
    );
  }
  if (account.parentSid === undefined) {
    throw EmulatorError.badRequest(
      ERROR_CODES.mainAccountStatus,
      "Unable to update Status for parent accounts, status updates restricted to subaccounts only",
    );
  }
  if (account.sid === ctx.account.sid) throw EmulatorError.unauthenticated(); // the parent's credentials change a subaccount's status
  if (account.status === "closed") {
    throw EmulatorError.badRequest(
      ERROR_CODES.accountClosed,
      "Unable to update Status for subaccount, subaccount is closed and can not be re-opened",
    );
  }
  return status as AccountStatus;
}

export const updateAccount: Handler = (ctx) => {
  const account = reachableAccount(ctx, ctx.pathParams[0]);
  const name = ctx.form.text("FriendlyName", FRIENDLY_NAME_MAX.account);
  const status = newStatus(ctx, account);
  ctx.state.mutate(() =>
    Object.assign(account, { friendlyName: name ?? account.friendlyName, status: status ?? account.status, dateUpdated: twilioNow() }),
  );
  return { status: 200, body: render(account) };
};
