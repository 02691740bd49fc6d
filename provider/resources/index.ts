export { CompositionHook } from "./compositionHook/resource";
export { CompositionSettings, RecordingSettings } from "./videoSettings/resource";
export { AwsCredential, PublicKey } from "./credentials/resource";
export { Provider, ProviderArgs } from "./accounts/twilioProvider";
export { ApiKey, Subaccount } from "./accounts/resource";
export type {
  ApiKeyArgs,
  AwsCredentialArgs,
  CompositionHookArgs,
  CompositionSettingsArgs,
  PublicKeyArgs,
  RecordingSettingsArgs,
  SubaccountArgs,
} from "../types";
