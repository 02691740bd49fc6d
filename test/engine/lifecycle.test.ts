/**
 * The user workflow through the real engine: `pulumi up`, a second preview, drift made in the
 * "console" (directly in the emulator) found by refresh and repaired by up, secrets in state, destroy.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { AwsCredential, CompositionHook, RecordingSettings } from "../../provider";
import { TestStack, createTestStack, twilioStackConfig } from "../helpers/pulumiCli";

const AWS_SECRET = "engine-aws-secret-Pq92Ld81Ks0Wm3";

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
    friendlyName: "engine recordings", awsCredentialsSid: writer.sid,
    awsS3Url: "https://engine-bucket.s3.us-east-1.amazonaws.com/recordings", awsStorageEnabled: true,
  });
  const hook = new CompositionHook("hook", { friendlyName: "engine hook", audioSources: ["b", "a"], trim: true });
  return { writerSid: writer.sid, hookSid: hook.sid, storage: recordings.awsStorageEnabled };
}

describe("the real Pulumi engine against the emulator", function () {
  this.timeout(300_000);
  let emulator: Emulator;
  let test: TestStack;
  const outputs: string[] = [];
  const calls = () => emulator.log.entries().map((e) => `${e.method} ${e.path.replace(/(HK|CR)[0-9a-f]{32}/, "$1*")}`).sort();
  const capture = { onOutput: (line: string) => outputs.push(line) };

  before(async () => {
    emulator = await startEmulator();
    test = await createTestStack({
      stackName: "dev", program,
      config: twilioStackConfig(emulator.url, DEFAULT_ACCOUNT),
    });
  });
  after(async () => {
    await test?.cleanup();
    await emulator?.close();
  });

  it("up creates everything with exactly the expected Twilio calls", async () => {
    const result = await test.stack.up(capture);
    assert.equal(result.summary.result, "succeeded");
    assert.deepEqual(result.summary.resourceChanges, { create: 4 });
    assert.deepEqual(calls(), [
      "GET /v1/RecordingSettings/Default", "POST /v1/CompositionHooks", "POST /v1/Credentials/AWS", "POST /v1/RecordingSettings/Default",
    ]);
    assert.equal(result.outputs.storage.value, true);
  });

  it("a second preview reports no changes and makes zero Twilio calls", async () => {
    emulator.log.clear();
    await test.stack.preview({ expectNoChanges: true, ...capture });
    assert.deepEqual(calls(), []);
  });

  it("drift made outside Pulumi shows in preview --refresh, is recorded by refresh and repaired by up", async () => {
    const state = await test.stack.exportStack();
    const hook = state.deployment.resources.find((r: any) => r.type.endsWith(":CompositionHook"));
    const auth = "Basic " + Buffer.from(`${DEFAULT_ACCOUNT.accountSid}:${DEFAULT_ACCOUNT.authToken}`).toString("base64");
    const res = await fetch(`${emulator.url}/v1/CompositionHooks/${hook.id}`, {
      method: "POST", headers: { authorization: auth, "content-type": "application/x-www-form-urlencoded" },
      body: "FriendlyName=engine+hook&AudioSources=a&AudioSources=b&Trim=false",
    });
    assert.equal(res.status, 200);

    const preview = await test.stack.preview({ refresh: true, ...capture } as any);
    assert.equal(preview.changeSummary.update, 1);
    await test.stack.refresh(capture);
    const refreshed = await test.stack.exportStack();
    assert.equal(refreshed.deployment.resources.find((r: any) => r.id === hook.id).outputs.trim, false);

    emulator.log.clear();
    const up = await test.stack.up(capture);
    assert.deepEqual(up.summary.resourceChanges, { same: 3, update: 1 });
    assert.deepEqual(calls(), ["POST /v1/CompositionHooks/HK*"]);
    const live = (await (await fetch(`${emulator.url}/v1/CompositionHooks/${hook.id}`, { headers: { authorization: auth } })).json()) as { trim: boolean };
    assert.equal(live.trim, true);
  });

  it("keeps the auth token and the AWS secret out of the state at rest and every CLI output", async () => {
    // The stack file in the backend, as a pipeline's shared backend holds it.
    const stackFile = findFile(path.join(test.backendDir, ".pulumi", "stacks"), "dev.json");
    const atRest = fs.readFileSync(stackFile, "utf8");
    for (const text of [atRest, outputs.join("\n")]) {
      assert.ok(!text.includes(AWS_SECRET), "AWS secret in plain text");
      assert.ok(!text.includes(DEFAULT_ACCOUNT.authToken), "auth token in plain text");
    }
    assert.match(atRest, /"secretAccessKey":\s*\{\s*"4dabf18193072939515e22adb298388d":\s*"1b47061264138c4ac30d75fd1eb44270",\s*"ciphertext"/);
    // exportStack() runs `stack export --show-secrets`: there the secret may appear only inside
    // a value marked secret, never as a plain property.
    const exported = JSON.stringify(await test.stack.exportStack());
    const unmarked = exported.replace(/\{"4dabf18193072939515e22adb298388d":"1b47061264138c4ac30d75fd1eb44270","plaintext":"(?:[^"\\]|\\.)*"\}/g, "<secret>");
    assert.ok(exported.includes(AWS_SECRET), "the decrypted export should carry the secret, marked");
    assert.ok(!unmarked.includes(AWS_SECRET), "AWS secret unmarked in exportStack()");
  });

  it("destroy deletes the hook and credential and switches recording storage off", async () => {
    emulator.log.clear();
    const result = await test.stack.destroy(capture);
    assert.equal(result.summary.result, "succeeded");
    assert.deepEqual(calls(), ["DELETE /v1/CompositionHooks/HK*", "DELETE /v1/Credentials/AWS/CR*", "POST /v1/RecordingSettings/Default"]);
    const auth = "Basic " + Buffer.from(`${DEFAULT_ACCOUNT.accountSid}:${DEFAULT_ACCOUNT.authToken}`).toString("base64");
    const settings = (await (await fetch(`${emulator.url}/v1/RecordingSettings/Default`, { headers: { authorization: auth } })).json()) as { aws_storage_enabled: boolean };
    assert.equal(settings.aws_storage_enabled, false);
  });
});

