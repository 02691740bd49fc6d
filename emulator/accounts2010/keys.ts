/**
 * API v2010 Keys: Standard API keys of an account the caller may reach. The secret is answered
 * once, by the create; a key authenticates as its account (core/auth.ts) until it is deleted.
 */
import { randomBytes } from "crypto";
import type { Handler, RequestContext } from "../core/context";
import { EmulatorError } from "../core/errors";
import { paginate2010 } from "../core/paging";
import { newSid, twilioNow, type AccountRecord, type ApiKeyRecord } from "../core/state";
import { API2010_SID, FRIENDLY_NAME_MAX, rfc2822 } from "../rules/api2010";
import { reachableAccount } from "./common";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** 32 letters and digits (the form is our assumption: Twilio documents none). */
function newSecret(): string {
  return [...randomBytes(32)].map((byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join("");
}

/** [spec] api.v2010.account.key (api.v2010.account.new_key adds `secret`). */
function render(key: ApiKeyRecord): Record<string, unknown> {
  return { sid: key.sid, friendly_name: key.friendlyName, date_created: rfc2822(key.dateCreated), date_updated: rfc2822(key.dateUpdated) };
}

function find(ctx: RequestContext): { account: AccountRecord; key: ApiKeyRecord } {
  const account = reachableAccount(ctx, ctx.pathParams[0]);
  const sid = ctx.pathParams[1];
  const key = API2010_SID.key.test(sid) ? account.apiKeys.find((k) => k.sid === sid) : undefined;
  if (!key) throw EmulatorError.notFound(ctx.path);
  return { account, key };
}

export const createKey: Handler = (ctx) => {
  const account = reachableAccount(ctx, ctx.pathParams[0]);
  const now = twilioNow();
  const key: ApiKeyRecord = {
    sid: newSid("SK"),
    secret: newSecret(),
    friendlyName: ctx.form.text("FriendlyName", FRIENDLY_NAME_MAX.key) ?? null,
    dateCreated: now,
    dateUpdated: now,
  };
  ctx.state.mutate(() => account.apiKeys.push(key));
  return { status: 201, body: { ...render(key), secret: key.secret } };
};

export const listKeys: Handler = (ctx) => {
  const { page, paging } = paginate2010(ctx, reachableAccount(ctx, ctx.pathParams[0]).apiKeys, []);
  return { status: 200, body: { keys: page.map(render), ...paging } };
};

export const fetchKey: Handler = (ctx) => ({ status: 200, body: render(find(ctx).key) });

export const updateKey: Handler = (ctx) => {
  const { key } = find(ctx);
  const name = ctx.form.text("FriendlyName", FRIENDLY_NAME_MAX.key);
  ctx.state.mutate(() => Object.assign(key, { friendlyName: name ?? key.friendlyName, dateUpdated: twilioNow() }));
  return { status: 200, body: render(key) };
};

export const deleteKey: Handler = (ctx) => {
  const { account, key } = find(ctx);
  ctx.state.mutate(() => account.apiKeys.splice(account.apiKeys.indexOf(key), 1));
  return { status: 204 };
};
