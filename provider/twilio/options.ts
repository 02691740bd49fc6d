import * as fs from "fs";
import * as path from "path";
import { TwilioConfigError } from "./errors";
import { SID } from "./rules";

/** Retry policy. Every field has a default; pass any subset as `ClientOptions.retry`. */
export interface RetryOptions {
  /** Retries after failures other than 429 (so at most `limit + 1` such requests). @default 4 */
  limit: number;
  /**
   * Retries after 429 Too Many Requests, counted apart: Twilio refuses those before acting, and a
   * deploy of many resources can meet several seconds of rate limiting. @default 12
   */
  rateLimitLimit: number;
  /** First backoff ceiling; doubles each retry, full jitter below it. @default 200 */
  baseDelayMs: number;
  /** Ceiling of our own backoff. @default 5000 */
  maxDelayMs: number;
  /** Ceiling applied to a server's Retry-After. @default 30000 */
  maxRetryAfterMs: number;
  /** No retry is started once request time plus waiting would pass this. @default 60000 */
  totalTimeMs: number;
}

export interface ClientOptions {
  /** The account (AC...) every call acts on. */
  accountSid: string;
  /** Basic auth user = accountSid, password = authToken. */
  authToken?: string;
  /** API key SID (SK...); with `apiSecret`, used instead of the auth token when both are given. */
  apiKey?: string;
  apiSecret?: string;
  /**
   * Base URL replacing https://video.twilio.com, https://accounts.twilio.com and https://api.twilio.com (the emulator
   * serves them all on one port). @default the real Twilio hosts
   */
  endpoint?: string;
  /**
   * Before the first request, prove with one GET that the credential authenticates as
   * `accountSid` (Video URLs carry no account SID, so an API key of another account would act on
   * that account). An auth token cannot authenticate as another account, so it needs no check.
   * @default true with an API key
   */
  verifyAccount?: boolean;
  /** Said in the account-mismatch error, e.g. where the account SID and the key came from. */
  credentialOrigin?: string;
  retry?: Partial<RetryOptions>;
  /** Per-request timeout. @default 30000 */
  timeoutMs?: number;
  /** Receives one line per request/retry; never secrets. @default no logging */
  log?: (line: string) => void;
  /** Waits between retries; inject to record delays in tests. @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). @default Math.random */
  random?: () => number;
}

export type TwilioHost = "video" | "accounts" | "api";

/** Options with every default applied; what the engine actually runs on. */
export interface NormalizedOptions {
  accountSid: string;
  /** Basic-auth user and password (the password is a secret). */
  username: string;
  password: string;
  /** The API key SID when one authenticates, for the account check and its message. */
  apiKey?: string;
  verifyAccount: boolean;
  credentialOrigin?: string;
  baseUrls: Record<TwilioHost, string>;
  retry: RetryOptions;
  timeoutMs: number;
  log: (line: string) => void;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  userAgent: string;
}

export const DEFAULT_RETRY: Readonly<RetryOptions> = Object.freeze({
  limit: 4,
  rateLimitLimit: 12,
  baseDelayMs: 200,
  maxDelayMs: 5000,
  maxRetryAfterMs: 30000,
  totalTimeMs: 60000,
});
export const DEFAULT_TIMEOUT_MS = 30000;
export const TWILIO_BASE_URLS: Readonly<Record<TwilioHost, string>> = Object.freeze({
  video: "https://video.twilio.com",
  accounts: "https://accounts.twilio.com",
  api: "https://api.twilio.com",
});

/** Applies every default and validates credentials; throws TwilioConfigError naming the field. */
export function normalizeOptions(options: ClientOptions): NormalizedOptions {
  const accountSid = requireMatch("accountSid", options.accountSid, SID.account);
  const { username, password } = chooseCredentials(options, accountSid);
  return {
    accountSid,
    username,
    password,
    apiKey: username === accountSid ? undefined : username,
    verifyAccount: options.verifyAccount ?? username !== accountSid,
    credentialOrigin: options.credentialOrigin,
    baseUrls: baseUrlsFor(options.endpoint),
    retry: normalizeRetry(options.retry),
    timeoutMs: positiveNumber("timeoutMs", options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    log: options.log ?? (() => undefined),
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    userAgent: `pulumi-twilio-video/${packageVersion()}`,
  };
}

// An API key is the narrower credential, so it wins when a stack also has an auth token around
// (e.g. TWILIO_AUTH_TOKEN in the environment). Empty strings count as absent (unset env vars).
function chooseCredentials(options: ClientOptions, accountSid: string): { username: string; password: string } {
  if (options.apiKey || options.apiSecret) {
    const apiKey = requireMatch("apiKey", options.apiKey, SID.apiKey);
    if (!options.apiSecret) throw new TwilioConfigError("apiSecret", "is required with apiKey");
    return { username: apiKey, password: options.apiSecret };
  }
  if (options.authToken) return { username: accountSid, password: options.authToken };
  throw new TwilioConfigError("authToken", "is required (or apiKey and apiSecret)");
}

function baseUrlsFor(endpoint: string | undefined): Record<TwilioHost, string> {
  if (endpoint === undefined || endpoint === "") return { ...TWILIO_BASE_URLS };
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TwilioConfigError("endpoint", "must be an absolute http(s) URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TwilioConfigError("endpoint", "must be an absolute http(s) URL");
  }
  // Credentials in the URL would leak into error messages from the HTTP stack; refuse them
  // without echoing the value.
  if (url.username || url.password) throw new TwilioConfigError("endpoint", "must not contain credentials");
  const base = `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  return { video: base, accounts: base, api: base };
}

function normalizeRetry(retry: Partial<RetryOptions> | undefined): RetryOptions {
  const merged: RetryOptions = { ...DEFAULT_RETRY, ...stripUndefined(retry ?? {}) };
  for (const key of Object.keys(merged) as (keyof RetryOptions)[]) {
    if (!Number.isFinite(merged[key]) || merged[key] < 0) {
      throw new TwilioConfigError(`retry.${key}`, "must be a non-negative number");
    }
  }
  return merged;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function positiveNumber(field: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new TwilioConfigError(field, "must be a positive number");
  return value;
}

function requireMatch(field: string, value: string | undefined, pattern: RegExp): string {
  if (!value) throw new TwilioConfigError(field, "is required");
  // The value is an identifier, not a secret, but keep it out of the message anyway.
  if (!pattern.test(value)) throw new TwilioConfigError(field, `must match ${pattern.source}`);
  return value;
}

/** The fields of this package's package.json that its tools read. */
export interface PackageManifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

let cachedManifest: PackageManifest | undefined;

/**
 * This package's package.json, found by walking up from this file (works from src and dist), or
 * a stand-in of version 0.0.0 when it cannot be found.
 */
export function packageManifest(): PackageManifest {
  if (cachedManifest !== undefined) return cachedManifest;
  cachedManifest = { name: "pulumi-twilio-video", version: "0.0.0" };
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
      if (pkg.name === "pulumi-twilio-video" && typeof pkg.version === "string") {
        cachedManifest = pkg as PackageManifest;
        break;
      }
    } catch {
      // no package.json here; keep walking up
    }
    if (path.dirname(dir) === dir) break;
  }
  return cachedManifest;
}

/** This package's version (see packageManifest). */
export function packageVersion(): string {
  return packageManifest().version;
}
