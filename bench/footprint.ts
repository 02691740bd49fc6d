/**
 * What the engine pays for each resource kind, beside its floor: N resources of a trivial inline
 * dynamic provider that makes no call. Through the real CLI on a program folder
 * (bench/footprint/), against the in-process emulator: state bytes per resource (from the stack's
 * checkpoint file), `up` and `destroy` wall time, and their ratio to the floor measured in the same
 * run. The engine rewrites the whole checkpoint after every step, so state size is what up and
 * destroy pay for. Settings are one per account, so they are measured one resource each, beside a
 * floor of one.
 */
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../emulator";
import { makeProgramFolder, type ProgramFolder } from "../test/helpers/programFolder";
import { NEWEST_PULUMI_CLI_VERSION, PulumiCliMissingError } from "../test/helpers/pulumiCli";
import { markdownTable, round, section, type Cell } from "./markdown";
import type { BenchSection } from "./options";

const TITLE = "Engine cost per resource kind, beside the floor";
const PROGRAM = path.join(__dirname, "footprint");
const PROVIDER_KEY = "__provider";
const RUNS = 2;

/** What this reads of a resource in the checkpoint file. */
interface CheckpointResource {
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** The checkpoint file (`pulumi stack export` wraps the same deployment differently). */
interface Checkpoint {
  checkpoint: { latest: { resources: CheckpointResource[] } };
}

interface Sample {
  upMs: number;
  destroyMs: number;
  /** Checkpoint bytes of one resource of the kind, as the file stores it. */
  stateBytes: number;
  /** Of those, the serialized provider (inputs and outputs). */
  providerBytes: number;
}

/** The stack's checkpoint file in the folder's `file://` backend. */
function checkpointFile(folder: ProgramFolder): string {
  const root = path.join(folder.backendDir, ".pulumi", "stacks");
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "bench.json") found.push(full);
    }
  };
  walk(root);
  if (found.length !== 1) throw new Error(`expected one checkpoint bench.json under ${root}, found ${found.length}`);
  return found[0];
}

/**
 * Bytes one resource of `type` takes in the checkpoint: the file's bytes minus the same file with
 * those resources removed, re-serialized the way the file is (its indentation is detected), per resource.
 */
function bytesPerResource(file: string, type: string): { stateBytes: number; providerBytes: number; count: number } {
  const text = fs.readFileSync(file, "utf8");
  const indent = /\n( +)"/.exec(text)?.[1] ?? "";
  const checkpoint: Checkpoint = JSON.parse(text);
  const resources = checkpoint.checkpoint.latest.resources;
  const ours = resources.filter((r) => r.type === type);
  if (ours.length === 0) throw new Error(`no ${type} in ${file}`);
  const serialize = (value: unknown) => Buffer.byteLength(JSON.stringify(value, null, indent) + (text.endsWith("\n") ? "\n" : ""));
  const whole = serialize(checkpoint);
  if (whole !== Buffer.byteLength(text)) throw new Error(`${file}: re-serialized ${whole} bytes, the file has ${Buffer.byteLength(text)}`);
  checkpoint.checkpoint.latest.resources = resources.filter((r) => r.type !== type);
  const without = serialize(checkpoint);
  const providerBytes = ours.reduce(
    (sum, r) =>
      sum +
      [r.inputs?.[PROVIDER_KEY], r.outputs?.[PROVIDER_KEY]].reduce<number>((s, v) => s + (v ? Buffer.byteLength(JSON.stringify(v)) : 0), 0),
    0,
  );
  return { stateBytes: (whole - without) / ours.length, providerBytes: providerBytes / ours.length, count: ours.length };
}

async function prepare(emulator: Emulator, kind: string, count: number): Promise<ProgramFolder> {
  // The package installed as users have it (a copy under node_modules, not a link into this checkout):
  // that is what decides the form its serialized provider takes in state (provider/resources/kit/shim.ts).
  const folder = makeProgramFolder({
    source: PROGRAM,
    cliVersion: NEWEST_PULUMI_CLI_VERSION,
    nodeModules: "installed",
    env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" },
  });
  await folder.pulumi(["stack", "init", "bench"]);
  await folder.setConfig("bench", "twilio:accountSid", DEFAULT_ACCOUNT.accountSid);
  await folder.setConfig("bench", "twilio:authToken", DEFAULT_ACCOUNT.authToken, { secret: true });
  await folder.setConfig("bench", "twilio:endpoint", emulator.url);
  await folder.setConfig("bench", "footprint:kind", kind);
  await folder.setConfig("bench", "footprint:count", String(count));
  return folder;
}

async function sample(folder: ProgramFolder, type: string, parallel: number): Promise<Sample> {
  const up = await folder.pulumi(["up", "--yes", "--skip-preview", "--parallel", String(parallel)], { stack: "bench" });
  const { stateBytes, providerBytes } = bytesPerResource(checkpointFile(folder), type);
  const destroy = await folder.pulumi(["destroy", "--yes", "--skip-preview", "--parallel", String(parallel)], { stack: "bench" });
  return { upMs: up.ms, destroyMs: destroy.ms, stateBytes, providerBytes };
}

const FLOOR_TYPE = "pulumi-nodejs:dynamic:Resource";
const typeOf = (kind: string) => (kind === "floor" ? FLOOR_TYPE : `pulumi-nodejs:dynamic/twilio-video:${kind}`);

/** Groups of kinds measured against a floor of the same count. */
function groups(hooks: number): { count: number; kinds: string[] }[] {
  return [
    { count: hooks, kinds: ["floor", "CompositionHook", "AwsCredential", "PublicKey"] },
    { count: 1, kinds: ["floor", "CompositionSettings", "RecordingSettings"] },
  ];
}

const best = (values: number[]) => Math.min(...values);

export const footprintSection: BenchSection = {
  name: "footprint",
  async run({ hooks, inFlight }) {
    const emulator = await startEmulator();
    const folders: ProgramFolder[] = [];
    const tables: string[] = [];
    try {
      for (const { count, kinds } of groups(hooks)) {
        const prepared = new Map<string, ProgramFolder>();
        for (const kind of kinds) {
          const folder = await prepare(emulator, kind, count);
          folders.push(folder);
          prepared.set(kind, folder);
        }
        const samples = new Map<string, Sample[]>(kinds.map((k) => [k, []]));
        // Interleaved, so machine load drifts over every kind alike.
        for (let run = 0; run < RUNS; run++) {
          for (const kind of kinds) samples.get(kind)!.push(await sample(prepared.get(kind)!, typeOf(kind), inFlight));
        }
        const floor = samples.get("floor")!;
        const floorUp = best(floor.map((s) => s.upMs));
        const floorDestroy = best(floor.map((s) => s.destroyMs));
        const rows: Cell[][] = kinds.map((kind) => {
          const s = samples.get(kind)!;
          const up = best(s.map((x) => x.upMs));
          const destroy = best(s.map((x) => x.destroyMs));
          return [
            kind === "floor" ? "floor: trivial dynamic provider" : kind,
            round(s[0].stateBytes),
            round(s[0].providerBytes),
            s.map((x) => round(x.upMs)).join(" / "),
            round(up / floorUp, 2),
            s.map((x) => round(x.destroyMs)).join(" / "),
            round(destroy / floorDestroy, 2),
          ];
        });
        tables.push(
          markdownTable(
            [
              `${count} resource${count === 1 ? "" : "s"} of`,
              "state bytes each",
              "of which __provider",
              "up ms (runs)",
              "up / floor",
              "destroy ms (runs)",
              "destroy / floor",
            ],
            rows,
          ),
        );
      }
    } catch (error) {
      if (!(error instanceof PulumiCliMissingError)) throw error;
      return section(TITLE, `Skipped: ${error.message}.`);
    } finally {
      for (const folder of folders) await folder.cleanup();
      await emulator.close();
    }
    return section(
      TITLE,
      `CLI ${NEWEST_PULUMI_CLI_VERSION}, a program folder (bench/footprint), \`--parallel ${inFlight}\`, ${RUNS} interleaved runs; ` +
        "ratios use each kind's best run over the floor's best run. State bytes: one resource's share of the stack's checkpoint file, " +
        "`__provider` counted in inputs and outputs.",
      ...tables,
    );
  },
};
