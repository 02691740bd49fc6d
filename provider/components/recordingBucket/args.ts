import * as pulumi from "@pulumi/pulumi";
import { bucketNameProblem } from "../../twilio/rules";
import { RecordingBucketArgsError } from "./errors";
import { expiryDaysProblem, keyRotationProblem, kmsKeyArnProblem, prefixProblem } from "./rules";

export interface RecordingBucketArgs {
  /**
   * Name of the bucket to create (DNS-compliant, S3's bucket naming rules).
   * @default a Pulumi auto-name built from the component name
   */
  bucketName?: pulumi.Input<string>;
  /** Use this existing bucket instead of creating one: no bucket resources are registered then. */
  existingBucketName?: string;
  /**
   * The region the bucket lives in. Optional; when given it must equal the AWS provider's region
   * (the component builds its URLs from the provider's region and creates the bucket there).
   * @default the AWS provider's region
   */
  region?: string;
  /** @default "recordings" */
  recordingsPrefix?: string;
  /** @default "compositions" */
  compositionsPrefix?: string;
  /**
   * Encrypt with SSE-KMS using this key ARN (and let the writer use the key).
   * @default SSE-S3 (AES256)
   */
  kmsKeyArn?: pulumi.Input<string>;
  /** Expire objects under the recordings prefix this many days after creation. @default no expiry */
  recordingsExpireAfterDays?: number;
  /** Expire objects under the compositions prefix this many days after creation. @default no expiry */
  compositionsExpireAfterDays?: number;
  /**
   * Change this value to rotate the access key and the Twilio credential made from it.
   * @default no rotation suffix
   */
  keyRotation?: string;
  /** Let `pulumi destroy` delete a bucket that still holds objects. @default false */
  forceDestroy?: boolean;
  /** Tags for the bucket and the IAM user. */
  tags?: Record<string, string>;
}

/** The defaults of RecordingBucketArgs, in one place. */
export const RECORDING_BUCKET_DEFAULTS = {
  recordingsPrefix: "recordings",
  compositionsPrefix: "compositions",
  forceDestroy: false,
} as const;

/** The validated inputs with defaults filled in. */
export interface ResolvedRecordingBucketArgs {
  /** undefined: Pulumi auto-names the bucket. */
  bucketName?: pulumi.Input<string>;
  existingBucketName?: string;
  region?: string;
  recordingsPrefix: string;
  compositionsPrefix: string;
  kmsKeyArn?: pulumi.Input<string>;
  recordingsExpireAfterDays?: number;
  compositionsExpireAfterDays?: number;
  keyRotation?: string;
  forceDestroy: boolean;
  tags?: Record<string, string>;
}

/**
 * Validates every input that is known while the program runs and fills in defaults. Inputs that
 * arrive as Outputs (bucketName, kmsKeyArn) are checked when their value resolves, so `preview`
 * still fails with the same message. Throws RecordingBucketArgsError.
 */
export function resolveRecordingBucketArgs(component: string, args: RecordingBucketArgs): ResolvedRecordingBucketArgs {
  const fail = (field: string, rule: string, value?: string | number): never => {
    throw new RecordingBucketArgsError(component, field, rule, value);
  };
  const check = <T extends string | number>(field: string, value: T | undefined, problem: (v: T) => string | undefined) => {
    const rule = value === undefined ? undefined : problem(value);
    if (rule) fail(field, rule, value);
  };

  if (args.bucketName !== undefined && args.existingBucketName !== undefined) {
    fail("bucketName", "and existingBucketName must not both be set (bucketName creates a bucket, existingBucketName uses one)");
  }
  if (args.existingBucketName !== undefined) {
    for (const field of ["recordingsExpireAfterDays", "compositionsExpireAfterDays", "forceDestroy"] as const) {
      if (args[field] !== undefined) fail(field, "applies only to a bucket this component creates, not to existingBucketName");
    }
  }
  const bucketName =
    typeof args.bucketName === "string" || args.bucketName === undefined
      ? args.bucketName
      : pulumi.output(args.bucketName).apply((name) => (check("bucketName", name, bucketNameProblem), name));
  check("bucketName", typeof bucketName === "string" ? bucketName : undefined, bucketNameProblem);
  check("existingBucketName", args.existingBucketName, bucketNameProblem);

  const recordingsPrefix = args.recordingsPrefix ?? RECORDING_BUCKET_DEFAULTS.recordingsPrefix;
  const compositionsPrefix = args.compositionsPrefix ?? RECORDING_BUCKET_DEFAULTS.compositionsPrefix;
  check("recordingsPrefix", recordingsPrefix, prefixProblem);
  check("compositionsPrefix", compositionsPrefix, prefixProblem);

  const kmsKeyArn =
    typeof args.kmsKeyArn === "string" || args.kmsKeyArn === undefined
      ? args.kmsKeyArn
      : pulumi.output(args.kmsKeyArn).apply((arn) => (check("kmsKeyArn", arn, kmsKeyArnProblem), arn));
  check("kmsKeyArn", typeof kmsKeyArn === "string" ? kmsKeyArn : undefined, kmsKeyArnProblem);

  check("recordingsExpireAfterDays", args.recordingsExpireAfterDays, expiryDaysProblem);
  check("compositionsExpireAfterDays", args.compositionsExpireAfterDays, expiryDaysProblem);
  check("keyRotation", args.keyRotation, keyRotationProblem);

  return {
    bucketName,
    existingBucketName: args.existingBucketName,
    region: args.region,
    recordingsPrefix,
    compositionsPrefix,
    kmsKeyArn,
    recordingsExpireAfterDays: args.recordingsExpireAfterDays,
    compositionsExpireAfterDays: args.compositionsExpireAfterDays,
    keyRotation: args.keyRotation,
    forceDestroy: args.forceDestroy ?? RECORDING_BUCKET_DEFAULTS.forceDestroy,
    tags: args.tags,
  };
}

/** The region check: the provider's region, or a failure naming `region` when the input differs. */
export function checkedRegion(component: string, wanted: string | undefined, providerRegion: pulumi.Output<string>): pulumi.Output<string> {
  return providerRegion.apply((actual) => {
    if (wanted !== undefined && wanted !== actual) {
      throw new RecordingBucketArgsError(component, "region", `must equal the AWS provider's region "${actual}"`, wanted);
    }
    return actual;
  });
}
