/**
 * Adoption through the real engine: objects a console user made outside Pulumi
 * are taken over by `adoptSid` (hook, AWS credential) and `adoptExisting: true` (settings), with
 * no new object created and nothing replaced; settings configured elsewhere are refused without it.
 */
import { strict as assert } from "assert";
import fetch from "node-fetch";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { AwsCredential, CompositionHook, CompositionSettings, RecordingSettings } from "../../provider";
import { TestStack, createTestStack, twilioStackConfig } from "../helpers/pulumiCli";
import type { CredentialJson, CredentialListJson, HookJson, HookListJson, SettingsJson } from "../helpers/twilioConsole";

const AWS_KEY_ID = "AKIACONSOLE000000001";
const AWS_SECRET = "consoleawssecretZt81Qa02Lx55Kx7Qw2Zr9Lm4";
const BUCKET_URL = "https://console-bucket.s3.us-east-1.amazonaws.com";
/** A second account, so the refusal test cannot see the adopted objects. */
const OTHER_ACCOUNT = { accountSid: "AC00000000000000000000000000000a02", authToken: "adoption-other-token-02" };
type Account = { accountSid: string; authToken: string };

/** A call as the console (or the Twilio CLI) would make it: outside Pulumi, basic auth. The body is taken to be a T. */
async function consoleCall<T = unknown>(
  emulator: Emulator,
  account: Account,
  method: string,
  path: string,
  form?: Record<string, string | string[]>,
): Promise<T> {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form ?? {})) for (const v of [value].flat()) body.append(key, v);
  const res = await fetch(`${emulator.url}${path}`, {
    method,
    headers: { authorization: "Basic " + Buffer.from(`${account.accountSid}:${account.authToken}`).toString("base64") },
    body: form ? body : undefined,
  });
  const text = await res.text();
  assert.ok(res.status < 300, `${method} ${path} answered ${res.status}: ${text}`);
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  return parsed as T;
}

const calls = (emulator: Emulator) =>
  emulator.log
    .entries()
    .map((e) => `${e.method} ${e.path.replace(/(HK|CR)[0-9a-f]{32}/, "$1*")}`)
    .sort();

describe("the real Pulumi engine: adopting objects made outside Pulumi", function () {
  this.timeout(180_000);
  let emulator: Emulator;
  const stacks: TestStack[] = [];
  let hookSid: string;
  let credentialSid: string;

  before(async () => {
    emulator = await startEmulator({ accounts: [DEFAULT_ACCOUNT, OTHER_ACCOUNT] });
  });
  after(async () => {
    for (const test of stacks) await test.cleanup();
    await emulator?.close();
  });

  describe("settings configured in the console, without adoptExisting", () => {
    it("up refuses to take them over, says how, and writes nothing", async () => {
      await consoleCall(emulator, OTHER_ACCOUNT, "POST", "/v1/RecordingSettings/Default", {
        FriendlyName: "console recordings",
        AwsStorageEnabled: "false",
        AwsS3Url: `${BUCKET_URL}/console`,
      });
      emulator.log.clear();
      const test = await createTestStack({
        stackName: "refuse",
        config: twilioStackConfig(emulator.url, OTHER_ACCOUNT),
        program: async () => {
          new RecordingSettings("recordings", { friendlyName: "pulumi recordings", awsStorageEnabled: false });
        },
      });
      stacks.push(test);

      const failure = await test.stack.up().then(
        () => undefined,
        (err: Error) => err,
      );
      assert.ok(failure, "up should have failed");
      assert.ok(
        failure.message.includes(
          `RecordingSettings of account ${OTHER_ACCOUNT.accountSid} are already configured ` +
            `(friendlyName "console recordings", storage off, encryption off), by the console or another stack; nothing was changed. ` +
            `Set adoptExisting: true to take them over with this configuration.`,
        ),
        failure.message,
      );
      assert.ok(!failure.message.includes(OTHER_ACCOUNT.authToken), "auth token in the error output");
      assert.deepEqual(calls(emulator), ["GET /v1/RecordingSettings/Default"]);
      const live = await consoleCall<SettingsJson>(emulator, OTHER_ACCOUNT, "GET", "/v1/RecordingSettings/Default");
      assert.equal(live.friendly_name, "console recordings");
      assert.equal(live.aws_s3_url, `${BUCKET_URL}/console`);
    });
  });

  describe("a hook, a credential and settings adopted by adoptSid / adoptExisting", () => {
    let test: TestStack;

    async function program(): Promise<Record<string, unknown>> {
      const writer = new AwsCredential("writer", {
        adoptSid: credentialSid,
        accessKeyId: AWS_KEY_ID,
        secretAccessKey: AWS_SECRET,
        friendlyName: "pulumi writer",
      });
      const hook = new CompositionHook("hook", {
        adoptSid: hookSid,
        friendlyName: "console hook",
        audioSources: ["guest", "host"],
        trim: false,
        format: "mp4",
        // Recordings in S3 cannot be composed; this test is about adoption, so the hook says it means it.
        allowUncomposableRecordings: true,
      });
      const compositions = new CompositionSettings("compositions", {
        adoptExisting: true,
        friendlyName: "pulumi compositions",
        awsCredentialsSid: writer.sid,
        awsS3Url: `${BUCKET_URL}/compositions`,
        awsStorageEnabled: true,
      });
      const recordings = new RecordingSettings("recordings", {
        adoptExisting: true,
        friendlyName: "console recordings",
        awsCredentialsSid: writer.sid,
        awsS3Url: `${BUCKET_URL}/recordings`,
        awsStorageEnabled: true,
      });
      return { writerSid: writer.sid, hookSid: hook.sid, compositionsUrl: compositions.awsS3Url, recordingsName: recordings.friendlyName };
    }

    before(async () => {
      // The console user's setup: a credential, a hook, and both settings pointing at the credential.
      const credential = await consoleCall<CredentialJson>(emulator, DEFAULT_ACCOUNT, "POST", "/v1/Credentials/AWS", {
        Credentials: `${AWS_KEY_ID}:${AWS_SECRET}`,
        FriendlyName: "console writer",
      });
      credentialSid = credential.sid;
      const hook = await consoleCall<HookJson>(emulator, DEFAULT_ACCOUNT, "POST", "/v1/CompositionHooks", {
        FriendlyName: "console hook",
        AudioSources: ["host", "guest"],
        Trim: "true",
        Format: "webm",
      });
      hookSid = hook.sid;
      const settings = [
        ["CompositionSettings", "console compositions", "console-compositions"],
        ["RecordingSettings", "console recordings", "recordings"],
      ];
      for (const [kind, name, prefix] of settings) {
        await consoleCall(emulator, DEFAULT_ACCOUNT, "POST", `/v1/${kind}/Default`, {
          FriendlyName: name,
          AwsCredentialsSid: credentialSid,
          AwsS3Url: `${BUCKET_URL}/${prefix}`,
          AwsStorageEnabled: "true",
        });
      }
      test = await createTestStack({ stackName: "adopt", program, config: twilioStackConfig(emulator.url, DEFAULT_ACCOUNT) });
      stacks.push(test);
      emulator.log.clear();
    });

    it("up takes everything over in place: no create POST, same SIDs, no replace", async () => {
      const result = await test.stack.up();
      assert.equal(result.summary.result, "succeeded");
      // To the engine an adopted object is a create; the point is that nothing is replaced.
      assert.deepEqual(result.summary.resourceChanges, { create: 5 });
      assert.deepEqual(calls(emulator), [
        "GET /v1/CompositionHooks/HK*",
        "GET /v1/CompositionSettings/Default",
        "GET /v1/Credentials/AWS/CR*",
        "GET /v1/RecordingSettings/Default", // already as desired: adopted with no write
        "POST /v1/CompositionHooks/HK*",
        "POST /v1/CompositionSettings/Default",
        "POST /v1/Credentials/AWS/CR*",
      ]);
      assert.equal(result.outputs.hookSid.value, hookSid);
      assert.equal(result.outputs.writerSid.value, credentialSid);
      assert.equal(result.outputs.compositionsUrl.value, `${BUCKET_URL}/compositions`);
    });

    it("the live objects keep their SIDs and carry the program's values", async () => {
      const hooks = await consoleCall<HookListJson>(emulator, DEFAULT_ACCOUNT, "GET", "/v1/CompositionHooks");
      assert.deepEqual(
        hooks.composition_hooks.map((h) => [h.sid, h.friendly_name, [...h.audio_sources].sort(), h.trim, h.format]),
        [[hookSid, "console hook", ["guest", "host"], false, "mp4"]],
      );
      const credentials = await consoleCall<CredentialListJson>(emulator, DEFAULT_ACCOUNT, "GET", "/v1/Credentials/AWS");
      assert.deepEqual(
        credentials.credentials.map((c) => [c.sid, c.friendly_name]),
        [[credentialSid, "pulumi writer"]],
      );
      const compositions = await consoleCall<SettingsJson>(emulator, DEFAULT_ACCOUNT, "GET", "/v1/CompositionSettings/Default");
      assert.deepEqual(
        [compositions.friendly_name, compositions.aws_credentials_sid, compositions.aws_s3_url, compositions.aws_storage_enabled],
        ["pulumi compositions", credentialSid, `${BUCKET_URL}/compositions`, true],
      );
    });

    it("a second preview shows no changes", async () => {
      const preview = await test.stack.preview({ expectNoChanges: true });
      assert.deepEqual(preview.changeSummary, { same: 5 });
    });

    it("destroy deletes the adopted hook and credential and switches the settings' storage off", async () => {
      // Once adopted, an object is managed like one Pulumi created, so destroy
      // DELETEs the hook and the credential; settings singletons are reset (storage and encryption
      // off, recordings go back to Twilio's cloud). `retainOnDelete` is how a user keeps any of them.
      emulator.log.clear();
      const result = await test.stack.destroy();
      assert.deepEqual(result.summary.resourceChanges, { delete: 5 });
      assert.deepEqual(calls(emulator), [
        "DELETE /v1/CompositionHooks/HK*",
        "DELETE /v1/Credentials/AWS/CR*",
        "POST /v1/CompositionSettings/Default",
        "POST /v1/RecordingSettings/Default",
      ]);
      const hooks = await consoleCall<HookListJson>(emulator, DEFAULT_ACCOUNT, "GET", "/v1/CompositionHooks");
      assert.deepEqual(hooks.composition_hooks, []);
      const recordings = await consoleCall<SettingsJson>(emulator, DEFAULT_ACCOUNT, "GET", "/v1/RecordingSettings/Default");
      assert.deepEqual([recordings.aws_storage_enabled, recordings.aws_credentials_sid], [false, null]);
    });
  });
});
