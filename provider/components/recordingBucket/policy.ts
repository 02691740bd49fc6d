/**
 * The IAM policy of the user Twilio writes recordings and compositions with.
 *
 * Twilio's documented policy allows `s3:PutObject` on `BUCKET/PREFIX/*` and adds a statement
 * `{"Effect":"Deny","NotAction":"*","Resource":"*"}`, which denies nothing (`NotAction: *` matches no
 * action). This policy makes the intent real: one Allow per prefix, then explicit Denies of every other
 * action and of PutObject anywhere else, so a later broad Allow attached to the user (a group, a
 * managed policy) cannot widen it. With SSE-KMS the S3 upload calls KMS on the user's behalf, so the
 * user also needs GenerateDataKey/Encrypt/Decrypt on that one key (Decrypt: multipart uploads).
 */

export interface WriterPolicyArgs {
  bucket: string;
  /** Object key prefixes without leading or trailing slashes; "" writes to the bucket root. */
  prefixes: string[];
  /** ARN of the KMS key that encrypts the bucket (SSE-KMS); omitted for SSE-S3. */
  kmsKeyArn?: string;
}

export const S3_WRITE_ACTION = "s3:PutObject";
export const KMS_WRITE_ACTIONS = ["kms:GenerateDataKey", "kms:Encrypt", "kms:Decrypt"];

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

/** `arn:aws:s3:::BUCKET/PREFIX/*` (or `BUCKET/*` for the root). */
export function objectArn(bucket: string, prefix: string): string {
  return prefix === "" ? `arn:aws:s3:::${bucket}/*` : `arn:aws:s3:::${bucket}/${prefix}/*`;
}

export function twilioWriterPolicy(args: WriterPolicyArgs): PolicyDocument {
  const objects = [...new Set(args.prefixes)].map((prefix) => objectArn(args.bucket, prefix));
  const allowed = args.kmsKeyArn ? [S3_WRITE_ACTION, ...KMS_WRITE_ACTIONS] : [S3_WRITE_ACTION];
  const statements: PolicyStatement[] = [
    { Sid: "TwilioPutObjectUnderPrefix", Effect: "Allow", Action: S3_WRITE_ACTION, Resource: objects },
  ];
  if (args.kmsKeyArn) {
    statements.push({ Sid: "TwilioUseBucketKey", Effect: "Allow", Action: KMS_WRITE_ACTIONS, Resource: args.kmsKeyArn });
  }
  statements.push(
    { Sid: "DenyEveryOtherAction", Effect: "Deny", NotAction: allowed, Resource: "*" },
    { Sid: "DenyPutObjectOutsidePrefix", Effect: "Deny", Action: S3_WRITE_ACTION, NotResource: objects },
  );
  if (args.kmsKeyArn) {
    statements.push({ Sid: "DenyOtherKeys", Effect: "Deny", Action: KMS_WRITE_ACTIONS, NotResource: args.kmsKeyArn });
  }
  return { Version: "2012-10-17", Statement: statements };
}
