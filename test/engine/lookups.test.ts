/**
 * Lookups through the real CLI on a program folder: one program calls every lookup (Promise and
 * Output forms; a Provider of another account; a Provider made from a Subaccount of this run) and
 * exports what they answer. `pulumi preview` answers them (a log line shows it), `up` exports them,
 * a lookup's result configures a resource, no token is in the CLI's output or the state, and a
 * wrong-kind SID fails the preview naming `sid`.
 */
import { strict as assert } from "assert";
import fetch from "node-fetch";
import { startEmulator, type Emulator } from "../../emulator";
import { stackOutputs, twilioStackConfig } from "../cli/cliStack";
import { awsKeyPair, credentialsParam } from "../fixtures/awsKeys";
import { RSA_2048 } from "../fixtures/publicKeys";
import { ensureBuilt } from "../helpers/programDir";
import { ProgramFolder, makeProgramFolder } from "../helpers/programFolder";

const A = { accountSid: "AC0000000000000000000000000000a101", authToken: "lookups-cli-a-token-Hw52" };
const B = { accountSid: "AC0000000000000000000000000000b101", authToken: "lookups-cli-b-token-Jr09" };
const STACK = "lookups";
const WRITER = awsKeyPair("lookups cli");

const PROGRAM = `
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as tv from "pulumi-twilio-video";

const c = JSON.parse(fs.readFileSync(path.join(__dirname, "lookups.json"), "utf8"));

export = async () => {
  const other = new tv.Provider("other", { accountSid: c.b.accountSid, authToken: c.b.authToken });
  const sub = new tv.Subaccount("team", { friendlyName: "lookups team", closeOnDelete: true });
  const team = new tv.Provider("team", { accountSid: sub.sid, authToken: sub.authToken });

  const existing = await tv.getCompositionHook({ sid: c.hookSid });
  const byName = tv.getCompositionHookOutput({ friendlyName: existing.friendlyName });
  const hooks = await tv.getCompositionHooks();
  const compositionSettings = await tv.getCompositionSettings();
  const recordingSettings = tv.getRecordingSettingsOutput();
  const awsCredentials = await tv.getAwsCredentials();
  const awsCredentialsOutput = tv.getAwsCredentialsOutput();
  const publicKeys = await tv.getPublicKeys();
  const publicKeysOutput = tv.getPublicKeysOutput();
  const otherHooks = await tv.getCompositionHooks({}, { provider: other });
  const otherSettingsOutput = tv.getCompositionSettingsOutput({}, { provider: other });
  const teamHooks = tv.getCompositionHooksOutput({}, { provider: team });
  // Runs once the Subaccount exists: never in a preview, whose Provider values are unknown.
  teamHooks.apply((r) => pulumi.log.info(\`team account answered: \${r.hooks.length} hooks\`));

  // A lookup's result has the resource's input names: it configures a resource as it is.
  const copy = new tv.CompositionHook("copy", { ...existing, friendlyName: existing.friendlyName + " copy", enabled: false });
  // Args may be Outputs: this one waits for the copy to exist, so it lists the copy too.
  const hooksOutput = tv.getCompositionHooksOutput({ friendlyName: copy.friendlyName.apply(() => "exist*") });

  const phase = pulumi.runtime.isDryRun() ? "preview" : "update";
  pulumi.log.info(
    \`lookups in \${phase}: hook \${existing.sid} (\${existing.friendlyName}), \${hooks.hooks.length} hooks, \` +
      \`settings "\${compositionSettings.friendlyName}", credential \${awsCredentials.credentials[0]?.sid}, \` +
      \`key \${publicKeys.publicKeys[0]?.sid}, other account's hook \${otherHooks.hooks[0]?.sid}\`,
  );
  return {
    existing,
    byName: byName.sid,
    hooks: hooks.hooks.map((h) => h.friendlyName),
    hooksOutput: hooksOutput.apply((r) => r.hooks.map((h) => h.sid)),
    compositionSettings,
    recordingSettings,
    awsCredentials: awsCredentials.credentials.map((x) => x.sid),
    awsCredentialsOutput: awsCredentialsOutput.apply((r) => r.accountSid),
    publicKeys: publicKeys.publicKeys.map((k) => k.sid),
    publicKeysOutput: publicKeysOutput.apply((r) => r.publicKeys.map((k) => k.friendlyName)),
    otherHooks: otherHooks.hooks.map((h) => h.sid),
    otherSettings: otherSettingsOutput.apply((s) => [s.accountSid, s.configured]),
    teamHooks: teamHooks.apply((r) => [r.accountSid === c.b.accountSid ? "wrong account" : "team", r.hooks.length]),
    copy: { sid: copy.sid, audioSources: copy.audioSources, format: copy.format },
  };
};
`;

const PROJECT = "name: twilio-video-lookups-test\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n";
const PACKAGE_JSON = JSON.stringify({
  name: "twilio-video-lookups-test",
  version: "0.0.0",
  private: true,
  main: "index.ts",
  dependencies: { "@pulumi/pulumi": "^3.248.0", "pulumi-twilio-video": "file:../.." },
});

describe("lookups through the real CLI", function () {
  this.timeout(300_000);
  let emulator: Emulator;
  let folder: ProgramFolder;
  const made: Record<string, Record<string, unknown>> = {};
  /** Every command's output, to count tokens in. */
  const outputs: string[] = [];

  const call = async (account: typeof A, method: string, urlPath: string, form?: Record<string, string>) => {
    const res = await fetch(`${emulator.url}${urlPath}`, {
      method,
      headers: {
        authorization: "Basic " + Buffer.from(`${account.accountSid}:${account.authToken}`).toString("base64"),
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    const body = (await res.json()) as Record<string, unknown>;
    assert.ok(res.ok, `${method} ${urlPath}: ${res.status} ${JSON.stringify(body)}`);
    return body;
  };
  const writeInputs = (hookSid: string) => folder.writeFile("lookups.json", JSON.stringify({ hookSid, b: B }));
  const cli = async (args: string[]) => {
    const run = await folder.pulumi(args, { stack: STACK });
    outputs.push(run.stdout, run.stderr);
    return run;
  };

  before(async () => {
    ensureBuilt();
    emulator = await startEmulator({ accounts: [A, B] });
    made.existing = await call(A, "POST", "/v1/CompositionHooks", { FriendlyName: "existing", AudioSources: "*", Format: "mp4" });
    made.writer = await call(A, "POST", "/v1/Credentials/AWS", { Credentials: credentialsParam(WRITER), FriendlyName: "writer" });
    made.key = await call(A, "POST", "/v1/Credentials/PublicKeys", { PublicKey: RSA_2048, FriendlyName: "encryption" });
    await call(A, "POST", "/v1/CompositionSettings/Default", { FriendlyName: "console compositions" });
    made.other = await call(B, "POST", "/v1/CompositionHooks", { FriendlyName: "b's hook", AudioSources: "*" });
    // "installed": this checkout's built package, as npm lays it out (the repository link may name another checkout).
    folder = makeProgramFolder({ nodeModules: "installed", env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } });
    folder.writeFile("Pulumi.yaml", PROJECT);
    folder.writeFile("package.json", PACKAGE_JSON);
    folder.writeFile("index.ts", PROGRAM);
    writeInputs(String(made.existing.sid));
    await folder.pulumi(["stack", "init", STACK]);
    await twilioStackConfig(folder, STACK, emulator.url, A);
  });
  after(async () => {
    await folder?.cleanup();
    await emulator?.close();
  });

  it("preview answers the lookups (the Subaccount's Provider's stays unknown)", async () => {
    const run = await cli(["preview"]);
    assert.match(
      run.stdout,
      new RegExp(
        `lookups in preview: hook ${made.existing.sid} \\(existing\\), 1 hooks, settings "console compositions", ` +
          `credential ${made.writer.sid}, key ${made.key.sid}, other account's hook ${made.other.sid}`,
      ),
    );
    assert.doesNotMatch(run.stdout, /team account answered/);
    // The stack's token is read without the SDK's "value is a secret" warning.
    assert.doesNotMatch(run.stdout + run.stderr, /is a secret/);
  });

  it("up exports every lookup's answer, and a lookup's result configures a resource", async () => {
    const run = await cli(["up", "--yes", "--skip-preview"]);
    assert.match(run.stdout, /lookups in update: hook HK/);
    assert.match(run.stdout, /team account answered: 0 hooks/);
    const out = (await stackOutputs(folder, STACK)) as Record<string, unknown>;
    const existing = out.existing as Record<string, unknown>;
    assert.deepEqual(
      [existing.sid, existing.accountSid, existing.friendlyName, existing.audioSources, existing.format],
      [made.existing.sid, A.accountSid, "existing", ["*"], "mp4"],
    );
    assert.equal(out.byName, made.existing.sid);
    assert.deepEqual(out.hooks, ["existing"]);
    // Made after the copy (its args depended on it): Twilio's filter "exist*" lists both.
    const copy = out.copy as { sid: string; audioSources: string[]; format: string };
    assert.deepEqual((out.hooksOutput as string[]).sort(), [copy.sid, made.existing.sid].sort());
    assert.deepEqual([copy.audioSources, copy.format], [["*"], "mp4"]);
    assert.deepEqual(out.compositionSettings, {
      accountSid: A.accountSid,
      friendlyName: "console compositions",
      awsStorageEnabled: false,
      encryptionEnabled: false,
      configured: true,
    });
    assert.deepEqual(out.recordingSettings, {
      accountSid: A.accountSid,
      awsStorageEnabled: false,
      encryptionEnabled: false,
      configured: false,
    });
    assert.deepEqual(out.awsCredentials, [made.writer.sid]);
    assert.equal(out.awsCredentialsOutput, A.accountSid);
    assert.deepEqual(out.publicKeys, [made.key.sid]);
    assert.deepEqual(out.publicKeysOutput, ["encryption"]);
    assert.deepEqual(out.otherHooks, [made.other.sid]);
    assert.deepEqual(out.otherSettings, [B.accountSid, false]);
    assert.deepEqual(out.teamHooks, ["team", 0]);
  });

  it("no token is in the CLI's output or in the state", async () => {
    outputs.push((await cli(["stack", "export"])).stdout);
    const text = outputs.join("\n");
    for (const token of [A.authToken, B.authToken, WRITER.secretAccessKey]) {
      assert.equal(text.split(token).length - 1, 0, "a token appears in the CLI's output or state");
    }
  });

  it("a wrong-kind SID fails the preview, naming sid and its rule", async () => {
    writeInputs(String(made.writer.sid));
    const run = await folder.run(["preview"], { stack: STACK });
    assert.notEqual(run.code, 0, "the preview succeeded");
    assert.ok(
      (run.stdout + run.stderr).includes("getCompositionHook: sid must be a composition hook SID matching ^HK[0-9a-fA-F]{32}$"),
      run.stdout + run.stderr,
    );
    for (const token of [A.authToken, B.authToken]) assert.ok(!(run.stdout + run.stderr).includes(token));
  });
});
