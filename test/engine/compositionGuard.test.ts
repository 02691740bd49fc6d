/**
 * The composition guard through the real engine: a program declaring an enabled CompositionHook and
 * RecordingSettings that store recordings in S3 or encrypt them fails `pulumi preview` naming both
 * resources and the two patterns Twilio can execute, before any Twilio call (Twilio cannot compose
 * such recordings, docs/twilio-behaviour.md). The opt-out, the working pattern and values unknown at
 * preview pass.
 */
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { AwsCredential, CompositionHook, RecordingSettings } from "../../provider";
import { TestStack, createTestStack, twilioStackConfig } from "../helpers/pulumiCli";

const CREDENTIAL_SID = "CR" + "0".repeat(31) + "1";
const KEY_SID = "CR" + "0".repeat(31) + "2";
const S3_URL = "https://guard-media.s3.us-east-1.amazonaws.com/recordings";
const hookArgs = { friendlyName: "compose every room", audioSources: ["*"] };

describe("the real Pulumi engine: the composition guard at preview", function () {
  this.timeout(180_000);
  let emulator: Emulator;
  const stacks: TestStack[] = [];

  before(async () => {
    emulator = await startEmulator();
  });
  after(async () => {
    for (const test of stacks) await test.cleanup();
    await emulator?.close();
  });
  beforeEach(() => emulator.reset());

  async function preview(stackName: string, program: () => Promise<Record<string, unknown> | void>) {
    const test = await createTestStack({ stackName, program, config: twilioStackConfig(emulator.url, DEFAULT_ACCOUNT) });
    stacks.push(test);
    const output: string[] = [];
    try {
      const result = await test.stack.preview({ onOutput: (line) => output.push(line) });
      return { ok: true as const, result, output: output.join("") };
    } catch (e) {
      return { ok: false as const, error: (e as Error).message, output: output.join("") };
    }
  }

  it("fails on an enabled hook declared before RecordingSettings to S3, naming both and the patterns, calling nothing", async () => {
    const run = await preview("s3", async () => {
      new CompositionHook("every-room", hookArgs);
      new RecordingSettings("recordings-to-s3", {
        friendlyName: "recordings",
        awsCredentialsSid: CREDENTIAL_SID,
        awsS3Url: S3_URL,
        awsStorageEnabled: true,
      });
    });
    assert.equal(run.ok, false, run.output);
    assert.match(
      run.output,
      /CompositionHook "every-room" is enabled while RecordingSettings "recordings-to-s3" stores recordings in external S3 \(awsStorageEnabled\)/,
    );
    assert.match(run.output, /\(a\) recordings stay in Twilio's cloud, unencrypted/);
    assert.match(run.output, /\(b\) recordings go to S3, optionally encrypted/);
    assert.match(run.output, /allowUncomposableRecordings: true/);
    assert.doesNotMatch(run.output, /\bat .*\.ts:\d+/, "no stack trace for a configuration refusal");
    assert.equal(emulator.log.count(), 0);
  });

  it("fails on encrypted recordings declared before the hook (order does not matter), enabled given as an Output", async () => {
    const run = await preview("encrypted", async () => {
      new RecordingSettings("encrypted-recordings", { friendlyName: "recordings", encryptionKeySid: KEY_SID, encryptionEnabled: true });
      new CompositionHook("hook", { ...hookArgs, enabled: pulumi.output(true) });
    });
    assert.equal(run.ok, false, run.output);
    assert.match(
      run.output,
      /CompositionHook "hook" is enabled while RecordingSettings "encrypted-recordings" encrypts recordings \(encryptionEnabled\)/,
    );
    assert.equal(emulator.log.count(), 0);
  });

  it("passes with allowUncomposableRecordings, with a disabled hook, and with recordings in Twilio's cloud, calling nothing", async () => {
    const run = await preview("allowed", async () => {
      new RecordingSettings("recordings-to-s3", {
        friendlyName: "recordings",
        awsCredentialsSid: CREDENTIAL_SID,
        awsS3Url: S3_URL,
        awsStorageEnabled: true,
      });
      new CompositionHook("meant", { ...hookArgs, friendlyName: "meant", allowUncomposableRecordings: true });
      new CompositionHook("off", { ...hookArgs, friendlyName: "off", enabled: false });
    });
    assert.equal(run.ok, true, run.ok ? "" : run.error);
    const cloud = await preview("cloud", async () => {
      new RecordingSettings("recordings-in-cloud", { friendlyName: "recordings", awsStorageEnabled: false, encryptionEnabled: false });
      new CompositionHook("every-room", hookArgs);
    });
    assert.equal(cloud.ok, true, cloud.ok ? "" : cloud.error);
    assert.equal(emulator.log.count(), 0);
  });

  it("passes when storage is unknown at preview (decided by the hook's create, from the live settings)", async () => {
    const run = await preview("unknown", async () => {
      const writer = new AwsCredential("writer", {
        friendlyName: "writer",
        accessKeyId: "AKIAIOSFODNN7EXAMPLE",
        secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      });
      new RecordingSettings("recordings-to-s3", {
        friendlyName: "recordings",
        awsCredentialsSid: writer.sid,
        awsS3Url: S3_URL,
        awsStorageEnabled: writer.sid.apply((sid) => sid.length > 0),
      });
      new CompositionHook("every-room", hookArgs);
    });
    assert.equal(run.ok, true, run.ok ? "" : run.error);
    assert.equal(emulator.log.count(), 0);
  });
});
