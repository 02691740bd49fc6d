/**
 * What a person at the Twilio console (or curl) sees and does, against an emulator: read an account's
 * Video configuration and change it outside Pulumi. Used by the CLI tests to make drift and to check
 * what `pulumi up` / `destroy` left behind.
 */
import { strict as assert } from "assert";
import fetch from "node-fetch";

export interface ConsoleAccount {
  accountSid: string;
  authToken: string;
}

/**
 * The fields the tests read of Twilio's JSON (snake_case, as the console and curl see it). The
 * emulator answers as Twilio does; `consoleCall<T>` takes the body to be a T without checking it.
 */
export interface HookJson {
  sid: string;
  friendly_name: string;
  enabled: boolean;
  resolution: string;
  format: string;
  trim: boolean;
  audio_sources: string[];
  video_layout: Record<string, unknown>;
}
export interface CredentialJson {
  sid: string;
  friendly_name: string | null;
}
export interface SettingsJson {
  friendly_name: string | null;
  aws_credentials_sid: string | null;
  aws_s3_url: string | null;
  aws_storage_enabled: boolean;
  encryption_key_sid: string | null;
  encryption_enabled: boolean;
}
export interface HookListJson {
  composition_hooks: HookJson[];
}
export interface CredentialListJson {
  credentials: CredentialJson[];
}

/** One REST call as the account; asserts a 2xx answer and returns the parsed body (taken to be a T; undefined if empty). */
export async function consoleCall<T = unknown>(
  baseUrl: string,
  account: ConsoleAccount,
  method: string,
  path: string,
  form?: Record<string, string>,
): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: "Basic " + Buffer.from(`${account.accountSid}:${account.authToken}`).toString("base64") },
    body: form ? new URLSearchParams(form) : undefined,
  });
  const text = await res.text();
  assert.ok(res.status < 300, `${method} ${path} answered ${res.status}: ${text}`);
  const body: unknown = text ? JSON.parse(text) : undefined;
  return body as T;
}

export interface LiveConfiguration {
  /** [sid, friendly_name, enabled, resolution] per hook */
  hooks: [string, string, boolean, string][];
  /** [sid, friendly_name] per AWS credential */
  credentials: [string, string | null][];
  /** [friendly_name, aws_credentials_sid, aws_s3_url, aws_storage_enabled] */
  recordings: [string | null, string | null, string | null, boolean];
  compositions: [string | null, string | null, string | null, boolean];
}

/** The account's hooks, AWS credentials and both settings, as the console shows them. */
export async function liveConfiguration(baseUrl: string, account: ConsoleAccount): Promise<LiveConfiguration> {
  const get = <T>(path: string) => consoleCall<T>(baseUrl, account, "GET", path);
  const settings = async (kind: string): Promise<LiveConfiguration["recordings"]> => {
    const s = await get<SettingsJson>(`/v1/${kind}/Default`);
    return [s.friendly_name, s.aws_credentials_sid, s.aws_s3_url, s.aws_storage_enabled];
  };
  const hooks = await get<HookListJson>("/v1/CompositionHooks");
  const credentials = await get<CredentialListJson>("/v1/Credentials/AWS");
  return {
    hooks: hooks.composition_hooks.map((h) => [h.sid, h.friendly_name, h.enabled, h.resolution]),
    credentials: credentials.credentials.map((c) => [c.sid, c.friendly_name]),
    recordings: await settings("RecordingSettings"),
    compositions: await settings("CompositionSettings"),
  };
}
