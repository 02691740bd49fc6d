/**
 * Video v1 CompositionSettings/Default and RecordingSettings/Default: one singleton per account
 * and kind. GET of settings never configured returns storage and encryption off. POST replaces the
 * whole object and answers 200, as the current spec says (twilio-oai 2.2.1 of 2025-03-20 changed it
 * from 201; clients should accept both).
 */
import type { Handler, RequestContext } from "../core/context";
import { EmulatorError, ERROR_CODES } from "../core/errors";
import { checkS3Write } from "./s3StorageCheck";
import type { SettingsKind, SettingsRecord } from "../core/state";
import { awsS3UrlProblem, VIDEO_OPS } from "../rules/videoV1";

const SPEC = VIDEO_OPS.createSettings;

const UNCONFIGURED: SettingsRecord = {
  friendlyName: null,
  awsCredentialsSid: null,
  awsS3Url: null,
  awsStorageEnabled: false,
  encryptionKeySid: null,
  encryptionEnabled: false,
};

const PATHS: Record<SettingsKind, string> = {
  compositionSettings: "/v1/CompositionSettings/Default",
  recordingSettings: "/v1/RecordingSettings/Default",
};

function renderSettings(ctx: RequestContext, kind: SettingsKind, settings: SettingsRecord): Record<string, unknown> {
  return {
    account_sid: ctx.account.sid,
    friendly_name: settings.friendlyName,
    aws_credentials_sid: settings.awsCredentialsSid,
    aws_s3_url: settings.awsS3Url,
    aws_storage_enabled: settings.awsStorageEnabled,
    encryption_key_sid: settings.encryptionKeySid,
    encryption_enabled: settings.encryptionEnabled,
    url: `${ctx.baseUrl}${PATHS[kind]}`,
  };
}

/**
 * Referenced SIDs must exist in this account only when the feature using them is enabled, so a
 * "disable storage" POST still succeeds after the credential was deleted.
 */
async function validateSettings(ctx: RequestContext): Promise<SettingsRecord> {
  const { form, store } = ctx;
  const [friendlyName] = SPEC.required().map((name) => form.required(name));
  const awsCredentialsSid = form.matching("AwsCredentialsSid", SPEC.pattern("AwsCredentialsSid"), "a CR SID") ?? null;
  const encryptionKeySid = form.matching("EncryptionKeySid", SPEC.pattern("EncryptionKeySid"), "a CR SID") ?? null;
  const awsS3Url = form.string("AwsS3Url") ?? null;
  const urlRule = awsS3Url === null ? undefined : awsS3UrlProblem(awsS3Url);
  if (urlRule) throw EmulatorError.invalid("AwsS3Url", urlRule);
  const awsStorageEnabled = form.boolean("AwsStorageEnabled") ?? false;
  const encryptionEnabled = form.boolean("EncryptionEnabled") ?? false;

  if (awsStorageEnabled) {
    const missing = [awsCredentialsSid ? "" : "AwsCredentialsSid", awsS3Url ? "" : "AwsS3Url"].filter(Boolean);
    if (missing.length > 0) {
      throw EmulatorError.badRequest(
        ERROR_CODES.storageIncomplete,
        `Missing required parameter ${missing.join(" and ")}: AwsStorageEnabled=true needs AwsCredentialsSid and AwsS3Url`,
      );
    }
    const credential = store.awsCredentials.find((c) => c.sid === awsCredentialsSid);
    if (!credential) {
      throw EmulatorError.badRequest(
        ERROR_CODES.unknownCredential,
        `Invalid parameter AwsCredentialsSid: ${awsCredentialsSid} is not an AWS credential of account ${ctx.account.sid}`,
      );
    }
    if (ctx.s3Endpoint) await checkS3Write(ctx.s3Endpoint, awsS3Url as string, credential);
  }
  if (encryptionEnabled) {
    if (!encryptionKeySid) {
      throw EmulatorError.badRequest(
        ERROR_CODES.storageIncomplete,
        "Missing required parameter EncryptionKeySid: EncryptionEnabled=true needs EncryptionKeySid",
      );
    }
    if (!store.publicKeys.some((k) => k.sid === encryptionKeySid)) {
      throw EmulatorError.badRequest(
        ERROR_CODES.unknownCredential,
        `Invalid parameter EncryptionKeySid: ${encryptionKeySid} is not a public key of account ${ctx.account.sid}`,
      );
    }
  }
  return { friendlyName, awsCredentialsSid, awsS3Url, awsStorageEnabled, encryptionKeySid, encryptionEnabled };
}

export function settingsHandlers(kind: SettingsKind): { fetch: Handler; update: Handler } {
  return {
    fetch: (ctx) => ({ status: 200, body: renderSettings(ctx, kind, ctx.store[kind] ?? UNCONFIGURED) }),
    update: async (ctx) => {
      const settings = await validateSettings(ctx);
      ctx.state.mutate(() => {
        ctx.store[kind] = settings;
      });
      return { status: 200, body: renderSettings(ctx, kind, settings) };
    },
  };
}
