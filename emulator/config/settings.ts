/**
 * Video v1 CompositionSettings/Default and RecordingSettings/Default: one singleton per account
 * and kind. GET of settings never configured returns storage and encryption off. POST replaces the
 * whole object and answers 200, as the current spec says (twilio-oai 2.2.1 of 2025-03-20 changed it
 * from 201; clients should accept both).
 */
import type { Handler, RequestContext } from "../core/context";
import { EmulatorError, ERROR_CODES } from "../core/errors";
import { checkS3Write } from "./s3StorageCheck";
import type { Params } from "../core/params";
import type { AccountStore, AwsCredentialRecord, SettingsKind, SettingsRecord } from "../core/state";
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
 * Every settings rule on a parameter set, shared by the route and console seeds (./consoleSeed.ts);
 * the S3 storage check is the route's own step after it (it needs the network), so the enabled
 * storage's credential comes back with the settings. Referenced SIDs must exist in this account
 * only when the feature using them is enabled, so a "disable storage" POST still succeeds after
 * the credential was deleted.
 */
export function validateSettings(
  form: Params,
  store: AccountStore,
  accountSid: string,
): { settings: SettingsRecord; storageCredential?: AwsCredentialRecord } {
  const [friendlyName] = SPEC.required().map((name) => form.required(name));
  const awsCredentialsSid = form.matching("AwsCredentialsSid", SPEC.pattern("AwsCredentialsSid"), "a CR SID") ?? null;
  const encryptionKeySid = form.matching("EncryptionKeySid", SPEC.pattern("EncryptionKeySid"), "a CR SID") ?? null;
  const awsS3Url = form.string("AwsS3Url") ?? null;
  const urlRule = awsS3Url === null ? undefined : awsS3UrlProblem(awsS3Url);
  if (urlRule) throw EmulatorError.invalid("AwsS3Url", urlRule);
  const awsStorageEnabled = form.boolean("AwsStorageEnabled") ?? false;
  const encryptionEnabled = form.boolean("EncryptionEnabled") ?? false;

  let storageCredential: AwsCredentialRecord | undefined;
  if (awsStorageEnabled) {
    const missing = [awsCredentialsSid ? "" : "AwsCredentialsSid", awsS3Url ? "" : "AwsS3Url"].filter(Boolean);
    if (missing.length > 0) {
      throw EmulatorError.badRequest(
        ERROR_CODES.storageIncomplete,
        `Missing required parameter ${missing.join(" and ")}: AwsStorageEnabled=true needs AwsCredentialsSid and AwsS3Url`,
      );
    }
    storageCredential = store.awsCredentials.find((c) => c.sid === awsCredentialsSid);
    if (!storageCredential) {
      throw EmulatorError.badRequest(
        ERROR_CODES.unknownCredential,
        `Invalid parameter AwsCredentialsSid: ${awsCredentialsSid} is not an AWS credential of account ${accountSid}`,
      );
    }
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
        `Invalid parameter EncryptionKeySid: ${encryptionKeySid} is not a public key of account ${accountSid}`,
      );
    }
  }
  const settings = { friendlyName, awsCredentialsSid, awsS3Url, awsStorageEnabled, encryptionKeySid, encryptionEnabled };
  return { settings, storageCredential };
}

export function settingsHandlers(kind: SettingsKind): { fetch: Handler; update: Handler } {
  return {
    fetch: (ctx) => ({ status: 200, body: renderSettings(ctx, kind, ctx.store[kind] ?? UNCONFIGURED) }),
    update: async (ctx) => {
      const { settings, storageCredential } = validateSettings(ctx.form, ctx.store, ctx.account.sid);
      if (storageCredential && ctx.s3Endpoint) await checkS3Write(ctx.s3Endpoint, settings.awsS3Url as string, storageCredential);
      ctx.state.mutate(() => {
        ctx.store[kind] = settings;
      });
      return { status: 200, body: renderSettings(ctx, kind, settings) };
    },
  };
}
