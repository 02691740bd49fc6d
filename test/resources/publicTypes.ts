// The generated public types (provider/types.ts) against what zod infers from each field's schema,
// the source they are generated from. Checked by `npm run typecheck`: a generator that types a field
// otherwise fails the build of the tests.
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type * as types from "../../provider/types";
import type { apiKeySpec, subaccountSpec } from "../../provider/resources/accounts/schema";
import type { compositionHookSpec } from "../../provider/resources/compositionHook/schema";
import type { awsCredentialSpec, publicKeySpec } from "../../provider/resources/credentials/schema";
import type { InputField, ResourceSpec } from "../../provider/resources/kit/fields";
import type { IMPORT_KEY } from "../../provider/resources/kit/importing";
import type { compositionSettingsSpec, recordingSettingsSpec } from "../../provider/resources/videoSettings/schema";

type Eq<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** An object type with its members spelled out, so an intersection and an interface compare alike. */
type Flat<T> = { [K in keyof T]: T[K] };

type Known<F extends InputField> = z.output<F["schema"]>;
type Present<F> = F extends { required: true } | { default: unknown } ? true : false;
type Stored<F extends InputField> = F["compare"] extends "json" | "layout" ? Record<string, unknown> : Known<F>;
type Inputs<S extends ResourceSpec> = S["inputs"];

type ExpectedArgs<S extends ResourceSpec> = Flat<
  {
    [K in keyof Inputs<S> as K extends typeof IMPORT_KEY ? never : Inputs<S>[K] extends { required: true } ? K : never]: pulumi.Input<
      Known<Inputs<S>[K]>
    >;
  } & {
    [K in keyof Inputs<S> as K extends typeof IMPORT_KEY ? never : Inputs<S>[K] extends { required: true } ? never : K]?: pulumi.Input<
      Known<Inputs<S>[K]>
    >;
  }
>;
type OutputValue<T> = T extends "string"
  ? string
  : T extends "boolean"
    ? boolean
    : T extends "string[]"
      ? string[]
      : Record<string, unknown>;
type ExpectedOutputs<S extends ResourceSpec> = Flat<
  {
    readonly [K in keyof Inputs<S> as Inputs<S>[K] extends { secret: true } ? never : K]: pulumi.Output<
      Stored<Inputs<S>[K]> | (Present<Inputs<S>[K]> extends true ? never : undefined)
    >;
  } & { readonly [K in keyof S["outputs"]]: pulumi.Output<OutputValue<S["outputs"][K]["type"]>> }
>;
type TwilioKey<S extends ResourceSpec> = {
  [K in keyof Inputs<S>]: Inputs<S>[K] extends { createOnly: true } | { providerOnly: true } | { secret: true } ? never : K;
}[keyof Inputs<S>];
type ExpectedConfiguration<S extends ResourceSpec> = Flat<
  { [K in TwilioKey<S> as Present<Inputs<S>[K]> extends true ? K : never]: Stored<Inputs<S>[K]> } & {
    [K in TwilioKey<S> as Present<Inputs<S>[K]> extends true ? never : K]?: Stored<Inputs<S>[K]>;
  }
>;
type Matches<S extends ResourceSpec, A, O, C> = [
  Eq<Flat<A>, ExpectedArgs<S>>,
  Eq<Flat<O>, ExpectedOutputs<S>>,
  Eq<Flat<C>, ExpectedConfiguration<S>>,
];

const checks: [
  Matches<typeof compositionHookSpec, types.CompositionHookArgs, types.CompositionHookOutputs, types.CompositionHookConfiguration>,
  Matches<
    typeof compositionSettingsSpec,
    types.CompositionSettingsArgs,
    types.CompositionSettingsOutputs,
    types.CompositionSettingsConfiguration
  >,
  Matches<typeof recordingSettingsSpec, types.RecordingSettingsArgs, types.RecordingSettingsOutputs, types.RecordingSettingsConfiguration>,
  Matches<typeof awsCredentialSpec, types.AwsCredentialArgs, types.AwsCredentialOutputs, types.AwsCredentialConfiguration>,
  Matches<typeof publicKeySpec, types.PublicKeyArgs, types.PublicKeyOutputs, types.PublicKeyConfiguration>,
  Matches<typeof subaccountSpec, types.SubaccountArgs, types.SubaccountOutputs, types.SubaccountConfiguration>,
  Matches<typeof apiKeySpec, types.ApiKeyArgs, types.ApiKeyOutputs, types.ApiKeyConfiguration>,
] = [
  [true, true, true],
  [true, true, true],
  [true, true, true],
  [true, true, true],
  [true, true, true],
  [true, true, true],
  [true, true, true],
];
export { checks };
