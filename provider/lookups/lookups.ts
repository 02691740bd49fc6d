import { compositionHookSpec } from "../resources/compositionHook/schema";
import { liveConfiguration } from "../resources/kit/twilioFields";
import { compositionSettingsSpec, recordingSettingsSpec } from "../resources/videoSettings/schema";
import { isNotFound, type CompositionHook, type Credential, type VideoSettings } from "../twilio";
import { SID } from "../twilio/rules";
import type * as pulumi from "@pulumi/pulumi";
import type { CompositionHookConfiguration, CompositionSettingsConfiguration } from "../types";
import { lookup, type LookupContext } from "./run";
import { lookupError } from "./settings";
import type {
  AwsCredentialResult,
  AwsCredentialsResult,
  CompositionHookResult,
  CompositionHooksResult,
  CompositionSettingsResult,
  Dates,
  GetCompositionHookArgs,
  GetCompositionHooksArgs,
  Inputs,
  LookupOptions,
  NoArgs,
  Outputted,
  Promised,
  PublicKeyResult,
  PublicKeysResult,
  RecordingSettingsResult,
  VideoSettingsResult,
} from "./types";

const dates = (live: { dateCreated: string; dateUpdated: string | null }): Dates => ({
  dateCreated: live.dateCreated,
  ...(live.dateUpdated ? { dateUpdated: live.dateUpdated } : {}),
});

function hookResult(live: CompositionHook): CompositionHookResult {
  const configuration = liveConfiguration(compositionHookSpec, live) as unknown as CompositionHookConfiguration;
  return { sid: live.sid, accountSid: live.accountSid, ...configuration, ...dates(live) };
}

function settingsResult(spec: typeof compositionSettingsSpec | typeof recordingSettingsSpec, live: VideoSettings): VideoSettingsResult {
  const { friendlyName, ...rest } = liveConfiguration(spec, live) as unknown as CompositionSettingsConfiguration;
  return { accountSid: live.accountSid, ...(friendlyName ? { friendlyName } : {}), ...rest, configured: friendlyName !== "" };
}

function credentialResult(live: Credential): AwsCredentialResult & PublicKeyResult {
  return { sid: live.sid, accountSid: live.accountSid, ...(live.friendlyName ? { friendlyName: live.friendlyName } : {}), ...dates(live) };
}

function noArgs(name: string) {
  return (args: object | undefined) => {
    const given = Object.keys(args ?? {});
    if (given.length) throw lookupError(name, `takes no arguments, got ${given.join(", ")}`);
  };
}

const isString = (v: unknown): v is string => typeof v === "string" && v !== "";

const hook = lookup<GetCompositionHookArgs, CompositionHookResult>(
  "getCompositionHook",
  (args) => {
    const { sid, friendlyName } = args ?? {};
    if ((sid === undefined) === (friendlyName === undefined)) {
      throw lookupError("getCompositionHook", "exactly one of sid and friendlyName must be given");
    }
    if (sid !== undefined && !(typeof sid === "string" && SID.hook.test(sid))) {
      throw lookupError("getCompositionHook", "sid must be a composition hook SID matching ^HK[0-9a-fA-F]{32}$");
    }
    if (friendlyName !== undefined && !isString(friendlyName)) {
      throw lookupError("getCompositionHook", "friendlyName must be a non-empty string");
    }
  },
  async ({ sid, friendlyName }, ctx) =>
    hookResult(ctx.own(`composition hook ${sid ?? friendlyName}`, await findHook(sid, friendlyName, ctx))),
);

async function findHook(sid: string | undefined, friendlyName: string | undefined, ctx: LookupContext): Promise<CompositionHook> {
  const missing = () =>
    lookupError("getCompositionHook", `no composition hook ${sid ?? `named "${friendlyName}"`} in account ${ctx.accountSid}`);
  if (sid !== undefined) {
    try {
      return await ctx.client.video.compositionHooks.fetch(sid);
    } catch (e) {
      if (isNotFound(e)) throw missing();
      throw e;
    }
  }
  // Twilio's filter is case-insensitive with `*` wildcards: the hook is the one named exactly so.
  const named = (await ctx.client.video.compositionHooks.list({ friendlyName })).filter((h) => h.friendlyName === friendlyName);
  if (named.length === 0) throw missing();
  return named[0];
}

const hooks = lookup<GetCompositionHooksArgs, CompositionHooksResult>(
  "getCompositionHooks",
  (args) => {
    const { friendlyName, ...rest } = args ?? {};
    noArgs("getCompositionHooks")(rest);
    if (friendlyName !== undefined && !isString(friendlyName)) {
      throw lookupError("getCompositionHooks", "friendlyName must be a non-empty string");
    }
  },
  async ({ friendlyName }, ctx) => {
    const live = await ctx.client.video.compositionHooks.list(friendlyName === undefined ? {} : { friendlyName });
    return { accountSid: ctx.accountSid, hooks: live.map((h) => hookResult(ctx.own(`composition hook ${h.sid}`, h))) };
  },
);

const compositionSettings = lookup<NoArgs, CompositionSettingsResult>(
  "getCompositionSettings",
  noArgs("getCompositionSettings"),
  async (_, ctx) =>
    settingsResult(compositionSettingsSpec, ctx.own("composition settings", await ctx.client.video.compositionSettings.fetch())),
);

const recordingSettings = lookup<NoArgs, RecordingSettingsResult>("getRecordingSettings", noArgs("getRecordingSettings"), async (_, ctx) =>
  settingsResult(recordingSettingsSpec, ctx.own("recording settings", await ctx.client.video.recordingSettings.fetch())),
);

const awsCredentials = lookup<NoArgs, AwsCredentialsResult>("getAwsCredentials", noArgs("getAwsCredentials"), async (_, ctx) => ({
  accountSid: ctx.accountSid,
  credentials: (await ctx.client.accounts.awsCredentials.list()).map((c) => credentialResult(ctx.own(`AWS credential ${c.sid}`, c))),
}));

const publicKeys = lookup<NoArgs, PublicKeysResult>("getPublicKeys", noArgs("getPublicKeys"), async (_, ctx) => ({
  accountSid: ctx.accountSid,
  publicKeys: (await ctx.client.accounts.publicKeys.list()).map((c) => credentialResult(ctx.own(`public key ${c.sid}`, c))),
}));

/**
 * A composition hook of the account, by `sid` or by exact `friendlyName`: `{ sid, accountSid,
 * ...its configuration, dateCreated, dateUpdated? }`, the configuration under the resource's input names.
 */
export const getCompositionHook: (args: GetCompositionHookArgs, opts?: LookupOptions) => Promise<CompositionHookResult> = hook.promise;
/** {@link getCompositionHook} as an Output: unknown while its args, or the Provider's values, are. */
export const getCompositionHookOutput: (
  args: Inputs<GetCompositionHookArgs>,
  opts?: LookupOptions,
) => pulumi.Output<CompositionHookResult> = hook.output;
/** Every composition hook of the account, newest first (or those Twilio's `friendlyName` filter matches). */
export const getCompositionHooks: Promised<GetCompositionHooksArgs, CompositionHooksResult> = hooks.promise;
/** {@link getCompositionHooks} as an Output. */
export const getCompositionHooksOutput: Outputted<GetCompositionHooksArgs, CompositionHooksResult> = hooks.output;
/** The account's composition settings (`/v1/CompositionSettings/Default`). */
export const getCompositionSettings: Promised<NoArgs, CompositionSettingsResult> = compositionSettings.promise;
/** {@link getCompositionSettings} as an Output. */
export const getCompositionSettingsOutput: Outputted<NoArgs, CompositionSettingsResult> = compositionSettings.output;
/** The account's recording settings (`/v1/RecordingSettings/Default`). */
export const getRecordingSettings: Promised<NoArgs, RecordingSettingsResult> = recordingSettings.promise;
/** {@link getRecordingSettings} as an Output. */
export const getRecordingSettingsOutput: Outputted<NoArgs, RecordingSettingsResult> = recordingSettings.output;
/** Every AWS credential of the account (Accounts `/v1/Credentials/AWS`); Twilio never returns a key or secret. */
export const getAwsCredentials: Promised<NoArgs, AwsCredentialsResult> = awsCredentials.promise;
/** {@link getAwsCredentials} as an Output. */
export const getAwsCredentialsOutput: Outputted<NoArgs, AwsCredentialsResult> = awsCredentials.output;
/** Every public key of the account (Accounts `/v1/Credentials/PublicKeys`); Twilio never returns the PEM. */
export const getPublicKeys: Promised<NoArgs, PublicKeysResult> = publicKeys.promise;
/** {@link getPublicKeys} as an Output. */
export const getPublicKeysOutput: Outputted<NoArgs, PublicKeysResult> = publicKeys.output;
