/**
 * Dynamic providers are code in the state file: `destroy` and `refresh` run the
 * serialized shim stored in state, which requires this package from the program's directory. So a
 * stack must be destroyable from a fresh checkout that shares only the backend and the stack's
 * config file, and after the package is upgraded (state written by version N, run by N+1).
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import fetch from "node-fetch";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { AwsCredential, CompositionHook, CompositionSettings, RecordingSettings } from "../../provider";
import { PACKAGE_NAME, ProjectDir, makeProjectDir, runtimeCalls } from "../helpers/packageCopy";
import { REPO_ROOT } from "../helpers/programDir";
import { TestStack, createTestStack, twilioStackConfig } from "../helpers/pulumiCli";
import type { CredentialListJson, HookListJson, SettingsJson } from "../helpers/twilioConsole";

const UPGRADE_ACCOUNT = { accountSid: "AC00000000000000000000000000000062", authToken: "emulator-auth-token-0062" };
const CURRENT_VERSION: string = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).version;
const NEXT_VERSION = CURRENT_VERSION.replace(/^(\d+)\.(\d+)\.\d+.*$/, (_m, major, minor) => `${major}.${Number(minor) + 1}.0`);

/** Every resource kind, with the settings pointing at the credential, as a real stack has them. */
function program(prefix: string) {
  return async (): Promise<Record<string, unknown>> => {
    const writer = new AwsCredential("writer", {
      accessKeyId: "AKIAELSEWHERE0000001",
      secretAccessKey: "elsewhereawssecretXr41Kx7Qw2Zr9Lm4Tp0Vn8",
      friendlyName: `${prefix} writer`,
    });
    const storage = (kind: string) => ({
      friendlyName: `${prefix} ${kind}`,
      awsCredentialsSid: writer.sid,
      awsStorageEnabled: true,
      awsS3Url: `https://elsewhere-bucket.s3.us-east-1.amazonaws.com/${kind}`,
    });
    new RecordingSettings("recordings", storage("recordings"));
    new CompositionSettings("compositions", storage("compositions"));
    // Recordings in S3 cannot be composed; this test is about destroying elsewhere, so the hook says it means it.
    new CompositionHook("hook-a", { friendlyName: `${prefix} hook a`, audioSources: ["*"], allowUncomposableRecordings: true });
    new CompositionHook("hook-b", { friendlyName: `${prefix} hook b`, audioSources: ["speaker"], allowUncomposableRecordings: true });
    return { writerSid: writer.sid };
  };
}

/** Destroy must work from the state alone: this program failing proves it never ran. */
async function programThatMustNotRun(): Promise<Record<string, unknown>> {
  throw new Error("destroy ran the program; it must use only the state and the stack config");
}

describe("destroy from elsewhere: another checkout, and after a package upgrade", function () {
  this.timeout(240_000);
  let emulator: Emulator;
  const cleanups: (() => Promise<void>)[] = [];
  const calls = () =>
    emulator.log
      .entries()
      .map((e) => `${e.method} ${e.path.replace(/(HK|CR)[0-9a-f]{32}/, "$1*")}`)
      .sort();

  /** What the account holds after a destroy: nothing to delete, and storage switched off. */
  async function liveObjects(account: { accountSid: string; authToken: string }) {
    const authorization = "Basic " + Buffer.from(`${account.accountSid}:${account.authToken}`).toString("base64");
    const get = async <T>(p: string) => (await fetch(`${emulator.url}${p}`, { headers: { authorization } })).json() as Promise<T>;
    return {
      hooks: (await get<HookListJson>("/v1/CompositionHooks")).composition_hooks.length,
      credentials: (await get<CredentialListJson>("/v1/Credentials/AWS")).credentials.length,
      recordingStorage: (await get<SettingsJson>("/v1/RecordingSettings/Default")).aws_storage_enabled,
      compositionStorage: (await get<SettingsJson>("/v1/CompositionSettings/Default")).aws_storage_enabled,
    };
  }

  const destroyCalls = [
    "DELETE /v1/CompositionHooks/HK*",
    "DELETE /v1/CompositionHooks/HK*",
    "DELETE /v1/Credentials/AWS/CR*",
    "POST /v1/CompositionSettings/Default",
    "POST /v1/RecordingSettings/Default",
  ];
  const ownedKinds = ["AwsCredential", "CompositionHook", "CompositionHook", "CompositionSettings", "RecordingSettings"];
  const handled = (project: ProjectDir, method: string) =>
    runtimeCalls(project.packageDir)
      .filter((c) => c.method === method)
      .map((c) => `${c.version} ${c.kind}`)
      .sort();

  before(async () => {
    emulator = await startEmulator();
    emulator.addAccount(UPGRADE_ACCOUNT);
  });
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await emulator?.close();
  });

  it("a fresh checkout with only the backend and the stack's config file destroys everything", async () => {
    const original: TestStack = await createTestStack({
      stackName: "dev",
      program: program("elsewhere"),
      config: twilioStackConfig(emulator.url, DEFAULT_ACCOUNT),
    });
    cleanups.push(original.cleanup);
    const up = await original.stack.up();
    assert.deepEqual(up.summary.resourceChanges, { create: 6 });

    // The checkout: its own install of the package, the committed Pulumi.dev.yaml (config and
    // encryption salt), and nothing else from the first directory.
    const checkout = makeProjectDir({ instrument: true });
    cleanups.push(checkout.cleanup);
    fs.copyFileSync(path.join(original.workDir, "Pulumi.dev.yaml"), path.join(checkout.dir, "Pulumi.dev.yaml"));
    assert.ok(!fs.lstatSync(path.join(checkout.dir, "node_modules", PACKAGE_NAME)).isSymbolicLink());
    const elsewhere = await createTestStack({
      stackName: "dev",
      program: programThatMustNotRun,
      workDir: checkout.dir,
      backendDir: original.backendDir,
    });
    cleanups.push(elsewhere.cleanup);

    emulator.log.clear();
    const result = await elsewhere.stack.destroy();
    assert.equal(result.summary.result, "succeeded");
    assert.deepEqual(result.summary.resourceChanges, { delete: 6 });
    assert.deepEqual(calls(), destroyCalls);
    // The checkout's own copy ran every delete (the repository's copy was never in reach).
    assert.deepEqual(
      handled(checkout, "delete"),
      ownedKinds.map((k) => `${CURRENT_VERSION} ${k}`),
    );
    assert.deepEqual(await liveObjects(DEFAULT_ACCOUNT), { hooks: 0, credentials: 0, recordingStorage: false, compositionStorage: false });
    assert.deepEqual((await original.stack.exportStack()).deployment.resources ?? [], []);
  });

  it(`state written by ${CURRENT_VERSION} is refreshed and destroyed by ${NEXT_VERSION} after an upgrade`, async () => {
    const project = makeProjectDir({ instrument: true });
    cleanups.push(project.cleanup);
    const test = await createTestStack({
      stackName: "upgrade",
      program: program("upgrade"),
      workDir: project.dir,
      config: twilioStackConfig(emulator.url, UPGRADE_ACCOUNT),
    });
    cleanups.push(test.cleanup);
    const up = await test.stack.up();
    assert.deepEqual(up.summary.resourceChanges, { create: 6 });
    assert.deepEqual(
      handled(project, "create"),
      ownedKinds.map((k) => `${CURRENT_VERSION} ${k}`),
    );

    project.upgrade({ version: NEXT_VERSION, instrument: true });

    emulator.log.clear();
    const refresh = await test.stack.refresh();
    assert.equal(refresh.summary.result, "succeeded");
    assert.deepEqual(refresh.summary.resourceChanges, { same: 6 });
    assert.deepEqual(calls(), [
      "GET /v1/CompositionHooks/HK*",
      "GET /v1/CompositionHooks/HK*",
      "GET /v1/CompositionSettings/Default",
      "GET /v1/Credentials/AWS/CR*",
      "GET /v1/RecordingSettings/Default",
    ]);

    emulator.log.clear();
    const destroy = await test.stack.destroy();
    assert.equal(destroy.summary.result, "succeeded");
    assert.deepEqual(destroy.summary.resourceChanges, { delete: 6 });
    assert.deepEqual(calls(), destroyCalls);

    // Only the upgraded copy handled calls since the upgrade: the old one is gone from disk.
    assert.deepEqual([...new Set(runtimeCalls(project.packageDir).map((c) => c.version))], [NEXT_VERSION]);
    assert.deepEqual(
      handled(project, "read"),
      ownedKinds.map((k) => `${NEXT_VERSION} ${k}`),
    );
    assert.deepEqual(
      handled(project, "delete"),
      ownedKinds.map((k) => `${NEXT_VERSION} ${k}`),
    );
    assert.deepEqual(await liveObjects(UPGRADE_ACCOUNT), { hooks: 0, credentials: 0, recordingStorage: false, compositionStorage: false });
  });
});
