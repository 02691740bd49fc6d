export {
  ApiKey,
  ApiKeyArgs,
  AwsCredential,
  AwsCredentialArgs,
  CompositionHook,
  CompositionHookArgs,
  CompositionSettings,
  CompositionSettingsArgs,
  Provider,
  ProviderArgs,
  PublicKey,
  PublicKeyArgs,
  RecordingSettings,
  RecordingSettingsArgs,
  Subaccount,
  SubaccountArgs,
} from "./resources";
export { RecordingBucketArgs } from "./components/recordingBucket";
import type * as recordingBucket from "./components/recordingBucket";

// The RecordingBucket component is built on @pulumi/aws, whose modules take ~0.3 s to load: a
// program that declares only Twilio resources should not pay for them, so the component's module
// is loaded on first use.
export type RecordingBucket = recordingBucket.RecordingBucket;
export type RecordingBucketArgsError = recordingBucket.RecordingBucketArgsError;
export declare const RecordingBucket: typeof recordingBucket.RecordingBucket;
export declare const RecordingBucketArgsError: typeof recordingBucket.RecordingBucketArgsError;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
const loadRecordingBucket = (): typeof recordingBucket => require("./components/recordingBucket");
for (const name of ["RecordingBucket", "RecordingBucketArgsError"] as const) {
  Object.defineProperty(exports, name, { enumerable: true, get: () => loadRecordingBucket()[name] });
}

// Lookups (getX / getXOutput) read objects this program does not manage. Their module is loaded on
// first use too, so a program that makes none loads nothing more than before.
export type {
  AwsCredentialResult,
  AwsCredentialsResult,
  CompositionHookResult,
  CompositionHooksResult,
  CompositionSettingsResult,
  GetCompositionHookArgs,
  GetCompositionHooksArgs,
  LookupOptions,
  NoArgs,
  PublicKeyResult,
  PublicKeysResult,
  RecordingSettingsResult,
  VideoSettingsResult,
} from "./lookups";
import type * as lookups from "./lookups";
export declare const getCompositionHook: typeof lookups.getCompositionHook;
export declare const getCompositionHookOutput: typeof lookups.getCompositionHookOutput;
export declare const getCompositionHooks: typeof lookups.getCompositionHooks;
export declare const getCompositionHooksOutput: typeof lookups.getCompositionHooksOutput;
export declare const getCompositionSettings: typeof lookups.getCompositionSettings;
export declare const getCompositionSettingsOutput: typeof lookups.getCompositionSettingsOutput;
export declare const getRecordingSettings: typeof lookups.getRecordingSettings;
export declare const getRecordingSettingsOutput: typeof lookups.getRecordingSettingsOutput;
export declare const getAwsCredentials: typeof lookups.getAwsCredentials;
export declare const getAwsCredentialsOutput: typeof lookups.getAwsCredentialsOutput;
export declare const getPublicKeys: typeof lookups.getPublicKeys;
export declare const getPublicKeysOutput: typeof lookups.getPublicKeysOutput;
const LOOKUPS = [
  "getCompositionHook",
  "getCompositionHookOutput",
  "getCompositionHooks",
  "getCompositionHooksOutput",
  "getCompositionSettings",
  "getCompositionSettingsOutput",
  "getRecordingSettings",
  "getRecordingSettingsOutput",
  "getAwsCredentials",
  "getAwsCredentialsOutput",
  "getPublicKeys",
  "getPublicKeysOutput",
] as const satisfies readonly (keyof typeof lookups)[];
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
const loadLookups = (): typeof lookups => require("./lookups");
for (const name of LOOKUPS) Object.defineProperty(exports, name, { enumerable: true, get: () => loadLookups()[name] });
