import * as pulumi from "@pulumi/pulumi";
import { declareRecordingSettings } from "../compositionHook/programGuard";
import { beginRegistration, dynamicResourceArgs, exposeIdOutputs } from "../kit/resource";
import { compositionSettingsSpec, recordingSettingsSpec } from "./schema";
import type { CompositionSettingsArgs, CompositionSettingsOutputs, RecordingSettingsArgs, RecordingSettingsOutputs } from "../../types";

/** The account's composition settings (/v1/CompositionSettings/Default); one per account. */
export interface CompositionSettings extends CompositionSettingsOutputs {}
export class CompositionSettings extends pulumi.dynamic.Resource {
  constructor(name: string, args: CompositionSettingsArgs, opts?: pulumi.CustomResourceOptions) {
    const registration = beginRegistration();
    try {
      super(...dynamicResourceArgs(compositionSettingsSpec, name, args, opts));
    } catch (error) {
      throw registration.failed(error);
    }
    registration.end();
    exposeIdOutputs(this, compositionSettingsSpec);
  }
}

/**
 * The account's recording settings (/v1/RecordingSettings/Default); one per account. Recordings in
 * S3 or encrypted cannot be composed: with an enabled CompositionHook in the same program, the
 * preview fails (the composition guard).
 */
export interface RecordingSettings extends RecordingSettingsOutputs {}
export class RecordingSettings extends pulumi.dynamic.Resource {
  constructor(name: string, args: RecordingSettingsArgs, opts?: pulumi.CustomResourceOptions) {
    const registration = beginRegistration();
    try {
      super(...dynamicResourceArgs(recordingSettingsSpec, name, args, opts));
    } catch (error) {
      throw registration.failed(error);
    }
    registration.end();
    exposeIdOutputs(this, recordingSettingsSpec);
    declareRecordingSettings(this, name, args);
  }
}
