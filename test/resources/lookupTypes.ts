// The lookups' result types, built on the generated configuration types (provider/types.ts).
// Checked by `npm run typecheck`: a wrong type fails the build of the tests, not a mocha run.
import type {
  AwsCredentialResult,
  CompositionHookArgs,
  CompositionHookResult,
  CompositionSettingsArgs,
  CompositionSettingsResult,
  PublicKeyResult,
} from "../../provider";
type Eq<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const checks: [
  Eq<CompositionHookResult["sid"], string>,
  Eq<CompositionHookResult["friendlyName"], string>,
  Eq<CompositionHookResult["format"], "mp4" | "webm">,
  Eq<CompositionHookResult["enabled"], boolean>,
  Eq<CompositionHookResult["audioSources"], string[] | undefined>,
  Eq<CompositionHookResult["videoLayout"], Record<string, unknown> | undefined>,
  Eq<CompositionHookResult["dateUpdated"], string | undefined>,
  Eq<CompositionSettingsResult["friendlyName"], string | undefined>,
  Eq<CompositionSettingsResult["awsStorageEnabled"], boolean>,
  Eq<CompositionSettingsResult["configured"], boolean>,
  Eq<AwsCredentialResult["friendlyName"], string | undefined>,
  Eq<PublicKeyResult["dateCreated"], string>,
] = [true, true, true, true, true, true, true, true, true, true, true, true];

// A result configures a resource as it is (a settings result once it has a name).
const hookArgs = (hook: CompositionHookResult): CompositionHookArgs => hook;
const settingsArgs = (settings: CompositionSettingsResult): CompositionSettingsArgs => ({ ...settings, friendlyName: "named" });
// @ts-expect-error Twilio never returns the AWS secret, so no result has it
type NoSecret = AwsCredentialResult["secretAccessKey"];
// @ts-expect-error nor the PEM
type NoPem = PublicKeyResult["publicKey"];
// @ts-expect-error the adoption instruction is no part of a hook's configuration
type NoAdopt = CompositionHookResult["adoptSid"];
export type { NoSecret, NoPem, NoAdopt };
export { checks, hookArgs, settingsArgs };
