/**
 * Accounts v1 Credentials/AWS and Credentials/PublicKeys. Both share one shape; the secret
 * material (AWS secret key, PEM) is stored but never rendered.
 */
import type { Handler, RequestContext } from "../core/context";
import { EmulatorError, ERROR_CODES } from "../core/errors";
import { paginate } from "../core/paging";
import type { Params } from "../core/params";
import { newSid, twilioNow, type AccountStore, type AwsCredentialRecord, type PublicKeyRecord } from "../core/state";
import { ACCOUNTS_SID, awsCredentialsProblem, CREDENTIAL_FRIENDLY_NAME_MAX, publicKeyProblem } from "../rules/accountsV1";

type CredentialRecord = AwsCredentialRecord | PublicKeyRecord;
export type CredentialFamily = "awsCredentials" | "publicKeys";

const PATHS: Record<CredentialFamily, string> = { awsCredentials: "/v1/Credentials/AWS", publicKeys: "/v1/Credentials/PublicKeys" };

type CredentialFields = { friendlyName: string | null } & ({ accessKeyId: string; secretAccessKey: string } | { publicKey: string });

function friendlyName(form: Params): string | null {
  return form.text("FriendlyName", CREDENTIAL_FRIENDLY_NAME_MAX) ?? null;
}

/** AccountSid may name the authenticated account or one of its subaccounts, nothing else. */
function targetAccount(ctx: RequestContext): { sid: string; store: AccountStore } {
  const sid = ctx.form.matching("AccountSid", ACCOUNTS_SID.account, "an AC SID");
  if (sid === undefined || sid === ctx.account.sid) return { sid: ctx.account.sid, store: ctx.store };
  if (!ctx.state.isSubaccountOf(sid, ctx.account.sid)) {
    throw new EmulatorError(403, ERROR_CODES.forbidden, `Invalid parameter AccountSid: ${sid} is not a subaccount of ${ctx.account.sid}`);
  }
  return { sid, store: ctx.state.store(sid) };
}

/**
 * The secret material of a new credential, validated as Twilio does (70101-70104 for public keys,
 * 70106 for AWS keys) without ever echoing it.
 */
function material(family: CredentialFamily, form: Params): { accessKeyId: string; secretAccessKey: string } | { publicKey: string } {
  if (family === "publicKeys") {
    const publicKey = form.required("PublicKey");
    const problem = publicKeyProblem(publicKey);
    if (problem) throw EmulatorError.badRequest(problem.code, `Invalid parameter PublicKey: the public key ${problem.rule}`);
    return { publicKey };
  }
  const credentials = form.required("Credentials");
  const colon = credentials.indexOf(":");
  const accessKeyId = colon < 0 ? credentials : credentials.slice(0, colon);
  const secretAccessKey = colon < 0 ? "" : credentials.slice(colon + 1);
  const problem = colon < 0 ? "must be ACCESS_KEY_ID:SECRET_ACCESS_KEY" : awsCredentialsProblem(accessKeyId, secretAccessKey);
  if (problem) throw EmulatorError.badRequest(ERROR_CODES.invalidAwsCredentials, `Invalid parameter Credentials: ${problem}`);
  return { accessKeyId, secretAccessKey };
}

/**
 * Every rule of a create's parameters but AccountSid (which account the credential goes to):
 * shared by the route and console seeds (./consoleSeed.ts).
 */
export function validateCredential(family: CredentialFamily, form: Params): CredentialFields {
  const secretMaterial = material(family, form);
  return { friendlyName: friendlyName(form), ...secretMaterial };
}

function render(ctx: RequestContext, family: CredentialFamily, ownerSid: string, record: CredentialRecord): Record<string, unknown> {
  return {
    sid: record.sid,
    account_sid: ownerSid,
    friendly_name: record.friendlyName,
    date_created: record.dateCreated,
    date_updated: record.dateUpdated,
    url: `${ctx.baseUrl}${PATHS[family]}/${record.sid}`,
  };
}

function find(ctx: RequestContext, family: CredentialFamily): CredentialRecord {
  const sid = ctx.pathParams[0];
  const list: CredentialRecord[] = ctx.store[family];
  const record = ACCOUNTS_SID.credential.test(sid) ? list.find((c) => c.sid === sid) : undefined;
  if (!record) throw EmulatorError.notFound(`${PATHS[family]}/${sid}`);
  return record;
}

export function credentialHandlers(family: CredentialFamily): Record<"create" | "fetch" | "update" | "remove" | "list", Handler> {
  return {
    create: (ctx) => {
      const fields = validateCredential(family, ctx.form);
      const owner = targetAccount(ctx);
      const now = twilioNow();
      const record = { sid: newSid("CR"), ...fields, dateCreated: now, dateUpdated: now };
      ctx.state.mutate(() => (owner.store[family] as CredentialRecord[]).push(record as CredentialRecord));
      return { status: 201, body: render(ctx, family, owner.sid, record as CredentialRecord) };
    },
    fetch: (ctx) => ({ status: 200, body: render(ctx, family, ctx.account.sid, find(ctx, family)) }),
    update: (ctx) => {
      const record = find(ctx, family);
      const name = friendlyName(ctx.form);
      ctx.state.mutate(() => Object.assign(record, { friendlyName: name ?? record.friendlyName, dateUpdated: twilioNow() }));
      return { status: 200, body: render(ctx, family, ctx.account.sid, record) };
    },
    remove: (ctx) => {
      const record = find(ctx, family);
      const list: CredentialRecord[] = ctx.store[family];
      ctx.state.mutate(() => list.splice(list.indexOf(record), 1));
      return { status: 204 };
    },
    list: (ctx) => {
      const { page, meta } = paginate<CredentialRecord>(ctx, ctx.store[family], "credentials", []);
      return { status: 200, body: { credentials: page.map((r) => render(ctx, family, ctx.account.sid, r)), meta } };
    },
  };
}
