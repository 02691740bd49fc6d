/** The context printed above the results: when, where and how busy the machine was. */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { BenchOptions } from "./options";

function gitCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      cwd: __dirname,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return "unknown";
  }
}

const REPO_ROOT = path.resolve(__dirname, "..");

/** Newest modification time of the files under `dir` whose names end with `suffix` (0 if none). */
function newestMtime(dir: string, suffix: string): number {
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return Math.max(newest, newestMtime(full, suffix));
    return entry.name.endsWith(suffix) ? Math.max(newest, fs.statSync(full).mtimeMs) : newest;
  }, 0);
}

/**
 * The stored provider runs the BUILT package (dist/, via pulumi-twilio-video/runtime), so results
 * describe dist/; say when it is older than the sources.
 */
function distNote(): string {
  const built = newestMtime(path.join(REPO_ROOT, "dist", "provider"), ".js");
  if (built === 0) return "dist/ not built yet (built on first use)";
  const stale = newestMtime(path.join(REPO_ROOT, "provider"), ".ts") > built;
  return `dist/ built ${new Date(built).toISOString()}${stale ? " — OLDER than provider/ sources: run `npm run build` for current numbers" : ""}`;
}

/** One markdown paragraph: date, commit, CPU, cores, load averages, Node version and the options. */
export function machineSummary(options: BenchOptions): string {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ");
  return [
    `## pulumi-twilio-video benchmarks`,
    "",
    `${new Date().toISOString()} · commit ${gitCommit()} · ${cpus.length} cores (${cpus[0]?.model.trim() ?? "unknown CPU"}) · ` +
      `load average ${load} (1/5/15 min) at start · Node ${process.version} · ${distNote()}`,
    "",
    `Options: ${options.hooks} hooks, ${options.inFlight} in flight, ${options.latencyMs} ms injected latency, ` +
      `${options.runs} cold starts per process kind, emulator ${options.emulatorSeconds}s × ${options.emulatorConcurrency} in flight.`,
    "",
  ].join("\n");
}
