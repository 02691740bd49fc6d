/**
 * Renames, moves into a component and `--replace` through the real engine: Pulumi creates the new
 * resource before it deletes the old one, so both name the same Twilio object for a moment. Each
 * step changes the program the way a refactor does (shape.json, which the program reads), runs
 * `pulumi up`, and checks the emulator: Twilio must end as the program declares it.
 *
 * The program is a folder the `pulumi` CLI runs with its Node language host, a fresh Node process
 * per command, as users run it; not an inline Automation API program. An inline program talks gRPC
 * to each command's engine from the mocha process, and grpc-js shares one connection per address
 * across the whole process: after a call to an engine that has exited, that address's connection
 * sits in backoff, and a later engine the OS gives the same port is refused at once ("14
 * UNAVAILABLE: No connection established"). The inline language server reports a run whose gRPC
 * calls failed as a success, so the engine saw a program that declared nothing: a no-change
 * preview proposed deleting every resource. Earlier inline tests in the same mocha run leave such
 * ports behind.
 */
import { strict as assert } from "assert";
import { generateKeyPairSync } from "crypto";
import type * as pulumi from "@pulumi/pulumi";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { ensureBuilt } from "../helpers/programDir";
import { CliRun, ProgramFolder, makeProgramFolder } from "../helpers/programFolder";
import { stackOutputs, twilioStackConfig } from "../cli/cliStack";
import { deploymentOf } from "../helpers/exportedState";
import type { CredentialListJson, HookListJson, SettingsJson } from "../helpers/twilioConsole";

const PEM = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }).toString();
const BUCKET = "https://rename-bucket.s3.us-east-1.amazonaws.com";
const STACK = "renames";

/** What the refactor steps change: resource names, a parent, aliases (written to shape.json). */
interface Shape {
  credential: string;
  key: string;
  recordings: string;
  compositionsInComponent: boolean;
  compositionsAliases?: pulumi.Alias[];
  hook: string;
  hookAliases?: pulumi.Alias[];
}

const ORIGINAL: Shape = { credential: "writer", key: "encryption", recordings: "recordings", compositionsInComponent: false, hook: "hook" };

/** The program folder's index.ts: the package as a user's program imports it, shaped by shape.json. */
const PROGRAM = `
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { AwsCredential, CompositionHook, CompositionSettings, PublicKey, RecordingSettings } from "pulumi-twilio-video";

const s = JSON.parse(fs.readFileSync(path.join(__dirname, "shape.json"), "utf8"));
const PEM = fs.readFileSync(path.join(__dirname, "public-key.pem"), "utf8");
const BUCKET = ${JSON.stringify(BUCKET)};

const writer = new AwsCredential(s.credential, { accessKeyId: "AKIARENAME0000000001", secretAccessKey: "renamesecretVb31Kw9Kx7Qw2Zr9Lm4Tp0Vn8Bc5", friendlyName: "writer" });
const key = new PublicKey(s.key, { publicKey: PEM, friendlyName: "encryption" });
new RecordingSettings(s.recordings, {
  friendlyName: "recordings", awsCredentialsSid: writer.sid, awsS3Url: \`\${BUCKET}/recordings\`, awsStorageEnabled: true,
  encryptionKeySid: key.sid, encryptionEnabled: true,
});
const media = s.compositionsInComponent ? new pulumi.ComponentResource("test:index:Media", "media") : undefined;
new CompositionSettings("compositions", {
  friendlyName: "compositions", awsCredentialsSid: writer.sid, awsS3Url: \`\${BUCKET}/compositions\`, awsStorageEnabled: true,
}, { parent: media, aliases: s.compositionsAliases });
// Disabled: Twilio cannot compose recordings stored in S3.
const hook = new CompositionHook(s.hook, { friendlyName: "rename hook", audioSources: ["*"], enabled: false }, { aliases: s.hookAliases });

export const writerSid = writer.sid;
export const keySid = key.sid;
export const hookSid = hook.sid;
`;

const PROJECT = `name: twilio-video-test
runtime:
  name: nodejs
  options:
    typescript: true
`;

const PACKAGE_JSON = JSON.stringify(
  {
    name: "twilio-video-renames-test",
    version: "0.0.0",
    private: true,
    main: "index.ts",
    dependencies: { "@pulumi/pulumi": "^3.248.0", "pulumi-twilio-video": "file:../.." },
  },
  null,
  2,
);

/** ts-node only transpiles the program (as in the CLI example tests), which shortens each command. */
const TRANSPILE_ONLY = { PULUMI_NODEJS_TRANSPILE_ONLY: "true" };

describe("renames, moves and --replace through the real engine", function () {
  this.timeout(300_000);
  let emulator: Emulator;
  let folder: ProgramFolder;
  let shape: Shape = { ...ORIGINAL };
  const auth = "Basic " + Buffer.from(`${DEFAULT_ACCOUNT.accountSid}:${DEFAULT_ACCOUNT.authToken}`).toString("base64");
  const get = async <T>(p: string) => (await fetch(`${emulator.url}${p}`, { headers: { authorization: auth } })).json() as Promise<T>;
  const writes = () =>
    emulator.log
      .entries()
      .filter((e) => e.method !== "GET")
      .map((e) => `${e.method} ${e.path} ${e.status}`);
  /** Everything the program declares, as Twilio has it now. */
  const live = async () => {
    const recordings = await get<SettingsJson>("/v1/RecordingSettings/Default");
    const compositions = await get<SettingsJson>("/v1/CompositionSettings/Default");
    return {
      credentials: (await get<CredentialListJson>("/v1/Credentials/AWS")).credentials.map((c) => c.sid),
      keys: (await get<CredentialListJson>("/v1/Credentials/PublicKeys")).credentials.map((c) => c.sid),
      hooks: (await get<HookListJson>("/v1/CompositionHooks")).composition_hooks.map((h) => h.sid),
      recordings: [
        recordings.aws_storage_enabled,
        recordings.aws_credentials_sid,
        recordings.encryption_enabled,
        recordings.encryption_key_sid,
      ],
      compositions: [compositions.aws_storage_enabled, compositions.aws_credentials_sid],
    };
  };
  const declared = (o: { writerSid: string; keySid: string; hookSid: string }) => ({
    credentials: [o.writerSid],
    keys: [o.keySid],
    hooks: [o.hookSid],
    recordings: [true, o.writerSid, true, o.keySid],
    compositions: [true, o.writerSid],
  });
  const outputsOf = (o: Record<string, unknown>) => ({
    writerSid: String(o.writerSid),
    keySid: String(o.keySid),
    hookSid: String(o.hookSid),
  });
  let before_: ReturnType<typeof outputsOf>;

  /** Writes the program's shape for the next command. */
  const reshape = (next: Partial<Shape>) => {
    shape = { ...shape, ...next };
    folder.writeFile("shape.json", JSON.stringify(shape));
  };
  const cli = (args: string[]) => folder.pulumi(args, { stack: STACK });
  /** `pulumi up` as the Automation API runs it (no preview first); throws unless it exits 0. */
  const up = (opts: { replace?: string[] } = {}) =>
    cli(["up", "--yes", "--skip-preview", ...(opts.replace ?? []).flatMap((urn) => ["--replace", urn])]);
  /** The resource changes of the stack's last update, as `pulumi stack history` records them. */
  const lastChanges = async (): Promise<Record<string, number>> => {
    const [latest] = JSON.parse((await cli(["stack", "history", "--json", "--page-size", "1"])).stdout);
    return latest.resourceChanges;
  };
  const outputs = async () => outputsOf(await stackOutputs(folder, STACK));

  /** Applies a new program shape with `pulumi up` and checks that a preview then expects nothing. */
  const upWith = async (next: Partial<Shape>, opts: { replace?: string[] } = {}) => {
    reshape(next);
    emulator.log.clear();
    await up(opts);
    const writesMade = writes();
    const changes = await lastChanges();
    await cli(["preview", "--expect-no-changes"]);
    return { changes, writesMade, outputs: await outputs() };
  };
  const urnOf = async (type: string) => {
    const resource = deploymentOf(JSON.parse((await cli(["stack", "export"])).stdout)).resources.find((r) => r.type === type);
    assert.ok(resource, `no ${type} in state`);
    return resource.urn;
  };

  before(async () => {
    ensureBuilt();
    emulator = await startEmulator();
    folder = makeProgramFolder({ env: TRANSPILE_ONLY });
    folder.writeFile("Pulumi.yaml", PROJECT);
    folder.writeFile("package.json", PACKAGE_JSON);
    folder.writeFile("index.ts", PROGRAM);
    folder.writeFile("public-key.pem", PEM);
    reshape({});
    await folder.pulumi(["stack", "init", STACK]);
    await twilioStackConfig(folder, STACK, emulator.url, DEFAULT_ACCOUNT);
    await up();
    assert.deepEqual(await lastChanges(), { create: 6 });
    before_ = await outputs();
    assert.deepEqual(await live(), declared(before_));
  });
  after(async () => {
    await folder?.cleanup();
    await emulator?.close();
  });

  it("renaming RecordingSettings leaves storage and encryption on: no write at all", async () => {
    const { changes, writesMade, outputs } = await upWith({ recordings: "video-recordings" });
    assert.deepEqual(changes, { create: 1, delete: 1, same: 5 });
    assert.deepEqual(writesMade, []);
    assert.deepEqual(outputs, before_);
    assert.deepEqual(await live(), declared(before_));
  });

  it("moving CompositionSettings into a component leaves storage on: no write at all", async () => {
    const { changes, writesMade } = await upWith({ compositionsInComponent: true });
    assert.deepEqual(changes, { create: 2, delete: 1, same: 5 });
    assert.deepEqual(writesMade, []);
    assert.deepEqual(await live(), declared(before_));
  });

  it("`up --replace` of both settings leaves them as declared", async () => {
    const replace = [
      await urnOf("pulumi-nodejs:dynamic/twilio-video:RecordingSettings"),
      await urnOf("pulumi-nodejs:dynamic/twilio-video:CompositionSettings"),
    ];
    assert.equal(replace.every(Boolean), true);
    const { changes, writesMade } = await upWith({}, { replace });
    assert.deepEqual(changes, { replace: 2, same: 5 });
    assert.deepEqual(writesMade, []);
    assert.deepEqual(await live(), declared(before_));
  });

  it("renaming the AwsCredential and the PublicKey makes new ones, repoints the settings, then deletes the old ones", async () => {
    const { changes, writesMade, outputs } = await upWith({ credential: "s3-writer", key: "media-encryption" });
    assert.deepEqual(changes, { create: 2, update: 2, delete: 2, same: 3 });
    assert.notEqual(outputs.writerSid, before_.writerSid);
    assert.notEqual(outputs.keySid, before_.keySid);
    // The old credential and key go last, after both settings moved to the new ones.
    assert.deepEqual(writesMade.slice(-2).sort(), [
      `DELETE /v1/Credentials/AWS/${before_.writerSid} 204`,
      `DELETE /v1/Credentials/PublicKeys/${before_.keySid} 204`,
    ]);
    assert.deepEqual(await live(), declared(outputs));
    before_ = outputs;
  });

  it("renaming the hook fails before anything changes, naming aliases; with the alias the hook is kept", async () => {
    reshape({ hook: "main-hook" });
    emulator.log.clear();
    const failed: CliRun = await folder.run(["up", "--yes", "--skip-preview"], { stack: STACK });
    assert.notEqual(failed.code, 0, "the rename of the hook succeeded without an alias");
    assert.match(
      failed.stdout + failed.stderr,
      /a composition hook named "rename hook" already exists .*nothing was changed\. .*\{ aliases: \[\{ name: "<old resource name>" \}\] \}/,
    );
    assert.deepEqual(writes(), ["POST /v1/CompositionHooks 400"]);
    assert.deepEqual(await live(), declared(before_));

    const { changes, writesMade, outputs } = await upWith({ hookAliases: [{ name: "hook" }] });
    assert.deepEqual(changes, { same: 7 });
    assert.deepEqual(writesMade, []);
    assert.equal(outputs.hookSid, before_.hookSid);
  });

  it("`up --replace` of the hook deletes it, then creates its successor: one hook, never two", async () => {
    const { changes, writesMade, outputs } = await upWith(
      {},
      { replace: [await urnOf("pulumi-nodejs:dynamic/twilio-video:CompositionHook")] },
    );
    assert.deepEqual(changes, { replace: 1, same: 6 });
    assert.deepEqual(writesMade, [`DELETE /v1/CompositionHooks/${before_.hookSid} 204`, "POST /v1/CompositionHooks 201"]);
    assert.notEqual(outputs.hookSid, before_.hookSid);
    assert.deepEqual(await live(), declared(outputs));
  });

  it("destroy then resets both settings and deletes every object", async () => {
    emulator.log.clear();
    await cli(["destroy", "--yes", "--skip-preview"]);
    assert.deepEqual(await live(), {
      credentials: [],
      keys: [],
      hooks: [],
      recordings: [false, null, false, null],
      compositions: [false, null],
    });
  });
});
