/** The context printed above the results: when, where and how busy the machine was. */
import { execFileSync } from "child_process";
import * as os from "os";
import type { BenchOptions } from "./options";

function gitCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: __dirname, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "unknown";
  }
}

/** One markdown paragraph: date, commit, CPU, cores, load averages, Node version and the options. */
export function machineSummary(options: BenchOptions): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(2)).join(" / ");
  return [
    `## pulumi-twilio-video benchmarks`,
    "",
    `${new Date().toISOString()} · commit ${gitCommit()} · ${cpus.length} cores (${cpus[0]?.model.trim() ?? "unknown CPU"}) · ` +
      `load average ${load} (1/5/15 min) at start · Node ${process.version}`,
    "",
    `Options: ${options.hooks} hooks, ${options.inFlight} in flight, ${options.latencyMs} ms injected latency, ` +
      `${options.runs} cold starts per process kind, emulator ${options.emulatorSeconds}s × ${options.emulatorConcurrency} in flight.`,
    "",
  ].join("\n");
}
