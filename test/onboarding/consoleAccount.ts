// An emulator account set up by hand, as a person at the console (or curl) would: two hooks (one
// with a two-region layout, one disabled), an AWS credential, recording settings to S3 with it, a
// public key; and the built twilio-video-import bin, run as a user runs it.
import { execFile } from "child_process";
import * as path from "path";
import { DEFAULT_ACCOUNT, type Emulator } from "../../emulator";
import { RSA_2048 } from "../fixtures/publicKeys";
import { REPO_ROOT } from "../helpers/freshDist";
import { consoleCall } from "../helpers/twilioConsole";

const BIN = path.join(REPO_ROOT, "dist", "provider", "onboarding", "cli.js");

export const AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
export const AWS_SECRET = "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";
export const LAYOUT = {
  presenter: { video_sources: ["screen-*", "presenter"], x_pos: 0, y_pos: 0, width: 960, height: 720, z_pos: 1 },
  audience: { video_sources: ["*"], x_pos: 960, y_pos: 0, width: 320, height: 720, max_rows: 4 },
};

export interface ConsoleObjects {
  /** The "Main grid" hook (enabled, two regions), then the "Audio archive" hook (disabled). */
  hooks: [string, string];
  credential: string;
  key: string;
}

export async function configureLikeTheConsole(emulator: Emulator): Promise<ConsoleObjects> {
  const post = (p: string, form: Record<string, string>) => consoleCall<{ sid: string }>(emulator.url, DEFAULT_ACCOUNT, "POST", p, form);
  const grid = await post("/v1/CompositionHooks", {
    FriendlyName: "Main grid",
    VideoLayout: JSON.stringify(LAYOUT),
    AudioSources: "*",
    Format: "mp4",
    Resolution: "1280x720",
  });
  const archive = await post("/v1/CompositionHooks", { FriendlyName: "Audio archive", Enabled: "false", AudioSources: "mic-*" });
  const credential = await post("/v1/Credentials/AWS", { Credentials: `${AWS_ACCESS_KEY_ID}:${AWS_SECRET}`, FriendlyName: "S3 writer" });
  await post("/v1/RecordingSettings/Default", {
    FriendlyName: "console recordings",
    AwsCredentialsSid: credential.sid,
    AwsS3Url: "https://example-console-media.s3.us-east-1.amazonaws.com/recordings",
    AwsStorageEnabled: "true",
  });
  const key = await post("/v1/Credentials/PublicKeys", { PublicKey: RSA_2048, FriendlyName: "Main key" });
  return { hooks: [grid.sid, archive.sid], credential: credential.sid, key: key.sid };
}

export interface ImporterRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the bin in `cwd` with only PATH and `env` set (no TWILIO_* of the machine running the tests). */
export function importer(args: string[], cwd: string, env: Record<string, string>): Promise<ImporterRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { PATH: process.env.PATH ?? "", ...env }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}
