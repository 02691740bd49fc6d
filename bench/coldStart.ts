/**
 * Dynamic-provider host cold start against a bare `node -e "require('@pulumi/pulumi')"`, measured
 * interleaved in the same run so both see the same machine load. A third row times what the
 * engine waits for before the first resource answer: spawn, port, Configure, then a Check that
 * loads this package's runtime (zod, client) from the program's directory: the package installed
 * there as npm lays it out, and the provider text a program registers with it (the shim module's name).
 */
import { spawn } from "child_process";
import { createInterface } from "readline";
import { startFakeEngine } from "../test/helpers/fakeEngine";
import { runMocksProgram } from "../test/helpers/mocksProgram";
import { makeProjectDir } from "../test/helpers/packageCopy";
import { REPO_ROOT } from "../test/helpers/programDir";
import { startProviderHost } from "../test/helpers/providerHost";
import { stackConfig } from "../test/resources/fixture";
import { markdownTable, round, section } from "./markdown";
import { elapsedMs, median } from "./measure";
import type { BenchSection } from "./options";

const HOST_SCRIPT = require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js");
const TARGET_RATIO = 1.5;

/** Spawn until exit of `node -e "require('@pulumi/pulumi')"`, in ms. */
function bareRequire(): Promise<number> {
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, ["-e", "require('@pulumi/pulumi')"], { cwd: REPO_ROOT, stdio: "ignore" });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(elapsedMs(start)) : reject(new TypeError(`bare require exited with ${code}`))));
  });
}

/** Spawn until the host prints its port (the moment the engine can connect), in ms. */
function hostToPort(engineAddress: string, cwd: string): Promise<number> {
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, [HOST_SCRIPT, engineAddress], {
    cwd,
    stdio: ["ignore", "pipe", "ignore"],
    env: { ...process.env, PULUMI_NODEJS_ENGINE: engineAddress },
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new TypeError(`provider host exited with ${code} before printing its port`)));
    createInterface({ input: child.stdout }).once("line", () => {
      const ms = elapsedMs(start);
      child.removeAllListeners("exit");
      child.once("exit", () => resolve(ms));
      child.kill("SIGTERM");
    });
  });
}

/** Spawn, port, Configure and a first CompositionHook Check answered, in ms. */
async function hostToFirstCheck(cwd: string, providerText: string): Promise<number> {
  const start = process.hrtime.bigint();
  const host = await startProviderHost({ cwd });
  try {
    await host.configure(stackConfig("http://127.0.0.1:9"));
    const res = await host.check(
      "urn:pulumi:bench::ptv::pulumi-nodejs:dynamic/twilio-video:CompositionHook::h",
      {},
      {
        friendlyName: "cold",
        audioSources: ["a"],
        __provider: providerText,
      },
    );
    if (res.failures.length > 0) throw new TypeError(`cold-start check failed: ${JSON.stringify(res.failures)}`);
    return elapsedMs(start);
  } finally {
    await host.close();
  }
}

export const coldStartSection: BenchSection = {
  name: "coldstart",
  async run({ runs }) {
    const engine = await startFakeEngine();
    const program = makeProjectDir();
    const registered = runMocksProgram(program.dir, "bench-aws-secret-0000000000000000000000");
    const providerText = String(registered.find((r) => r.type.endsWith(":CompositionHook"))!.inputs.__provider);
    const samples = { bare: [] as number[], port: [] as number[], check: [] as number[] };
    try {
      await bareRequire(); // warm the file cache once so the first sample is not an outlier of its own
      for (let i = 0; i < runs; i++) {
        samples.bare.push(await bareRequire());
        samples.port.push(await hostToPort(engine.address, program.dir));
        samples.check.push(await hostToFirstCheck(program.dir, providerText));
      }
    } finally {
      await engine.close();
      await program.cleanup();
    }
    const bare = median(samples.bare);
    const bareMin = Math.min(...samples.bare);
    // The ratio of minimums is the steadier one on a busy machine; the target applies to the medians.
    const row = (what: string, values: number[], target: string) => [
      what,
      round(median(values)),
      round(Math.min(...values)),
      round(Math.max(...values)),
      round(median(values) / bare, 2),
      round(Math.min(...values) / bareMin, 2),
      target,
    ];
    const portRow = row("dynamic-provider host: spawn → port printed", samples.port, `≤ ${TARGET_RATIO}x`);
    portRow.push((portRow[4] as number) <= TARGET_RATIO ? "yes" : "NO");
    return section(
      "Dynamic-provider host cold start",
      `Median, min and max of ${runs} runs each, interleaved; ratios are median / bare median and min / bare min.`,
      markdownTable(
        ["process", "median ms", "min ms", "max ms", "ratio", "ratio of mins", "target", "on target"],
        [
          [...row("bare `node -e \"require('@pulumi/pulumi')\"` (spawn → exit)", samples.bare, "baseline"), "-"],
          portRow,
          [...row("host: spawn → port → Configure → first Check answered", samples.check, "(context)"), "-"],
        ],
      ),
    );
  },
};
