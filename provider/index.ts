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
