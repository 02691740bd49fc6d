import * as pulumi from "@pulumi/pulumi";
import { beginRegistration, dynamicResourceArgs, exposeIdOutputs } from "../kit/resource";
import { declareCompositionHook } from "./programGuard";
import { compositionHookSpec } from "./schema";
import type { CompositionHookArgs, CompositionHookOutputs } from "../../types";

/** A Twilio Video composition hook (see compositionHookSpec for every property's rules). */
export interface CompositionHook extends CompositionHookOutputs {}
export class CompositionHook extends pulumi.dynamic.Resource {
  /**
   * Hook names are unique per account, so a replacement (e.g. `pulumi up --replace`) cannot be
   * created beside the hook it replaces: it is deleted first unless the options say otherwise.
   * The hook joins the program's composition guard (an enabled hook with recordings in S3 or
   * encrypted fails the preview).
   */
  constructor(name: string, args: CompositionHookArgs, opts?: pulumi.CustomResourceOptions) {
    const registration = beginRegistration();
    try {
      super(...dynamicResourceArgs(compositionHookSpec, name, args, { deleteBeforeReplace: true, ...opts }));
    } catch (error) {
      throw registration.failed(error);
    }
    registration.end();
    exposeIdOutputs(this, compositionHookSpec);
    declareCompositionHook(this, name, args);
  }
}
