import * as pulumi from "@pulumi/pulumi";
import { ArgsOf, dynamicResourceArgs, exposeIdOutputs } from "../kit/resource";
import { declareCompositionHook } from "./programGuard";
import { CompositionHookInputs, compositionHookSpec } from "./schema";

export type CompositionHookArgs = ArgsOf<CompositionHookInputs>;

/** A Twilio Video composition hook (see compositionHookSpec for every property's rules). */
export class CompositionHook extends pulumi.dynamic.Resource {
  declare readonly friendlyName: pulumi.Output<string>;
  declare readonly enabled: pulumi.Output<boolean>;
  declare readonly videoLayout: pulumi.Output<Record<string, unknown>>;
  declare readonly audioSources: pulumi.Output<string[]>;
  declare readonly audioSourcesExcluded: pulumi.Output<string[]>;
  declare readonly resolution: pulumi.Output<string>;
  declare readonly format: pulumi.Output<"mp4" | "webm">;
  declare readonly trim: pulumi.Output<boolean>;
  declare readonly statusCallback: pulumi.Output<string | undefined>;
  declare readonly statusCallbackMethod: pulumi.Output<"GET" | "POST">;
  declare readonly sid: pulumi.Output<string>;
  declare readonly accountSid: pulumi.Output<string>;

  declare readonly allowUncomposableRecordings: pulumi.Output<boolean | undefined>;

  /**
   * Hook names are unique per account, so a replacement (e.g. `pulumi up --replace`) cannot be
   * created beside the hook it replaces: it is deleted first unless the options say otherwise.
   * The hook joins the program's composition guard (an enabled hook with recordings in S3 or
   * encrypted fails the preview).
   */
  constructor(name: string, args: CompositionHookArgs, opts?: pulumi.CustomResourceOptions) {
    super(...dynamicResourceArgs(compositionHookSpec, name, args, { deleteBeforeReplace: true, ...opts }));
    exposeIdOutputs(this, compositionHookSpec);
    declareCompositionHook(this, name, args);
  }
}
