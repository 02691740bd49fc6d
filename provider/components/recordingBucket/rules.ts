/**
 * The rules of RecordingBucket inputs, as pure functions returning the broken rule (or undefined).
 * Bucket names follow S3's rules (provider/twilio/rules.ts), shared with the settings' awsS3Url check.
 */

/** Characters S3 calls "safe" in object keys; anything else needs URL-encoding in the awsS3Url Twilio gets. */
const PREFIX_CHARACTERS = /^[A-Za-z0-9!_.*'()/-]+$/;

/** Leaves room under S3's 1024-byte key limit for the object names Twilio appends. */
export const PREFIX_MAX_LENGTH = 512;

export function prefixProblem(prefix: string): string | undefined {
  if (prefix.length === 0) return "must not be empty";
  if (prefix.length > PREFIX_MAX_LENGTH) return `must be at most ${PREFIX_MAX_LENGTH} characters`;
  if (!PREFIX_CHARACTERS.test(prefix)) return "may contain only letters, digits and !_.*'()/-";
  if (prefix.startsWith("/") || prefix.endsWith("/")) return 'must not start or end with "/"';
  if (prefix.includes("//")) return 'must not contain "//"';
  // HTTP clients collapse "." and ".." path segments, so the URL would name another prefix.
  if (prefix.split("/").some((segment) => segment === "." || segment === "..")) return 'must not have "." or ".." segments';
  return undefined;
}

export function expiryDaysProblem(days: number): string | undefined {
  return Number.isInteger(days) && days > 0 ? undefined : "must be a positive whole number of days";
}

/** IAM needs the key's ARN (not an alias or bare key id) to grant the KMS actions on it. */
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;

export function kmsKeyArnProblem(arn: string): string | undefined {
  return KMS_KEY_ARN.test(arn) ? undefined : "must be a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/KEY-ID)";
}

/** The value becomes part of the access key's resource name (and so of its URN). */
const ROTATION = /^[A-Za-z0-9._-]{1,64}$/;

export function keyRotationProblem(value: string): string | undefined {
  return ROTATION.test(value) ? undefined : "must be 1 to 64 letters, digits, '.', '_' or '-'";
}
