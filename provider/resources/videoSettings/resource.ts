import * as pulumi from "@pulumi/pulumi";
import { declareRecordingSettings } from "../compositionHook/programGuard";
import { ArgsOf, TwilioVideoResource } from "../kit/resource";
import { VideoSettingsInputs, compositionSettingsSpec, recordingSettingsSpec } from "./schema";

export type VideoSettingsArgs = ArgsOf<VideoSettingsInputs>;
export type CompositionSettingsArgs = VideoSettingsArgs;
export type RecordingSettingsArgs = VideoSettingsArgs;

/** The outputs both settings singletons share. */
abstract class VideoSettingsResource extends TwilioVideoResource {
  declare readonly friendlyName: pulumi.Output<string>;
  declare readonly awsCredentialsSid: pulumi.Output<string | undefined>;
  declare readonly awsS3Url: pulumi.Output<string | undefined>;
  declare readonly awsStorageEnabled: pulumi.Output<boolean>;
  declare readonly encryptionKeySid: pulumi.Output<string | undefined>;
  declare readonly encryptionEnabled: pulumi.Output<boolean>;
  declare readonly accountSid: pulumi.Output<string>;
}

/** The account's composition settings (/v1/CompositionSettings/Default); one per account. */
export class CompositionSettings extends VideoSettingsResource {
  constructor(name: string, args: CompositionSettingsArgs, opts?: pulumi.CustomResourceOptions) {
    super(compositionSettingsSpec, name, args, opts);
  }
}

/**
 * The account's recording settings (/v1/RecordingSettings/Default); one per account. Recordings in
 * S3 or encrypted cannot be composed: with an enabled CompositionHook in the same program, the
 * preview fails (the composition guard).
 */
export class RecordingSettings extends VideoSettingsResource {
  constructor(name: string, args: RecordingSettingsArgs, opts?: pulumi.CustomResourceOptions) {
    super(recordingSettingsSpec, name, args, opts);
    declareRecordingSettings(this, name, args);
  }
}
