/**
 * Objects changed outside Pulumi (the console, another tool), through the real engine:
 * a hook deleted, a credential the settings use deleted. Without a refresh Pulumi cannot know; the
 * stack must still move, an update that needs the object must say what to run, and one
 * `pulumi up --refresh` must converge.
 */
import { strict as assert } from "assert";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { AwsCredential, CompositionHook, RecordingSettings } from "../../provider";
import { TestStack, createTestStack, twilioStackConfig } from "../helpers/pulumiCli";
import type { CredentialListJson, HookListJson, SettingsJson } from "../helpers/twilioConsole";

let trim = true;

async function program(): Promise<Record<string, unknown>> {
  const writer = new AwsCredential("writer", {
    accessKeyId: "AKIACONSOLE000000001",
    secretAccessKey: "consolesecretHq72Kx7Qw2Zr9Lm4Tp0Vn8Bc5Hd",
    friendlyName: "writer",
  });
  new RecordingSettings("recordings", {
    friendlyName: "recordings",
    awsCredentialsSid: writer.sid,
    awsStorageEnabled: true,
    awsS3Url: "https://console-bucket.s3.us-east-1.amazonaws.com/recordings",
  });
  const hook = new CompositionHook("hook", { friendlyName: "console hook", audioSources: ["*"], trim, enabled: false });
  return { writerSid: writer.sid, hookSid: hook.sid };
}

describe("objects changed outside Pulumi, through the real engine", function () {
  this.timeout(300_000);
  let emulator: Emulator;
  let test: TestStack;
  const auth = "Basic " + Buffer.from(`${DEFAULT_ACCOUNT.accountSid}:${DEFAULT_ACCOUNT.authToken}`).toString("base64");
  /** A call as the console; the answer's JSON is taken to be a T (undefined for 204). */
  const twilio = async <T = unknown>(method: string, p: string): Promise<T> => {
    const res = await fetch(`${emulator.url}${p}${method === "GET" ? "?observer=test" : ""}`, { method, headers: { authorization: auth } });
    const body: unknown = res.status === 204 ? undefined : await res.json();
    return body as T;
  };
  const providerCalls = () =>
    emulator.log
      .entries()
      .filter((e) => !e.query.includes("observer=test"))
      .map((e) => `${e.method} ${e.path} ${e.status}`);
  let outputs: { writerSid: string; hookSid: string };
  const outputsOf = (r: { outputs: Record<string, { value: unknown }> }) => ({
    writerSid: String(r.outputs.writerSid.value),
    hookSid: String(r.outputs.hookSid.value),
  });

  before(async () => {
    emulator = await startEmulator();
    test = await createTestStack({ stackName: "console", program, config: twilioStackConfig(emulator.url, DEFAULT_ACCOUNT) });
    outputs = outputsOf(await test.stack.up());
  });
  after(async () => {
    await test?.cleanup();
    await emulator?.close();
  });

  it("a hook deleted in the console: up without refresh moves (no call), an update says to refresh, up --refresh recreates it", async () => {
    await twilio("DELETE", `/v1/CompositionHooks/${outputs.hookSid}`);
    emulator.log.clear();
    const blind = await test.stack.up();
    assert.equal(blind.summary.result, "succeeded");
    assert.deepEqual(providerCalls(), []);

    trim = false;
    await assert.rejects(
      test.stack.up(),
      new RegExp(
        `CompositionHook ${outputs.hookSid} no longer exists in account ${DEFAULT_ACCOUNT.accountSid}: it was deleted outside Pulumi\\. Run 'pulumi up --refresh'`,
      ),
    );

    const repaired = await test.stack.up({ refresh: true });
    assert.deepEqual(repaired.summary.resourceChanges, { create: 1, same: 3 });
    outputs = outputsOf(repaired);
    const hooks = (await twilio<HookListJson>("GET", "/v1/CompositionHooks")).composition_hooks;
    assert.deepEqual(
      hooks.map((h) => [h.sid, h.trim]),
      [[outputs.hookSid, false]],
    );
    await test.stack.preview({ expectNoChanges: true, refresh: true });
  });

  it("a credential the settings use, deleted in the console: preview --refresh shows it, up --refresh repoints the settings", async () => {
    await twilio("DELETE", `/v1/Credentials/AWS/${outputs.writerSid}`);
    emulator.log.clear();
    const preview = await test.stack.preview({ refresh: true, diff: true });
    assert.equal(preview.changeSummary.create, 1, JSON.stringify(preview.changeSummary));
    assert.equal(preview.changeSummary.update, 1, JSON.stringify(preview.changeSummary));
    assert.match(preview.stdout, /AwsCredential: \(create\)[\s\S]*RecordingSettings: \(update\)[\s\S]*awsCredentialsSid/);
    assert.ok(
      providerCalls().every((c) => c.startsWith("GET ")),
      "a preview wrote to Twilio",
    );

    const repaired = await test.stack.up({ refresh: true });
    assert.deepEqual(repaired.summary.resourceChanges, { create: 1, update: 1, same: 2 });
    const writerSid = outputsOf(repaired).writerSid;
    assert.notEqual(writerSid, outputs.writerSid);
    const settings = await twilio<SettingsJson>("GET", "/v1/RecordingSettings/Default");
    assert.deepEqual([settings.aws_credentials_sid, settings.aws_storage_enabled], [writerSid, true]);
    assert.deepEqual(
      (await twilio<CredentialListJson>("GET", "/v1/Credentials/AWS")).credentials.map((c) => c.sid),
      [writerSid],
    );
    await test.stack.preview({ expectNoChanges: true, refresh: true });
    await test.stack.destroy();
  });
});
