/**
 * Twilio validation facts the resources' `check` enforces before any API call, so a preview fails
 * where Twilio would refuse. (The emulator keeps its own copy of Twilio's facts, written from the
 * same sources, in emulator/twilioRules.ts: a shared copy could not catch a wrong rule.)
 *
 * Pure functions, no I/O. Every "problem" function returns a rule sentence (without the parameter
 * name, which the caller knows) or `undefined` when the value is acceptable. Where Twilio documents
 * an error code for a rule, the sentence names it.
 *
 * Sources (docs/twilio-behaviour.md has each with its URL): the Video v1 and Accounts v1 OpenAPI
 * (resolution, formats, SID patterns, 100-char hook names, 64-char credential names), Twilio's
 * "Specifying Video Layouts" guide and captured answers (region keys and defaults; the ranges are our
 * assumption), error pages 70101-70104 and 70106, the "Storing into AWS S3" guide (S3 URL forms) and
 * Amazon S3's bucket naming rules.
 */
import { createPublicKey } from "crypto";

export const SID = {
  account: /^AC[0-9a-fA-F]{32}$/,
  hook: /^HK[0-9a-fA-F]{32}$/,
  credential: /^CR[0-9a-fA-F]{32}$/,
  apiKey: /^SK[0-9a-fA-F]{32}$/,
};

export const HOOK_FRIENDLY_NAME_MAX = 100;
export const CREDENTIAL_FRIENDLY_NAME_MAX = 64;
/** An account's and an API key's FriendlyName: "up to 64 characters" (2010 API reference). */
export const ACCOUNT_FRIENDLY_NAME_MAX = 64;

export const RESOLUTION_MIN = 16;
export const RESOLUTION_MAX = 1280;
export const RESOLUTION_MAX_PIXELS = 921600;
const RESOLUTION_RULE = `must be WIDTHxHEIGHT with ${RESOLUTION_MIN}..${RESOLUTION_MAX} each and WIDTH*HEIGHT <= ${RESOLUTION_MAX_PIXELS}`;

export function resolutionProblem(value: string): string | undefined {
  const match = /^(\d{1,5})x(\d{1,5})$/.exec(value);
  if (!match) return RESOLUTION_RULE;
  const width = Number(match[1]);
  const height = Number(match[2]);
  const inRange = (n: number) => n >= RESOLUTION_MIN && n <= RESOLUTION_MAX;
  if (!inRange(width) || !inRange(height) || width * height > RESOLUTION_MAX_PIXELS) return RESOLUTION_RULE;
  return undefined;
}

type RegionKeyRule =
  | { kind: "integer"; min: number; max: number; nullable?: boolean }
  | { kind: "enum"; values: readonly string[] }
  | { kind: "integerArray"; min: number }
  | { kind: "stringArray" };

/**
 * The keys a layout region accepts. Position and size are pixels on the composed canvas, whose
 * sides are at most RESOLUTION_MAX; z_pos orders overlapping regions (-99..99); the grid is at most
 * 1000 columns/rows; `reuse` is one of Twilio's three documented policies. The four keys Twilio
 * answers as null when unset also take null, so a layout copied from Twilio's answer passes.
 */
export const LAYOUT_REGION_RULES: Readonly<Record<string, RegionKeyRule>> = {
  x_pos: { kind: "integer", min: 0, max: RESOLUTION_MAX },
  y_pos: { kind: "integer", min: 0, max: RESOLUTION_MAX },
  z_pos: { kind: "integer", min: -99, max: 99 },
  width: { kind: "integer", min: RESOLUTION_MIN, max: RESOLUTION_MAX, nullable: true },
  height: { kind: "integer", min: RESOLUTION_MIN, max: RESOLUTION_MAX, nullable: true },
  max_columns: { kind: "integer", min: 1, max: 1000, nullable: true },
  max_rows: { kind: "integer", min: 1, max: 1000, nullable: true },
  cells_excluded: { kind: "integerArray", min: 0 },
  reuse: { kind: "enum", values: ["none", "show_oldest", "show_newest"] },
  video_sources: { kind: "stringArray" },
  video_sources_excluded: { kind: "stringArray" },
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
      return Array.isArray(value) && value.every((n) => Number.isInteger(n) && n >= rule.min)
        ? undefined
        : `must be an array of integers >= ${rule.min}`;
    case "stringArray":
      return Array.isArray(value) && value.every((s) => typeof s === "string" && s.length > 0)
        ? undefined
        : "must be an array of non-empty track name strings";
  }
}

/** Problems in a VideoLayout object, each with a dotted path such as `main.max_columns`. */
export function videoLayoutProblems(layout: unknown): { path: string; rule: string }[] {
  if (!isPlainObject(layout)) return [{ path: "", rule: "must be a JSON object of named regions" }];
  const problems: { path: string; rule: string }[] = [];
  for (const [regionName, region] of Object.entries(layout)) {
    if (!isPlainObject(region)) {
      problems.push({ path: regionName, rule: "must be an object describing one region" });
      continue;
    }
    for (const [key, value] of Object.entries(region)) {
      const rule = LAYOUT_REGION_RULES[key];
      const problem = rule
        ? regionKeyProblem(rule, value)
        : `is not a region property (allowed: ${Object.keys(LAYOUT_REGION_RULES).join(", ")})`;
      if (problem) problems.push({ path: `${regionName}.${key}`, rule: problem });
    }
  }
  return problems;
}

/** True when some region names at least one video source (what makes a layout produce video). */
export function layoutHasVideoSources(layout: unknown): boolean {
  if (!isPlainObject(layout)) return false;
  return Object.values(layout).some(
    (region) => isPlainObject(region) && Array.isArray(region.video_sources) && region.video_sources.length > 0,
  );
}

/**
 * What Twilio answers for each region key that was not sent: every region of `video_layout` comes
 * back with all 11 keys (Twilio's captured answers, TwilioDevEd/api-snippets
 * video/rest/compositionhooks/NAME/output). A region with and without these values is the same region.
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

const isDefault = (key: string, value: unknown) =>
  key in LAYOUT_REGION_DEFAULTS && JSON.stringify(value ?? null) === JSON.stringify(LAYOUT_REGION_DEFAULTS[key]);

/** Each region with Twilio's defaults filled in (a layout's comparable form); other values as given. */
export function layoutWithDefaults(layout: unknown): unknown {
  if (!isPlainObject(layout)) return layout;
  return Object.fromEntries(
    Object.entries(layout).map(([name, region]) => [
      name,
      isPlainObject(region)
        ? {
            ...LAYOUT_REGION_DEFAULTS,
            ...Object.fromEntries(Object.entries(region).map(([k, v]) => [k, v ?? LAYOUT_REGION_DEFAULTS[k] ?? v])),
          }
        : region,
    ]),
  );
}

/** Each region without the keys whose value is Twilio's default (how a program usually writes it). */
export function layoutWithoutDefaults(layout: unknown): unknown {
  if (!isPlainObject(layout)) return layout;
  return Object.fromEntries(
    Object.entries(layout).map(([name, region]) => [
      name,
      isPlainObject(region) ? Object.fromEntries(Object.entries(region).filter(([k, v]) => !isDefault(k, v))) : region,
    ]),
  );
}

export function urlProblem(value: string): string | undefined {
  const rule = "must be an absolute http(s) URL";
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return rule;
  }
  if ((parsed.protocol !== "http:" && parsed.protocol !== "https:") || !parsed.hostname) return rule;
  if (/\s/.test(value)) return rule;
  return undefined;
}

// RFC 3986 path characters: unreserved, sub-delims, ":", "@", "/" and percent-escapes.
const URI_PATH = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/;
const S3_URL = /^https:\/\/([^/?#:@]+)(\/[^?#]*)?$/;
const REGION = "([a-z]{2}(?:-[a-z]+)+-\\d)";
/**
 * The virtual-host forms in Twilio's material ("Storing into AWS S3" recommends the first), and no
 * other: not path-style, not http, not another host.
 */
const S3_HOSTS = [
  new RegExp(`^(.+)\\.s3-${REGION}\\.amazonaws\\.com$`),
  new RegExp(`^(.+)\\.s3\\.${REGION}\\.amazonaws\\.com$`),
  /^(.+)\.s3\.amazonaws\.com$/,
];
export const AWS_S3_URL_RULE =
  "must be https://BUCKET.s3-REGION.amazonaws.com/PREFIX (the form Twilio's S3 guide shows), " +
  "https://BUCKET.s3.REGION.amazonaws.com/PREFIX or https://BUCKET.s3.amazonaws.com/PREFIX, " +
  "with a DNS-compliant bucket name and only URI-valid characters in the prefix";

export function parseAwsS3Url(value: string): { bucket: string; region: string; prefix: string } | undefined {
  const url = S3_URL.exec(value);
  if (!url) return undefined;
  const path = url[2] ?? "";
  if (!URI_PATH.test(path) || path.includes("//")) return undefined;
  for (const pattern of S3_HOSTS) {
    const host = pattern.exec(url[1]);
    if (host) return { bucket: host[1], region: host[2] ?? "us-east-1", prefix: path.replace(/^\/+|\/+$/g, "") };
  }
  return undefined;
}

export function awsS3UrlProblem(value: string): string | undefined {
  const parsed = parseAwsS3Url(value);
  if (!parsed) return AWS_S3_URL_RULE;
  const bucketProblem = bucketNameProblem(parsed.bucket);
  return bucketProblem ? `bucket "${parsed.bucket}" ${bucketProblem}` : undefined;
}

const BUCKET_FORBIDDEN_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const BUCKET_FORBIDDEN_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

/** Amazon S3's rules for general purpose bucket names (DNS-compliant, virtual-host addressable). */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return "must be 3 to 63 characters long";
  if (!/^[a-z0-9.-]+$/.test(name)) return "may contain only lowercase letters, digits, dots and hyphens";
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return "must begin and end with a letter or digit";
  if (name.includes("..")) return "must not contain two adjacent dots";
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return "must not be formatted as an IP address";
  const prefix = BUCKET_FORBIDDEN_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `must not start with "${prefix}"`;
  const suffix = BUCKET_FORBIDDEN_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `must not end with "${suffix}"`;
  return undefined;
}

/** Twilio's error 70106 (https://www.twilio.com/docs/api/errors/70106): the AWS key id's pattern. */
export const AWS_ACCESS_KEY_ID_RULE = "must match [A-Z0-9]{20} (an AWS access key id); Twilio refuses any other with error 70106";
export const AWS_ACCESS_KEY_ID = /^[A-Z0-9]{20}$/;
/** Twilio's error 70106: the AWS secret's pattern. The rule never quotes the value. */
export const AWS_SECRET_ACCESS_KEY_RULE =
  "must match [A-Za-z0-9/+=]{40} (an AWS secret access key); Twilio refuses any other with error 70106";
export const AWS_SECRET_ACCESS_KEY = /^[A-Za-z0-9/+=]{40}$/;

/**
 * Twilio's errors 70101-70104 (https://www.twilio.com/docs/api/errors/70101 .. 70104): a public key
 * must be an X.509 (SubjectPublicKeyInfo) PEM that parses, its BEGIN/END lines optional (70104), of
 * an RSA key (70101) with a 2048-bit modulus (70102) and the exponent 65537 (70103). Node's crypto
 * reads the key, in that order.
 */
export function publicKeyProblem(text: string): string | undefined {
  const body = text.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, "").replace(/\s+/g, "");
  let key: ReturnType<typeof createPublicKey> | undefined;
  try {
    if (/^[A-Za-z0-9+/]+={0,2}$/.test(body)) key = createPublicKey({ key: Buffer.from(body, "base64"), format: "der", type: "spki" });
  } catch {
    key = undefined;
  }
  if (!key) return "must be an X.509 PEM public key (-----BEGIN PUBLIC KEY----- ...) that parses; Twilio refuses it with error 70104";
  if (key.asymmetricKeyType !== "rsa") return `must be an RSA key, not ${key.asymmetricKeyType}; Twilio refuses it with error 70101`;
  const { modulusLength, publicExponent } = key.asymmetricKeyDetails ?? {};
  if (modulusLength !== 2048) return `must be a 2048-bit RSA key, not ${modulusLength}-bit; Twilio refuses it with error 70102`;
  if (publicExponent !== 65537n) return `must have the RSA exponent 65537, not ${publicExponent}; Twilio refuses it with error 70103`;
  return undefined;
}
