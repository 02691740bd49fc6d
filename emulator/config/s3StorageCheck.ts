/**
 * The emulator's own early warning when S3 storage is switched on: write a small test object to the
 * bucket with the stored AWS credential, and refuse the settings if that fails. No public Twilio
 * source says Twilio does this at POST time (an assumption, see docs/twilio-behaviour.md): Twilio
 * reports storage failures later, as debugger events 53610-53615 (recordings) and 53620-53625 /
 * 53664-53669 (compositions). Here the write goes to a configurable S3-compatible endpoint,
 * path-style, SigV4-signed. Errors name the S3 error code, never the secret.
 */
import { EmulatorError, ERROR_CODES } from "../core/errors";
import { s3Put } from "../core/s3Put";
import type { AwsCredentialRecord } from "../core/state";
import { parseAwsS3Url } from "../rules/videoV1";

const CHECK_TIMEOUT_MS = 5000;

export async function checkS3Write(endpoint: string, awsS3Url: string, credential: AwsCredentialRecord): Promise<void> {
  const target = parseAwsS3Url(awsS3Url);
  if (!target) throw EmulatorError.invalid("AwsS3Url", "is not an S3 bucket URL");
  const fileName = `twilio-storage-check-${Date.now()}.txt`;
  const key = target.prefix ? `${target.prefix}/${fileName}` : fileName;
  const put = await s3Put({
    endpoint,
    region: target.region,
    bucket: target.bucket,
    key,
    body: "Twilio storage check: this object may be deleted.\n",
    headers: { "Content-Type": "text/plain" },
    credential,
    timeoutMs: CHECK_TIMEOUT_MS,
  });
  if (put.outcome === "stored") return;
  const reason = put.outcome === "unreachable" ? "S3 endpoint unreachable" : `S3 error ${put.s3Code}, HTTP ${put.status}`;
  throw EmulatorError.badRequest(
    ERROR_CODES.storageCheckFailed,
    `Invalid parameters AwsS3Url and AwsCredentialsSid: the storage check could not write a test object to bucket '${target.bucket}' (${reason})`,
  );
}
