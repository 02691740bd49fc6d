/**
 * Engine cost where users live: a small TypeScript stack (bench/small/ours: AwsCredential,
 * CompositionSettings, CompositionHook) beside the floor (bench/small/floor: the same shape with
 * three trivial dynamic resources), through the real CLI on program folders with the package
 * installed as npm lays it out, ts-node type-checking as it does by default. Paired, interleaved
 * runs of `up` of a new stack and of a no-change `preview`; each command under /usr/bin/time:
 * wall, CPU (user + system of the whole process tree) and the largest process's peak resident size.
 */
import * as path from "path";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../emulator";
import { makeProgramFolder, type ProgramFolder } from "../test/helpers/programFolder";
import { NEWEST_PULUMI_CLI_VERSION } from "../test/helpers/pulumiCli";
import { markdownTable, round, section } from "./markdown";
import { median } from "./measure";
import type { BenchSection } from "./options";

const PROGRAMS = path.join(__dirname, "small");
const PREVIEWS = 5;

interface Cost {
  wallMs: number;
  cpuMs: number;
  peakMiB: number;
}

/** One CLI command under /usr/bin/time; its last stderr line is the measurement. */
async function timedCommand(folder: ProgramFolder, args: string[]): Promise<Cost> {
  const run = await folder.exec("/usr/bin/time", ["-f", "TIME %e %U %S %M", "pulumi", ...args, "--stack", "bench", "--non-interactive"]);
  const line = run.stderr
    .trim()
    .split("\n")
    .reverse()
    .find((l) => l.startsWith("TIME "));
  if (run.code !== 0 || !line) throw new Error(`pulumi ${args.join(" ")} failed:\n${run.stdout.slice(-1500)}\n${run.stderr.slice(-1500)}`);
  const [wall, user, system, maxKb] = line.split(" ").slice(1).map(Number);
  return { wallMs: wall * 1000, cpuMs: (user + system) * 1000, peakMiB: maxKb / 1024 };
}

async function prepare(emulator: Emulator, program: "ours" | "floor", transpileOnly: boolean): Promise<ProgramFolder> {
  const folder = makeProgramFolder({
    source: path.join(PROGRAMS, program),
    cliVersion: NEWEST_PULUMI_CLI_VERSION,
    nodeModules: "installed",
    env: transpileOnly ? { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } : {},
  });
  await folder.pulumi(["stack", "init", "bench"]);
  await folder.setConfig("bench", "twilio:accountSid", DEFAULT_ACCOUNT.accountSid);
  await folder.setConfig("bench", "twilio:authToken", DEFAULT_ACCOUNT.authToken, { secret: true });
  await folder.setConfig("bench", "twilio:endpoint", emulator.url);
  return folder;
}

const medianOf = (costs: Cost[]): Cost => ({
  wallMs: median(costs.map((c) => c.wallMs)),
  cpuMs: median(costs.map((c) => c.cpuMs)),
  peakMiB: median(costs.map((c) => c.peakMiB)),
});

export const smallSection: BenchSection = {
  name: "small",
  async run() {
    const emulator = await startEmulator();
    const folders: ProgramFolder[] = [];
    try {
      /** `up` of a new stack, then no-change previews, ours and the floor interleaved. */
      const pair = async (transpileOnly: boolean) => {
        emulator.reset(); // each pair's `up` creates the same objects in a fresh account
        const ours = await prepare(emulator, "ours", transpileOnly);
        const floor = await prepare(emulator, "floor", transpileOnly);
        folders.push(ours, floor);
        const up = {
          ours: await timedCommand(ours, ["up", "--yes", "--skip-preview"]),
          floor: await timedCommand(floor, ["up", "--yes", "--skip-preview"]),
        };
        const previews: Record<"ours" | "floor", Cost[]> = { ours: [], floor: [] };
        for (let i = 0; i < PREVIEWS; i++) {
          previews.ours.push(await timedCommand(ours, ["preview", "--expect-no-changes"]));
          previews.floor.push(await timedCommand(floor, ["preview", "--expect-no-changes"]));
        }
        return { up, preview: { ours: medianOf(previews.ours), floor: medianOf(previews.floor) } };
      };
      const checked = await pair(false);
      const transpiled = await pair(true);
      const row = (what: string, o: Cost, f: Cost) => [
        what,
        round(o.wallMs),
        round(f.wallMs),
        round(o.wallMs / f.wallMs, 2),
        round(o.cpuMs),
        round(f.cpuMs),
        round(o.cpuMs / f.cpuMs, 2),
        round(o.peakMiB),
        round(f.peakMiB),
        round(o.peakMiB / f.peakMiB, 2),
      ];
      return section(
        "A small stack beside the floor",
        `CLI ${NEWEST_PULUMI_CLI_VERSION}, program folders bench/small/ours (AwsCredential, CompositionSettings, CompositionHook) and ` +
          `bench/small/floor (three trivial dynamic resources), the package installed as npm lays it out, ts-node type-checking as by default, then transpile-only (PULUMI_NODEJS_TRANSPILE_ONLY=true) to show what type-checking costs. ` +
          `\`up\` of a new stack once each; no-change preview: median of ${PREVIEWS} interleaved pairs. ` +
          `CPU is user + system of the whole process tree; peak is the largest single process (targets: preview wall <= 1.10x, CPU <= 1.30x, peak <= 1.50x).`,
        markdownTable(
          [
            "command",
            "ours wall ms",
            "floor wall ms",
            "wall x",
            "ours CPU ms",
            "floor CPU ms",
            "CPU x",
            "ours peak MiB",
            "floor peak MiB",
            "peak x",
          ],
          [
            row("preview (no change)", checked.preview.ours, checked.preview.floor),
            row("up (new stack)", checked.up.ours, checked.up.floor),
            row("preview, transpile-only", transpiled.preview.ours, transpiled.preview.floor),
            row("up, transpile-only", transpiled.up.ours, transpiled.up.floor),
          ],
        ),
      );
    } finally {
      for (const folder of folders) await folder.cleanup();
      await emulator.close();
    }
  },
};
