/**
 * The user workflow through the real engine: `pulumi up`, a second preview, drift made in the
 * "console" (directly in the emulator) found by refresh and repaired by up, secrets in state, destroy.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { AwsCredential, CompositionHook, RecordingSettings } from "../../provider";
import { deploymentOf } from "../helpers/exportedState";
import { TestStack, createTestStack, twilioStackConfig } from "../helpers/pulumiCli";

const AWS_SECRET = "engineawssecretPq92Ld81Ks0Wm3Kx7Qw2Zr9Lm";

function findFile(dir: string, name: string): string {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = findFile(full, name);
      if (found) return found;
    } else if (entry.name === name) return full;
  }
  return "";
}

async function program(): Promise<Record<string, unknown>> {
  const writer = new AwsCredential("writer", { accessKeyId: "AKIAENGINE0000000001", secretAccessKey: AWS_SECRET, friendlyName: "writer" });
  const recordings = new RecordingSettings("recordings", {
    friendlyName: "engine recordings",
    awsCredentialsSid: writer.sid,
    awsS3Url: "https://engine-bucket.s3.us-east-1.amazonaws.com/recordings",
    awsStorageEnabled: true,
  });
  // Recordings in S3 cannot be composed; this test is about the lifecycle, so the hook says it means it.
  const hook = new CompositionHook("hook", {
    friendlyName: "engine hook",
    audioSources: ["b", "a"],
    trim: true,
    allowUncomposableRecordings: true,
  });
  return { writerSid: writer.sid, hookSid: hook.sid, storage: recordings.awsStorageEnabled };
}

describe("the real Pulumi engine against the emulator", function () {
  this.timeout(300_000);
  let emulator: Emulator;
  let test: TestStack;
  /** What Twilio received, in the order it answered; `calls()` sorts it where order is free. */
  const received = () => emulator.log.entries().map((e) => `${e.method} ${e.path.replace(/(HK|CR)[0-9a-f]{32}/, "$1*")}`);
  const calls = () => received().sort();
  /** Everything each CLI operation printed, by operation, for the leak checks. */
  const outputs = new Map<string, string>();
  const capture = (operation: string) => ({
    onOutput: (text: string) => outputs.set(operation, (outputs.get(operation) ?? "") + text),
  });
  /**
   * No secret in what `operation` printed. An empty capture would pass any leak check, so the output
   * must first show it was captured: the lines the CLI prints for that operation.
   */
  const assertPrintedWithoutSecrets = (operation: string, mustShow: RegExp[]) => {
    const text = outputs.get(operation) ?? "";
    assert.ok(!text.includes(AWS_SECRET), `${operation}: AWS secret in plain text in the CLI output`);
    assert.ok(!text.includes(DEFAULT_ACCOUNT.authToken), `${operation}: auth token in plain text in the CLI output`);
    for (const line of mustShow) assert.match(text, line, `${operation}: the captured CLI output lacks ${line}`);
  };

  before(async () => {
    emulator = await startEmulator();
    test = await createTestStack({
      stackName: "dev",
      program,
      config: twilioStackConfig(emulator.url, DEFAULT_ACCOUNT),
    });
  });
  after(async () => {
    await test?.cleanup();
    await emulator?.close();
  });

  it("up creates everything with exactly the expected Twilio calls", async () => {
    const result = await test.stack.up({ diff: true, ...capture("up") });
    assert.equal(result.summary.result, "succeeded");
    assert.deepEqual(result.summary.resourceChanges, { create: 4 });
    assert.deepEqual(calls(), [
      "GET /v1/RecordingSettings/Default",
      "POST /v1/CompositionHooks",
      "POST /v1/Credentials/AWS",
      "POST /v1/RecordingSettings/Default",
    ]);
    assert.equal(result.outputs.storage.value, true);
  });

  it("a second preview reports no changes and makes zero Twilio calls", async () => {
    emulator.log.clear();
    await test.stack.preview({ expectNoChanges: true, ...capture("preview") });
    assert.deepEqual(calls(), []);
  });

  it("drift made outside Pulumi shows in preview --refresh, is recorded by refresh and repaired by up", async () => {
    const hook = deploymentOf(await test.stack.exportStack()).resources.find((r) => r.type.endsWith(":CompositionHook"));
    assert.ok(hook, "no CompositionHook in state");
    const auth = "Basic " + Buffer.from(`${DEFAULT_ACCOUNT.accountSid}:${DEFAULT_ACCOUNT.authToken}`).toString("base64");
    const res = await fetch(`${emulator.url}/v1/CompositionHooks/${hook.id}`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/x-www-form-urlencoded" },
      body: "FriendlyName=engine+hook&AudioSources=a&AudioSources=b&Trim=false",
    });
    assert.equal(res.status, 200);

    const preview = await test.stack.preview({ refresh: true, diff: true, ...capture("preview --refresh") });
    assert.equal(preview.changeSummary.update, 1);
    await test.stack.refresh(capture("refresh"));
    const refreshed = deploymentOf(await test.stack.exportStack());
    assert.equal(refreshed.resources.find((r) => r.id === hook.id)?.outputs?.trim, false);

    emulator.log.clear();
    const up = await test.stack.up(capture("repair"));
    assert.deepEqual(up.summary.resourceChanges, { same: 3, update: 1 });
    assert.deepEqual(calls(), ["POST /v1/CompositionHooks/HK*"]);
    const live = (await (await fetch(`${emulator.url}/v1/CompositionHooks/${hook.id}`, { headers: { authorization: auth } })).json()) as {
      trim: boolean;
    };
    assert.equal(live.trim, true);
  });

  it("keeps the auth token and the AWS secret out of the state at rest and every CLI output", async () => {
    // What each operation printed (destroy's output is checked by the destroy test). The up ran
    // with --diff, so it printed the credential's inputs: the secret's field, masked.
    assert.deepEqual([...outputs.keys()], ["up", "preview", "preview --refresh", "refresh", "repair"]);
    assertPrintedWithoutSecrets("up", [/secretAccessKey\s*:\s*\[secret\]/, /accessKeyId\s*:\s*"AKIAENGINE0000000001"/, /4 created/]);
    assertPrintedWithoutSecrets("preview", [/4 unchanged/]);
    assertPrintedWithoutSecrets("preview --refresh", [/trim\s*:\s*false => true/, /1 to update/]);
    assertPrintedWithoutSecrets("refresh", [/CompositionHook hook updated/, /1 updated/]);
    assertPrintedWithoutSecrets("repair", [/CompositionHook hook updated/, /1 updated/]);
    // The stack file in the backend, as a pipeline's shared backend holds it.
    const stackFile = findFile(path.join(test.backendDir, ".pulumi", "stacks"), "dev.json");
    const atRest = fs.readFileSync(stackFile, "utf8");
    assert.ok(!atRest.includes(AWS_SECRET), "AWS secret in plain text in the state");
    assert.ok(!atRest.includes(DEFAULT_ACCOUNT.authToken), "auth token in plain text in the state");
    assert.match(
      atRest,
      /"secretAccessKey":\s*\{\s*"4dabf18193072939515e22adb298388d":\s*"1b47061264138c4ac30d75fd1eb44270",\s*"ciphertext"/,
    );
    // exportStack() runs `stack export --show-secrets`: there the secret may appear only inside
    // a value marked secret, never as a plain property.
    const exported = JSON.stringify(await test.stack.exportStack());
    const unmarked = exported.replace(
      /\{"4dabf18193072939515e22adb298388d":"1b47061264138c4ac30d75fd1eb44270","plaintext":"(?:[^"\\]|\\.)*"\}/g,
      "<secret>",
    );
    assert.ok(exported.includes(AWS_SECRET), "the decrypted export should carry the secret, marked");
    assert.ok(!unmarked.includes(AWS_SECRET), "AWS secret unmarked in exportStack()");
  });

  it("destroy deletes the hook and credential and switches recording storage off", async () => {
    emulator.log.clear();
    const result = await test.stack.destroy(capture("destroy"));
    assert.equal(result.summary.result, "succeeded");
    const order = received();
    assert.deepEqual([...order].sort(), [
      "DELETE /v1/CompositionHooks/HK*",
      "DELETE /v1/Credentials/AWS/CR*",
      "POST /v1/RecordingSettings/Default",
    ]);
    // The settings reset (their delete) must reach Twilio before the credential they use is deleted.
    assert.ok(
      order.indexOf("POST /v1/RecordingSettings/Default") < order.indexOf("DELETE /v1/Credentials/AWS/CR*"),
      `the credential was deleted while the recording settings still used it; Twilio received: ${order.join(", ")}`,
    );
    assertPrintedWithoutSecrets("destroy", [/AwsCredential writer deleted/, /RecordingSettings recordings deleted/, /4 deleted/]);
    const auth = "Basic " + Buffer.from(`${DEFAULT_ACCOUNT.accountSid}:${DEFAULT_ACCOUNT.authToken}`).toString("base64");
    const settings = (await (await fetch(`${emulator.url}/v1/RecordingSettings/Default`, { headers: { authorization: auth } })).json()) as {
      aws_storage_enabled: boolean;
    };
    assert.equal(settings.aws_storage_enabled, false);
  });
});
