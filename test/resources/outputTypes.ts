// The classes' property types, generated from each resource's spec (provider/types.ts).
// Checked by `npm run typecheck`: a wrong type fails the build of the tests, not a mocha run.
import type * as pulumi from "@pulumi/pulumi";
import type { CompositionHook, AwsCredential, PublicKey, CompositionSettings } from "../../provider";
type Eq<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const checks: [
  Eq<CompositionHook["friendlyName"], pulumi.Output<string>>,
  Eq<CompositionHook["enabled"], pulumi.Output<boolean>>,
  Eq<CompositionHook["videoLayout"], pulumi.Output<Record<string, unknown> | undefined>>,
  Eq<CompositionHook["format"], pulumi.Output<"mp4" | "webm">>,
  Eq<CompositionHook["statusCallback"], pulumi.Output<string | undefined>>,
  Eq<CompositionHook["sid"], pulumi.Output<string>>,
  Eq<CompositionHook["audioSources"], pulumi.Output<string[] | undefined>>,
  Eq<AwsCredential["friendlyName"], pulumi.Output<string | undefined>>,
  Eq<AwsCredential["accessKeyId"], pulumi.Output<string>>,
  Eq<AwsCredential["secretAccessKeyHash"], pulumi.Output<string>>,
  Eq<PublicKey["publicKey"], pulumi.Output<string>>,
  Eq<CompositionSettings["awsStorageEnabled"], pulumi.Output<boolean>>,
  Eq<CompositionSettings["accountSid"], pulumi.Output<string>>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true];
// @ts-expect-error the AWS secret is never an output
type NoSecret = AwsCredential["secretAccessKey"];
export type { NoSecret };
export { checks };
