import { strict as assert } from "assert";
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
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

  it("registers every resource under the dynamic type token with a shim under 4 KB", () => {
    assert.deepEqual(registered.map((r) => r.type).sort(), [
      "pulumi-nodejs:dynamic/twilio-video:AwsCredential", "pulumi-nodejs:dynamic/twilio-video:CompositionHook",
      "pulumi-nodejs:dynamic/twilio-video:CompositionSettings", "pulumi-nodejs:dynamic/twilio-video:PublicKey",
      "pulumi-nodejs:dynamic/twilio-video:RecordingSettings",
    ]);
    for (const r of registered) {
      const text = String(r.inputs.__provider);
      assert.ok(text.length > 200 && text.length < 4096, `${r.type}: ${text.length} bytes`);
    }
  });

  it("captures no zod, node-fetch, @pulumi code, client or secret", () => {
    for (const r of registered) {
      const text = String(r.inputs.__provider);
      for (const banned of ["zod", "node-fetch", "@pulumi", "TwilioClient", "authorization", AWS_SECRET, DEFAULT_ACCOUNT.authToken]) {
        assert.ok(!text.includes(banned), `${r.type} shim contains ${banned}`);
      }
      assert.match(text, /require\(M\)/);
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

  it("explains a missing package instead of failing obscurely", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ptv-empty-"));
    tmp.push(dir);
    const run = await runShim(dir, providerOf("CompositionHook"), config(), [{ method: "check", args: [{}, {}] }]);
    assert.match(String(run.results[0].error), /pulumi-twilio-video\/runtime cannot be loaded from .*ptv-empty-.*: run 'npm install pulumi-twilio-video' in the program's directory/);
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
});
