import { strict as assert } from "assert";
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { RUNTIME_MODULE } from "../../provider/resources/kit/shim";
import { copyPackage } from "../helpers/packageCopy";
import { REPO_ROOT, ensureBuilt } from "../helpers/programDir";

const AWS_SECRET = "mocks-aws-secret-Zq81xWv0pLr6yTn3";
const RFS_PATH = require.resolve("require-from-string");

interface Registered { type: string; name: string; inputs: Record<string, unknown> }

/** Runs the setMocks program in its own process, from a program folder holding this package. */
function runMocksProgram(programDir: string): { registered: Registered[] } {
  const out = execFileSync(process.execPath, [path.join(REPO_ROOT, "test/fixtures/mocksProgram.js")], {
    cwd: programDir, env: { ...process.env, TEST_AWS_SECRET: AWS_SECRET, NODE_PATH: path.join(REPO_ROOT, "node_modules") },
  }).toString();
  return JSON.parse(out);
}

/** A copy of the quickstart example in a temp folder, with `pkgDir` installed as the package. */
function copyExample(pkgDir: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ptv-example-"));
  fs.cpSync(path.join(REPO_ROOT, "examples/quickstart"), dir, { recursive: true });
  fs.mkdirSync(path.join(dir, "node_modules"));
  fs.symlinkSync(pkgDir, path.join(dir, "node_modules", "pulumi-twilio-video"), "dir");
  return dir;
}

/**
 * Runs calls through a serialized provider in a fresh node process whose cwd is `dir`
 * (asynchronously: the emulator serving it lives in this process).
 */
function runShim(dir: string, providerText: string, config: Record<string, string>, calls: { method: string; args: unknown[] }[]) {
  return new Promise<{ results: { ok?: any; error?: string }[]; cwd: string; loadedFrom?: string }>((resolve, reject) => {
    const child = execFile(process.execPath, [path.join(REPO_ROOT, "test/fixtures/runShim.js")], { cwd: dir, env: { ...process.env, RFS_PATH } },
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout))));
    child.stdin!.end(JSON.stringify({ providerText, config, calls }));
  });
}

describe("the serialized provider stored in state", () => {
  let emulator: Emulator;
  let registered: Registered[];
  const tmp: string[] = [];
  const config = () => ({
    "twilio:accountSid": DEFAULT_ACCOUNT.accountSid, "twilio:authToken": DEFAULT_ACCOUNT.authToken, "twilio:endpoint": emulator.url,
  });
  const providerOf = (type: string) => String(registered.find((r) => r.type.endsWith(`:${type}`))!.inputs.__provider);

  before(async () => {
    ensureBuilt();
    emulator = await startEmulator();
    const program = copyExample(REPO_ROOT);
    tmp.push(program);
    ({ registered } = runMocksProgram(program));
  });
  after(async () => {
    await emulator.close();
    for (const dir of tmp) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("registers every resource under the dynamic type token with a one-function shim under 1 KB", () => {
    assert.deepEqual(registered.map((r) => r.type).sort(), [
      "pulumi-nodejs:dynamic/twilio-video:AwsCredential", "pulumi-nodejs:dynamic/twilio-video:CompositionHook",
      "pulumi-nodejs:dynamic/twilio-video:CompositionSettings", "pulumi-nodejs:dynamic/twilio-video:PublicKey",
      "pulumi-nodejs:dynamic/twilio-video:RecordingSettings",
    ]);
    for (const r of registered) {
      const text = String(r.inputs.__provider);
      const kind = r.type.split(":").pop()!;
      assert.ok(text.length > 200 && text.length < 1024, `${r.type}: ${text.length} bytes`);
      // The handler and configure, nothing else: every other method is installed at run time.
      assert.equal(text.match(/^function /gm)?.length, 2, text);
      assert.match(text, new RegExp(`var __provider = \\{kind: "${kind}", configure: __f1\\};`));
    }
  });

  it("captures no zod, node-fetch, @pulumi code, client or secret, and requires the runtime entry point", () => {
    for (const r of registered) {
      const text = String(r.inputs.__provider);
      for (const banned of ["zod", "node-fetch", "@pulumi", "TwilioClient", "authorization", AWS_SECRET, DEFAULT_ACCOUNT.authToken]) {
        assert.ok(!text.includes(banned), `${r.type} shim contains ${banned}`);
      }
      assert.ok(text.includes(`"${RUNTIME_MODULE}"`), `${r.type} shim does not name ${RUNTIME_MODULE}`);
      assert.equal(text.match(/require\(/g)?.length, 1, text); // inside every installed method, configure included
    }
  });

  it("creates a hook from a fresh node process in a copy of the example in another folder", async () => {
    const dir = copyExample(REPO_ROOT);
    tmp.push(dir);
    const before = emulator.log.count({ method: "POST" });
    const run = await runShim(dir, providerOf("CompositionHook"), config(), [
      { method: "check", args: [{}, { friendlyName: "from-a-fresh-process", audioSources: ["*"] }] },
    ]);
    const inputs = run.results[0].ok.inputs;
    const created = await runShim(dir, providerOf("CompositionHook"), config(), [{ method: "create", args: [inputs] }]);
    assert.equal(created.cwd, fs.realpathSync(dir));
    assert.match(created.results[0].ok.id, /^HK[0-9a-f]{32}$/);
    assert.equal(created.results[0].ok.outs.friendlyName, "from-a-fresh-process");
    assert.equal(emulator.log.count({ method: "POST" }), before + 1);
  });

  it("fails every method when the package is missing, so no delete can silently succeed", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ptv-empty-"));
    tmp.push(dir);
    // The host keeps the provider even when configure throws, and skips a method that is absent.
    const methods = ["check", "diff", "create", "read", "update", "delete"];
    const run = await runShim(dir, providerOf("CompositionHook"), config(), methods.map((method) => ({ method, args: ["HK0", {}, {}] })));
    assert.equal(run.results.length, 1 + methods.length);
    for (const [i, result] of run.results.entries()) {
      assert.match(String(result.error), /Cannot find module 'pulumi-twilio-video\/runtime'/, `call ${i} (${["configure", ...methods][i]})`);
    }
  });

  it("deletes what version N created after the package is upgraded to N+1", async () => {
    const dir = copyExample(REPO_ROOT);
    tmp.push(dir);
    const created = (await runShim(dir, providerOf("CompositionHook"), config(), [
      { method: "create", args: [{ friendlyName: "made-by-N", audioSources: ["*"], enabled: true, trim: true, format: "webm", resolution: "640x480", statusCallbackMethod: "POST" }] },
    ])).results[0].ok;

    // Version N+1: a separately installed copy of the package with another version number.
    const next = fs.mkdtempSync(path.join(os.tmpdir(), "ptv-next-"));
    tmp.push(next);
    copyPackage(next, { version: "99.0.0" });
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(next, "node_modules"), "dir");
    fs.unlinkSync(path.join(dir, "node_modules", "pulumi-twilio-video"));
    fs.symlinkSync(next, path.join(dir, "node_modules", "pulumi-twilio-video"), "dir");

    const upgraded = await runShim(dir, providerOf("CompositionHook"), config(), [
      { method: "read", args: [created.id, created.outs] },
      { method: "delete", args: [created.id, created.outs] },
      { method: "read", args: [created.id, created.outs] },
    ]);
    assert.equal(upgraded.loadedFrom, path.join(fs.realpathSync(next), "dist/provider/runtime.js"));
    assert.equal(upgraded.results[0].ok.id, created.id);
    assert.equal(upgraded.results[1].error, undefined);
    assert.equal(upgraded.results[2].ok.id, "");
  });

  it("reads, diffs, updates and deletes through the __provider the previous release (0.1.0) wrote", async () => {
    const previous = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "test/fixtures/previousRelease/shims-0.1.0.json"), "utf8"));
    const oldText: string = previous.CompositionHook;
    assert.match(oldText, /var __provider = \{configure: __f1, check: __f3, diff: __f4,/); // the seven-function shim
    const dir = copyExample(REPO_ROOT);
    tmp.push(dir);
    const inputs = { friendlyName: "written-by-0.1.0", audioSources: ["*"], enabled: true, trim: true, format: "webm", resolution: "640x480", statusCallbackMethod: "POST" };
    const created = (await runShim(dir, oldText, config(), [{ method: "create", args: [inputs] }])).results[0].ok;
    assert.match(created.id, /^HK[0-9a-f]{32}$/);
    emulator.log.clear();
    const changed = { ...inputs, resolution: "1280x720" };
    const run = await runShim(dir, oldText, config(), [
      { method: "read", args: [created.id, created.outs] },
      { method: "diff", args: [created.id, created.outs, changed] },
      { method: "update", args: [created.id, created.outs, changed] },
      { method: "delete", args: [created.id, created.outs] },
      { method: "read", args: [created.id, created.outs] },
    ]);
    const [read, diff, update, removed, gone] = run.results;
    assert.equal(read.ok.id, created.id);
    assert.equal(read.ok.props.friendlyName, "written-by-0.1.0");
    assert.equal(diff.ok.changes, true);
    assert.equal(update.ok.outs.resolution, "1280x720");
    assert.equal(removed.error, undefined);
    assert.equal(gone.ok.id, "");
    assert.equal(emulator.log.count({ method: "DELETE", path: `/v1/CompositionHooks/${created.id}` }), 1);
  });
});
