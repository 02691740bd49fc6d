/**
 * Shared test helpers: raw HTTP against an in-process emulator with Basic auth, twilio-node pointed
 * at an emulator, and the emulator's bin in a child process.
 */
import { strict as assert } from "assert";
import { spawn, type ChildProcess } from "child_process";
import { mkdtempSync, rmSync } from "fs";
import fetch from "node-fetch";
import { tmpdir } from "os";
import { join } from "path";
import { createInterface } from "readline";
import twilio from "twilio";
import {
  DEFAULT_ACCOUNT,
  startEmulator,
  videoSimulation,
  type Emulator,
  type EmulatorOptions,
  type VideoSimulationClient,
} from "../../emulator";

export interface Credentials {
  user: string;
  password: string;
}

export const DEFAULT_CREDENTIALS: Credentials = { user: DEFAULT_ACCOUNT.accountSid, password: DEFAULT_ACCOUNT.authToken };

export interface ApiResponse {
  status: number;
  headers: Map<string, string>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the emulator's answers of every shape; each test asserts the keys it reads
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

export type TwilioClient = ReturnType<typeof twilio>;

/**
 * twilio-node, unmodified, with its Video, Accounts and Api (v2010) domains sent to the emulator;
 * `accountSid` is the account an API key acts for (twilio-node's option).
 */
export function twilioClient(emulator: Emulator, credentials: Credentials = DEFAULT_CREDENTIALS, accountSid?: string): TwilioClient {
  const client = twilio(credentials.user, credentials.password, { accountSid });
  client.video.baseUrl = emulator.url;
  client.accounts.baseUrl = emulator.url;
  client.api.baseUrl = emulator.url;
  return client;
}

export interface VideoEmulator {
  emulator: Emulator;
  client: TwilioClient;
  sim: VideoSimulationClient;
}

/**
 * Mocha hooks for a suite on one emulator: started before its tests on the manual video clock
 * (unless `options`, read when it starts, say otherwise) and handed to `use` with a twilio-node
 * client and the simulation client; reset after each test, closed after the suite.
 */
export function useVideoEmulator(use: (video: VideoEmulator) => void, options: () => EmulatorOptions = () => ({})): void {
  let emulator: Emulator | undefined;
  before(async () => {
    emulator = await startEmulator({ videoClock: "manual", ...options() });
    use({ emulator, client: twilioClient(emulator), sim: videoSimulation(emulator) });
  });
  afterEach(() => emulator?.reset());
  after(() => emulator?.close());
}

/** For assert.rejects: twilio-node's RestException with this HTTP status and Twilio error code. */
export const rejectsWith = (status: number, code: number) => (error: { status: number; code: number }) => {
  assert.equal(error.status, status);
  assert.equal(error.code, code);
  return true;
};

export interface BinProcess {
  child: ChildProcess;
  /** The base URL the bin prints as its first stdout line; rejects if it exits first. */
  url: Promise<string>;
  exit: Promise<number | null>;
}

/** emulator/bin.ts (through ts-node, so no build is needed) in a child process. */
function spawnBin(args: string[]): BinProcess {
  const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", join(__dirname, "../../emulator/bin.ts"), ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exit = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    void exit.then((code) => reject(new Error(`bin exited with ${code}`)));
  });
  return { child, url, exit };
}

/**
 * Mocha hooks for tests of the bin: a fresh temporary directory per test, and the bin the test
 * started (one at a time) sent SIGTERM and awaited after it, before the directory goes.
 */
export function useBinPerTest(dirPrefix: string): { dir: () => string; run: (args: string[]) => BinProcess } {
  let dir: string | undefined;
  let bin: BinProcess | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), dirPrefix));
  });
  afterEach(async () => {
    if (bin && bin.child.exitCode === null) {
      bin.child.kill("SIGTERM");
      await bin.exit;
    }
    bin = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir: () => dir as string,
    run: (args) => (bin = spawnBin(args)),
  };
}
