import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ResolvedRecordingBucketArgs } from "./args";

/** The bucket the writer puts objects into, created here or named by existingBucketName. */
export interface RecordingStorage {
  bucketName: pulumi.Output<string>;
  bucketArn: pulumi.Output<string>;
  /** Every resource that configures the bucket (empty for an existing bucket); writers wait for them. */
  resources: pulumi.Resource[];
}

/**
 * An existing bucket registers nothing: its ARN is derived from its name (standard `aws` partition,
 * as in the writer policy).
 */
export function existingStorage(bucketName: string): RecordingStorage {
  return { bucketName: pulumi.output(bucketName), bucketArn: pulumi.output(`arn:aws:s3:::${bucketName}`), resources: [] };
}

/**
 * A new private bucket: public access blocked, ACLs disabled (owner enforced), encrypted by default,
 * optional expiry per prefix. The configuration resources are chained with dependsOn because S3
 * rejects concurrent configuration writes to one bucket ("OperationAborted: A conflicting
 * conditional operation is currently in progress").
 */
export function createStorage(
  name: string,
  args: ResolvedRecordingBucketArgs,
  region: pulumi.Output<string>,
  parent: pulumi.Resource,
): RecordingStorage {
  const bucket = new aws.s3.Bucket(
    `${name}-bucket`,
    {
      bucket: args.bucketName,
      region,
      forceDestroy: args.forceDestroy,
      tags: args.tags,
    },
    { parent },
  );
  const id = bucket.bucket;

  const publicAccess = new aws.s3.BucketPublicAccessBlock(
    `${name}-public-access`,
    {
      bucket: id,
      region,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    { parent },
  );

  const ownership = new aws.s3.BucketOwnershipControls(
    `${name}-ownership`,
    {
      bucket: id,
      region,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    },
    { parent, dependsOn: [publicAccess] },
  );

  const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
    `${name}-encryption`,
    {
      bucket: id,
      region,
      rules: [
        args.kmsKeyArn === undefined
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn }, bucketKeyEnabled: true },
      ],
    },
    { parent, dependsOn: [ownership] },
  );

  const lifecycle = new aws.s3.BucketLifecycleConfiguration(
    `${name}-lifecycle`,
    {
      bucket: id,
      region,
      rules: [ABORT_INCOMPLETE_UPLOADS, ...expiryRules(args)],
    },
    { parent, dependsOn: [encryption] },
  );
  return { bucketName: id, bucketArn: bucket.arn, resources: [bucket, publicAccess, ownership, encryption, lifecycle] };
}

/**
 * The writer may only PutObject, so it cannot abort a multipart upload that Twilio gave up on; S3
 * does it for us after a week instead of keeping (and billing) the parts forever.
 */
export const ABORT_INCOMPLETE_UPLOADS: aws.types.input.s3.BucketLifecycleConfigurationRule = {
  id: "abort-incomplete-uploads",
  status: "Enabled",
  filter: { prefix: "" },
  abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
};

/**
 * One enabled rule per prefix with an expiry. The filter is `PREFIX/` so a sibling such as
 * `recordings-archive/` is not caught by the `recordings` rule. Where prefixes nest, S3 applies the
 * earliest expiry to the overlap.
 */
export function expiryRules(args: ResolvedRecordingBucketArgs): aws.types.input.s3.BucketLifecycleConfigurationRule[] {
  const wanted: [string, string, number | undefined][] = [
    ["expire-recordings", args.recordingsPrefix, args.recordingsExpireAfterDays],
    ["expire-compositions", args.compositionsPrefix, args.compositionsExpireAfterDays],
  ];
  return wanted
    .filter((entry): entry is [string, string, number] => entry[2] !== undefined)
    .map(([id, prefix, days]) => ({ id, status: "Enabled", filter: { prefix: `${prefix}/` }, expiration: { days } }));
}
