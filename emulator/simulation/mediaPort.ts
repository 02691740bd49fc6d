/**
 * PLACEHOLDER until branch issue14-media is merged: the media helper's contract (containers.ts,
 * storage.ts, cloudMedia.ts), reduced to what the simulation calls. Replaced by re-exports.
 */
import { createHash } from "crypto";
import type { AwsCredentialRecord, PublicKeyRecord, SettingsRecord } from "../state";

export type MediaContainer = "mka" | "mkv" | "mp4" | "webm";
export interface MediaSpec { container: MediaContainer; codec: string; durationMs: number; seed: string }
export const CONTENT_TYPES: Record<MediaContainer, string> = {
  mka: "audio/x-matroska", mkv: "video/x-matroska", webm: "video/webm", mp4: "video/mp4",
};

export function mediaFile(spec: MediaSpec): Buffer {
  const header = spec.container === "mp4" ? Buffer.from("000000186674797069736f6d", "hex") : Buffer.from("1a45dfa3", "hex");
  return Buffer.concat([header, createHash("sha256").update(JSON.stringify(spec)).digest()]);
}

export interface CloudMediaObject { body: Buffer; contentType: string; metadata: Record<string, string> }
export class CloudMediaStore {
  private readonly objects = new Map<string, CloudMediaObject>();
  put(accountSid: string, sid: string, body: Buffer, contentType: string, metadata: Record<string, string> = {}): void {
    this.objects.set(`${accountSid}/${sid}`, { body, contentType, metadata });
  }
  get(accountSid: string, sid: string): CloudMediaObject | undefined { return this.objects.get(`${accountSid}/${sid}`); }
  delete(accountSid: string, sid: string): void { this.objects.delete(`${accountSid}/${sid}`); }
  clear(): void { this.objects.clear(); }
}

export interface MediaDestination { settings: SettingsRecord; credential?: AwsCredentialRecord; publicKey?: PublicKeyRecord; s3Endpoint?: string }
export interface StoredMedia { location: "twilio" | "s3"; bucket?: string; key?: string; size: number; encrypted: boolean; written: boolean }
export class MediaStorageError extends Error {
  constructor(readonly code: number, readonly failure: string, message: string, readonly s3Code?: string) {
    super(message);
    this.name = "MediaStorageError";
  }
}

export async function storeMedia(accountSid: string, sid: string, ext: string, bytes: Buffer, dest: MediaDestination, cloud: CloudMediaStore): Promise<StoredMedia> {
  if (dest.settings.awsStorageEnabled && dest.settings.awsS3Url) {
    const url = new URL(dest.settings.awsS3Url);
    const prefix = url.pathname.replace(/^\/+|\/+$/g, "");
    return { location: "s3", bucket: url.hostname.split(".")[0], key: `${prefix ? prefix + "/" : ""}${sid}.${ext}`, size: bytes.length, encrypted: dest.settings.encryptionEnabled, written: false };
  }
  cloud.put(accountSid, sid, bytes, CONTENT_TYPES[ext as MediaContainer] ?? "application/octet-stream");
  return { location: "twilio", size: bytes.length, encrypted: dest.settings.encryptionEnabled, written: true };
}
