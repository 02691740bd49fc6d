/**
 * The Twilio-only quickstart example runs for real: its own index.ts with its Pulumi.dev.yaml and
 * project defaults, on the real engine against the emulator; only the Twilio connection is replaced.
 * (examples/adopt-existing runs through the CLI against an emulator seeded with its account:
 * test/cli/examples.test.ts.)
 */
import { strict as assert } from "assert";
import fetch from "node-fetch";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { exampleProgram, exampleStackConfig } from "../helpers/exampleProgram";
import { TestStack, createTestStack } from "../helpers/pulumiCli";
import type { CredentialListJson, HookListJson, SettingsJson } from "../helpers/twilioConsole";

const QUICKSTART_AWS_SECRET = "quickstartenginesecretVb71Rt09LqKx7Qw2Zr";

const twilioConnection = (emulator: Emulator) => ({
  overrides: { "twilio:accountSid": DEFAULT_ACCOUNT.accountSid, "twilio:endpoint": emulator.url },
  secrets: { "twilio:authToken": DEFAULT_ACCOUNT.authToken },
});

/** A call as the console (or curl, as the adopt-existing README does it) would make it; the body is taken to be a T. */
async function consoleCall<T = unknown>(emulator: Emulator, method: string, path: string, form?: Record<string, string>): Promise<T> {
  const res = await fetch(`${emulator.url}${path}`, {
    method,
    headers: { authorization: "Basic " + Buffer.from(`${DEFAULT_ACCOUNT.accountSid}:${DEFAULT_ACCOUNT.authToken}`).toString("base64") },
    body: form ? new URLSearchParams(form) : undefined,
  });
  const text = await res.text();
  assert.ok(res.status < 300, `${method} ${path} answered ${res.status}: ${text}`);
  const body: unknown = text ? JSON.parse(text) : undefined;
  return body as T;
}

const calls = (emulator: Emulator) =>
  emulator.log
    .entries()
    .map((e) => `${e.method} ${e.path.replace(/(HK|CR)[0-9a-f]{32}/, "$1*")}`)
    .sort();

/** The fields of a hook and of both settings that an example manages, as Twilio reports them. */
/**
 * A layout region as Twilio answers it: every key it was not sent filled with Twilio's default
 * (captured answers in TwilioDevEd/api-snippets video/rest/compositionhooks/<name>/output; DESIGN 9).
 */
function asTwilioAnswers(region: Record<string, unknown>): Record<string, unknown> {
  return {
    x_pos: 0,
    y_pos: 0,
    z_pos: 0,
    reuse: "show_oldest",
    cells_excluded: [],
    video_sources_excluded: [],
    width: null,
    height: null,
    max_columns: null,
    max_rows: null,
    video_sources: [],
    ...region,
  };
}

async function liveConfiguration(emulator: Emulator) {
  const hooks = await consoleCall<HookListJson>(emulator, "GET", "/v1/CompositionHooks");
  const settings = async (kind: string) => {
    const s = await consoleCall<SettingsJson>(emulator, "GET", `/v1/${kind}/Default`);
    return [s.friendly_name, s.aws_credentials_sid, s.aws_s3_url, s.aws_storage_enabled];
  };
  return {
    hooks: hooks.composition_hooks.map((h) => [h.sid, h.friendly_name, h.audio_sources, h.video_layout, h.resolution, h.format]),
    recordings: await settings("RecordingSettings"),
    compositions: await settings("CompositionSettings"),
  };
}

describe("the examples on the real Pulumi engine", function () {
  this.timeout(120_000);
  let emulator: Emulator;
  const stacks: TestStack[] = [];

  before(async () => {
    emulator = await startEmulator();
  });
  after(async () => {
    for (const test of stacks) await test.cleanup();
    await emulator?.close();
  });

  describe("quickstart", () => {
    let test: TestStack;
    const output: string[] = [];
    const capture = { onOutput: (line: string) => output.push(line) };

    before(async () => {
      emulator.reset();
      const { overrides, secrets } = twilioConnection(emulator);
      const { project, config } = exampleStackConfig("quickstart", "dev", overrides, {
        ...secrets,
        "quickstart:secretAccessKey": QUICKSTART_AWS_SECRET,
      });
      test = await createTestStack({ stackName: "dev", projectName: project, program: exampleProgram("quickstart"), config });
      stacks.push(test);
    });

    it("up creates the credential, the composition settings and the hook, with exactly those calls", async () => {
      const result = await test.stack.up(capture);
      assert.deepEqual(result.summary.resourceChanges, { create: 4 });
      assert.deepEqual(calls(emulator), [
        "GET /v1/CompositionSettings/Default", // a create first checks that nobody configured them
        "GET /v1/RecordingSettings/Default", // the hook's guard: recordings Twilio can compose?
        "POST /v1/CompositionHooks",
        "POST /v1/CompositionSettings/Default",
        "POST /v1/Credentials/AWS",
      ]);
      const credentials = await consoleCall<CredentialListJson>(emulator, "GET", "/v1/Credentials/AWS");
      assert.deepEqual(
        credentials.credentials.map((c) => [c.sid, c.friendly_name]),
        [[result.outputs.credentialSid.value, "quickstart compositions writer"]],
      );
      const compositionsUrl = "https://quickstart-media.s3.us-east-1.amazonaws.com/compositions";
      assert.equal(result.outputs.compositionsStorage.value, compositionsUrl);
      const live = await liveConfiguration(emulator);
      assert.deepEqual(live.hooks, [
        [
          result.outputs.hookSid.value,
          "quickstart: compose every room",
          ["*"],
          { grid: asTwilioAnswers({ video_sources: ["*"], max_columns: 3 }) },
          "1280x720",
          "mp4",
        ],
      ]);
      assert.deepEqual(live.compositions, ["quickstart compositions", result.outputs.credentialSid.value, compositionsUrl, true]);
      // Recordings stay in Twilio's cloud: the only ones Twilio composes.
      assert.equal(live.recordings[3], false);
    });

    it("a second preview reports no changes and makes zero Twilio calls", async () => {
      emulator.log.clear();
      const preview = await test.stack.preview({ expectNoChanges: true, ...capture });
      assert.deepEqual(preview.changeSummary, { same: 4 });
      assert.deepEqual(calls(emulator), []);
    });

    it("destroy deletes the hook and the credential and switches composition storage off", async () => {
      emulator.log.clear();
      const result = await test.stack.destroy(capture);
      assert.deepEqual(result.summary.resourceChanges, { delete: 4 });
      assert.deepEqual(calls(emulator), [
        "DELETE /v1/CompositionHooks/HK*",
        "DELETE /v1/Credentials/AWS/CR*",
        "POST /v1/CompositionSettings/Default",
      ]);
      const live = await liveConfiguration(emulator);
      assert.deepEqual(live.hooks, []);
      assert.deepEqual(live.compositions.slice(1), [null, null, false]);
      assert.deepEqual((await consoleCall<CredentialListJson>(emulator, "GET", "/v1/Credentials/AWS")).credentials, []);
    });

    it("no CLI output carries the auth token or the AWS secret key", () => {
      const text = output.join("\n");
      assert.ok(text.length > 0, "nothing captured");
      assert.ok(!text.includes(DEFAULT_ACCOUNT.authToken), "auth token in CLI output");
      assert.ok(!text.includes(QUICKSTART_AWS_SECRET), "AWS secret key in CLI output");
    });
  });
});
