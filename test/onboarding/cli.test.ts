// The built twilio-video-import bin against the emulator, set up as a person at the console would
// (consoleAccount.ts). It writes the program folder, prints the lines to run, sends only GETs and
// never shows the auth token or an API secret.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { parseArgs } from "../../provider/onboarding/cli";
import { readSnapshot } from "../../provider/onboarding/snapshot";
import { TwilioClient } from "../../provider/twilio";
import { consoleCall } from "../helpers/twilioConsole";
import { AWS_SECRET, configureLikeTheConsole, importer, type ConsoleObjects } from "./consoleAccount";
import { prettierClean } from "./snapshots";

describe("twilio-video-import's arguments", () => {
  it("take values as the next argument or after '='", () => {
    assert.deepEqual(parseArgs(["--out=prod", "--name", "video", "--force", "--stack=dev"]), {
      out: "prod",
      name: "video",
      force: true,
      stack: "dev",
      stdout: false,
      help: false,
    });
  });

  it("refuse what they do not know, a missing value, and options that do not go together", () => {
    assert.throws(() => parseArgs(["--stdout", "extra"]), /unexpected argument "extra"/);
    assert.throws(() => parseArgs(["--stdout", "--force=yes"]), /--force takes no value/);
    assert.throws(() => parseArgs(["--out", "--force"]), /--out needs a value/);
    assert.throws(() => parseArgs(["--out", "a", "--stdout"]), /give exactly one of --out DIR and --stdout/);
    assert.throws(() => parseArgs(["--stdout", "--name", "x"]), /--name and --force go with --out/);
  });
});

/** A second account, whose API key is the credential of the wrong account. */
const OTHER_ACCOUNT = { accountSid: "AC00000000000000000000000000000b07", authToken: "import-other-token-07" };

describe("twilio-video-import against the emulator", () => {
  let emulator: Emulator;
  let work: string;
  let env: Record<string, string>;
  let sids: ConsoleObjects;

  /** Every file under `dir`, joined, for "appears nowhere" checks. */
  const allFiles = (dir: string) =>
    fs
      .readdirSync(dir)
      .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
      .join("\n");

  before(async () => {
    emulator = await startEmulator({ accounts: [DEFAULT_ACCOUNT, OTHER_ACCOUNT] });
    env = { TWILIO_ACCOUNT_SID: DEFAULT_ACCOUNT.accountSid, TWILIO_AUTH_TOKEN: DEFAULT_ACCOUNT.authToken, TWILIO_ENDPOINT: emulator.url };
    sids = await configureLikeTheConsole(emulator);
  });
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "twilio-video-import-cli-"));
    emulator.log.clear();
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));
  after(() => emulator.close());

  it("writes the program folder, prints the lines to run, and only reads (five GETs)", async () => {
    const run = await importer(["--out", "main-account"], work, env);
    assert.equal(run.status, 0, run.stderr);
    const out = path.join(work, "main-account");
    assert.deepEqual(fs.readdirSync(out).sort(), ["Pulumi.yaml", "README.md", "index.ts", "package.json", "tsconfig.json"]);

    const entries = emulator.log.entries();
    assert.deepEqual(entries.map((e) => `${e.method} ${e.path}`).sort(), [
      "GET /v1/CompositionHooks",
      "GET /v1/CompositionSettings/Default",
      "GET /v1/Credentials/AWS",
      "GET /v1/Credentials/PublicKeys",
      "GET /v1/RecordingSettings/Default",
    ]);

    const index = fs.readFileSync(path.join(out, "index.ts"), "utf8");
    for (const id of [...sids.hooks, sids.credential, sids.key, DEFAULT_ACCOUNT.accountSid]) {
      assert.match(index, new RegExp(`\\{ import: "${id}", protect: true \\}`));
    }
    assert.match(index, /^new twilio\.CompositionHook\(\n {2}"main-grid",/m);
    // Each region as Twilio echoes it (its key order), less the keys it fills in by itself.
    assert.match(
      index,
      /presenter: \{\n {8}z_pos: 1,\n {8}width: 960,\n {8}height: 720,\n {8}video_sources: \["screen-\*", "presenter"\],\n {6}\},/,
    );
    assert.match(
      index,
      /audience: \{\n {8}x_pos: 960,\n {8}width: 320,\n {8}height: 720,\n {8}max_rows: 4,\n {8}video_sources: \["\*"\],\n {6}\},/,
    );
    assert.match(index, /awsCredentialsSid: s3Writer\.sid,/);
    // Recordings go to S3: the enabled hook opts out of the guard, the disabled one needs not.
    assert.match(
      index,
      /"main-grid",\n {2}\{\n {4}friendlyName: "Main grid",\n {4}enabled: true,\n {4}\/\/ .*\n {4}allowUncomposableRecordings: true,/,
    );
    assert.match(index, /"audio-archive",\n {2}\{\n {4}friendlyName: "Audio archive",\n {4}enabled: false,\n {4}audioSources/);
    assert.match(index, /\/\/ Composition settings: never configured/);
    assert.ok(await prettierClean(index), "Prettier would change the written index.ts");

    assert.equal(JSON.parse(fs.readFileSync(path.join(out, "package.json"), "utf8")).dependencies["pulumi-twilio-video"], "^0.2.0");
    assert.match(fs.readFileSync(path.join(out, "Pulumi.yaml"), "utf8"), /^name: main-account\n/);

    const lines = run.stdout.split("\n").map((l) => l.trim().replace(/ +#.*/, ""));
    for (const line of [
      `pulumi config set twilio:accountSid ${DEFAULT_ACCOUNT.accountSid}`,
      "pulumi config set --secret twilio:authToken",
      `pulumi config set twilio:endpoint ${emulator.url}`,
      "pulumi config set s3WriterAccessKeyId AKIA...",
      "pulumi config set --secret s3WriterSecretAccessKey",
      `pulumi config set mainKeyPublicKey -- "$(cat main-key.pem)"`,
    ]) {
      assert.ok(lines.includes(line), `missing line: ${line}\n${run.stdout}`);
    }
    assert.match(
      run.stdout,
      new RegExp(
        `^Imported 2 composition hooks, 1 AWS credential, 1 public key, recording settings from account ${DEFAULT_ACCOUNT.accountSid} into main-account$`,
        "m",
      ),
    );
    for (const text of [run.stdout, run.stderr, allFiles(out)]) {
      assert.ok(!text.includes(DEFAULT_ACCOUNT.authToken), "the auth token was shown");
      assert.ok(!text.includes(AWS_SECRET), "the AWS secret was shown");
    }
  });

  it("--stdout prints only the code, and the config lines to stderr", async () => {
    const written = await importer(["--out", "program"], work, env);
    assert.equal(written.status, 0, written.stderr);
    const run = await importer(["--stdout"], work, env);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, fs.readFileSync(path.join(work, "program", "index.ts"), "utf8"));
    assert.match(run.stderr, /^ {2}pulumi config set --secret s3WriterSecretAccessKey/m);
    assert.match(run.stderr, /Imported 2 composition hooks/);
    assert.ok(!run.stdout.includes("pulumi config set") && !(run.stdout + run.stderr).includes(DEFAULT_ACCOUNT.authToken));
  });

  it("refuses a folder that is not empty before reading anything, and writes into it with --force", async () => {
    fs.mkdirSync(path.join(work, "taken"));
    fs.writeFileSync(path.join(work, "taken", "notes.txt"), "mine");
    const refused = await importer(["--out", "taken"], work, env);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /--out .*taken is not empty: .*--force/);
    assert.equal(emulator.log.count(), 0);
    const forced = await importer(["--out", "taken", "--force", "--name", "video-prod"], work, env);
    assert.equal(forced.status, 0, forced.stderr);
    assert.equal(fs.readFileSync(path.join(work, "taken", "notes.txt"), "utf8"), "mine");
    assert.match(fs.readFileSync(path.join(work, "taken", "Pulumi.yaml"), "utf8"), /^name: video-prod\n/);
  });

  it("refuses unknown options and a missing destination; --help shows the usage", async () => {
    const unknown = await importer(["--out", "x", "--yes"], work, env);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown option --yes/);
    const neither = await importer([], work, env);
    assert.equal(neither.status, 2);
    assert.match(neither.stderr, /give exactly one of --out DIR and --stdout/);
    const help = await importer(["--help"], work, env);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage:\n {2}twilio-video-import --out DIR/);
    assert.equal(emulator.log.count(), 0);
  });

  it("fails on a wrong token without showing it", async () => {
    const wrong = "wrong-token-value-0001";
    const run = await importer(["--stdout"], work, { ...env, TWILIO_AUTH_TOKEN: wrong });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /401/);
    assert.ok(!(run.stdout + run.stderr).includes(wrong));
  });

  it("in a Pulumi project, reads the stack's config (the environment's other account is ignored)", async () => {
    // A stand-in for the pulumi CLI: records its arguments, answers `pulumi config --json` as it does.
    const bin = path.join(work, "bin");
    fs.mkdirSync(bin);
    const config = {
      "twilio:accountSid": { value: DEFAULT_ACCOUNT.accountSid, secret: false },
      "twilio:authToken": { value: DEFAULT_ACCOUNT.authToken, secret: true },
      "twilio:endpoint": { value: emulator.url, secret: false },
    };
    fs.writeFileSync(path.join(work, "config.json"), JSON.stringify(config));
    fs.writeFileSync(path.join(bin, "pulumi"), `#!/bin/sh\necho "$@" >> "${work}/pulumi-args"\ncat "${work}/config.json"\n`, {
      mode: 0o755,
    });
    fs.writeFileSync(path.join(work, "Pulumi.yaml"), "name: infra\nruntime: nodejs\n");
    const other = {
      TWILIO_ACCOUNT_SID: "AC00000000000000000000000000000099",
      TWILIO_AUTH_TOKEN: "another-accounts-token",
      TWILIO_ENDPOINT: emulator.url,
    };
    const run = await importer(["--stdout", "--stack", "prod"], work, { ...other, PATH: `${bin}${path.delimiter}${process.env.PATH}` });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(fs.readFileSync(path.join(work, "pulumi-args"), "utf8"), "config --json --show-secrets --stack prod\n");
    assert.match(run.stderr, /account from twilio:accountSid \(stack config\); auth token from twilio:authToken \(stack config\)/);
    assert.match(run.stdout, new RegExp(`\\{ import: "${sids.hooks[0]}", protect: true \\}`));
    assert.ok(!(run.stdout + run.stderr).includes(DEFAULT_ACCOUNT.authToken));
  });

  it("with an API key, prints the apiKey lines and never the secret", async () => {
    const key = await consoleCall<{ sid: string; secret: string }>(
      emulator.url,
      DEFAULT_ACCOUNT,
      "POST",
      `/2010-04-01/Accounts/${DEFAULT_ACCOUNT.accountSid}/Keys.json`,
      { FriendlyName: "importer" },
    );
    emulator.log.clear();
    const run = await importer(["--out", "keyed"], work, {
      TWILIO_ACCOUNT_SID: DEFAULT_ACCOUNT.accountSid,
      TWILIO_API_KEY: key.sid,
      TWILIO_API_SECRET: key.secret,
      TWILIO_ENDPOINT: emulator.url,
    });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^ {2}pulumi config set twilio:apiKey ${key.sid}$`, "m"));
    assert.match(run.stdout, /^ {2}pulumi config set --secret twilio:apiSecret +# prompts/m);
    for (const text of [run.stdout, run.stderr, allFiles(path.join(work, "keyed"))]) assert.ok(!text.includes(key.secret));
    // The API key's account check is one more read, and still nothing but reads.
    assert.ok(emulator.log.entries().every((e) => e.method === "GET"));
    assert.equal(emulator.log.count(), 6);
  });

  it("refuses an API key of another account than TWILIO_ACCOUNT_SID, before listing any object", async () => {
    const key = await consoleCall<{ sid: string; secret: string }>(
      emulator.url,
      OTHER_ACCOUNT,
      "POST",
      `/2010-04-01/Accounts/${OTHER_ACCOUNT.accountSid}/Keys.json`,
      { FriendlyName: "other account's key" },
    );
    emulator.log.clear();
    const run = await importer(["--out", "wrong"], work, {
      TWILIO_ACCOUNT_SID: DEFAULT_ACCOUNT.accountSid,
      TWILIO_API_KEY: key.sid,
      TWILIO_API_SECRET: key.secret,
      TWILIO_ENDPOINT: emulator.url,
    });
    assert.equal(run.status, 2);
    assert.match(
      run.stderr,
      new RegExp(`belongs to account ${OTHER_ACCOUNT.accountSid}, not to the configured account ${DEFAULT_ACCOUNT.accountSid}`),
    );
    assert.ok(!(run.stdout + run.stderr).includes(key.secret));
    assert.ok(!fs.existsSync(path.join(work, "wrong", "index.ts")), "a program was written");
    // One read, the client's account check; no list of the other account's objects.
    assert.deepEqual(
      emulator.log.entries().map((e) => `${e.method} ${e.path}`),
      ["GET /v1/CompositionSettings/Default"],
    );

    // Without the client's account check, the objects themselves give the account away.
    const unchecked = new TwilioClient({
      accountSid: DEFAULT_ACCOUNT.accountSid,
      apiKey: key.sid,
      apiSecret: key.secret,
      endpoint: emulator.url,
      verifyAccount: false,
    });
    await assert.rejects(
      readSnapshot(unchecked, DEFAULT_ACCOUNT.accountSid),
      new RegExp(
        `object of account ${OTHER_ACCOUNT.accountSid}, but the credential names account ${DEFAULT_ACCOUNT.accountSid}; nothing was written`,
      ),
    );
  });
});
