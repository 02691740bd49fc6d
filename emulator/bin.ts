#!/usr/bin/env node
/**
 * twilio-video-emulator: run the emulator as a process (CI, local development).
 * Prints the base URL as the first line of stdout, then serves until SIGTERM/SIGINT.
 *
 *   --port N            0 = a free port (default 0)
 *   --host H            default 127.0.0.1
 *   --accounts FILE     JSON array of AccountSpec, each with optional `console` objects (ConsoleSeed)
 *   --account-sid SID --auth-token TOKEN   one account (default: DEFAULT_ACCOUNT)
 *   --s3-endpoint URL   S3-compatible server for the storage check (skipped without it)
 *   --persist FILE      keep state in FILE across restarts
 *   --video-clock MODE  real (default) or manual: the Video simulation's clock
 */
import { readFileSync } from "fs";
import { DEFAULT_ACCOUNT, startEmulator } from "./start";
import type { AccountSpec, EmulatorOptions } from "./core/types";

const USAGE =
  "usage: twilio-video-emulator [--port N] [--host H] [--accounts FILE.json] [--account-sid SID --auth-token TOKEN] [--s3-endpoint URL] [--persist FILE] [--video-clock real|manual]\n" +
  "  --accounts FILE.json: [{ accountSid, authToken, apiKeys?, subaccounts?, console? }], console holding the objects a console\n" +
  "  user left (awsCredentials, publicKeys, recordingSettings, compositionSettings, compositionHooks) as the API's parameters";

export function parseArgs(argv: string[]): EmulatorOptions {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i];
    const value = argv[i + 1];
    if (!name.startsWith("--") || value === undefined) throw new TypeError(USAGE);
    flags.set(name.slice(2), value);
  }
  const known = new Set(["port", "host", "accounts", "account-sid", "auth-token", "s3-endpoint", "persist", "video-clock"]);
  for (const name of flags.keys()) if (!known.has(name)) throw new TypeError(`unknown flag --${name}\n${USAGE}`);

  const accounts: AccountSpec[] = [];
  if (flags.has("accounts")) accounts.push(...(JSON.parse(readFileSync(flags.get("accounts") as string, "utf8")) as AccountSpec[]));
  if (flags.has("account-sid") !== flags.has("auth-token")) throw new TypeError("--account-sid and --auth-token go together");
  const videoClock = flags.get("video-clock");
  if (videoClock !== undefined && videoClock !== "real" && videoClock !== "manual")
    throw new TypeError(`--video-clock takes real or manual\n${USAGE}`);
  if (flags.has("account-sid"))
    accounts.push({ accountSid: flags.get("account-sid") as string, authToken: flags.get("auth-token") as string });
  return {
    port: flags.has("port") ? Number(flags.get("port")) : 0,
    host: flags.get("host"),
    accounts: accounts.length > 0 ? accounts : [DEFAULT_ACCOUNT],
    s3Endpoint: flags.get("s3-endpoint"),
    persistPath: flags.get("persist"),
    ...(videoClock ? { videoClock } : {}),
  };
}

async function main(): Promise<void> {
  const emulator = await startEmulator(parseArgs(process.argv.slice(2)));
  process.stdout.write(`${emulator.url}\n`);
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  });
}
