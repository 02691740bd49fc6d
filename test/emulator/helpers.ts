/** Shared test helpers: raw HTTP against an in-process emulator with Basic auth. */
import fetch from "node-fetch";
import { DEFAULT_ACCOUNT, type Emulator } from "../../emulator";

export interface Credentials {
  user: string;
  password: string;
}

export const DEFAULT_CREDENTIALS: Credentials = { user: DEFAULT_ACCOUNT.accountSid, password: DEFAULT_ACCOUNT.authToken };

export interface ApiResponse {
  status: number;
  headers: Map<string, string>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export type Form = Record<string, string | number | boolean | string[]>;

export function encodeForm(form: Form): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, String(item));
  }
  return params.toString();
}

export async function api(
  emulator: Emulator,
  method: string,
  path: string,
  options: { form?: Form; body?: string; auth?: Credentials | null } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  const auth = options.auth === undefined ? DEFAULT_CREDENTIALS : options.auth;
  if (auth) headers.Authorization = "Basic " + Buffer.from(`${auth.user}:${auth.password}`).toString("base64");
  let body = options.body;
  if (options.form) body = encodeForm(options.form);
  if (body !== undefined) headers["Content-Type"] = "application/x-www-form-urlencoded";
  const response = await fetch(path.startsWith("http") ? path : emulator.url + path, { method, headers, body });
  const text = await response.text();
  return {
    status: response.status,
    headers: new Map([...response.headers.entries()]),
    body: text ? JSON.parse(text) : undefined,
  };
}

/** A hook form that passes every rule; override fields per test. */
export function hookForm(overrides: Form = {}): Form {
  return { FriendlyName: "recordings", AudioSources: ["*"], ...overrides };
}

export function hex32(n: number): string {
  return n.toString(16).padStart(32, "0");
}
