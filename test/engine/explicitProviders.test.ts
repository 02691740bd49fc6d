/**
 * Several Twilio accounts in one program, through the real CLI on a program folder: the stack's
 * default account plus three `Provider`s (one with an auth token, one with an API key, one made in
 * the same run from a `Subaccount`'s outputs). Each resource
 * lands in its provider's account and nowhere else (the emulator's per-account objects and request
 * log are the judge), the composition guard pairs resources per account, a rotated API key is a
 * provider update with no Twilio write, a provider switched to another account is refused, a bad
 * provider argument fails the preview naming it, no token or secret is plain in state, and the
 * recovery tool finds each provider's configuration in the stack.
 */
import { strict as assert } from "assert";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { providerConfigs } from "../../provider/recovery/plan";
import { stackOutputs, twilioStackConfig } from "../cli/cliStack";
import { ensureBuilt } from "../helpers/programDir";
import { ProgramFolder, makeProgramFolder } from "../helpers/programFolder";

const A = { accountSid: "AC0000000000000000000000000000a001", authToken: "explicit-a-token-0001" };
const B = { accountSid: "AC0000000000000000000000000000b001", authToken: "explicit-b-token-0001" };
const C = { accountSid: "AC0000000000000000000000000000c001", authToken: "explicit-c-token-0001" };
const STACK = "accounts";
const AWS_SECRET = "explicitProvidersSecretKey0000000000000A";

interface Accounts {
  a: { accountSid: string; authToken: string };
  b: { accountSid: string; apiKey: string; apiSecret: string };
  aHookEnabled: boolean;
}

/** The program reads its accounts from accounts.json, so a step can rotate or switch one. */
const PROGRAM = `
import * as fs from "fs";
import * as path from "path";
import { AwsCredential, CompositionHook, Provider, RecordingSettings, Subaccount } from "pulumi-twilio-video";

const c = JSON.parse(fs.readFileSync(path.join(__dirname, "accounts.json"), "utf8"));
const a = new Provider("a", { accountSid: c.a.accountSid, authToken: c.a.authToken });
const b = new Provider("b", { accountSid: c.b.accountSid, apiKey: c.b.apiKey, apiSecret: c.b.apiSecret });

// A third account made in this same run, configured from its outputs.
const sub = new Subaccount("team", { friendlyName: "team video", closeOnDelete: true });
const inSub = new Provider("team", { accountSid: sub.sid, authToken: sub.authToken });
const hookSub = new CompositionHook("team-hook", { friendlyName: "team", audioSources: ["*"] }, { provider: inSub });
// Without closeOnDelete: destroy leaves it active, and says so.
const kept = new Subaccount("kept", { friendlyName: "kept video" });

const main = new CompositionHook("main-hook", { friendlyName: "main", audioSources: ["*"] });
const hookA = new CompositionHook("a-hook", { friendlyName: "a", audioSources: ["*"], enabled: c.aHookEnabled }, { provider: a });
const hookB = new CompositionHook("b-hook", { friendlyName: "b", audioSources: ["*"] }, { provider: b });
// Account A stores recordings in S3, which Twilio cannot compose: only A's hooks are concerned.
const writer = new AwsCredential("a-writer", {
  accessKeyId: "AKIAEXPLICITPROVIDER", secretAccessKey: ${JSON.stringify(AWS_SECRET)}, friendlyName: "a writer",
}, { provider: a });
new RecordingSettings("a-recordings", {
  friendlyName: "a recordings", awsCredentialsSid: writer.sid,
  awsS3Url: "https://explicit-a.s3.us-east-1.amazonaws.com/recordings", awsStorageEnabled: true,
}, { provider: a });

export const hooks = { main: main.sid, a: hookA.sid, b: hookB.sid, team: hookSub.sid };
export const accounts = { main: main.accountSid, a: hookA.accountSid, b: hookB.accountSid, writer: writer.accountSid, team: hookSub.accountSid };
export const subaccount = sub.sid;
export const keptSubaccount = kept.sid;
`;

const PROJECT = "name: twilio-video-accounts-test\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n";
const PACKAGE_JSON = JSON.stringify({
  name: "twilio-video-accounts-test",
  version: "0.0.0",
  private: true,
  main: "index.ts",
  dependencies: { "@pulumi/pulumi": "^3.248.0", "pulumi-twilio-video": "file:../.." },
});

interface Hook {
  sid: string;
  friendly_name: string;
  enabled: boolean;
}

describe("several accounts in one program: explicit Providers through the real CLI", function () {
  this.timeout(300_000);
  let emulator: Emulator;
  let folder: ProgramFolder;
  let accounts: Accounts;
  let firstKey: { sid: string; secret: string };
  /** The subaccount the program makes, with its credentials as the main account reads them. */
  let team: { accountSid: string; authToken: string };
  const subaccountOf = async (sid: string) => {
    const { body } = await call(DEFAULT_ACCOUNT, "GET", `/2010-04-01/Accounts/${sid}.json`);
    return { accountSid: String(body.sid), authToken: String(body.auth_token) };
  };
  const auth = (account: { accountSid: string; authToken: string }) =>
    "Basic " + Buffer.from(`${account.accountSid}:${account.authToken}`).toString("base64");
  const call = async (account: typeof A, method: string, path: string, form?: Record<string, string>) => {
    const res = await fetch(`${emulator.url}${path}`, {
      method,
      headers: { authorization: auth(account), "content-type": "application/x-www-form-urlencoded" },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    return { status: res.status, body: res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>) };
  };
  const hooksOf = async (account: typeof A) =>
    ((await call(account, "GET", "/v1/CompositionHooks?PageSize=1000")).body.composition_hooks as Hook[]).map((h) => [
      h.friendly_name,
      h.sid,
    ]);
  /** The provider's writes, per account they landed in. */
  const writes = () =>
    emulator.log
      .entries()
      .filter((e) => e.method !== "GET")
      .map((e) => `${e.accountSid} ${e.method} ${e.path}`);
  const writeAccounts = (next: Accounts) => {
    accounts = next;
    folder.writeFile("accounts.json", JSON.stringify(next));
  };
  const cli = (args: string[]) => folder.pulumi(args, { stack: STACK });
  const failing = async (args: string[]) => {
    const run = await folder.run(args, { stack: STACK });
    assert.notEqual(run.code, 0, `${args.join(" ")} succeeded`);
    return run.stdout + run.stderr;
  };
  const newKey = async (account: typeof A) => {
    const { status, body } = await call(account, "POST", `/2010-04-01/Accounts/${account.accountSid}/Keys.json`, {
      FriendlyName: "deploy",
    });
    assert.equal(status, 201);
    return { sid: String(body.sid), secret: String(body.secret) };
  };

  before(async () => {
    ensureBuilt();
    emulator = await startEmulator({ accounts: [DEFAULT_ACCOUNT, A, B, C] });
    firstKey = await newKey(B);
    folder = makeProgramFolder({ env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } });
    folder.writeFile("Pulumi.yaml", PROJECT);
    folder.writeFile("package.json", PACKAGE_JSON);
    folder.writeFile("index.ts", PROGRAM);
    writeAccounts({ a: A, b: { accountSid: B.accountSid, apiKey: firstKey.sid, apiSecret: firstKey.secret }, aHookEnabled: false });
    await folder.pulumi(["stack", "init", STACK]);
    await twilioStackConfig(folder, STACK, emulator.url, DEFAULT_ACCOUNT);
  });
  after(async () => {
    await folder?.cleanup();
    await emulator?.close();
  });

  it("up puts each resource in its provider's account and writes into no other", async () => {
    emulator.log.clear();
    await cli(["up", "--yes", "--skip-preview"]);
    const out = (await stackOutputs(folder, STACK)) as {
      accounts: Record<string, string>;
      hooks: Record<"main" | "a" | "b" | "team", string>;
      subaccount: string;
    };
    team = await subaccountOf(out.subaccount);
    assert.deepEqual(out.accounts, {
      main: DEFAULT_ACCOUNT.accountSid,
      a: A.accountSid,
      b: B.accountSid,
      writer: A.accountSid,
      team: team.accountSid,
    });
    assert.deepEqual(await hooksOf(team), [["team", out.hooks.team]]);
    assert.deepEqual(await hooksOf(DEFAULT_ACCOUNT), [["main", out.hooks.main]]);
    assert.deepEqual(await hooksOf(A), [["a", out.hooks.a]]);
    assert.deepEqual(await hooksOf(B), [["b", out.hooks.b]]);
    assert.deepEqual(await hooksOf(C), []);
    const made = writes();
    assert.deepEqual(made.filter((w) => w.startsWith(DEFAULT_ACCOUNT.accountSid)).sort(), [
      `${DEFAULT_ACCOUNT.accountSid} POST /2010-04-01/Accounts.json`,
      `${DEFAULT_ACCOUNT.accountSid} POST /2010-04-01/Accounts.json`,
      `${DEFAULT_ACCOUNT.accountSid} POST /v1/CompositionHooks`,
    ]);
    assert.deepEqual(
      made.filter((w) => w.startsWith(team.accountSid)),
      [`${team.accountSid} POST /v1/CompositionHooks`],
    );
    assert.deepEqual(
      made.filter((w) => w.startsWith(B.accountSid)),
      [`${B.accountSid} POST /v1/CompositionHooks`],
    );
    assert.deepEqual(made.filter((w) => w.startsWith(A.accountSid)).sort(), [
      `${A.accountSid} POST /v1/CompositionHooks`,
      `${A.accountSid} POST /v1/Credentials/AWS`,
      `${A.accountSid} POST /v1/RecordingSettings/Default`,
    ]);
    assert.equal(made.length, 8);
    await cli(["preview", "--expect-no-changes"]);
  });

  it("the composition guard pairs per account: an enabled hook in A is refused at preview, the default account's is not", async () => {
    writeAccounts({ ...accounts, aHookEnabled: true });
    const output = await failing(["preview"]);
    assert.match(output, /the composition guard refused CompositionHook "a-hook" with RecordingSettings "a-recordings"/);
    assert.doesNotMatch(output, /CompositionHook "main-hook"/);
    writeAccounts({ ...accounts, aHookEnabled: false });
  });

  it("a rotated API key is a provider update: no Twilio write, no replacement", async () => {
    const before = (await stackOutputs(folder, STACK)).hooks;
    const second = await newKey(B);
    writeAccounts({ ...accounts, b: { accountSid: B.accountSid, apiKey: second.sid, apiSecret: second.secret } });
    emulator.log.clear();
    await cli(["up", "--yes", "--skip-preview"]);
    assert.deepEqual(writes(), []);
    assert.deepEqual((await stackOutputs(folder, STACK)).hooks, before);
    // The old key can go: everything now runs on the new one.
    assert.equal((await call(B, "DELETE", `/2010-04-01/Accounts/${B.accountSid}/Keys/${firstKey.sid}.json`)).status, 204);
    await cli(["preview", "--expect-no-changes"]);
  });

  it("a provider switched to another account is refused, naming the provider; nothing is written", async () => {
    const previous = accounts;
    writeAccounts({ ...accounts, a: C });
    emulator.log.clear();
    const output = await failing(["preview"]);
    assert.match(output, new RegExp(`lives in account ${A.accountSid}, but its Provider "a" now names account ${C.accountSid}`));
    assert.deepEqual(
      emulator.log.entries().map((e) => `${e.accountSid} ${e.method} ${e.path}`),
      [],
      "the refusal made no Twilio call",
    );
    writeAccounts(previous);
  });

  it("bad provider arguments fail the preview naming the provider and the argument", async () => {
    const previous = accounts;
    const cases: [Accounts, RegExp][] = [
      [{ ...accounts, a: { accountSid: "AC123", authToken: A.authToken } }, /Provider "a" accountSid must match \^AC\[0-9a-fA-F\]\{32\}\$/],
      [{ ...accounts, b: { ...accounts.b, apiKey: "KEY123" } }, /Provider "b" apiKey must match \^SK\[0-9a-fA-F\]\{32\}\$/],
      [
        { ...accounts, a: { accountSid: A.accountSid } as Accounts["a"] },
        /Provider "a" has no credential: set authToken, or apiKey \+ apiSecret/,
      ],
    ];
    for (const [next, message] of cases) {
      writeAccounts(next);
      emulator.log.clear();
      assert.match(await failing(["preview"]), message);
      assert.equal(emulator.log.count(), 0, "a refused argument made a Twilio call");
    }
    writeAccounts(previous);
  });

  it("state holds no token or secret in plain text, and destroy empties every account", async () => {
    const state = (await cli(["stack", "export"])).stdout;
    for (const secret of [A.authToken, accounts.b.apiSecret, DEFAULT_ACCOUNT.authToken, AWS_SECRET, team.authToken]) {
      assert.ok(!state.includes(secret), "a secret is plain in state");
    }
    // twilio-video-recover reads each Provider's configuration from the revealed export (never stored).
    const providers = providerConfigs(JSON.parse((await cli(["stack", "export", "--show-secrets"])).stdout));
    const byName = new Map([...providers.values()].map((c) => [c["twilio:providerName"], c]));
    assert.deepEqual([byName.get("a")?.["twilio:accountSid"], byName.get("a")?.["twilio:authToken"]], [A.accountSid, A.authToken]);
    assert.deepEqual(
      [byName.get("b")?.["twilio:apiKey"], byName.get("b")?.["twilio:apiSecret"]],
      [accounts.b.apiKey, accounts.b.apiSecret],
    );
    const stackOutputsBeforeDestroy = stackOutputs(folder, STACK) as Promise<{ hooks: Record<string, string> }>;
    await stackOutputsBeforeDestroy;
    emulator.log.clear();
    const keptSid = String((await stackOutputs(folder, STACK)).keptSubaccount);
    const destroyed = await cli(["destroy", "--yes", "--skip-preview"]);
    assert.match(destroyed.stdout + destroyed.stderr, new RegExp(`Subaccount ${keptSid} \\("kept video"\\) is left active at Twilio`));
    assert.equal((await call(DEFAULT_ACCOUNT, "GET", `/2010-04-01/Accounts/${keptSid}.json`)).body.status, "active");
    for (const account of [DEFAULT_ACCOUNT, A, B]) assert.deepEqual(await hooksOf(account), []);
    // closeOnDelete: the subaccount's hook was deleted with its own credentials, then the main account closed it.
    const teamHook = (await stackOutputsBeforeDestroy).hooks.team;
    const order = writes().filter((w) => w.includes(team.accountSid));
    assert.deepEqual(order, [
      `${team.accountSid} DELETE /v1/CompositionHooks/${teamHook}`,
      `${DEFAULT_ACCOUNT.accountSid} POST /2010-04-01/Accounts/${team.accountSid}.json`,
    ]);
    assert.equal((await call(DEFAULT_ACCOUNT, "GET", `/2010-04-01/Accounts/${team.accountSid}.json`)).body.status, "closed");
    assert.deepEqual((await call(A, "GET", "/v1/Credentials/AWS")).body.credentials, []);
    assert.equal((await call(A, "GET", "/v1/RecordingSettings/Default")).body.aws_storage_enabled, false);
  });
});
