/**
 * A stack writes only into its own account, through the real engine:
 * another account's key in the shell, a mismatched pair in stack config, and an account switched in
 * stack config. Each case asserts, from the emulator's per-account request log and objects, that the
 * other account was not touched.
 */
import { strict as assert } from "assert";
import { startEmulator, type Emulator } from "../../emulator";
import { CompositionHook, RecordingSettings } from "../../provider";
import { TestStack, createTestStack } from "../helpers/pulumiCli";
import type { HookListJson, SettingsJson } from "../helpers/twilioConsole";

const DEV = {
  accountSid: "AC000000000000000000000000000de001",
  authToken: "accounts-dev-token-1",
  apiKeys: [{ sid: "SK000000000000000000000000000de001", secret: "accounts-dev-key-secret" }],
};
const PROD = {
  accountSid: "AC00000000000000000000000000090d01",
  authToken: "accounts-prod-token-1",
  apiKeys: [{ sid: "SK00000000000000000000000000090d01", secret: "accounts-prod-key-secret" }],
};

async function program(): Promise<Record<string, unknown>> {
  const settings = new RecordingSettings("recordings", { friendlyName: "dev recordings" });
  const hook = new CompositionHook("hook", { friendlyName: "dev hook", audioSources: ["*"] });
  return { settingsAccount: settings.accountSid, hookAccount: hook.accountSid };
}

describe("a stack writes only into its own account, through the real engine", function () {
  this.timeout(300_000);
  let emulator: Emulator;
  const stacks: TestStack[] = [];
  const endpoint = () => ({ "twilio:endpoint": { value: emulator.url } });
  /** The provider's requests (the test's own reads carry `observer=test`). */
  const providerCalls = () => emulator.log.entries().filter((e) => !e.query.includes("observer=test"));
  const requestsBy = (account: { accountSid: string }) =>
    providerCalls()
      .filter((e) => e.accountSid === account.accountSid)
      .map((e) => `${e.method} ${e.path} ${e.status}`);
  const objectsOf = async (account: typeof DEV) => {
    const auth = "Basic " + Buffer.from(`${account.accountSid}:${account.authToken}`).toString("base64");
    const get = async <T>(p: string) =>
      (await fetch(`${emulator.url}${p}?observer=test`, { headers: { authorization: auth } })).json() as Promise<T>;
    const settings = await get<SettingsJson>("/v1/RecordingSettings/Default");
    return {
      hooks: (await get<HookListJson>("/v1/CompositionHooks")).composition_hooks.map((h) => h.friendly_name),
      settingsName: settings.friendly_name,
    };
  };
  /** A fresh account: no hook, settings never written (no friendly name). */
  const untouched = { hooks: [], settingsName: null };
  const stack = async (name: string, config: Parameters<typeof createTestStack>[0]["config"], envVars?: Record<string, string>) => {
    const created = await createTestStack({ stackName: name, program, config: { ...endpoint(), ...config }, envVars });
    stacks.push(created);
    return created;
  };

  before(async () => {
    emulator = await startEmulator({ accounts: [DEV, PROD] });
  });
  beforeEach(() => emulator.reset());
  after(async () => {
    for (const s of stacks) await s.cleanup();
    await emulator?.close();
  });

  it("dev's stack config wins over prod's TWILIO_API_KEY/SECRET in the shell: everything lands in dev", async () => {
    const test = await stack(
      "shell-key",
      {
        "twilio:accountSid": { value: DEV.accountSid },
        "twilio:authToken": { value: DEV.authToken, secret: true },
      },
      { TWILIO_ACCOUNT_SID: PROD.accountSid, TWILIO_API_KEY: PROD.apiKeys[0].sid, TWILIO_API_SECRET: PROD.apiKeys[0].secret },
    );
    const result = await test.stack.up();
    assert.deepEqual([result.outputs.settingsAccount.value, result.outputs.hookAccount.value], [DEV.accountSid, DEV.accountSid]);
    assert.deepEqual(requestsBy(PROD), []);
    assert.equal(requestsBy(DEV).length, 4); // settings: GET + POST; hook: GET of the recording settings (the guard) + POST
    assert.deepEqual(await objectsOf(DEV), { hooks: ["dev hook"], settingsName: "dev recordings" });
    assert.deepEqual(await objectsOf(PROD), untouched);
    await test.stack.destroy();
  });

  it("dev's account SID with prod's API key in stack config is refused after one check; neither account changes", async () => {
    const test = await stack("mixed-pair", {
      "twilio:accountSid": { value: DEV.accountSid },
      "twilio:apiKey": { value: PROD.apiKeys[0].sid },
      "twilio:apiSecret": { value: PROD.apiKeys[0].secret, secret: true },
    });
    const outputs: string[] = [];
    await assert.rejects(test.stack.up({ onOutput: (l) => outputs.push(l) }), (e: Error) => {
      assert.match(
        e.message,
        new RegExp(
          `API key ${PROD.apiKeys[0].sid} belongs to account ${PROD.accountSid}, not to the configured account ${DEV.accountSid} ` +
            `\\(account from twilio:accountSid \\(stack config\\); API key ${PROD.apiKeys[0].sid} from twilio:apiKey \\(stack config\\)\\)`,
        ),
      );
      return true;
    });
    assert.ok(outputs.join("").length > 0);
    assert.ok(!outputs.join("").includes(PROD.apiKeys[0].secret), "the API secret reached the CLI output");
    // One check per provider process (each kind is configured in the same process).
    assert.deepEqual(requestsBy(PROD), ["GET /v1/CompositionSettings/Default 200"]);
    assert.deepEqual(requestsBy(DEV), []);
    assert.deepEqual(await objectsOf(DEV), untouched);
    assert.deepEqual(await objectsOf(PROD), untouched);
  });

  it("an account switched in stack config refuses preview, up, refresh and destroy with no call to either account", async () => {
    const test = await stack("switched", {
      "twilio:accountSid": { value: DEV.accountSid },
      "twilio:authToken": { value: DEV.authToken, secret: true },
    });
    await test.stack.up();
    await test.stack.setAllConfig({
      "twilio:accountSid": { value: PROD.accountSid },
      "twilio:authToken": { value: PROD.authToken, secret: true },
    });
    emulator.log.clear();
    const refusal =
      /lives in account AC000000000000000000000000000de001, but the stack is now configured for account AC00000000000000000000000000090d01/;
    await assert.rejects(test.stack.preview(), refusal);
    await assert.rejects(test.stack.up(), refusal);
    await assert.rejects(test.stack.refresh(), refusal);
    await assert.rejects(test.stack.destroy(), refusal);
    assert.deepEqual(providerCalls(), []);
    assert.deepEqual(await objectsOf(DEV), { hooks: ["dev hook"], settingsName: "dev recordings" });
    assert.deepEqual(await objectsOf(PROD), untouched);

    // Switched back, the stack moves again. The refused `up` recorded the provider's new
    // configuration in state, and destroy runs with the recorded one: an `up` records dev's again.
    await test.stack.setAllConfig({
      "twilio:accountSid": { value: DEV.accountSid },
      "twilio:authToken": { value: DEV.authToken, secret: true },
    });
    await assert.rejects(test.stack.destroy(), refusal);
    assert.deepEqual(providerCalls(), []);
    const repaired = await test.stack.up();
    assert.deepEqual(repaired.summary.resourceChanges, { same: 3 });
    await test.stack.destroy();
    assert.deepEqual(await objectsOf(DEV), { hooks: [], settingsName: "dev recordings" });
    assert.deepEqual(await objectsOf(PROD), untouched);
  });
});
