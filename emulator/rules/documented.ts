/**
 * Twilio's validation facts and answer shapes, as the emulator models them: the one place where the
 * emulator's idea of Twilio lives. Written from Twilio's own material, never from `provider/` (a
 * double that shares the rules of the code under test cannot catch a wrong rule). Every fact names
 * its source; docs/twilio-behaviour.md lists them all and says which ones are our assumptions.
 *
 * Sources, by key used below:
 * - [spec]     twilio/twilio-oai spec/json/twilio_video_v1.json and twilio_accounts_v1.json
 * - [layouts]  https://www.twilio.com/docs/video/api/compositions-resource#specifying-video-layouts
 * - [snippets] TwilioDevEd/api-snippets video/rest/compositionhooks/{complex-layout-hook,
 *              grid-mixing-hook,update-hook,list-hooks}/output/*.json (Twilio's captured answers)
 * - [70106]    https://www.twilio.com/docs/api/errors/70106
 * - [7010x]    https://www.twilio.com/docs/api/errors/70101 .. 70104
 * - [s3guide]  https://www.twilio.com/docs/video/tutorials/storing-aws-s3 and
 *              https://www.twilio.com/docs/video/api/external-s3-recordings
 * - [s3naming] https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
import { createPublicKey } from "crypto";

/** [spec] SID patterns of the parameters and path segments the emulator serves. */
export const SID = {
  account: /^AC[0-9a-fA-F]{32}$/,
  hook: /^HK[0-9a-fA-F]{32}$/,
  credential: /^CR[0-9a-fA-F]{32}$/,
  apiKey: /^SK[0-9a-fA-F]{32}$/,
};

/** [spec] "It can be up to 100 characters long and it must be unique within the account." */
export const HOOK_FRIENDLY_NAME_MAX = 100;
/** [spec] Credentials: "It can be up to 64 characters long." */
export const CREDENTIAL_FRIENDLY_NAME_MAX = 64;

/** [spec] Defaults of the hook's optional fields ("the default is ..."), on create and update alike. */
export const HOOK_DEFAULTS = {
  enabled: true,
  trim: true,
  format: "webm",
  resolution: "640x480",
  statusCallbackMethod: "POST",
} as const;

const RESOLUTION_RULE = "must be WIDTHxHEIGHT with 16 <= WIDTH <= 1280, 16 <= HEIGHT <= 1280 and WIDTH*HEIGHT <= 921600";

/** [spec] Resolution: `{width}x{height}`, 16..1280 each, width*height <= 921,600. */
export function resolutionProblem(value: string): string | undefined {
  const match = /^(\d{1,5})x(\d{1,5})$/.exec(value);
  if (!match) return RESOLUTION_RULE;
  const [width, height] = [Number(match[1]), Number(match[2])];
  const inRange = (n: number) => n >= 16 && n <= 1280;
  return inRange(width) && inRange(height) && width * height <= 921600 ? undefined : RESOLUTION_RULE;
}

type RegionKeyRule =
  | { kind: "integer"; min: number; max: number; nullable?: boolean }
  | { kind: "enum"; values: readonly string[] }
  | { kind: "integerArray" }
  | { kind: "stringArray" };

/**
 * [layouts] The region keys. The key names and `reuse` values are Twilio's; the numeric ranges are
 * our assumption (Twilio documents no bounds): positions on a canvas of at most 1280 pixels, z_pos
 * -99..99, sizes 16..1280, grids of at most 1000 cells a side. `null` is accepted for the four keys
 * Twilio itself answers as null ([snippets]), so an echoed layout can be sent back unchanged.
 */
export const LAYOUT_REGION_RULES: Readonly<Record<string, RegionKeyRule>> = {
  x_pos: { kind: "integer", min: 0, max: 1280 },
  y_pos: { kind: "integer", min: 0, max: 1280 },
  z_pos: { kind: "integer", min: -99, max: 99 },
  width: { kind: "integer", min: 16, max: 1280, nullable: true },
  height: { kind: "integer", min: 16, max: 1280, nullable: true },
  max_columns: { kind: "integer", min: 1, max: 1000, nullable: true },
  max_rows: { kind: "integer", min: 1, max: 1000, nullable: true },
  cells_excluded: { kind: "integerArray" },
  reuse: { kind: "enum", values: ["none", "show_oldest", "show_newest"] },
  video_sources: { kind: "stringArray" },
  video_sources_excluded: { kind: "stringArray" },
};

/**
 * [snippets] What Twilio answers for a region key that was not sent: every region comes back with
 * all 11 keys. (`video_sources` was sent in every captured request; [] when absent is our assumption.)
 */
export const LAYOUT_REGION_DEFAULTS: Readonly<Record<string, unknown>> = {
  x_pos: 0,
  y_pos: 0,
  z_pos: 0,
  width: null,
  height: null,
  max_columns: null,
  max_rows: null,
  cells_excluded: [],
  reuse: "show_oldest",
  video_sources: [],
  video_sources_excluded: [],
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function regionKeyProblem(rule: RegionKeyRule, value: unknown): string | undefined {
  switch (rule.kind) {
    case "integer":
      if (value === null && rule.nullable) return undefined;
      return Number.isInteger(value) && (value as number) >= rule.min && (value as number) <= rule.max
        ? undefined
        : `must be an integer from ${rule.min} to ${rule.max}${rule.nullable ? " (or null)" : ""}`;
    case "enum":
      return typeof value === "string" && rule.values.includes(value) ? undefined : `must be one of ${rule.values.join(", ")}`;
    case "integerArray":
      return Array.isArray(value) && value.every((n) => Number.isInteger(n) && n >= 0) ? undefined : "must be an array of cell indexes (integers >= 0)";
    case "stringArray":
      return Array.isArray(value) && value.every((s) => typeof s === "string" && s.length > 0)
        ? undefined
        : "must be an array of track names";
  }
}

/** Problems of a VideoLayout object, each as `region.key rule` (or a bare rule for the whole value). */
export function videoLayoutProblems(layout: unknown): string[] {
  if (!isPlainObject(layout)) return ["must be a JSON object of named regions"];
  const problems: string[] = [];
  for (const [regionName, region] of Object.entries(layout)) {
    if (!isPlainObject(region)) {
      problems.push(`${regionName} must be an object describing one region`);
      continue;
    }
    for (const [key, value] of Object.entries(region)) {
      const rule = LAYOUT_REGION_RULES[key];
      const problem = rule ? regionKeyProblem(rule, value) : `is not a region property (allowed: ${Object.keys(LAYOUT_REGION_RULES).join(", ")})`;
      if (problem) problems.push(`${regionName}.${key} ${problem}`);
    }
  }
  return problems;
}

/** [snippets] The layout as Twilio stores and answers it: every region with all 11 keys. */
export function withRegionDefaults(layout: Record<string, Record<string, unknown>>): Record<string, Record<string, unknown>> {
  const filled: Record<string, Record<string, unknown>> = {};
  for (const [name, region] of Object.entries(layout)) {
    filled[name] = { ...structuredClone(LAYOUT_REGION_DEFAULTS), ...structuredClone(region) };
    for (const [key, value] of Object.entries(region)) if (value === null) filled[name][key] = LAYOUT_REGION_DEFAULTS[key];
  }
  return filled;
}

/** [spec] "either video_layout or audio_sources have to be provided": some region names a video source. */
export function layoutHasVideoSources(layout: Record<string, unknown>): boolean {
  return Object.values(layout).some(
    (region) => isPlainObject(region) && Array.isArray(region.video_sources) && region.video_sources.length > 0,
  );
}

/** [spec] StatusCallback is `format: uri`: an absolute http(s) URL. */
export function callbackUrlProblem(value: string): string | undefined {
  const rule = "must be an absolute http(s) URL";
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname && !/\s/.test(value) ? undefined : rule;
  } catch {
    return rule;
  }
}

/**
 * [s3guide] The S3 URL forms in Twilio's material, all virtual-hosted https:
 *   https://BUCKET.s3-REGION.amazonaws.com/PREFIX  (the form the guide recommends)
 *   https://BUCKET.s3.REGION.amazonaws.com/PREFIX
 *   https://BUCKET.s3.amazonaws.com/PREFIX         (us-east-1)
 * The spec's own example `https://documentation-example-twilio-bucket/compositions` has no S3 host
 * at all: we read it as an illustration of "bucket, then folder path", not a fourth accepted form.
 * The path may hold only RFC 3986 characters [spec].
 */
const S3_URL = /^https:\/\/([^/?#:@]+)(\/[^?#]*)?$/;
const S3_HOSTS = [
  /^(.+)\.s3-([a-z]{2}(?:-[a-z]+)+-\d)\.amazonaws\.com$/,
  /^(.+)\.s3\.([a-z]{2}(?:-[a-z]+)+-\d)\.amazonaws\.com$/,
  /^(.+)\.s3\.amazonaws\.com$/,
];
const URI_PATH = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/;
const S3_URL_RULE =
  "must be https://BUCKET.s3-REGION.amazonaws.com/PREFIX, https://BUCKET.s3.REGION.amazonaws.com/PREFIX or " +
  "https://BUCKET.s3.amazonaws.com/PREFIX, with a DNS-compliant bucket name and only URI-valid characters in the path";

export interface S3Target {
  bucket: string;
  region: string;
  prefix: string;
}

export function parseAwsS3Url(value: string): S3Target | undefined {
  const url = S3_URL.exec(value);
  if (!url) return undefined;
  const path = url[2] ?? "";
  if (!URI_PATH.test(path) || path.includes("//")) return undefined;
  for (const host of S3_HOSTS) {
    const match = host.exec(url[1]);
    if (match) return { bucket: match[1], region: match[2] ?? "us-east-1", prefix: path.replace(/^\/+|\/+$/g, "") };
  }
  return undefined;
}

export function awsS3UrlProblem(value: string): string | undefined {
  const target = parseAwsS3Url(value);
  if (!target) return S3_URL_RULE;
  const bucketProblem = bucketNameProblem(target.bucket);
  return bucketProblem ? `bucket "${target.bucket}" ${bucketProblem} (a DNS-compliant bucket name)` : undefined;
}

/** [s3naming] Amazon S3's rules for general purpose bucket names ("DNS-compliant" in [spec]). */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return "must be 3 to 63 characters long";
  if (!/^[a-z0-9.-]+$/.test(name)) return "may contain only lowercase letters, digits, dots and hyphens";
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return "must begin and end with a letter or digit";
  if (name.includes("..")) return "must not contain two adjacent dots";
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return "must not be formatted as an IP address";
  return undefined;
}

/** [70106] The AWS key and secret patterns Twilio checks a stored credential against. */
export const AWS_ACCESS_KEY_ID = /^[A-Z0-9]{20}$/;
export const AWS_SECRET_ACCESS_KEY = /^[A-Za-z0-9/+=]{40}$/;

/** Which half of `Credentials=KEY:SECRET` breaks [70106], named without quoting the secret. */
export function awsCredentialsProblem(accessKeyId: string, secretAccessKey: string): string | undefined {
  if (!AWS_ACCESS_KEY_ID.test(accessKeyId)) return "the AWS access key id must match [A-Z0-9]{20}";
  if (!AWS_SECRET_ACCESS_KEY.test(secretAccessKey)) return "the AWS secret access key must match [A-Za-z0-9/+=]{40}";
  return undefined;
}

export type PublicKeyErrorCode = 70101 | 70102 | 70103 | 70104;

/**
 * [7010x] Twilio stores only RSA public keys of 2048 bits with exponent 65537, given as an X.509
 * (SubjectPublicKeyInfo) PEM whose BEGIN/END lines are optional. Checked in the order the error
 * pages describe: parse (70104), then algorithm (70101), then length (70102), then exponent (70103).
 */
export function publicKeyProblem(text: string): { code: PublicKeyErrorCode; rule: string } | undefined {
  const body = text.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, "").replace(/\s+/g, "");
  const parsed = /^[A-Za-z0-9+/]+={0,2}$/.test(body) ? spki(Buffer.from(body, "base64")) : undefined;
  if (!parsed) return { code: 70104, rule: "must be an X.509 PEM public key (-----BEGIN PUBLIC KEY-----) that parses" };
  if (parsed.asymmetricKeyType !== "rsa") return { code: 70101, rule: `must be an RSA key (got ${parsed.asymmetricKeyType})` };
  const details = parsed.asymmetricKeyDetails ?? {};
  if (details.modulusLength !== 2048) return { code: 70102, rule: `must be a 2048-bit key (got ${details.modulusLength} bits)` };
  if (details.publicExponent !== 65537n) return { code: 70103, rule: `must have the public exponent 65537 (got ${details.publicExponent})` };
  return undefined;
}

function spki(der: Buffer): ReturnType<typeof createPublicKey> | undefined {
  try {
    return createPublicKey({ key: der, format: "der", type: "spki" });
  } catch {
    return undefined;
  }
}
