import { apiKeyProvider, subaccountProvider } from "./accounts/provider";
import { apiKeySpec, subaccountSpec } from "./accounts/schema";
import { compositionHookProvider } from "./compositionHook/provider";
import { compositionHookSpec } from "./compositionHook/schema";
import { awsCredentialProvider, publicKeyProvider } from "./credentials/provider";
import { awsCredentialSpec, publicKeySpec } from "./credentials/schema";
import type { ResourceSpec } from "./kit/fields";
import type { KindProviderFactory } from "./kit/provider";
import { videoSettingsProvider } from "./videoSettings/provider";
import { compositionSettingsSpec, recordingSettingsSpec } from "./videoSettings/schema";

/** Every resource kind: its spec (inputs, outputs, docs) and its provider. */
export const KINDS = {
  CompositionHook: { spec: compositionHookSpec, provider: compositionHookProvider },
  CompositionSettings: {
    spec: compositionSettingsSpec,
    provider: videoSettingsProvider(compositionSettingsSpec, (ctx) => ctx.client.video.compositionSettings),
  },
  RecordingSettings: {
    spec: recordingSettingsSpec,
    provider: videoSettingsProvider(recordingSettingsSpec, (ctx) => ctx.client.video.recordingSettings),
  },
  AwsCredential: { spec: awsCredentialSpec, provider: awsCredentialProvider },
  PublicKey: { spec: publicKeySpec, provider: publicKeyProvider },
  Subaccount: { spec: subaccountSpec, provider: subaccountProvider },
  ApiKey: { spec: apiKeySpec, provider: apiKeyProvider },
} satisfies Record<string, { spec: ResourceSpec; provider: KindProviderFactory }>;

export type KindName = keyof typeof KINDS;

export function isKindName(name: string): name is KindName {
  return Object.prototype.hasOwnProperty.call(KINDS, name);
}
