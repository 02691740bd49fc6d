import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsCredential } from "../../resources";
import { CREDENTIAL_FRIENDLY_NAME_MAX } from "../../twilio/rules";
import type { ResolvedRecordingBucketArgs } from "./args";
import type { RecordingStorage } from "./bucket";
import { twilioWriterPolicy } from "./policy";

/** The IAM identity Twilio writes with, and the Twilio credential made from its key. */
export interface TwilioWriter {
  user: aws.iam.User;
  policy: aws.iam.UserPolicy;
  accessKey: aws.iam.AccessKey;
  credential: AwsCredential;
}

/** The access key's logical name: a new keyRotation value names a new resource. */
export function accessKeyName(name: string, keyRotation: string | undefined): string {
  return keyRotation === undefined ? `${name}-key` : `${name}-key-${keyRotation}`;
}

/** The credential's name in the Twilio console, within Twilio's 64-character limit. */
export function credentialFriendlyName(name: string, keyRotation: string | undefined): string {
  const label = keyRotation === undefined ? `${name} S3 writer` : `${name} S3 writer (${keyRotation})`;
  return label.slice(0, CREDENTIAL_FRIENDLY_NAME_MAX);
}

/**
 * Key rotation, in the order the Pulumi engine runs it when `keyRotation` changes:
 * 1. the access key gets a new logical name, so the engine sees a new resource and creates it; the
 *    old key is merely absent from the program and waits for the delete phase at the end;
 * 2. the AwsCredential keeps its name but its accessKeyId/secretAccessKey change, which its provider
 *    answers with a replacement; replacements are create-before-delete by default, so the new
 *    credential is created while the old one still works;
 * 3. everything that consumes `credentialSid` (RecordingSettings, CompositionSettings) is updated to
 *    the new SID;
 * 4. only then are deletions run, in reverse dependency order: the old credential (which depends on
 *    the old key) first, then the old key. Twilio never holds a credential whose key is gone.
 * No alias or extra dependsOn is needed for that order. IAM allows two keys per user, so a rotation
 * must finish (one `up`) before the next one starts.
 *
 * The credential waits for the user policy and the bucket configuration (dependsOn), so a settings
 * resource fed its SID never asks Twilio to write before the bucket and the permission exist.
 */
export function createWriter(
  name: string,
  args: ResolvedRecordingBucketArgs,
  storage: RecordingStorage,
  regionChecked: pulumi.Output<string>,
  parent: pulumi.Resource,
): TwilioWriter {
  // The user waits for the region check, so a region mismatch stops the program before IAM changes.
  const user = new aws.iam.User(`${name}-writer`, { tags: args.tags }, { parent, dependsOn: regionChecked.apply(() => []) });

  const prefixes = [args.recordingsPrefix, args.compositionsPrefix];
  const policyDocument = pulumi
    .all([storage.bucketName, args.kmsKeyArn])
    .apply(([bucket, kmsKeyArn]) => JSON.stringify(twilioWriterPolicy({ bucket, prefixes, kmsKeyArn })));
  const policy = new aws.iam.UserPolicy(`${name}-writer-policy`, { user: user.name, policy: policyDocument }, { parent });

  const accessKey = new aws.iam.AccessKey(
    accessKeyName(name, args.keyRotation),
    { user: user.name },
    {
      parent,
      // Already the SDK's default for AccessKey; stated so the secret stays secret whatever the SDK version.
      additionalSecretOutputs: ["secret", "sesSmtpPasswordV4"],
    },
  );

  const credential = new AwsCredential(
    `${name}-credential`,
    {
      accessKeyId: accessKey.id,
      secretAccessKey: pulumi.secret(accessKey.secret),
      friendlyName: credentialFriendlyName(name, args.keyRotation),
    },
    { parent, dependsOn: [policy, ...storage.resources] },
  );

  return { user, policy, accessKey, credential };
}
