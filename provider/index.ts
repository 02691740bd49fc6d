export {
  AwsCredential, AwsCredentialArgs, CompositionHook, CompositionHookArgs, CompositionSettings, CompositionSettingsArgs,
  PublicKey, PublicKeyArgs, RecordingSettings, RecordingSettingsArgs,
} from "./resources";
