export { CompositionHook, CompositionHookArgs } from "./compositionHook/resource";
export { CompositionSettings, CompositionSettingsArgs, RecordingSettings, RecordingSettingsArgs } from "./videoSettings/resource";
export { AwsCredential, AwsCredentialArgs, PublicKey, PublicKeyArgs } from "./credentials/resource";
export { Provider, ProviderArgs } from "./accounts/twilioProvider";
export { ApiKey, ApiKeyArgs, Subaccount, SubaccountArgs } from "./accounts/resource";
