/**
 * The same hook lifecycle through the real engine: the `pulumi` CLI (Automation API, `file://`
 * backend) runs an inline program of N CompositionHooks against the in-process emulator with
 * `parallel` set to the in-flight count. Wall time includes the engine, plugin start and program.
 */
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../emulator";
import { CompositionHook } from "../provider";
import { PulumiCliMissingError, createTestStack, twilioStackConfig, type TestStack } from "../test/helpers/pulumiCli";
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
  return Object.entries(changes ?? {}).map(([op, n]) => `${op} ${n}`).join(", ") || "-";
}

export const cliSection: BenchSection = {
  name: "cli",
  async run({ hooks, inFlight }) {
    const emulator = await startEmulator();
    const desired = { resolution: "1280x720" };
    const program = async () => {
      for (let i = 0; i < hooks; i++) {
        new CompositionHook(`hook-${i}`, { friendlyName: `bench-hook-${i}`, audioSources: ["alice", "bob*"], resolution: desired.resolution });
      }
      return {};
    };
    let test: TestStack | undefined;
    try {
      test = await createTestStack({
        stackName: "bench",
        program,
        config: twilioStackConfig(emulator.url, DEFAULT_ACCOUNT),
      });
      const stack = test.stack;
      const rows: Cell[][] = [];
      const phase = async (name: string, run: () => Promise<Record<string, number> | undefined>) => {
        emulator.log.clear();
        const { result, ms } = await timed(run);
        const calls = callsByMethod(emulator);
        rows.push([name, round(ms), round((hooks * 1000) / ms, 1), calls.total, calls.summary, describeChanges(result)]);
      };
      await phase("up (create)", async () => (await stack.up({ parallel: inFlight })).summary.resourceChanges);
      desired.resolution = "640x480";
      await phase("up, resolution changed (update)", async () => (await stack.up({ parallel: inFlight })).summary.resourceChanges);
      await phase("preview, no changes", async () => (await stack.preview({ parallel: inFlight, expectNoChanges: true })).changeSummary);
      await phase("refresh (read)", async () => (await stack.refresh({ parallel: inFlight })).summary.resourceChanges);
      await phase("destroy (delete)", async () => (await stack.destroy({ parallel: inFlight })).summary.resourceChanges);
      return section(
        TITLE,
        `${hooks} CompositionHooks, \`parallel: ${inFlight}\`, no injected latency. The engine also counts the stack resource in its changes.`,
        markdownTable(["phase", "wall ms", "hooks/s", "Twilio calls", "by method", "engine changes"], rows),
      );
    } catch (error) {
      if (error instanceof PulumiCliMissingError) return section(TITLE, `Skipped: ${error.message}.`);
      throw error;
    } finally {
      await test?.cleanup();
      await emulator.close();
    }
  },
};
