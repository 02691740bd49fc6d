// The composition guard when the recording settings live elsewhere (the console, another stack): an
// enabled hook's create and update read /v1/RecordingSettings/Default once and refuse recordings
// Twilio cannot compose; a disabled hook or allowUncomposableRecordings skips the read.
import { strict as assert } from "assert";
import { Fixture, resourceOps, useFixture } from "./fixture";
import type { CredentialJson, HookJson, HookListJson } from "../helpers/twilioConsole";

const KIND = "CompositionHook";
const CREDENTIAL = { FriendlyName: "console writer", Credentials: "AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };

describe("CompositionHook create/update: the live recording settings (composition guard)", () => {
  let fx: Fixture;
  useFixture((f) => (fx = f));

  /** What a console user does: recordings to S3 and/or encrypted. */
  async function consoleRecordingSettings(opts: { s3?: boolean; encrypted?: boolean }): Promise<void> {
    const credential = await fx.twilio<CredentialJson>("POST", "/v1/Credentials/AWS", CREDENTIAL);
    assert.equal(credential.status, 201);
    const form: Record<string, string> = { FriendlyName: "console recordings" };
    if (opts.s3)
      Object.assign(form, {
        AwsCredentialsSid: credential.body.sid,
        AwsS3Url: "https://console-media.s3.us-east-1.amazonaws.com/recordings",
        AwsStorageEnabled: "true",
      });
    if (opts.encrypted) {
      const { generateKeyPairSync } = await import("crypto");
      const pem = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }).toString();
      const key = await fx.twilio<CredentialJson>("POST", "/v1/Credentials/PublicKeys", { FriendlyName: "console key", PublicKey: pem });
      assert.equal(key.status, 201);
      Object.assign(form, { EncryptionKeySid: key.body.sid, EncryptionEnabled: "true" });
    }
    const set = await fx.twilio("POST", "/v1/RecordingSettings/Default", form);
    assert.equal(set.status, 200);
    fx.emulator.log.clear();
  }

  const hook = { friendlyName: "compose every room", audioSources: ["*"] };

  for (const [what, opts, because] of [
    ["in S3", { s3: true }, /stores recordings in external S3 \(awsStorageEnabled\)/],
    ["encrypted", { encrypted: true }, /encrypts recordings \(encryptionEnabled\)/],
  ] as const) {
    it(`create refuses an enabled hook when the account's recordings are ${what}: one GET, no POST`, async () => {
      await consoleRecordingSettings(opts);
      const { create } = resourceOps(fx, KIND);
      await assert.rejects(create(hook), (e: Error) => {
        assert.match(e.message, /CompositionHook "compose every room" was not saved: account AC\w+'s recording settings/);
        assert.match(e.message, because);
        assert.match(e.message, /\(a\) recordings stay in Twilio's cloud.*\(b\) recordings go to S3.*allowUncomposableRecordings: true/s);
        return true;
      });
      assert.deepEqual(fx.calls(), ["GET /v1/RecordingSettings/Default"]);
      assert.equal((await fx.twilio<HookListJson>("GET", "/v1/CompositionHooks")).body.composition_hooks.length, 0);
    });
  }

  it("create of an enabled hook with recordings in Twilio's cloud: GET the settings, then one POST", async () => {
    const { create } = resourceOps(fx, KIND);
    const { created } = await create(hook);
    assert.match(created.id, /^HK[0-9a-f]{32}$/);
    assert.deepEqual(fx.calls(), ["GET /v1/RecordingSettings/Default", "POST /v1/CompositionHooks"]);
  });

  it("a disabled hook, or one with allowUncomposableRecordings, is created with one POST and no read", async () => {
    await consoleRecordingSettings({ s3: true });
    const disabled = await resourceOps(fx, KIND, { name: "off" }).create({ ...hook, friendlyName: "off", enabled: false });
    const optedOut = await resourceOps(fx, KIND, { name: "meant" }).create({
      ...hook,
      friendlyName: "meant",
      allowUncomposableRecordings: true,
    });
    assert.deepEqual(fx.calls(), ["POST /v1/CompositionHooks", "POST /v1/CompositionHooks"]);
    assert.equal(optedOut.created.properties.allowUncomposableRecordings, true, "the opt-out is kept in state");
    assert.equal(disabled.created.properties.enabled, false);
  });

  it("update that enables a hook refuses when recordings moved to S3 meanwhile: one GET, no POST", async () => {
    const ops = resourceOps(fx, KIND);
    const { created } = await ops.create({ ...hook, enabled: false });
    await consoleRecordingSettings({ s3: true });
    const news = await ops.checked({ ...hook, enabled: true });
    await assert.rejects(
      fx.host.update(created.id, ops.urn, created.properties, news),
      /was not saved: .*stores recordings in external S3/,
    );
    assert.deepEqual(fx.calls(), ["GET /v1/RecordingSettings/Default"]);
    const live = await fx.twilio<HookJson>("GET", `/v1/CompositionHooks/${created.id}`);
    assert.equal(live.body.enabled, false);
  });

  it("update of an enabled hook: GET the settings, then one POST; with the opt-out, the POST alone", async () => {
    const ops = resourceOps(fx, KIND);
    const { created } = await ops.create(hook);
    fx.emulator.log.clear();
    const updated = await fx.host.update(created.id, ops.urn, created.properties, await ops.checked({ ...hook, format: "mp4" }));
    assert.deepEqual(fx.calls(), ["GET /v1/RecordingSettings/Default", `POST /v1/CompositionHooks/${created.id}`]);
    await consoleRecordingSettings({ s3: true });
    await fx.host.update(
      created.id,
      ops.urn,
      updated.properties,
      await ops.checked({ ...hook, format: "webm", allowUncomposableRecordings: true }),
    );
    assert.deepEqual(fx.calls(), [`POST /v1/CompositionHooks/${created.id}`]);
  });

  it("the opt-out is never a change by itself (a creation-time instruction, like adoptSid)", async () => {
    const ops = resourceOps(fx, KIND);
    const { created } = await ops.create(hook);
    const diff = await fx.host.diff(
      created.id,
      ops.urn,
      created.properties,
      await ops.checked({ ...hook, allowUncomposableRecordings: true }),
    );
    assert.equal(diff.changes, "none");
  });
});
