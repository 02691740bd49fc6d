/**
 * The Twilio-side example folders run as a user runs them: a copy of the folder, the real
 * `pulumi` CLI and its Node language host, `pulumi stack init`, `config set`, `up`, a no-change
 * preview, a change made in the (emulated) Twilio console that `preview --refresh
 * --expect-no-changes` must catch and print, `up` repairing it, and `destroy`. Also the repository's
 * own Pulumi.yaml, which must run the quickstart and not the library.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { execFile } from "child_process";
import { promisify } from "util";
import { DEFAULT_ACCOUNT, startEmulator, type AccountSpec, type Emulator } from "../../emulator";
import { deploymentOf } from "../helpers/exportedState";
import { ensureBuilt, REPO_ROOT } from "../helpers/programDir";
import { ProgramFolder, makeProgramFolder } from "../helpers/programFolder";
import { NEWEST_PULUMI_CLI_VERSION } from "../helpers/pulumiCli";
import { consoleCall, liveConfiguration } from "../helpers/twilioConsole";
import { assertNoSecrets, stackOutputs, stringOutput, twilioStackConfig } from "./cliStack";

const EXAMPLES_DIR = path.join(REPO_ROOT, "examples");
const QUICKSTART_AWS_SECRET = "quickstartclisecretQz81Lm07XvKx7Qw2Zr9Lm";
const COMPOSITIONS_URL = "https://quickstart-media.s3.us-east-1.amazonaws.com/compositions";
const CLI_VERSION = process.env.PTV_TEST_CLI ?? NEWEST_PULUMI_CLI_VERSION;
/** `npm run typecheck` checks the examples; here ts-node only transpiles, which halves each run. */
const TRANSPILE_ONLY = { PULUMI_NODEJS_TRANSPILE_ONLY: "true" };

describe(`example folders through the pulumi CLI ${CLI_VERSION}`, function () {
  this.timeout(300_000);
  let emulator: Emulator;
  const folders: ProgramFolder[] = [];
  const live = () => liveConfiguration(emulator.url, DEFAULT_ACCOUNT);
  const hookCalls = () =>
    emulator.log
      .entries()
      .map((e) => `${e.method} ${e.path.replace(/(HK|CR)[0-9a-f]{32}/, "$1*")}`)
      .sort();

  before(async () => {
    ensureBuilt();
    emulator = await startEmulator();
  });
  after(async () => {
    for (const folder of folders) await folder.cleanup();
    await emulator?.close();
  });

  /** A copy of the example, its stack `dev` initialised and pointed at the emulator, as the README says. */
  async function exampleFolder(example: string, extraConfig: Record<string, string> = {}, secrets: Record<string, string> = {}) {
    const folder = makeProgramFolder({ source: path.join(EXAMPLES_DIR, example), cliVersion: CLI_VERSION, env: TRANSPILE_ONLY });
    folders.push(folder);
    await folder.pulumi(["stack", "init", "dev"]);
    await twilioStackConfig(folder, "dev", emulator.url, DEFAULT_ACCOUNT);
    for (const [key, value] of Object.entries(extraConfig)) await folder.setConfig("dev", key, value);
    for (const [key, value] of Object.entries(secrets)) await folder.setConfig("dev", key, value, { secret: true });
    return folder;
  }

  describe("examples/quickstart", () => {
    let folder: ProgramFolder;
    const outputs: string[] = [];
    const pulumi = async (args: string[]) => {
      const run = await folder.pulumi(args, { stack: "dev" });
      outputs.push(run.stdout, run.stderr);
      return run;
    };

    before(async () => {
      emulator.reset();
      folder = await exampleFolder("quickstart", {}, { "quickstart:secretAccessKey": QUICKSTART_AWS_SECRET });
    });

    it("up --yes creates the credential, the composition settings and the hook in the account", async () => {
      const up = await pulumi(["up", "--yes"]);
      assert.match(up.stdout, /\+ 4 created/);
      const out = await stackOutputs(folder, "dev");
      assert.match(stringOutput(out, "hookSid"), /^HK[0-9a-f]{32}$/);
      const { hooks, credentials, compositions } = await live();
      assert.deepEqual(
        { hooks, credentials, compositions },
        {
          hooks: [[out.hookSid, "quickstart: compose every room", true, "1280x720"]],
          credentials: [[out.credentialSid, "quickstart compositions writer"]],
          compositions: ["quickstart compositions", out.credentialSid, COMPOSITIONS_URL, true],
        },
      );
      assert.equal(out.compositionsStorage, COMPOSITIONS_URL);
    });

    it("state records where the program declared each resource: its stack reaches the program's index.ts", async () => {
      const state = deploymentOf(JSON.parse((await pulumi(["stack", "export"])).stdout));
      const ours = state.resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/twilio-video:"));
      assert.equal(ours.length, 3);
      for (const resource of ours) {
        const positions = (resource.stackTrace ?? []).map((frame) => frame.sourcePosition ?? "");
        assert.ok(
          positions.some((p) => p.startsWith("project:///index.ts#")),
          `${resource.urn}: ${JSON.stringify(positions)}`,
        );
      }
    });

    it("preview --expect-no-changes passes and makes no Twilio call", async () => {
      emulator.log.clear();
      const preview = await pulumi(["preview", "--expect-no-changes"]);
      assert.match(preview.stdout, /4 unchanged/);
      assert.deepEqual(hookCalls(), []);
    });

    it("a console edit of the hook fails preview --refresh --expect-no-changes, which prints the drift", async () => {
      const { hookSid } = await stackOutputs(folder, "dev");
      await consoleCall(emulator.url, DEFAULT_ACCOUNT, "POST", `/v1/CompositionHooks/${hookSid}`, {
        FriendlyName: "renamed in the console",
        AudioSources: "*",
        Resolution: "640x480",
        Format: "mp4",
      });
      const check = await folder.run(["preview", "--refresh", "--expect-no-changes", "--diff"], { stack: "dev" });
      outputs.push(check.stdout, check.stderr);
      assert.notEqual(check.code, 0, "the drift check passed although the hook was edited");
      assert.match(
        check.stdout,
        /~ pulumi-nodejs:dynamic\/twilio-video:CompositionHook: \(update\)\s+\[id=HK[0-9a-f]{32}\]\s+\[urn=\S+::all-rooms\]/,
      );
      assert.match(check.stdout, /friendlyName\s*:\s*"renamed in the console" => "quickstart: compose every room"/);
      assert.match(check.stdout, /resolution\s*:\s*"640x480" => "1280x720"/);
      assert.match(check.stdout + check.stderr, /no changes were expected/);
      // A preview's refresh stores nothing: the account keeps the console's edit until `up`.
      assert.equal((await live()).hooks[0][1], "renamed in the console");
    });

    it("up --yes repairs the drift in place and the check passes again", async () => {
      const { hookSid } = await stackOutputs(folder, "dev");
      await pulumi(["up", "--yes", "--refresh"]);
      assert.deepEqual((await live()).hooks, [[hookSid, "quickstart: compose every room", true, "1280x720"]]);
      await pulumi(["preview", "--refresh", "--expect-no-changes"]);
    });

    it("destroy --yes deletes the hook and the credential and switches composition storage off", async () => {
      const destroy = await pulumi(["destroy", "--yes"]);
      assert.match(destroy.stdout, /- 4 deleted/);
      const after = await live();
      assert.deepEqual(after.hooks, []);
      assert.deepEqual(after.credentials, []);
      assert.deepEqual(after.compositions.slice(1), [null, null, false]);
    });

    it("no command printed the auth token or the AWS secret key", () => {
      assertNoSecrets(outputs, [DEFAULT_ACCOUNT.authToken, QUICKSTART_AWS_SECRET]);
    });
  });

  describe("examples/adopt-existing", () => {
    const dir = path.join(EXAMPLES_DIR, "adopt-existing");
    const seed = JSON.parse(fs.readFileSync(path.join(dir, "console-account.json"), "utf8")) as [AccountSpec];
    const account = { accountSid: seed[0].accountSid, authToken: seed[0].authToken };
    const awsSecret = String(seed[0].console?.awsCredentials?.[0].Credentials).split(":")[1];
    const hookSid = String(seed[0].console?.compositionHooks?.[0].Sid);
    let seeded: Emulator;
    let folder: ProgramFolder;
    const outputs: string[] = [];
    const pulumi = async (args: string[]) => {
      const run = await folder.pulumi(args, { stack: "dev" });
      outputs.push(run.stdout, run.stderr);
      return run;
    };
    const writes = () =>
      seeded.log
        .entries()
        .filter((e) => e.method !== "GET")
        .map((e) => `${e.method} ${e.path}`);

    before(async () => {
      // The account as the console left it, which the example's index.ts was written from.
      seeded = await startEmulator({ accounts: seed });
      folder = makeProgramFolder({ source: dir, cliVersion: CLI_VERSION, env: TRANSPILE_ONLY });
      folders.push(folder);
      await folder.pulumi(["stack", "init", "dev"]);
      await twilioStackConfig(folder, "dev", seeded.url, account);
      await folder.setConfig("dev", "mediaBucketWriterSecretAccessKey", awsSecret, { secret: true });
    });
    after(async () => {
      await seeded?.close();
    });

    it("twilio-video-import writes this folder's index.ts for the account in console-account.json, reading only", async () => {
      // Asynchronously: the emulator answers from this process.
      const tool = await promisify(execFile)(
        process.execPath,
        [path.join(REPO_ROOT, "dist", "provider", "onboarding", "cli.js"), "--stdout"],
        {
          cwd: folder.dir,
          encoding: "utf8",
          env: {
            PATH: process.env.PATH,
            TWILIO_ACCOUNT_SID: account.accountSid,
            TWILIO_AUTH_TOKEN: account.authToken,
            TWILIO_ENDPOINT: seeded.url,
          },
        },
      );
      outputs.push(tool.stdout, tool.stderr);
      assert.equal(
        tool.stdout,
        fs.readFileSync(path.join(dir, "index.ts"), "utf8"),
        "examples/adopt-existing/index.ts is not what the tool writes",
      );
      assert.match(tool.stderr, /pulumi config set --secret mediaBucketWriterSecretAccessKey/);
      assert.deepEqual(writes(), []);
    });

    it("preview plans each object; up imports all six with no Twilio write; preview --expect-no-changes passes", async () => {
      seeded.log.clear();
      assert.match((await pulumi(["preview"])).stdout, /\+ 7 to create/);
      assert.match((await pulumi(["up", "--yes"])).stdout, /\+ 7 created/);
      await pulumi(["preview", "--expect-no-changes"]);
      assert.deepEqual(writes(), []);
      assert.ok(seeded.log.entries().length > 0, "nothing was read");
    });

    it("a console edit is drift: preview --refresh --expect-no-changes prints it, up repairs it", async () => {
      await consoleCall(seeded.url, account, "POST", `/v1/CompositionHooks/${hookSid}`, {
        FriendlyName: "screen with camera",
        AudioSources: "*",
        Resolution: "640x480",
        VideoLayout: JSON.stringify({ main: { video_sources: ["screen-*"] } }),
      });
      const check = await folder.run(["preview", "--refresh", "--expect-no-changes", "--diff"], { stack: "dev" });
      outputs.push(check.stdout, check.stderr);
      assert.notEqual(check.code, 0, "the drift check passed although the hook was edited");
      assert.match(check.stdout, /~ pulumi-nodejs:dynamic\/twilio-video:CompositionHook: \(update\)[\s\S]*::screen-with-camera\]/);
      assert.match(check.stdout, /resolution\s*:\s*"640x480" => "1280x720"/);
      seeded.log.clear();
      await pulumi(["up", "--yes", "--refresh"]);
      assert.deepEqual(writes(), [`POST /v1/CompositionHooks/${hookSid}`]);
      await pulumi(["preview", "--refresh", "--expect-no-changes"]);
    });

    it("destroy deletes nothing: the imported resources are protected", async () => {
      seeded.log.clear();
      const destroy = await folder.run(["destroy", "--yes"], { stack: "dev" });
      outputs.push(destroy.stdout, destroy.stderr);
      assert.notEqual(destroy.code, 0);
      assert.match(destroy.stdout + destroy.stderr, /protected/);
      assert.deepEqual(writes(), []);
      assertNoSecrets(outputs, [account.authToken, awsSecret]);
    });
  });

  describe("examples/subaccounts", () => {
    let folder: ProgramFolder;
    const outputs: string[] = [];
    const pulumi = async (args: string[]) => {
      const run = await folder.pulumi(args, { stack: "dev" });
      outputs.push(run.stdout, run.stderr);
      return run;
    };
    type Account = { sid: string; friendly_name: string; status: string; auth_token: string };
    /** The main account's subaccounts by name (Twilio's list starts with the caller itself). */
    const subaccounts = async (): Promise<Account[]> =>
      (await consoleCall<{ accounts: Account[] }>(emulator.url, DEFAULT_ACCOUNT, "GET", "/2010-04-01/Accounts.json")).accounts
        .filter((a) => a.sid !== DEFAULT_ACCOUNT.accountSid)
        .sort((x, y) => x.friendly_name.localeCompare(y.friendly_name));
    const inside = async (sub: Account) => {
      const account = { accountSid: sub.sid, authToken: sub.auth_token };
      const hooks = (
        await consoleCall<{ composition_hooks: { sid: string; friendly_name: string }[] }>(
          emulator.url,
          account,
          "GET",
          "/v1/CompositionHooks",
        )
      ).composition_hooks;
      const keys = (
        await consoleCall<{ keys: { sid: string }[] }>(emulator.url, account, "GET", `/2010-04-01/Accounts/${sub.sid}/Keys.json`)
      ).keys;
      return { hooks: hooks.map((h) => [h.sid, h.friendly_name]), keys: keys.map((k) => k.sid) };
    };
    const writes = () =>
      emulator.log
        .entries()
        .filter((e) => e.method !== "GET")
        .map((e) => `${e.method} ${e.path}`);

    before(async () => {
      emulator.reset();
      folder = await exampleFolder("subaccounts");
    });

    it("a new stack's preview plans everything inside subaccounts that do not exist yet", async () => {
      const preview = await pulumi(["preview"]);
      // The stack, two providers and six resources.
      assert.match(preview.stdout, /\+ 9 to create/);
      assert.deepEqual(await subaccounts(), []);
    });

    it("up makes a subaccount per environment and configures each from inside, in one run", async () => {
      await pulumi(["up", "--yes"]);
      const created = (await folder.pulumi(["stack", "output", "environmentsCreated", "--json", "--show-secrets"], { stack: "dev" }))
        .stdout;
      const out = JSON.parse(created) as Record<
        string,
        { subaccountSid: string; apiKeySid: string; apiKeySecret: string; hookSid: string }
      >;
      const subs = await subaccounts();
      assert.deepEqual(
        subs.map((s) => [s.friendly_name, s.status]),
        [
          ["video dev", "active"],
          ["video staging", "active"],
        ],
      );
      for (const [env, sub] of [
        ["dev", subs[0]],
        ["staging", subs[1]],
      ] as const) {
        assert.equal(out[env].subaccountSid, sub.sid);
        assert.deepEqual(await inside(sub), { hooks: [[out[env].hookSid, `${env}: compose every room`]], keys: [out[env].apiKeySid] });
        // The key authenticates as its subaccount.
        const asKey = await consoleCall<{ account_sid: string }>(
          emulator.url,
          { accountSid: out[env].apiKeySid, authToken: out[env].apiKeySecret },
          "GET",
          "/v1/CompositionSettings/Default",
        );
        assert.equal(asKey.account_sid, sub.sid);
      }
      assert.deepEqual((await live()).hooks, [], "nothing in the main account");
      const state = (await folder.pulumi(["stack", "export"], { stack: "dev" })).stdout;
      assertNoSecrets([state, ...outputs], [...subs.map((s) => s.auth_token), out.dev.apiKeySecret, out.staging.apiKeySecret]);
    });

    it("preview --expect-no-changes passes; closeOnDelete is an update that writes nothing to Twilio", async () => {
      await pulumi(["preview", "--expect-no-changes"]);
      await folder.setConfig("dev", "subaccounts:closeOnDelete", "true");
      emulator.log.clear();
      const up = await pulumi(["up", "--yes"]);
      assert.match(up.stdout, /~ 2 updated/);
      assert.deepEqual(writes(), []);
    });

    it("destroy deletes the keys and hooks, then closes the subaccounts", async () => {
      const subs = await subaccounts();
      await pulumi(["destroy", "--yes"]);
      assert.deepEqual(
        (await subaccounts()).map((s) => [s.friendly_name, s.status]),
        [
          ["video dev", "closed"],
          ["video staging", "closed"],
        ],
      );
      const closed = await fetch(`${emulator.url}/v1/CompositionHooks`, {
        headers: { authorization: "Basic " + Buffer.from(`${subs[0].sid}:${subs[0].auth_token}`).toString("base64") },
      });
      assert.equal(closed.status, 401, "a closed subaccount authenticates no more");
      const byPath = writes().sort();
      assert.equal(byPath.filter((w) => /^DELETE \/v1\/CompositionHooks\/HK/.test(w)).length, 2);
      assert.equal(byPath.filter((w) => /^DELETE \/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Keys\/SK/.test(w)).length, 2);
    });
  });

  describe("the repository's own Pulumi.yaml (main: examples/quickstart/)", () => {
    it("pulumi up at the root runs the quickstart program, not the library the root package.json points at", async () => {
      emulator.reset();
      // The root as a fresh clone has it: Pulumi.yaml, the library's package.json (main: dist/...), the example.
      const folder = makeProgramFolder({ cliVersion: CLI_VERSION, env: TRANSPILE_ONLY });
      folders.push(folder);
      for (const file of ["Pulumi.yaml", "package.json", "tsconfig.json"])
        fs.copyFileSync(path.join(REPO_ROOT, file), path.join(folder.dir, file));
      fs.cpSync(path.join(EXAMPLES_DIR, "quickstart"), path.join(folder.dir, "examples", "quickstart"), { recursive: true });
      await folder.pulumi(["stack", "init", "dev"]);
      await twilioStackConfig(folder, "dev", emulator.url, DEFAULT_ACCOUNT);

      const up = await folder.pulumi(["up", "--yes"], { stack: "dev" });
      assert.match(up.stdout, /\+ 4 created/);
      const created = await live();
      assert.deepEqual(
        created.hooks.map((h) => h[1]),
        ["quickstart: compose every room"],
      );
      assert.deepEqual(
        created.credentials.map((c) => c[1]),
        ["quickstart compositions writer"],
      );

      const destroy = await folder.pulumi(["destroy", "--yes"], { stack: "dev" });
      assert.match(destroy.stdout, /- 4 deleted/);
      assert.deepEqual((await live()).hooks, []);
    });
  });
});
