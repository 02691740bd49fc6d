import { z } from "zod";

/**
 * Twilio's snake_case JSON -> the client's camelCase types, in this one place. Unknown fields are
 * ignored (Twilio adds fields over time); nulls are accepted where the API documents them.
 */

export interface CompositionHook {
  sid: string;
  accountSid: string;
  friendlyName: string;
  enabled: boolean;
  dateCreated: string;
  dateUpdated: string | null;
  audioSources: string[];
  audioSourcesExcluded: string[];
  videoLayout: Record<string, unknown>;
  resolution: string;
  format: "mp4" | "webm";
  trim: boolean;
  statusCallback: string | null;
  statusCallbackMethod: "GET" | "POST";
  url: string;
}

export interface VideoSettings {
  accountSid: string;
  friendlyName: string;
  awsCredentialsSid: string | null;
  awsS3Url: string | null;
  awsStorageEnabled: boolean;
  encryptionKeySid: string | null;
  encryptionEnabled: boolean;
  url: string;
}

/** An Accounts API credential: an AWS credential or a public key (the secret is never returned). */
export interface Credential {
  sid: string;
  accountSid: string;
  friendlyName: string | null;
  dateCreated: string;
  dateUpdated: string | null;
  url: string;
}

const nullableString = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

// Twilio documents the track lists as nullable; null means "no tracks".
const trackList = z
  .array(z.string())
  .nullish()
  .transform((v) => v ?? []);

// video_layout arrives as an object; tolerate JSON text (older responses) and null (no layout).
const videoLayout = z.preprocess(
  (v) => (v === null || v === undefined ? {} : typeof v === "string" ? parseJsonOr(v) : v),
  z.record(z.string(), z.unknown()),
);

function parseJsonOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // left as a string so the record schema reports it
  }
}

export const compositionHookSchema: z.ZodType<CompositionHook> = z
  .object({
    sid: z.string(),
    account_sid: z.string(),
    friendly_name: z.string(),
    enabled: z.boolean(),
    date_created: z.string(),
    date_updated: nullableString,
    audio_sources: trackList,
    audio_sources_excluded: trackList,
    video_layout: videoLayout,
    resolution: z.string(),
    format: z.enum(["mp4", "webm"]),
    trim: z.boolean(),
    status_callback: nullableString,
    // Twilio's documented default when no callback method was stored.
    status_callback_method: z
      .enum(["GET", "POST"])
      .nullish()
      .transform((v) => v ?? "POST"),
    url: z.string(),
  })
  .transform(
    (r): CompositionHook => ({
      sid: r.sid,
      accountSid: r.account_sid,
      friendlyName: r.friendly_name,
      enabled: r.enabled,
      dateCreated: r.date_created,
      dateUpdated: r.date_updated,
      audioSources: r.audio_sources,
      audioSourcesExcluded: r.audio_sources_excluded,
      videoLayout: r.video_layout,
      resolution: r.resolution,
      format: r.format,
      trim: r.trim,
      statusCallback: r.status_callback,
      statusCallbackMethod: r.status_callback_method,
      url: r.url,
    }),
  );

// Settings never configured come back with nulls: no name, storage and encryption off.
const flag = z
  .boolean()
  .nullish()
  .transform((v) => v ?? false);

export const videoSettingsSchema: z.ZodType<VideoSettings> = z
  .object({
    account_sid: z.string(),
    friendly_name: z
      .string()
      .nullish()
      .transform((v) => v ?? ""),
    aws_credentials_sid: nullableString,
    aws_s3_url: nullableString,
    aws_storage_enabled: flag,
    encryption_key_sid: nullableString,
    encryption_enabled: flag,
    url: z.string(),
  })
  .transform(
    (r): VideoSettings => ({
      accountSid: r.account_sid,
      friendlyName: r.friendly_name,
      awsCredentialsSid: r.aws_credentials_sid,
      awsS3Url: r.aws_s3_url,
      awsStorageEnabled: r.aws_storage_enabled,
      encryptionKeySid: r.encryption_key_sid,
      encryptionEnabled: r.encryption_enabled,
      url: r.url,
    }),
  );

export const credentialSchema: z.ZodType<Credential> = z
  .object({
    sid: z.string(),
    account_sid: z.string(),
    friendly_name: nullableString,
    date_created: z.string(),
    date_updated: nullableString,
    url: z.string(),
  })
  .transform(
    (r): Credential => ({
      sid: r.sid,
      accountSid: r.account_sid,
      friendlyName: r.friendly_name,
      dateCreated: r.date_created,
      dateUpdated: r.date_updated,
      url: r.url,
    }),
  );

export interface Page<T> {
  items: T[];
  nextPageUrl: string | null;
}

/** One page of a Twilio list: the items under `key` and `meta.next_page_url`. */
export function pageSchema<T>(key: string, item: z.ZodType<T>): z.ZodType<Page<T>> {
  const meta = z.object({ next_page_url: nullableString }).optional();
  return z.object({ [key]: z.array(item), meta }).transform((r): Page<T> => {
    const page = r as unknown as { meta?: z.output<typeof meta> } & Record<string, T[]>;
    return { items: page[key], nextPageUrl: page.meta?.next_page_url ?? null };
  });
}
