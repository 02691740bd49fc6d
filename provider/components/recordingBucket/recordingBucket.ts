import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsCredential, CompositionSettingsArgs, RecordingSettingsArgs } from "../../resources";
import { RecordingBucketArgs, checkedRegion, resolveRecordingBucketArgs } from "./args";
import { createStorage, existingStorage } from "./bucket";
import { createWriter } from "./writer";

export const RECORDING_BUCKET_TYPE = "twilio-video:index:RecordingBucket";

/** `https://BUCKET.s3.REGION.amazonaws.com/PREFIX`, the awsS3Url form Twilio expects. */
export function s3PrefixUrl(bucket: string, region: string, prefix: string): string {
  return `https://${bucket}.s3.${region}.amazonaws.com/${prefix}`;
}

/**
 * The component's IAM user and access key, declared by the properties it exposes rather than as
 * @pulumi/aws's classes: the package's type declarations then never load @pulumi/aws's (some 2,700
 * files, which ts-node type-checks on every run of a program that declares only Twilio resources).
 * At run time they are those classes: `media.user as aws.iam.User` gives the full type.
 */
export interface WriterUser extends pulumi.CustomResource {
  readonly name: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;
}

export interface WriterAccessKey extends pulumi.CustomResource {
  /** The IAM user's name. */
  readonly user: pulumi.Output<string>;
  readonly secret: pulumi.Output<string>;
}

/**
 * An S3 bucket Twilio Video writes recordings and compositions to, the IAM user allowed to do only
 * that, its access key, and the Twilio AwsCredential made from the key:
 *
 *     const media = new RecordingBucket("media", { compositionsExpireAfterDays: 365 });
 *     // with a CompositionHook: compositions to S3, recordings left in Twilio's cloud
 *     new CompositionSettings("compositions", media.compositionSettingsArgs({ friendlyName: "prod" }));
 *     // or, with no enabled hook: recordings to S3
 *     new RecordingSettings("recordings", media.recordingSettingsArgs({ friendlyName: "prod" }));
 *
 * Twilio cannot compose recordings stored in S3 or encrypted: recordingSettingsArgs() is for programs
 * without an enabled CompositionHook (the preview fails otherwise, see the composition guard).
 *
 * Inputs are validated while the program runs, so `pulumi preview` fails with the field and the rule.
 */
export class RecordingBucket extends pulumi.ComponentResource {
  readonly bucketName: pulumi.Output<string>;
  readonly bucketArn: pulumi.Output<string>;
  /** The AWS provider's region, where the bucket is. */
  readonly region: pulumi.Output<string>;
  /** The Twilio credential's SID (CR...), for awsCredentialsSid. */
  readonly credentialSid: pulumi.Output<string>;
  /** https://BUCKET.s3.REGION.amazonaws.com/RECORDINGS_PREFIX, for RecordingSettings.awsS3Url. */
  readonly recordingsUrl: pulumi.Output<string>;
  /** https://BUCKET.s3.REGION.amazonaws.com/COMPOSITIONS_PREFIX, for CompositionSettings.awsS3Url. */
  readonly compositionsUrl: pulumi.Output<string>;
  /** The IAM user Twilio writes as (an `aws.iam.User`). */
  readonly user: WriterUser;
  /** Its access key (an `aws.iam.AccessKey`); its `secret` output is a Pulumi secret. */
  readonly accessKey: WriterAccessKey;
  readonly credential: AwsCredential;
  private readonly componentName: string;

  constructor(name: string, args: RecordingBucketArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    // Validate before registering anything: a bad input fails the program with nothing created.
    const resolved = resolveRecordingBucketArgs(name, args);
    super(RECORDING_BUCKET_TYPE, name, {}, opts);
    this.componentName = name;

    const providerRegion = aws.getRegionOutput({}, { parent: this }).region;
    const region = checkedRegion(name, resolved.region, providerRegion);

    const storage =
      resolved.existingBucketName !== undefined
        ? existingStorage(resolved.existingBucketName)
        : createStorage(name, resolved, region, this);
    const writer = createWriter(name, resolved, storage, region, this);

    this.bucketName = storage.bucketName;
    this.bucketArn = storage.bucketArn;
    this.region = region;
    this.user = writer.user;
    this.accessKey = writer.accessKey;
    this.credential = writer.credential;
    this.credentialSid = writer.credential.sid;
    this.recordingsUrl = pulumi.all([storage.bucketName, region]).apply(([bucket, r]) => s3PrefixUrl(bucket, r, resolved.recordingsPrefix));
    this.compositionsUrl = pulumi
      .all([storage.bucketName, region])
      .apply(([bucket, r]) => s3PrefixUrl(bucket, r, resolved.compositionsPrefix));

    this.registerOutputs({
      bucketName: this.bucketName,
      bucketArn: this.bucketArn,
      region: this.region,
      credentialSid: this.credentialSid,
      recordingsUrl: this.recordingsUrl,
      compositionsUrl: this.compositionsUrl,
    });
  }

  /**
   * Inputs for a RecordingSettings that stores recordings in this bucket:
   * `new RecordingSettings("rec", bucket.recordingSettingsArgs({ friendlyName: "prod" }))`.
   * Only for programs with no enabled CompositionHook: Twilio cannot compose recordings stored in
   * S3, so a hook beside these settings fails the preview. To compose, use compositionSettingsArgs.
   * `extra` overrides any field. friendlyName defaults to "NAME recordings".
   */
  recordingSettingsArgs(extra: Partial<RecordingSettingsArgs> = {}): RecordingSettingsArgs {
    return {
      friendlyName: `${this.componentName} recordings`,
      awsCredentialsSid: this.credentialSid,
      awsS3Url: this.recordingsUrl,
      awsStorageEnabled: true,
      ...extra,
    };
  }

  /**
   * Inputs for a CompositionSettings that writes compositions to this bucket: the pattern to use with
   * a CompositionHook (recordings stay in Twilio's cloud, the only ones Twilio composes).
   * `extra` overrides any field. friendlyName defaults to "NAME compositions".
   */
  compositionSettingsArgs(extra: Partial<CompositionSettingsArgs> = {}): CompositionSettingsArgs {
    return {
      friendlyName: `${this.componentName} compositions`,
      awsCredentialsSid: this.credentialSid,
      awsS3Url: this.compositionsUrl,
      awsStorageEnabled: true,
      ...extra,
    };
  }
}
