/**
 * Renames, moves into a component and `--replace` through the real engine: Pulumi creates
 * the new resource before it deletes the old one, so both name the same Twilio object for a moment.
 * Each step changes the program the way a refactor does, runs `pulumi up`, and checks the emulator:
 * Twilio must end as the program declares it.
 */
import { strict as assert } from "assert";
import { generateKeyPairSync } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { AwsCredential, CompositionHook, CompositionSettings, PublicKey, RecordingSettings } from "../../provider";
import { TestStack, createTestStack, twilioStackConfig } from "../helpers/pulumiCli";

const PEM = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }).toString();
const BUCKET = "https://rename-bucket.s3.us-east-1.amazonaws.com";

/** What the refactor steps change: resource names, a parent, aliases. */
interface Shape {
  credential: string;
  key: string;
  recordings: string;
  compositionsInComponent: boolean;
  compositionsAliases?: pulumi.Input<pulumi.Alias>[];
  hook: string;
  hookAliases?: pulumi.Input<pulumi.Alias>[];
}

const ORIGINAL: Shape = { credential: "writer", key: "encryption", recordings: "recordings", compositionsInComponent: false, hook: "hook" };

function programFor(shape: () => Shape) {
  return async () => {
    const s = shape();
    const writer = new AwsCredential(s.credential, { accessKeyId: "AKIARENAME0000000001", secretAccessKey: "renamesecretVb31Kw9Kx7Qw2Zr9Lm4Tp0Vn8Bc5", friendlyName: "writer" });
    const key = new PublicKey(s.key, { publicKey: PEM, friendlyName: "encryption" });
    new RecordingSettings(s.recordings, {
      friendlyName: "recordings", awsCredentialsSid: writer.sid, awsS3Url: `${BUCKET}/recordings`, awsStorageEnabled: true,
      encryptionKeySid: key.sid, encryptionEnabled: true,
    });
    const media = s.compositionsInComponent ? new pulumi.ComponentResource("test:index:Media", "media") : undefined;
    new CompositionSettings("compositions", {
      friendlyName: "compositions", awsCredentialsSid: writer.sid, awsS3Url: `${BUCKET}/compositions`, awsStorageEnabled: true,
    }, { parent: media, aliases: s.compositionsAliases });
    // Disabled: Twilio cannot compose recordings stored in S3.
    const hook = new CompositionHook(s.hook, { friendlyName: "rename hook", audioSources: ["*"], enabled: false }, { aliases: s.hookAliases });
    return { writerSid: writer.sid, keySid: key.sid, hookSid: hook.sid };
  };
}

describe("renames, moves and --replace through the real engine", function () {
  this.timeout(300_000);
  let emulator: Emulator;
  let test: TestStack;
  let shape: Shape = { ...ORIGINAL };
  const auth = "Basic " + Buffer.from(`${DEFAULT_ACCOUNT.accountSid}:${DEFAULT_ACCOUNT.authToken}`).toString("base64");
  const get = async (p: string) => (await fetch(`${emulator.url}${p}`, { headers: { authorization: auth } })).json() as Promise<any>;
  const writes = () => emulator.log.entries().filter((e) => e.method !== "GET").map((e) => `${e.method} ${e.path} ${e.status}`);
  /** Everything the program declares, as Twilio has it now. */
  const live = async () => {
    const recordings = await get("/v1/RecordingSettings/Default");
    const compositions = await get("/v1/CompositionSettings/Default");
    return {
      credentials: (await get("/v1/Credentials/AWS")).credentials.map((c: any) => c.sid),
      keys: (await get("/v1/Credentials/PublicKeys")).credentials.map((c: any) => c.sid),
      hooks: (await get("/v1/CompositionHooks")).composition_hooks.map((h: any) => h.sid),
      recordings: [recordings.aws_storage_enabled, recordings.aws_credentials_sid, recordings.encryption_enabled, recordings.encryption_key_sid],
      compositions: [compositions.aws_storage_enabled, compositions.aws_credentials_sid],
    };
  };
  const declared = (o: { writerSid: string; keySid: string; hookSid: string }) => ({
    credentials: [o.writerSid], keys: [o.keySid], hooks: [o.hookSid],
    recordings: [true, o.writerSid, true, o.keySid], compositions: [true, o.writerSid],
  });
  const outputsOf = (r: { outputs: Record<string, { value: unknown }> }) => ({
    writerSid: String(r.outputs.writerSid.value), keySid: String(r.outputs.keySid.value), hookSid: String(r.outputs.hookSid.value),
  });
  let before_: ReturnType<typeof outputsOf>;

  /** Applies a new program shape with `pulumi up` and checks that a preview then expects nothing. */
  const upWith = async (next: Partial<Shape>, opts: { replace?: string[] } = {}) => {
    shape = { ...shape, ...next };
    emulator.log.clear();
    const result = await test.stack.up(opts);
    const writesMade = writes();
    await test.stack.preview({ expectNoChanges: true });
    return { result, writesMade, outputs: outputsOf(result) };
  };
  const urnOf = async (type: string) => {
    const state = await test.stack.exportStack();
    return state.deployment.resources.find((r: any) => r.type === type).urn as string;
  };

  before(async () => {
    emulator = await startEmulator();
    test = await createTestStack({ stackName: "renames", program: programFor(() => shape), config: twilioStackConfig(emulator.url, DEFAULT_ACCOUNT) });
    const first = await test.stack.up();
    assert.deepEqual(first.summary.resourceChanges, { create: 6 });
    before_ = outputsOf(first);
    assert.deepEqual(await live(), declared(before_));
  });
  after(async () => {
    await test?.cleanup();
    await emulator?.close();
  });

  it("renaming RecordingSettings leaves storage and encryption on: no write at all", async () => {
    const { result, writesMade, outputs } = await upWith({ recordings: "video-recordings" });
    assert.deepEqual(result.summary.resourceChanges, { create: 1, delete: 1, same: 5 });
    assert.deepEqual(writesMade, []);
    assert.deepEqual(outputs, before_);
    assert.deepEqual(await live(), declared(before_));
  });

  it("moving CompositionSettings into a component leaves storage on: no write at all", async () => {
    const { result, writesMade } = await upWith({ compositionsInComponent: true });
    assert.deepEqual(result.summary.resourceChanges, { create: 2, delete: 1, same: 5 });
    assert.deepEqual(writesMade, []);
    assert.deepEqual(await live(), declared(before_));
  });

  it("`up --replace` of both settings leaves them as declared", async () => {
    const replace = [await urnOf("pulumi-nodejs:dynamic/twilio-video:RecordingSettings"), await urnOf("pulumi-nodejs:dynamic/twilio-video:CompositionSettings")];
    assert.equal(replace.every(Boolean), true);
    const { result, writesMade } = await upWith({}, { replace });
    assert.deepEqual(result.summary.resourceChanges, { replace: 2, same: 5 });
    assert.deepEqual(writesMade, []);
    assert.deepEqual(await live(), declared(before_));
  });

  it("renaming the AwsCredential and the PublicKey makes new ones, repoints the settings, then deletes the old ones", async () => {
    const { result, writesMade, outputs } = await upWith({ credential: "s3-writer", key: "media-encryption" });
    assert.deepEqual(result.summary.resourceChanges, { create: 2, update: 2, delete: 2, same: 3 });
    assert.notEqual(outputs.writerSid, before_.writerSid);
    assert.notEqual(outputs.keySid, before_.keySid);
    // The old credential and key go last, after both settings moved to the new ones.
    assert.deepEqual(writesMade.slice(-2).sort(), [
      `DELETE /v1/Credentials/AWS/${before_.writerSid} 204`, `DELETE /v1/Credentials/PublicKeys/${before_.keySid} 204`,
    ]);
    assert.deepEqual(await live(), declared(outputs));
    before_ = outputs;
  });

  it("renaming the hook fails before anything changes, naming aliases; with the alias the hook is kept", async () => {
    shape = { ...shape, hook: "main-hook" };
    emulator.log.clear();
    await assert.rejects(test.stack.up(), (e: Error) => {
      assert.match(e.message, /a composition hook named "rename hook" already exists .*nothing was changed\. .*\{ aliases: \[\{ name: "<old resource name>" \}\] \}/);
      return true;
    });
    assert.deepEqual(writes(), ["POST /v1/CompositionHooks 400"]);
    assert.deepEqual(await live(), declared(before_));

    const { result, writesMade, outputs } = await upWith({ hookAliases: [{ name: "hook" }] });
    assert.deepEqual(result.summary.resourceChanges, { same: 7 });
    assert.deepEqual(writesMade, []);
    assert.equal(outputs.hookSid, before_.hookSid);
  });

  it("`up --replace` of the hook deletes it, then creates its successor: one hook, never two", async () => {
    const { result, writesMade, outputs } = await upWith({}, { replace: [await urnOf("pulumi-nodejs:dynamic/twilio-video:CompositionHook")] });
    assert.deepEqual(result.summary.resourceChanges, { replace: 1, same: 6 });
    assert.deepEqual(writesMade, [`DELETE /v1/CompositionHooks/${before_.hookSid} 204`, "POST /v1/CompositionHooks 201"]);
    assert.notEqual(outputs.hookSid, before_.hookSid);
    assert.deepEqual(await live(), declared(outputs));
  });

  it("destroy then resets both settings and deletes every object", async () => {
    emulator.log.clear();
    await test.stack.destroy();
    assert.deepEqual(await live(), { credentials: [], keys: [], hooks: [], recordings: [false, null, false, null], compositions: [false, null] });
  });
});
