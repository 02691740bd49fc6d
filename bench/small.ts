/**
 * Engine cost where users live: a small TypeScript stack (bench/small/ours: AwsCredential,
 * CompositionSettings, CompositionHook) beside the floor (bench/small/floor: the same shape with
 * three trivial dynamic resources), through the real CLI on program folders with the package
 * installed as npm lays it out, ts-node type-checking as it does by default. Paired, interleaved
 * runs of `up` of a new stack and of a no-change `preview`; each command under /usr/bin/time:
 * wall, CPU (user + system of the whole process tree) and the largest process's peak resident size.
 * The same pair transpile-only (what type-checking costs), with one aws.s3.Bucket beside both
 * programs (what belongs to @pulumi/aws, under the stand-in AWS plugin), and as many hooks as
 * `--hooks` beside as many floor resources (bench/small/hooks).
 */
import * as path from "path";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../emulator";
import { makeProgramFolder, type ProgramFolder } from "../test/helpers/programFolder";
import { NEWEST_PULUMI_CLI_VERSION } from "../test/helpers/pulumiCli";
import { markdownTable, round, section } from "./markdown";
import { median } from "./measure";
import type { BenchSection } from "./options";

const PROGRAMS = path.join(__dirname, "small");
const FAKE_AWS_PLUGIN_DIR = path.join(__dirname, "..", "test", "fixtures", "fakeAwsPlugin");
const PREVIEWS = 5;
/** Previews of the many-hooks pair (each takes seconds more than the small stack's). */
const MANY_PREVIEWS = 3;

/** One comparison: our program and the floor, run the same way. */
interface Pair {
  label: string;
  ours: "ours" | "hooks";
  /** `small:count` for both programs (the floor makes that many resources). */
  count?: number;
  transpileOnly?: boolean;
  /** One aws.s3.Bucket added to both programs. */
  bucket?: boolean;
  previews: number;
}

/** What the bucket variant adds to each program's index.ts. */
const BUCKET_IMPORT = 'import * as aws from "@pulumi/aws";\n';
const BUCKET = '\nnew aws.s3.Bucket("media", { forceDestroy: true });\n';

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

async function prepare(emulator: Emulator, program: string, pair: Pair): Promise<ProgramFolder> {
  const folder = makeProgramFolder({
    source: path.join(PROGRAMS, program),
    cliVersion: NEWEST_PULUMI_CLI_VERSION,
    nodeModules: "installed",
    env: pair.transpileOnly ? { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } : {},
    pathPrepend: pair.bucket ? [FAKE_AWS_PLUGIN_DIR] : [],
  });
  if (pair.bucket) {
    folder.env.FAKE_AWS_LEDGER = path.join(folder.pulumiHome, "fake-aws-ledger.jsonl");
    folder.editFile("index.ts", (text) => BUCKET_IMPORT + text + BUCKET);
  }
  await folder.pulumi(["stack", "init", "bench"]);
  await folder.setConfig("bench", "twilio:accountSid", DEFAULT_ACCOUNT.accountSid);
  await folder.setConfig("bench", "twilio:authToken", DEFAULT_ACCOUNT.authToken, { secret: true });
  await folder.setConfig("bench", "twilio:endpoint", emulator.url);
  if (pair.bucket) await folder.setConfig("bench", "aws:region", "us-east-1");
  if (pair.count !== undefined) await folder.setConfig("bench", "small:count", String(pair.count));
  return folder;
}

const medianOf = (costs: Cost[]): Cost => ({
  wallMs: median(costs.map((c) => c.wallMs)),
  cpuMs: median(costs.map((c) => c.cpuMs)),
  peakMiB: median(costs.map((c) => c.peakMiB)),
});

export const smallSection: BenchSection = {
  name: "small",
  async run({ hooks }) {
    const emulator = await startEmulator();
    const folders: ProgramFolder[] = [];
    const pairs: Pair[] = [
      { label: "", ours: "ours", previews: PREVIEWS },
      { label: ", transpile-only", ours: "ours", transpileOnly: true, previews: PREVIEWS },
      { label: ", an aws.s3.Bucket beside", ours: "ours", bucket: true, previews: PREVIEWS },
      { label: `, ${hooks} hooks / ${hooks} floor`, ours: "hooks", count: hooks, previews: MANY_PREVIEWS },
    ];
    try {
      /** `up` of a new stack, then no-change previews, ours and the floor interleaved. */
      const measure = async (pair: Pair) => {
        emulator.reset(); // each pair's `up` creates its objects in a fresh account
        const ours = await prepare(emulator, pair.ours, pair);
        const floor = await prepare(emulator, "floor", pair);
        folders.push(ours, floor);
        const up = {
          ours: await timedCommand(ours, ["up", "--yes", "--skip-preview"]),
          floor: await timedCommand(floor, ["up", "--yes", "--skip-preview"]),
        };
        const previews: Record<"ours" | "floor", Cost[]> = { ours: [], floor: [] };
        for (let i = 0; i < pair.previews; i++) {
          previews.ours.push(await timedCommand(ours, ["preview", "--expect-no-changes"]));
          previews.floor.push(await timedCommand(floor, ["preview", "--expect-no-changes"]));
        }
        await ours.cleanup(); // the many-hooks stack's folders are large; nothing later needs them
        await floor.cleanup();
        return { up, preview: { ours: medianOf(previews.ours), floor: medianOf(previews.floor) } };
      };
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
      const rows: ReturnType<typeof row>[] = [];
      for (const pair of pairs) {
        const measured = await measure(pair);
        rows.push(row(`preview (no change)${pair.label}`, measured.preview.ours, measured.preview.floor));
        rows.push(row(`up (new stack)${pair.label}`, measured.up.ours, measured.up.floor));
      }
      return section(
        "A small stack beside the floor",
        `CLI ${NEWEST_PULUMI_CLI_VERSION}, program folders bench/small/ours (AwsCredential, CompositionSettings, CompositionHook) and ` +
          `bench/small/floor (three trivial dynamic resources), the package installed as npm lays it out, ts-node type-checking as by default; ` +
          `then transpile-only (PULUMI_NODEJS_TRANSPILE_ONLY=true) to show what type-checking costs, with one aws.s3.Bucket added to both programs ` +
          `(the stand-in AWS plugin answers for it) to show what @pulumi/aws costs, and bench/small/hooks (${hooks} CompositionHooks) beside ${hooks} floor resources. ` +
          `\`up\` of a new stack once each; no-change preview: median of ${PREVIEWS} interleaved pairs (${MANY_PREVIEWS} for ${hooks} hooks). ` +
          `CPU is user + system of the whole process tree; peak is the largest single process (targets: preview wall <= 1.10x, CPU <= 1.30x, peak <= 1.50x; ${hooks} hooks' preview wall <= 1.15x).`,
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
          rows,
        ),
      );
    } finally {
      for (const folder of folders) await folder.cleanup();
      await emulator.close();
    }
  },
};
