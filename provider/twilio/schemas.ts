import { z } from "zod";

/**
 * Twilio's snake_case JSON -> the client's camelCase types, in this one place: each response is
 * declared once, by its wire fields, and its type and camelCase form follow from that. Unknown
 * fields are ignored (Twilio adds fields over time); nulls are accepted where the API documents them.
 */

type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
type CamelKeys<T> = { [K in keyof T as K extends string ? CamelCase<K> : K]: T[K] };

function camelCase(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** A response object by its wire fields, parsed to the same fields in camelCase. */
function twilioObject<Shape extends z.ZodRawShape>(shape: Shape): z.ZodType<CamelKeys<z.output<z.ZodObject<Shape>>>> {
  return z
    .object(shape)
    .transform((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [camelCase(k), v])) as CamelKeys<z.output<z.ZodObject<Shape>>>);
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

export const compositionHookSchema = twilioObject({
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
});
export type CompositionHook = z.output<typeof compositionHookSchema>;

// Settings never configured come back with nulls: no name, storage and encryption off.
const flag = z
  .boolean()
  .nullish()
  .transform((v) => v ?? false);

/** The per-account singletons CompositionSettings and RecordingSettings. */
export const videoSettingsSchema = twilioObject({
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
});
export type VideoSettings = z.output<typeof videoSettingsSchema>;

/** An Accounts API credential: an AWS credential or a public key (the secret is never returned). */
export const credentialSchema = twilioObject({
  sid: z.string(),
  account_sid: z.string(),
  friendly_name: nullableString,
  date_created: z.string(),
  date_updated: nullableString,
  url: z.string(),
});
export type Credential = z.output<typeof credentialSchema>;

/** An account (the 2010 API): the main account or a subaccount. The auth token is a secret. */
export const accountSchema = twilioObject({
  sid: z.string(),
  owner_account_sid: z.string(),
  friendly_name: z.string(),
  status: z.enum(["active", "suspended", "closed"]),
  auth_token: z.string(),
  date_created: z.string(),
  date_updated: nullableString,
});
export type Account = z.output<typeof accountSchema>;

/** An API key (the 2010 API); its secret is only in the create response (`newApiKeySchema`). */
export const apiKeySchema = twilioObject({
  sid: z.string(),
  friendly_name: nullableString,
  date_created: z.string(),
  date_updated: nullableString,
});
export type ApiKey = z.output<typeof apiKeySchema>;

export const newApiKeySchema = twilioObject({
  sid: z.string(),
  friendly_name: nullableString,
  secret: z.string(),
  date_created: z.string(),
  date_updated: nullableString,
});
export type NewApiKey = z.output<typeof newApiKeySchema>;

/**
 * What a create or update may send: a live object's own fields, without those Twilio assigns.
 * Every field is optional (a resource's required ones are its schema's business).
 */
export type ParamsOf<T> = { [K in Exclude<keyof T, "sid" | "accountSid" | "dateCreated" | "dateUpdated" | "url">]?: NonNullable<T[K]> };

export interface Page<T> {
  items: T[];
  nextPageUrl: string | null;
}

/** One page of a 2010 API list: the items under `key` and `next_page_uri` (relative to the host). */
export function page2010Schema<T>(key: string, item: z.ZodType<T>): z.ZodType<Page<T>> {
  return z.object({ [key]: z.array(item), next_page_uri: nullableString }).transform((r): Page<T> => {
    const page = r as unknown as { next_page_uri: string | null } & Record<string, T[]>;
    return { items: page[key], nextPageUrl: page.next_page_uri };
  });
}

/** One page of a Twilio list: the items under `key` and `meta.next_page_url`. */
export function pageSchema<T>(key: string, item: z.ZodType<T>): z.ZodType<Page<T>> {
  const meta = z.object({ next_page_url: nullableString }).optional();
  return z.object({ [key]: z.array(item), meta }).transform((r): Page<T> => {
    const page = r as unknown as { meta?: z.output<typeof meta> } & Record<string, T[]>;
    return { items: page[key], nextPageUrl: page.meta?.next_page_url ?? null };
  });
}
