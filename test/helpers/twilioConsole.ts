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

/** One REST call as the account; asserts a 2xx answer and returns the parsed body. */
export async function consoleCall(
  baseUrl: string,
  account: ConsoleAccount,
  method: string,
  path: string,
  form?: Record<string, string>,
): Promise<any> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: "Basic " + Buffer.from(`${account.accountSid}:${account.authToken}`).toString("base64") },
    body: form ? new URLSearchParams(form) : undefined,
  });
  const text = await res.text();
  assert.ok(res.status < 300, `${method} ${path} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

export interface LiveConfiguration {
  /** [sid, friendly_name, enabled, resolution] per hook */
  hooks: [string, string, boolean, string][];
  /** [sid, friendly_name] per AWS credential */
  credentials: [string, string][];
  /** [friendly_name, aws_credentials_sid, aws_s3_url, aws_storage_enabled] */
  recordings: [string, string | null, string | null, boolean];
  compositions: [string, string | null, string | null, boolean];
}

/** The account's hooks, AWS credentials and both settings, as the console shows them. */
export async function liveConfiguration(baseUrl: string, account: ConsoleAccount): Promise<LiveConfiguration> {
  const get = (path: string) => consoleCall(baseUrl, account, "GET", path);
  const settings = async (kind: string) => {
    const s = await get(`/v1/${kind}/Default`);
    return [s.friendly_name, s.aws_credentials_sid, s.aws_s3_url, s.aws_storage_enabled] as LiveConfiguration["recordings"];
  };
  const hooks = await get("/v1/CompositionHooks");
  const credentials = await get("/v1/Credentials/AWS");
  return {
    hooks: hooks.composition_hooks.map((h: any) => [h.sid, h.friendly_name, h.enabled, h.resolution]),
    credentials: credentials.credentials.map((c: any) => [c.sid, c.friendly_name]),
    recordings: await settings("RecordingSettings"),
    compositions: await settings("CompositionSettings"),
  };
}
