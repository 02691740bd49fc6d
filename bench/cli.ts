/**
 * The same hook lifecycle through the real engine, once per CLI version (the oldest and the newest
 * CI proves), side by side: the `pulumi` CLI (Automation API, `file://` backend) runs an inline
 * program of N CompositionHooks against the in-process emulator with `parallel` set to the
 * in-flight count. Wall time includes the engine, plugin start and program.
 */
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../emulator";
import { CompositionHook } from "../provider";
import {
  NEWEST_PULUMI_CLI_VERSION,
  PULUMI_CLI_VERSION,
  PulumiCliMissingError,
  createTestStack,
  twilioStackConfig,
  type TestStack,
} from "../test/helpers/pulumiCli";
import { markdownTable, round, section, type Cell } from "./markdown";
import { timed } from "./measure";
import type { BenchSection } from "./options";

const TITLE = "Hook lifecycle through the real Pulumi CLI";

/** "POST×200, GET×1": the emulator's requests since the last clear, grouped by method. */
function callsByMethod(emulator: Emulator): { total: number; summary: string } {
  const counts = new Map<string, number>();
  for (const e of emulator.log.entries()) counts.set(e.method, (counts.get(e.method) ?? 0) + 1);
  const summary = [...counts].map(([method, n]) => `${method}×${n}`).join(", ");
  return { total: emulator.log.count(), summary: summary || "-" };
}

/** Engine change counts ("create 200"), from an up/destroy/refresh summary or a preview's changeSummary. */
function describeChanges(changes: Record<string, number> | undefined): string {
  return (
    Object.entries(changes ?? {})
      .map(([op, n]) => `${op} ${n}`)
      .join(", ") || "-"
  );
}

const CLI_VERSIONS = [PULUMI_CLI_VERSION, NEWEST_PULUMI_CLI_VERSION];

interface PhaseResult {
  phase: string;
  ms: number;
  calls: { total: number; summary: string };
  changes: string;
}

/** One lifecycle (create, update, no-change preview, refresh, destroy) on one CLI version. */
async function lifecycle(cliVersion: string, hooks: number, inFlight: number): Promise<PhaseResult[]> {
  const emulator = await startEmulator();
  const desired = { resolution: "1280x720" };
  const program = async () => {
    for (let i = 0; i < hooks; i++) {
      new CompositionHook(`hook-${i}`, {
        friendlyName: `bench-hook-${i}`,
        audioSources: ["alice", "bob*"],
        resolution: desired.resolution,
      });
    }
    return {};
  };
  let test: TestStack | undefined;
  try {
    test = await createTestStack({ stackName: "bench", program, cliVersion, config: twilioStackConfig(emulator.url, DEFAULT_ACCOUNT) });
    const stack = test.stack;
    const results: PhaseResult[] = [];
    const phase = async (name: string, run: () => Promise<Record<string, number> | undefined>) => {
      emulator.log.clear();
      const { result, ms } = await timed(run);
      results.push({ phase: name, ms, calls: callsByMethod(emulator), changes: describeChanges(result) });
    };
    await phase("up (create)", async () => (await stack.up({ parallel: inFlight })).summary.resourceChanges);
    desired.resolution = "640x480";
    await phase("up, resolution changed (update)", async () => (await stack.up({ parallel: inFlight })).summary.resourceChanges);
    await phase("preview, no changes", async () => (await stack.preview({ parallel: inFlight, expectNoChanges: true })).changeSummary);
    await phase("refresh (read)", async () => (await stack.refresh({ parallel: inFlight })).summary.resourceChanges);
    await phase("destroy (delete)", async () => (await stack.destroy({ parallel: inFlight })).summary.resourceChanges);
    return results;
  } finally {
    await test?.cleanup();
    await emulator.close();
  }
}

export const cliSection: BenchSection = {
  name: "cli",
  async run({ hooks, inFlight }) {
    const runs: { version: string; results: PhaseResult[] }[] = [];
    const skipped: string[] = [];
    for (const version of CLI_VERSIONS) {
      try {
        runs.push({ version, results: await lifecycle(version, hooks, inFlight) });
      } catch (error) {
        if (!(error instanceof PulumiCliMissingError)) throw error;
        skipped.push(`Skipped ${version}: ${error.message}.`);
      }
    }
    if (runs.length === 0) return section(TITLE, skipped.join(" "));
    const rows: Cell[][] = runs[0].results.map((first, i) => [
      first.phase,
      ...runs.flatMap(({ results }) => [round(results[i].ms), round((hooks * 1000) / results[i].ms, 1)]),
      ...runs.map(({ results }) => results[i].calls.total),
      first.calls.summary,
      first.changes,
    ]);
    const header = [
      "phase",
      ...runs.flatMap(({ version }) => [`${version} wall ms`, `${version} hooks/s`]),
      ...runs.map(({ version }) => `${version} Twilio calls`),
      `by method (${runs[0].version})`,
      "engine changes",
    ];
    return section(
      TITLE,
      `${hooks} CompositionHooks, \`parallel: ${inFlight}\`, no injected latency, the same program on each CLI one after the other. ` +
        `The engine also counts the stack resource in its changes.${skipped.length ? " " + skipped.join(" ") : ""}`,
      markdownTable(header, rows),
    );
  },
};
