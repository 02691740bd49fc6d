export {
  AwsCredential, AwsCredentialArgs, CompositionHook, CompositionHookArgs, CompositionSettings, CompositionSettingsArgs,
  PublicKey, PublicKeyArgs, RecordingSettings, RecordingSettingsArgs,
} from "./resources";
export { RecordingBucket, RecordingBucketArgs, RecordingBucketArgsError } from "./components/recordingBucket";
