/**
 * The emulator's own early warning when S3 storage is switched on: write a small test object to the
 * bucket with the stored AWS credential, and refuse the settings if that fails. No public Twilio
 * source says Twilio does this at POST time (an assumption, see docs/twilio-behaviour.md): Twilio
 * reports storage failures later, as debugger events 53610-53615 (recordings) and 53620-53625 /
 * 53664-53669 (compositions). Here the write goes to a configurable S3-compatible endpoint,
 * path-style, SigV4-signed. Errors name the S3 error code, never the secret.
 */
import aws4 from "aws4";
import fetch from "node-fetch";
import { EmulatorError, ERROR_CODES } from "./errors";
import type { AwsCredentialRecord } from "./state";
import { parseAwsS3Url } from "./twilioRules";

const CHECK_TIMEOUT_MS = 5000;

export async function checkS3Write(endpoint: string, awsS3Url: string, credential: AwsCredentialRecord): Promise<void> {
  const target = parseAwsS3Url(awsS3Url);
  if (!target) throw EmulatorError.invalid("AwsS3Url", "is not an S3 bucket URL");
  const base = new URL(endpoint);
  const fileName = `twilio-storage-check-${Date.now()}.txt`;
  const key = target.prefix ? `${target.prefix}/${fileName}` : fileName;
  const body = "Twilio storage check: this object may be deleted.\n";
  const signed = aws4.sign(
    {
      host: base.host,
      path: `${base.pathname.replace(/\/$/, "")}/${target.bucket}/${key}`,
      method: "PUT",
      service: "s3",
      region: target.region,
      body,
      headers: { "Content-Type": "text/plain" },
    },
    { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey },
  );
  const refuse = (reason: string) =>
    EmulatorError.badRequest(
      ERROR_CODES.storageCheckFailed,
      `Invalid parameters AwsS3Url and AwsCredentialsSid: the storage check could not write a test object to bucket '${target.bucket}' (${reason})`,
    );
  let response;
  try {
    response = await fetch(`${base.protocol}//${base.host}${signed.path}`, {
      method: "PUT",
      headers: signed.headers as Record<string, string>,
      body,
      timeout: CHECK_TIMEOUT_MS,
    });
  } catch {
    throw refuse("S3 endpoint unreachable");
  }
  if (response.ok) return;
  const text = await response.text();
  const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? "UnknownError";
  throw refuse(`S3 error ${code}, HTTP ${response.status}`);
}
