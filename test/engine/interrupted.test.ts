/**
 * An interrupted `pulumi up` (the CLI killed with SIGKILL while its creates are in flight), then what
 * a pipeline does next, through the real engine: `pulumi cancel` for the lock the killed run left,
 * `twilio-video-recover --apply` for the creates Pulumi recorded as pending, `pulumi up`. It must end
 * with exactly the declared objects: no duplicate, no orphan, no code edit.
 */
import { strict as assert } from "assert";
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { AwsCredential, CompositionHook, RecordingSettings } from "../../provider";
import { deploymentOf } from "../helpers/exportedState";
import { TestStack, createTestStack, twilioStackConfig } from "../helpers/pulumiCli";
import { startRecordingProxy } from "../helpers/recordingProxy";
import type { CredentialListJson, HookListJson, SettingsJson } from "../helpers/twilioConsole";

const RECOVER = path.resolve(__dirname, "..", "..", "dist", "provider", "recovery", "cli.js");
const LATENCY_MS = 3000;

async function program(): Promise<Record<string, unknown>> {
  const writer = new AwsCredential("writer", {
    accessKeyId: "AKIAKILL000000000001",
    secretAccessKey: "interruptedsecretZq81Kx7Qw2Zr9Lm4Tp0Vn8B",
    friendlyName: "writer",
  });
  new RecordingSettings("recordings", { friendlyName: "interrupted recordings" });
  const a = new CompositionHook("hook-a", { friendlyName: "hook a", audioSources: ["*"] });
  const b = new CompositionHook("hook-b", { friendlyName: "hook b", audioSources: ["*"] });
  return { writerSid: writer.sid, hooks: [a.sid, b.sid] };
}

/** Processes whose command line has `pattern` and whose working directory is `dir`. */
function processesIn(dir: string, pattern: string): number[] {
  const found = spawnSync("pgrep", ["-f", pattern], { encoding: "utf8" }).stdout.split("\n").filter(Boolean).map(Number);
  return found.filter((pid) => {
    try {
      return fs.readlinkSync(`/proc/${pid}/cwd`) === dir;
    } catch {
      return false;
    }
  });
}

describe("an interrupted pulumi up, recovered as a pipeline would", function () {
  this.timeout(300_000);
  let emulator: Emulator;
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  let test: TestStack;
  let postsArrived = 0;
  const auth = "Basic " + Buffer.from(`${DEFAULT_ACCOUNT.accountSid}:${DEFAULT_ACCOUNT.authToken}`).toString("base64");
  const get = async <T>(p: string) => (await fetch(`${emulator.url}${p}`, { headers: { authorization: auth } })).json() as Promise<T>;
  /**
   * A command in the stack's folder, with its backend, home and passphrase: `pulumi ARGS`, or
   * `node SCRIPT ARGS`. Asynchronous, since the emulator it talks to runs in this process.
   */
  const cli = (args: string[], script?: string) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(script ? process.execPath : "pulumi", script ? [script, ...args] : args, {
        cwd: test.workDir,
        env: { ...process.env, ...test.workspace.envVars, PULUMI_HOME: test.pulumiHome },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("close", (status) => resolve({ status, stdout, stderr }));
    });

  before(async () => {
    emulator = await startEmulator();
    proxy = await startRecordingProxy(emulator.url, {
      onRequest: (method) => {
        if (method === "POST") postsArrived++;
      },
    });
    test = await createTestStack({ stackName: "interrupted", program, config: twilioStackConfig(proxy.url, DEFAULT_ACCOUNT) });
  });
  after(async () => {
    // The killed CLI's plugin processes outlive it (nothing tells them to stop).
    for (const pid of test ? processesIn(test.workDir, "dynamic-provider") : []) process.kill(pid, "SIGKILL");
    await test?.cleanup();
    await proxy?.close();
    await emulator?.close();
  });

  it("SIGKILL while four creates are in flight: Twilio makes them, Pulumi records them as pending", async () => {
    emulator.faults.add({ kind: "latency", ms: LATENCY_MS, match: { method: "POST" }, times: 4 });
    const up = test.stack.up().then(
      () => "finished",
      (e: Error) => e.message,
    );
    while (postsArrived < 4) await new Promise((r) => setTimeout(r, 25));
    const [cliPid, ...more] = processesIn(test.workDir, "bin/pulumi up");
    assert.ok(cliPid && more.length === 0, `one pulumi up in the stack's folder, found ${[cliPid, ...more]}`);
    process.kill(cliPid, "SIGKILL");
    assert.match(await up, /SIGKILL/);
    while (emulator.log.count({ method: "POST" }) < 4) await new Promise((r) => setTimeout(r, 50));

    assert.equal((await get<HookListJson>("/v1/CompositionHooks")).composition_hooks.length, 2);
    assert.equal((await get<CredentialListJson>("/v1/Credentials/AWS")).credentials.length, 1);
    const state = deploymentOf(await test.stack.exportStack());
    assert.deepEqual((state.pending_operations ?? []).map((o) => `${o.type} ${o.resource.urn.split("::").pop()}`).sort(), [
      "creating hook-a",
      "creating hook-b",
      "creating recordings",
      "creating writer",
    ]);
  });

  it("the next up meets the killed run's lock and names `pulumi cancel`", async () => {
    const retry = await cli(["up", "--yes", "--non-interactive", "--stack", "interrupted"]);
    assert.notEqual(retry.status, 0);
    assert.match(retry.stderr, /the stack is currently locked .*`pulumi cancel`/s);
    const cancel = await cli(["cancel", "--yes", "--stack", "interrupted"]);
    assert.equal(cancel.status, 0, cancel.stderr);
  });

  it("twilio-video-recover imports what Twilio made into the pending resources", async () => {
    const recovered = await cli(["--stack", "interrupted", "--apply"], RECOVER);
    assert.equal(recovered.status, 0, recovered.stdout + recovered.stderr);
    const hooks = (await get<HookListJson>("/v1/CompositionHooks")).composition_hooks.map((h) => h.sid).sort();
    const [writer] = (await get<CredentialListJson>("/v1/Credentials/AWS")).credentials.map((c) => c.sid);
    for (const sid of [...hooks, writer, DEFAULT_ACCOUNT.accountSid]) assert.match(recovered.stdout, new RegExp(`= ${sid}`));
    assert.ok(!recovered.stdout.includes("interruptedsecretZq81"), "the AWS secret reached the output");

    const state = deploymentOf(await test.stack.exportStack());
    assert.deepEqual(state.pending_operations ?? [], []);
    const ids = state.resources
      .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"))
      .map((r) => r.id)
      .sort();
    assert.deepEqual(ids, [...hooks, writer, DEFAULT_ACCOUNT.accountSid].sort());
  });

  it("then up converges with no create, and Twilio holds exactly the declared objects", async () => {
    emulator.log.clear();
    const result = await test.stack.up();
    assert.equal(result.summary.resourceChanges?.create ?? 0, 0);
    assert.deepEqual(
      emulator.log.entries().filter((e) => e.method === "POST" && !/Settings/.test(e.path)),
      [],
    );
    await test.stack.preview({ expectNoChanges: true });
    const hooks = (await get<HookListJson>("/v1/CompositionHooks")).composition_hooks.map((h) => h.friendly_name).sort();
    assert.deepEqual(hooks, ["hook a", "hook b"]);
    assert.equal((await get<CredentialListJson>("/v1/Credentials/AWS")).credentials.length, 1);
    assert.equal((await get<SettingsJson>("/v1/RecordingSettings/Default")).friendly_name, "interrupted recordings");
    assert.deepEqual((result.outputs.hooks.value as string[]).length, 2);
    await test.stack.destroy();
    assert.equal((await get<HookListJson>("/v1/CompositionHooks")).composition_hooks.length, 0);
    assert.equal((await get<CredentialListJson>("/v1/Credentials/AWS")).credentials.length, 0);
  });
});
