/**
 * What the package's command-line tools (twilio-video-recover, twilio-video-import) share: running
 * the Pulumi CLI in the current folder, and reading the selected stack's config through it.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { ConfigSource } from "../resources/kit/settings";

/** Runs `pulumi ARGS` and returns its stdout; a failure throws with pulumi's stderr (never its stdout). */
export function runPulumi(args: string[]): string {
  const run = spawnSync("pulumi", args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (run.error) throw new Error(`cannot run 'pulumi ${args[0]}': ${run.error.message}`);
  // stderr may be shown; stdout is not (the config export carries secrets).
  if (run.status !== 0) throw new Error(`'pulumi ${args.slice(0, 2).join(" ")}' failed: ${run.stderr.trim()}`);
  return run.stdout;
}

/** The `--stack NAME` arguments for pulumi, or none (the selected stack). */
export function stackArgs(stack: string | undefined): string[] {
  return stack ? ["--stack", stack] : [];
}

/**
 * The stack's config, secrets revealed (`pulumi config --json --show-secrets`), as the provider
 * reads it: `get("twilio:accountSid")`. Held in memory only; never written or printed.
 */
export function stackConfig(stack: string | undefined): ConfigSource {
  const config = JSON.parse(runPulumi(["config", "--json", "--show-secrets", ...stackArgs(stack)])) as Record<string, { value?: string }>;
  return { get: (key) => config[key]?.value };
}

/** Whether `dir` holds a Pulumi project (Pulumi.yaml or Pulumi.yml). */
export function isPulumiProject(dir: string): boolean {
  return ["Pulumi.yaml", "Pulumi.yml"].some((file) => fs.existsSync(path.join(dir, file)));
}

/** Whether an executable `pulumi` is on PATH (looked up without running it). */
export function pulumiOnPath(env: NodeJS.ProcessEnv = process.env): boolean {
  const names = process.platform === "win32" ? ["pulumi.exe", "pulumi.cmd"] : ["pulumi"];
  for (const dir of (env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    for (const name of names) {
      try {
        fs.accessSync(path.join(dir, name), fs.constants.X_OK);
        return true;
      } catch {
        // not here
      }
    }
  }
  return false;
}
