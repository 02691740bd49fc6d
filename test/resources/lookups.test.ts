/**
 * Lookups (getX / getXOutput) in a program under setMocks, each program in its own process, against
 * the emulator: every lookup in both forms, the stack's settings (stack config beats TWILIO_*,
 * TWILIO_* alone works) and a Provider's, bad input naming the field, a 404 as "no such hook",
 * objects of another account refused, a Provider whose values are unknown in a preview, and no
 * token or secret in any error.
 */
import { strict as assert } from "assert";
import { execFile } from "child_process";
import fetch from "node-fetch";
import * as path from "path";
import { startEmulator, type Emulator } from "../../emulator";
import { awsKeyPair, credentialsParam } from "../fixtures/awsKeys";
import type { LookupsReport, Scenario, Step, StepResult } from "../fixtures/lookupsProgram";
import { RSA_2048 } from "../fixtures/publicKeys";
import { startReplayTwilio, type ReplayTwilio } from "../helpers/replayTwilio";

const A = { accountSid: "AC00000000000000000000000000001001", authToken: "lookups-a-token-Zq81" };
const B = {
  accountSid: "AC00000000000000000000000000002002",
  authToken: "lookups-b-token-Xv27",
  apiKeys: [{ sid: "SK00000000000000000000000000002002", secret: "lookups-b-api-secret-Pm44" }],
};
const B_KEY = B.apiKeys[0];
const WRITER = awsKeyPair("lookups writer");
const SECRETS = [A.authToken, B.authToken, B_KEY.secret, WRITER.secretAccessKey];
const NO_CREDENTIAL = 'Provider "noCredential" has no credential: set authToken, or apiKey + apiSecret';
const UNKNOWN_HOOK = "HK" + "e".repeat(32);

const PROGRAM = path.join(__dirname, "../fixtures/lookupsProgram.ts");
const TS_NODE = require.resolve("ts-node/register/transpile-only");

interface Run {
  report: LookupsReport;
  stdout: string;
  stderr: string;
}

/** Everything any program printed, to prove no secret is among it. */
const printed: string[] = [];

function runProgram(scenario: Scenario, env: Record<string, string> = {}): Promise<Run> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TWILIO_|PULUMI_)/.test(k))) as Record<string, string>;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["-r", TS_NODE, PROGRAM],
      { env: { ...base, ...env, LK_SCENARIO: JSON.stringify(scenario) }, timeout: 60_000 },
      (err, stdout, stderr) => {
        printed.push(stdout, stderr);
        try {
          resolve({ report: JSON.parse(stdout), stdout, stderr });
        } catch {
          reject(new Error(`the lookups program printed no report (exit ${err?.code}):\n${stderr}`));
        }
      },
    );
  });
}

const stackConfig = (endpoint: string, account: { accountSid: string; authToken: string }) => ({
  config: { "twilio:accountSid": account.accountSid, "twilio:authToken": account.authToken, "twilio:endpoint": endpoint },
  secretKeys: ["twilio:authToken"],
});

function result(run: Run, label: string): StepResult {
  const found = run.report.results.find((r) => r.label === label);
  if (!found) assert.fail(`no result for ${label}: ${JSON.stringify(run.report)}`);
  return found;
}
const value = (run: Run, label: string) => {
  const r = result(run, label);
  assert.equal(r.error, undefined, `${label} failed: ${r.error}`);
  return r.value as Record<string, unknown>;
};
const error = (run: Run, label: string) => {
  const r = result(run, label);
  assert.ok(r.error !== undefined, `${label} succeeded: ${JSON.stringify(r.value)}`);
  return r.error;
};
/**
 * An Output form's error also fails the run (an unhandled rejection), as does a Provider's own
 * refusal of its values: those are the only program errors allowed.
 */
function assertOnlyStepErrors(run: Run, alsoExpected: string[] = []): void {
  const expected = new Set([...alsoExpected, ...run.report.results.filter((r) => r.error !== undefined).map((r) => r.error)]);
  for (const e of run.report.errors) assert.ok(expected.has(e), `unexpected program error: ${e}`);
}

describe("lookups in a program (setMocks, against the emulator)", function () {
  this.timeout(120_000);
  let emulator: Emulator;
  const made: Record<string, Record<string, unknown>> = {};

  const call = async (
    account: { accountSid: string; authToken: string },
    method: string,
    urlPath: string,
    form?: Record<string, string>,
  ) => {
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

  before(async () => {
    emulator = await startEmulator({ accounts: [A, B] });
    made.alpha = await call(A, "POST", "/v1/CompositionHooks", { FriendlyName: "alpha", AudioSources: "*", Format: "mp4" });
    made.grid = await call(A, "POST", "/v1/CompositionHooks", {
      FriendlyName: "grid",
      VideoLayout: JSON.stringify({ grid: { video_sources: ["*"] } }),
      Enabled: "false",
      StatusCallback: "http://127.0.0.1:9/callbacks",
    });
    made.bravo = await call(B, "POST", "/v1/CompositionHooks", { FriendlyName: "bravo", AudioSources: "guest*" });
    made.writer = await call(A, "POST", "/v1/Credentials/AWS", { Credentials: credentialsParam(WRITER), FriendlyName: "writer" });
    made.key = await call(A, "POST", "/v1/Credentials/PublicKeys", { PublicKey: RSA_2048, FriendlyName: "encryption" });
    await call(A, "POST", "/v1/CompositionSettings/Default", { FriendlyName: "a compositions" });
  });
  after(async () => {
    await emulator?.close();
  });
  afterEach(function () {
    // Whatever a test did, no token or secret was printed, in a report, an error or a log line.
    for (const secret of SECRETS)
      assert.ok(!printed.join("\n").includes(secret), `a secret appears in the output of ${this.currentTest?.title}`);
  });

  describe("with the stack's settings in an update (stack config A, TWILIO_* of B beside it)", () => {
    let run: Run;
    const every: Step[] = [
      { label: "hook by sid", lookup: "getCompositionHook", form: "promise", args: {} },
      { label: "hook by name (Output)", lookup: "getCompositionHook", form: "output", args: { friendlyName: "grid" } },
      { label: "hooks", lookup: "getCompositionHooks", form: "promise" },
      { label: "hooks (Output)", lookup: "getCompositionHooks", form: "output" },
      { label: "hooks named a*", lookup: "getCompositionHooks", form: "promise", args: { friendlyName: "A*" } },
      { label: "composition settings", lookup: "getCompositionSettings", form: "promise" },
      { label: "composition settings (Output)", lookup: "getCompositionSettings", form: "output" },
      { label: "recording settings", lookup: "getRecordingSettings", form: "promise", args: {} },
      { label: "recording settings (Output)", lookup: "getRecordingSettings", form: "output" },
      { label: "aws credentials", lookup: "getAwsCredentials", form: "promise" },
      { label: "aws credentials (Output)", lookup: "getAwsCredentials", form: "output" },
      { label: "public keys", lookup: "getPublicKeys", form: "promise" },
      { label: "public keys (Output)", lookup: "getPublicKeys", form: "output" },
      { label: "wrong-kind sid", lookup: "getCompositionHook", form: "promise", args: { sid: "CR" + "0".repeat(32) } },
      { label: "wrong-kind sid (Output)", lookup: "getCompositionHook", form: "output", args: { sid: "CR" + "0".repeat(32) } },
      { label: "unknown sid", lookup: "getCompositionHook", form: "promise", args: { sid: UNKNOWN_HOOK } },
      { label: "unknown name", lookup: "getCompositionHook", form: "promise", args: { friendlyName: "ALPHA" } },
      { label: "both sid and name", lookup: "getCompositionHook", form: "promise", args: { sid: UNKNOWN_HOOK, friendlyName: "alpha" } },
      { label: "neither sid nor name", lookup: "getCompositionHook", form: "promise" },
      { label: "arguments to a settings lookup", lookup: "getRecordingSettings", form: "promise", args: { sid: UNKNOWN_HOOK } },
      { label: "B's hooks by its Provider", lookup: "getCompositionHooks", form: "promise", provider: "b" },
      { label: "B's hooks by its Provider (Output)", lookup: "getCompositionHooks", form: "output", provider: "b" },
      {
        label: "B's hook by its API-key Provider",
        lookup: "getCompositionHook",
        form: "promise",
        args: { friendlyName: "bravo" },
        provider: "bKey",
      },
      { label: "B's API key named as account A", lookup: "getCompositionHooks", form: "promise", provider: "mixed" },
      { label: "a Provider without a credential", lookup: "getPublicKeys", form: "output", provider: "noCredential" },
      { label: "another package's provider", lookup: "getPublicKeys", form: "promise", provider: "foreign" },
    ];
    before(async () => {
      every[0].args = { sid: made.alpha.sid };
      run = await runProgram(
        {
          preview: false,
          ...stackConfig(emulator.url, A),
          providers: [
            { name: "b", accountSid: B.accountSid, authToken: B.authToken, endpoint: emulator.url },
            { name: "bKey", accountSid: B.accountSid, apiKey: B_KEY.sid, apiSecret: B_KEY.secret, endpoint: emulator.url },
            { name: "mixed", accountSid: A.accountSid, apiKey: B_KEY.sid, apiSecret: B_KEY.secret, endpoint: emulator.url },
            { name: "noCredential", accountSid: B.accountSid, endpoint: emulator.url },
            { name: "foreign", foreign: true },
          ],
          steps: every,
        },
        { TWILIO_ACCOUNT_SID: B.accountSid, TWILIO_AUTH_TOKEN: B.authToken },
      );
      assertOnlyStepErrors(run, [NO_CREDENTIAL]);
      // The Provider refuses its own values as well (Provider's check): the lookup's error is its own.
      assert.ok(run.report.errors.includes(NO_CREDENTIAL));
    });

    it("getCompositionHook answers a hook by SID, under the resource's input names, from account A (stack config beats TWILIO_*)", () => {
      assert.deepEqual(value(run, "hook by sid"), {
        sid: made.alpha.sid,
        accountSid: A.accountSid,
        friendlyName: "alpha",
        enabled: true,
        audioSources: ["*"],
        resolution: "640x480",
        format: "mp4",
        trim: true,
        statusCallbackMethod: "POST",
        dateCreated: made.alpha.date_created,
        ...(made.alpha.date_updated ? { dateUpdated: made.alpha.date_updated } : {}),
      });
    });

    it("getCompositionHookOutput finds a hook by its exact name; its layout is as a program writes it", () => {
      const hook = value(run, "hook by name (Output)");
      assert.equal(hook.sid, made.grid.sid);
      assert.deepEqual(hook.videoLayout, { grid: { video_sources: ["*"] } });
      assert.equal(hook.enabled, false);
      assert.equal(hook.statusCallback, "http://127.0.0.1:9/callbacks");
      assert.equal("audioSources" in hook, false, "an empty list is left out, as a program leaves it out");
      assert.equal(result(run, "hook by name (Output)").secret, false);
    });

    it("getCompositionHooks lists every hook of the account, newest first; Twilio's name filter is passed on", () => {
      for (const label of ["hooks", "hooks (Output)"]) {
        const { accountSid, hooks } = value(run, label) as { accountSid: string; hooks: { sid: string }[] };
        assert.equal(accountSid, A.accountSid);
        assert.deepEqual(
          hooks.map((h) => h.sid),
          [made.grid.sid, made.alpha.sid],
        );
      }
      const filtered = value(run, "hooks named a*") as { hooks: { friendlyName: string }[] };
      assert.deepEqual(
        filtered.hooks.map((h) => h.friendlyName),
        ["alpha"],
      );
    });

    it("the settings lookups answer configured and never-configured settings alike", () => {
      for (const label of ["composition settings", "composition settings (Output)"]) {
        assert.deepEqual(value(run, label), {
          accountSid: A.accountSid,
          friendlyName: "a compositions",
          awsStorageEnabled: false,
          encryptionEnabled: false,
          configured: true,
        });
      }
      for (const label of ["recording settings", "recording settings (Output)"]) {
        assert.deepEqual(value(run, label), {
          accountSid: A.accountSid,
          awsStorageEnabled: false,
          encryptionEnabled: false,
          configured: false,
        });
      }
    });

    it("getAwsCredentials and getPublicKeys list the account's credentials, without key material", () => {
      for (const label of ["aws credentials", "aws credentials (Output)"]) {
        assert.deepEqual(value(run, label), {
          accountSid: A.accountSid,
          credentials: [
            {
              sid: made.writer.sid,
              accountSid: A.accountSid,
              friendlyName: "writer",
              dateCreated: made.writer.date_created,
              ...(made.writer.date_updated ? { dateUpdated: made.writer.date_updated } : {}),
            },
          ],
        });
      }
      for (const label of ["public keys", "public keys (Output)"]) {
        const { publicKeys } = value(run, label) as { publicKeys: Record<string, unknown>[] };
        assert.deepEqual(
          publicKeys.map((k) => [k.sid, k.accountSid, k.friendlyName]),
          [[made.key.sid, A.accountSid, "encryption"]],
        );
        assert.ok(!JSON.stringify(publicKeys).includes("BEGIN PUBLIC KEY"));
      }
    });

    it("bad input fails naming the field and the rule, in both forms", () => {
      const wrongKind = "getCompositionHook: sid must be a composition hook SID matching ^HK[0-9a-fA-F]{32}$";
      assert.equal(error(run, "wrong-kind sid"), wrongKind);
      assert.equal(error(run, "wrong-kind sid (Output)"), wrongKind);
      assert.equal(error(run, "both sid and name"), "getCompositionHook: exactly one of sid and friendlyName must be given");
      assert.equal(error(run, "neither sid nor name"), "getCompositionHook: exactly one of sid and friendlyName must be given");
      assert.equal(error(run, "arguments to a settings lookup"), "getRecordingSettings: takes no arguments, got sid");
      assert.equal(result(run, "wrong-kind sid").errorName, "ProgramRefusal");
    });

    it("a hook Twilio does not have (its 404) is 'no composition hook ... in account ...'", () => {
      assert.equal(error(run, "unknown sid"), `getCompositionHook: no composition hook ${UNKNOWN_HOOK} in account ${A.accountSid}`);
      // Names match exactly (Twilio's own filter ignores case).
      assert.equal(error(run, "unknown name"), `getCompositionHook: no composition hook named "ALPHA" in account ${A.accountSid}`);
    });

    it("with a Provider, the lookups read the Provider's account (auth token or API key); the Output is not secret", () => {
      for (const label of ["B's hooks by its Provider", "B's hooks by its Provider (Output)"]) {
        const { accountSid, hooks } = value(run, label) as { accountSid: string; hooks: { sid: string }[] };
        assert.equal(accountSid, B.accountSid);
        assert.deepEqual(
          hooks.map((h) => h.sid),
          [made.bravo.sid],
        );
      }
      assert.equal(result(run, "B's hooks by its Provider (Output)").secret, false);
      assert.equal(value(run, "B's hook by its API-key Provider").sid, made.bravo.sid);
    });

    it("a Provider whose API key belongs to another account, or that lacks a credential, is refused naming it", () => {
      const mixed = error(run, "B's API key named as account A");
      assert.match(mixed, /^getCompositionHooks: /);
      assert.ok(mixed.includes(A.accountSid) && mixed.includes(B.accountSid), mixed);
      assert.equal(error(run, "a Provider without a credential"), `getPublicKeys: ${NO_CREDENTIAL}`);
    });

    it("a provider that is not this package's Provider is refused", () => {
      assert.equal(
        error(run, "another package's provider"),
        "getPublicKeys: opts.provider must be a Provider of pulumi-twilio-video (new Provider(name, { accountSid, ... })), not another package's provider",
      );
    });
  });

  it("without stack config, the TWILIO_* environment alone names the account", async () => {
    const run = await runProgram(
      { preview: false, config: {}, steps: [{ label: "hooks", lookup: "getCompositionHooks", form: "promise" }] },
      { TWILIO_ACCOUNT_SID: B.accountSid, TWILIO_AUTH_TOKEN: B.authToken, TWILIO_ENDPOINT: emulator.url },
    );
    assert.deepEqual(run.report.errors, []);
    const { accountSid, hooks } = value(run, "hooks") as { accountSid: string; hooks: { sid: string }[] };
    assert.deepEqual([accountSid, hooks.map((h) => h.sid)], [B.accountSid, [made.bravo.sid]]);
  });

  it("without any settings, a lookup says what to set", async () => {
    const run = await runProgram({ preview: false, config: {}, steps: [{ label: "keys", lookup: "getPublicKeys", form: "promise" }] });
    assert.equal(
      error(run, "keys"),
      "getPublicKeys: twilio:accountSid is not set: run 'pulumi config set twilio:accountSid AC...' or set TWILIO_ACCOUNT_SID",
    );
  });

  describe("a Provider made from a resource of this run", () => {
    const steps: Step[] = [
      { label: "promise", lookup: "getCompositionHooks", form: "promise", provider: "team" },
      { label: "output", lookup: "getCompositionHooks", form: "output", provider: "team" },
      { label: "stack, in preview", lookup: "getCompositionHooks", form: "promise" },
      { label: "stack, in preview (Output)", lookup: "getCompositionHooks", form: "output" },
    ];
    const scenario = (preview: boolean): Scenario => ({
      preview,
      ...stackConfig(emulator.url, A),
      providers: [{ name: "team", fromResource: true, accountSid: B.accountSid, authToken: B.authToken, endpoint: emulator.url }],
      steps,
    });

    it("in a preview: the Output form is unknown, the Promise form refuses at once, lookups of the stack answer", async () => {
      const started = Date.now();
      const run = await runProgram(scenario(true));
      assertOnlyStepErrors(run);
      assert.ok(Date.now() - started < 30_000);
      assert.equal(
        error(run, "promise"),
        `getCompositionHooks: the values of Provider "team" are not known until the update (they come from resources this run creates); ` +
          `use getCompositionHooksOutput, which is unknown in a preview and answered in the update`,
      );
      assert.deepEqual(result(run, "output"), { label: "output", unknown: true });
      for (const label of ["stack, in preview", "stack, in preview (Output)"]) {
        assert.equal((value(run, label) as { accountSid: string }).accountSid, A.accountSid);
      }
    });

    it("in the update: both forms answer from the Provider's account", async () => {
      const run = await runProgram(scenario(false));
      assert.deepEqual(run.report.errors, []);
      for (const label of ["promise", "output"]) {
        const { accountSid, hooks } = value(run, label) as { accountSid: string; hooks: { sid: string }[] };
        assert.deepEqual([accountSid, hooks.map((h) => h.sid)], [B.accountSid, [made.bravo.sid]]);
      }
    });
  });

  describe("an answer about another account than the settings name", () => {
    let replay: ReplayTwilio;
    before(async () => {
      replay = await startReplayTwilio();
    });
    after(async () => {
      await replay?.close();
    });

    it("is refused, naming both accounts, for a hook, a list and settings", async () => {
      // What account B's own credential gets, answered to a program configured for account A.
      const bravo = await call(B, "GET", `/v1/CompositionHooks/${made.bravo.sid}`);
      replay.answer("GET", `/v1/CompositionHooks/${made.bravo.sid}`, 200, bravo);
      replay.answer("GET", "/v1/CompositionHooks", 200, await call(B, "GET", "/v1/CompositionHooks"));
      replay.answer("GET", "/v1/RecordingSettings/Default", 200, await call(B, "GET", "/v1/RecordingSettings/Default"));
      const run = await runProgram({
        preview: false,
        ...stackConfig(replay.url, A),
        steps: [
          { label: "hook", lookup: "getCompositionHook", form: "promise", args: { sid: made.bravo.sid } },
          { label: "hooks", lookup: "getCompositionHooks", form: "output" },
          { label: "settings", lookup: "getRecordingSettings", form: "promise" },
        ],
      });
      assertOnlyStepErrors(run);
      const refusal = (fn: string, what: string) =>
        `${fn}: Twilio answered with ${what} of account ${B.accountSid}, but the settings name account ${A.accountSid} ` +
        `(account from twilio:accountSid (stack config); auth token from twilio:authToken (stack config)); refusing to return an object of another account`;
      assert.equal(error(run, "hook"), refusal("getCompositionHook", `composition hook ${made.bravo.sid}`));
      assert.equal(error(run, "hooks"), refusal("getCompositionHooks", `composition hook ${made.bravo.sid}`));
      assert.equal(error(run, "settings"), refusal("getRecordingSettings", "recording settings"));
    });
  });
});
