import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type * as pulumi from "@pulumi/pulumi";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { KINDS } from "../../provider/resources/registry";
import { RUNTIME_MODULE, shimModuleName } from "../../provider/resources/kit/shim";
import { copyPackage, makeProjectDir } from "../helpers/packageCopy";
import { runMocksProgram, type Registered } from "../helpers/mocksProgram";
import { REPO_ROOT, ensureBuilt } from "../helpers/programDir";

const AWS_SECRET = "mocks-aws-secret-Zq81xWv0pLr6yTn3";
const RFS_PATH = require.resolve("require-from-string");

/** A copy of the quickstart example in a temp folder, with `pkgDir` installed as the package. */
function copyExample(pkgDir: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ptv-example-"));
  fs.cpSync(path.join(REPO_ROOT, "examples/quickstart"), dir, { recursive: true });
  fs.mkdirSync(path.join(dir, "node_modules"));
  fs.symlinkSync(pkgDir, path.join(dir, "node_modules", "pulumi-twilio-video"), "dir");
  return dir;
}

/** A provider method's answer, as JSON: the dynamic result of the method called (each test reads that one's fields). */
type ShimAnswer = pulumi.dynamic.CheckResult &
  pulumi.dynamic.CreateResult &
  pulumi.dynamic.ReadResult &
  pulumi.dynamic.DiffResult &
  pulumi.dynamic.UpdateResult;

/** One call's outcome in runShim.js: its answer, the message it threw, or skipped (no such method). */
interface ShimResult {
  ok?: ShimAnswer;
  error?: string;
  skipped?: true;
}

/** The call's answer; fails the test with the call's error if it had none. */
function answerOf(result: ShimResult): ShimAnswer {
  if (result.ok === undefined)
    assert.fail(`the provider call answered nothing: ${result.error ?? (result.skipped ? "skipped" : "no answer")}`);
  return result.ok;
}

/**
 * Runs calls through a serialized provider in a fresh node process whose cwd is `dir`
 * (asynchronously: the emulator serving it lives in this process).
 */
function runShim(dir: string, providerText: string, config: Record<string, string>, calls: { method: string; args: unknown[] }[]) {
  return new Promise<{ results: ShimResult[]; cwd: string; loadedFrom?: string }>((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [path.join(REPO_ROOT, "test/fixtures/runShim.js")],
      { cwd: dir, env: { ...process.env, RFS_PATH } },
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout))),
    );
    child.stdin!.end(JSON.stringify({ providerText, config, calls }));
  });
}

const BANNED = ["zod", "node-fetch", "@pulumi", "TwilioClient", "authorization", AWS_SECRET, DEFAULT_ACCOUNT.authToken];
const TYPES = [
  "pulumi-nodejs:dynamic/twilio-video:AwsCredential",
  "pulumi-nodejs:dynamic/twilio-video:CompositionHook",
  "pulumi-nodejs:dynamic/twilio-video:CompositionSettings",
  "pulumi-nodejs:dynamic/twilio-video:PublicKey",
  "pulumi-nodejs:dynamic/twilio-video:RecordingSettings",
];
const kindOf = (r: Registered) => r.type.split(":").pop()!;
const HOOK_INPUTS = {
  friendlyName: "made-by-N",
  audioSources: ["*"],
  enabled: true,
  trim: true,
  format: "webm",
  resolution: "640x480",
  statusCallbackMethod: "POST",
};

describe("the serialized provider stored in state", () => {
  let emulator: Emulator;
  const tmp: string[] = [];
  const config = () => ({
    "twilio:accountSid": DEFAULT_ACCOUNT.accountSid,
    "twilio:authToken": DEFAULT_ACCOUNT.authToken,
    "twilio:endpoint": emulator.url,
  });

  before(async () => {
    ensureBuilt();
    emulator = await startEmulator();
  });
  after(async () => {
    await emulator.close();
    for (const dir of tmp) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("has a shim module for every kind, exported by the name state stores", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
    assert.equal(pkg.exports["./dist/provider/shims/*.js"], "./dist/provider/shims/*.js");
    for (const kind of Object.keys(KINDS)) {
      const file = require.resolve(shimModuleName(kind), { paths: [REPO_ROOT] });
      assert.equal(file, path.join(REPO_ROOT, "dist/provider/shims", `${kind}.js`));
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built shim module, found at run time by the name state stores
      assert.equal((require(file) as { kind: string }).kind, kind);
    }
  });

  /**
   * One way of having the package beside a program, and the form its provider takes in state. Each
   * folder it makes holds a program's node_modules; `upgrade` puts version N+1 in place of the
   * package in one, returning the directory the new copy really is in.
   */
  interface Layout {
    title: string;
    folder(): string;
    upgrade(dir: string): string;
    /** The module a missing package names in every call's error. */
    missing: RegExp;
    assertStoredForm(text: string, kind: string): void;
  }

  const LAYOUTS: Layout[] = [
    {
      title: "installed as npm lays it out: stored as the name of the kind's shim module",
      folder: () => {
        const project = makeProjectDir();
        tmp.push(project.dir);
        return project.dir;
      },
      upgrade: (dir) => {
        const packageDir = path.join(dir, "node_modules", "pulumi-twilio-video");
        fs.rmSync(packageDir, { recursive: true });
        copyPackage(packageDir, { version: "99.0.0" });
        return fs.realpathSync(packageDir);
      },
      missing: /Cannot find module 'pulumi-twilio-video\/dist\/provider\/shims\/CompositionHook\.js'/,
      assertStoredForm: (text, kind) => {
        assert.ok(text.length < 400, `${kind}: ${text.length} bytes`);
        assert.deepEqual(
          [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]),
          [shimModuleName(kind)],
          text,
        );
        assert.equal(text.match(/^function /gm)?.length, 1, text); // the handler alone: no code of ours
      },
    },
    {
      title: "linked into a checkout (a workspace or npm link): stored as the one-function shim",
      folder: () => {
        const dir = copyExample(REPO_ROOT);
        tmp.push(dir);
        return dir;
      },
      upgrade: (dir) => {
        // A separately installed copy of the package with another version number, linked in its place.
        const next = fs.mkdtempSync(path.join(os.tmpdir(), "ptv-next-"));
        tmp.push(next);
        copyPackage(next, { version: "99.0.0" });
        fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(next, "node_modules"), "dir");
        fs.unlinkSync(path.join(dir, "node_modules", "pulumi-twilio-video"));
        fs.symlinkSync(next, path.join(dir, "node_modules", "pulumi-twilio-video"), "dir");
        return fs.realpathSync(next);
      },
      // The host keeps the provider even when configure throws, and skips a method that is absent.
      missing: /Cannot find module 'pulumi-twilio-video\/runtime'/,
      assertStoredForm: (text, kind) => {
        assert.ok(text.length > 200 && text.length < 1024, `${kind}: ${text.length} bytes`);
        // The handler and configure, nothing else: every other method is installed at run time.
        assert.equal(text.match(/^function /gm)?.length, 2, text);
        assert.match(text, new RegExp(`var __provider = \\{kind: "${kind}", configure: __f1\\};`));
        assert.deepEqual(
          [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]),
          [RUNTIME_MODULE],
          text,
        ); // inside every installed method
      },
    },
  ];

  for (const [n, layout] of LAYOUTS.entries()) {
    describe(layout.title, () => {
      let registered: Registered[];
      const hookProvider = () => String(registered.find((r) => r.type.endsWith(":CompositionHook"))!.inputs.__provider);

      before(() => {
        registered = runMocksProgram(layout.folder(), AWS_SECRET);
      });

      it("registers every kind in this form, with no library code, client or secret in it", () => {
        assert.deepEqual(registered.map((r) => r.type).sort(), TYPES);
        for (const r of registered) {
          const text = String(r.inputs.__provider);
          layout.assertStoredForm(text, kindOf(r));
          for (const banned of BANNED) assert.ok(!text.includes(banned), `${r.type} provider contains ${banned}`);
        }
      });

      it("creates a hook from a fresh node process in another checkout, loading that checkout's copy", async () => {
        const dir = layout.folder();
        const before = emulator.log.count({ method: "POST" });
        const run = await runShim(dir, hookProvider(), config(), [
          { method: "check", args: [{}, { friendlyName: `from-another-checkout-${n}`, audioSources: ["*"] }] },
        ]);
        const created = await runShim(dir, hookProvider(), config(), [{ method: "create", args: [answerOf(run.results[0]).inputs] }]);
        assert.equal(created.cwd, fs.realpathSync(dir));
        assert.equal(
          created.loadedFrom,
          path.join(fs.realpathSync(path.join(dir, "node_modules", "pulumi-twilio-video")), "dist/provider/runtime.js"),
        );
        assert.match(answerOf(created.results[0]).id, /^HK[0-9a-f]{32}$/);
        assert.equal(answerOf(created.results[0]).outs.friendlyName, `from-another-checkout-${n}`);
        assert.equal(emulator.log.count({ method: "POST" }), before + 1);
      });

      it("fails every method when the package is missing, so no delete can silently succeed", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ptv-empty-"));
        tmp.push(dir);
        const methods = ["check", "diff", "create", "read", "update", "delete"];
        const run = await runShim(
          dir,
          hookProvider(),
          config(),
          methods.map((method) => ({ method, args: ["HK0", {}, {}] })),
        );
        assert.equal(run.results.length, methods.length);
        for (const [i, result] of run.results.entries()) assert.match(String(result.error), layout.missing, methods[i]);
      });

      it("reads and deletes what version N created after the package is upgraded to N+1", async () => {
        const dir = layout.folder();
        const created = answerOf((await runShim(dir, hookProvider(), config(), [{ method: "create", args: [HOOK_INPUTS] }])).results[0]);
        const next = layout.upgrade(dir);
        const upgraded = await runShim(dir, hookProvider(), config(), [
          { method: "read", args: [created.id, created.outs] },
          { method: "delete", args: [created.id, created.outs] },
          { method: "read", args: [created.id, created.outs] },
        ]);
        assert.equal(JSON.parse(fs.readFileSync(path.join(next, "package.json"), "utf8")).version, "99.0.0");
        assert.equal(upgraded.loadedFrom, path.join(next, "dist/provider/runtime.js"));
        assert.equal(answerOf(upgraded.results[0]).id, created.id);
        assert.equal(upgraded.results[1].error, undefined);
        assert.equal(answerOf(upgraded.results[2]).id, "");
      });
    });
  }

  it("is stored as code, not by a store path, where pnpm lays the package out under node_modules/.pnpm", () => {
    // Pulumi's serializer would store require(".pnpm/pulumi-twilio-video@<version>/node_modules/..."):
    // a path that names the installed version, gone after an upgrade, so the state would load nothing.
    const project = makeProjectDir();
    tmp.push(project.dir);
    const store = path.join(project.dir, "node_modules/.pnpm/pulumi-twilio-video@0.1.0/node_modules/pulumi-twilio-video");
    fs.rmSync(project.packageDir, { recursive: true });
    copyPackage(store);
    fs.symlinkSync(store, project.packageDir, "dir");
    const registered = runMocksProgram(project.dir, AWS_SECRET);
    assert.deepEqual(registered.map((r) => r.type).sort(), TYPES);
    for (const r of registered) {
      const text = String(r.inputs.__provider);
      assert.ok(!text.includes(".pnpm"), text);
      assert.match(text, new RegExp(`var __provider = \\{kind: "${kindOf(r)}", configure: __f1\\};`));
    }
  });

  it("reads, diffs, updates and deletes through the __provider the previous release (0.1.0) wrote", async () => {
    const previous = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "test/fixtures/previousRelease/shims-0.1.0.json"), "utf8"));
    const oldText: string = previous.CompositionHook;
    assert.match(oldText, /var __provider = \{configure: __f1, check: __f3, diff: __f4,/); // the seven-function shim
    const dir = copyExample(REPO_ROOT);
    tmp.push(dir);
    const inputs = {
      friendlyName: "written-by-0.1.0",
      audioSources: ["*"],
      enabled: true,
      trim: true,
      format: "webm",
      resolution: "640x480",
      statusCallbackMethod: "POST",
    };
    const created = answerOf((await runShim(dir, oldText, config(), [{ method: "create", args: [inputs] }])).results[0]);
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
    assert.equal(answerOf(read).id, created.id);
    assert.equal(answerOf(read).props.friendlyName, "written-by-0.1.0");
    assert.equal(answerOf(diff).changes, true);
    assert.equal(answerOf(update).outs.resolution, "1280x720");
    assert.equal(removed.error, undefined);
    assert.equal(answerOf(gone).id, "");
    assert.equal(emulator.log.count({ method: "DELETE", path: `/v1/CompositionHooks/${created.id}` }), 1);
  });
});
