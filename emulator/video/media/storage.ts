/**
 * Where a recording's or composition's bytes go, decided by the account's settings at the moment
 * the media is ready (RecordingSettings for RT..., CompositionSettings for CJ...):
 * - `AwsStorageEnabled`: the bucket of `AwsS3Url`, key `<path>/<Sid>.<ext>` (Twilio's S3 guide),
 *   written with the stored AWS credential, SigV4-signed, path-style to the emulator's `s3Endpoint`;
 * - otherwise Twilio's cloud (CloudMediaStore), served by the REST `/Media` routes;
 * - `EncryptionEnabled`: encrypted first with the stored public key (encryption.ts); the envelope
 *   goes into S3 user metadata (`x-amz-meta-x-amz-key`, `x-amz-meta-x-amz-iv`, ...).
 * A refusal is a MediaStorageError with a Twilio debugger code; its message names the bucket and
 * the S3 error code, never the secret. Without `s3Endpoint` the S3 write is skipped (as the storage
 * check skips it) and the result says `written: false`.
 */
import type { AwsCredentialRecord, PublicKeyRecord, SettingsRecord } from "../../core/state";
import { s3Put } from "../../core/s3Put";
import { parseAwsS3Url } from "../../rules/videoV1";
import { CloudMediaStore } from "./cloudMedia";
import { CONTENT_TYPES, type MediaContainer } from "./containers";
import { encryptMedia } from "./encryption";

export interface MediaDestination {
  /** The account's settings at this moment (RecordingSettings for recordings, CompositionSettings for compositions). */
  settings: SettingsRecord;
  /** The settings' AwsCredentialsSid, resolved by the caller (undefined when it no longer exists). */
  credential?: AwsCredentialRecord;
  /** The settings' EncryptionKeySid, resolved by the caller (undefined when it no longer exists). */
  publicKey?: PublicKeyRecord;
  /** EmulatorOptions.s3Endpoint */
  s3Endpoint?: string;
}

export interface StoredMedia {
  location: "twilio" | "s3";
  /** s3: bucket and key (`<path>/<sid>.<ext>`); twilio: undefined */
  bucket?: string;
  key?: string;
  /** bytes as stored (after encryption) */
  size: number;
  encrypted: boolean;
  /** false only for S3 without an `s3Endpoint` to write to. */
  written: boolean;
}

export type MediaKind = "recording" | "composition";

/**
 * Twilio's debugger codes for media that cannot be stored: 5361x for recordings (RecordingSettings),
 * 5362x for compositions (CompositionSettings). Sources and which meanings are our assumption:
 * docs/twilio-behaviour.md "Media storage".
 */
export const MEDIA_ERROR_CODES: Record<MediaKind, Record<MediaFailure, number>> = {
  recording: { credential: 53610, refused: 53611, publicKey: 53612, bucket: 53613, unreachable: 53614 },
  composition: { credential: 53620, refused: 53621, publicKey: 53668, bucket: 53623, unreachable: 53624 },
};

export type MediaFailure = "credential" | "refused" | "publicKey" | "bucket" | "unreachable";

export class MediaStorageError extends Error {
  constructor(
    readonly code: number,
    readonly failure: MediaFailure,
    message: string,
    /** The S3 error code (`AccessDenied`, `NoSuchBucket`, ...) when S3 answered. */
    readonly s3Code?: string,
  ) {
    super(message);
    this.name = "MediaStorageError";
  }
}

export function mediaKindOf(sid: string): MediaKind {
  if (sid.startsWith("CJ")) return "composition";
  if (sid.startsWith("RT")) return "recording";
  throw new Error(`not a recording (RT) or composition (CJ) SID: ${sid}`);
}

const S3_TIMEOUT_MS = 10_000;

export async function storeMedia(
  accountSid: string,
  sid: string,
  ext: string,
  bytes: Buffer,
  dest: MediaDestination,
  cloud: CloudMediaStore,
): Promise<StoredMedia> {
  const kind = mediaKindOf(sid);
  const codes = MEDIA_ERROR_CODES[kind];
  const settingsName = kind === "recording" ? "recording settings" : "composition settings";
  const fail = (failure: MediaFailure, detail: string, s3Code?: string) =>
    new MediaStorageError(codes[failure], failure, `${kind} ${sid}: ${detail}`, s3Code);

  let body = bytes;
  let metadata: Record<string, string> = {};
  const encrypted = dest.settings.encryptionEnabled;
  if (encrypted) {
    if (!dest.publicKey) throw fail("publicKey", `the public key of the ${settingsName} could not be loaded`);
    try {
      ({ body, metadata } = encryptMedia(bytes, dest.publicKey.publicKey));
    } catch {
      throw fail("publicKey", `the public key of the ${settingsName} is not valid for encryption`);
    }
  }
  const contentType = CONTENT_TYPES[ext as MediaContainer] ?? "application/octet-stream";

  if (!dest.settings.awsStorageEnabled) {
    cloud.put(accountSid, sid, body, contentType, metadata);
    return { location: "twilio", size: body.length, encrypted, written: true };
  }

  const target = dest.settings.awsS3Url ? parseAwsS3Url(dest.settings.awsS3Url) : undefined;
  if (!target) throw fail("bucket", `the AwsS3Url of the ${settingsName} is not an S3 bucket URL`);
  if (!dest.credential) throw fail("credential", `the AWS credential of the ${settingsName} could not be loaded`);
  const key = target.prefix ? `${target.prefix}/${sid}.${ext}` : `${sid}.${ext}`;
  const stored: StoredMedia = { location: "s3", bucket: target.bucket, key, size: body.length, encrypted, written: false };
  if (!dest.s3Endpoint) return stored;

  const headers: Record<string, string> = { "Content-Type": contentType };
  for (const [name, value] of Object.entries(metadata)) headers[`x-amz-meta-${name}`] = value;
  const put = await s3Put({
    endpoint: dest.s3Endpoint,
    region: target.region,
    bucket: target.bucket,
    key,
    body,
    headers,
    credential: dest.credential,
    timeoutMs: S3_TIMEOUT_MS,
    reuseConnections: true,
  });
  if (put.outcome === "stored") return { ...stored, written: true };
  if (put.outcome === "unreachable") throw fail("unreachable", `the S3 endpoint for bucket '${target.bucket}' could not be reached`);
  const failure: MediaFailure = put.s3Code === "NoSuchBucket" ? "bucket" : "refused";
  throw fail(failure, `S3 refused the upload to bucket '${target.bucket}' (S3 error ${put.s3Code}, HTTP ${put.status})`, put.s3Code);
}
