import { strict as assert } from "assert";
import type { PropertyBag } from "../helpers/providerHost";
import { ProviderHostError } from "../helpers/providerHost";
import { ACCOUNT, useFixture, type Fixture } from "../resources/fixture";
import type { CredentialJson, HookJson } from "../helpers/twilioConsole";
import { PEM } from "./resourceCorruptions";

const HOOKS = "/v1/CompositionHooks";
/** An enabled hook's create and update read this first (the composition guard). */
const GUARD = "/v1/RecordingSettings/Default";
const AWS = "/v1/Credentials/AWS";
const KEYS = "/v1/Credentials/PublicKeys";
const SECRET = "lost/Response+Secret0".padEnd(40, "0");

/**
 * Responses lost after the write (the emulator's "drop" fault: it acts, then closes the socket).
 * Each operation runs through the real dynamic-provider host, and the emulator's own state is the
 * judge: exactly the objects the program describes, no duplicate, no orphan.
 */
describe("reliability: lost responses converge with no duplicate and no orphan", () => {
  let fx: Fixture;
  useFixture((f) => (fx = f));

  /** The log as `METHOD path status`, dropped answers marked. */
  const calls = () => fx.emulator.log.entries().map((e) => `${e.method} ${e.path} ${e.status}${e.faulted === "drop" ? " (dropped)" : ""}`);
  const dropNext = (method: string, path: string | RegExp) => fx.emulator.faults.add({ kind: "drop", match: { method, path } });
  const live = async (path: string, key: string) => (await fx.twilio<Record<string, CredentialJson[] | HookJson[]>>("GET", path)).body[key];

  async function create(kind: string, name: string, props: PropertyBag) {
    const urn = fx.urn(kind, name);
    const checked = await fx.host.check(urn, {}, await fx.withProvider(kind, props));
    assert.deepEqual(checked.failures, []);
    const created = await fx.host.create(urn, checked.inputs);
    return { urn, inputs: checked.inputs, created };
  }

  describe("CompositionHook", () => {
    const hook = { friendlyName: "lost-hook", audioSources: ["alice"], format: "mp4" };

    it("create: the client lists the name, finds its own configuration and keeps that hook, sending nothing again", async () => {
      dropNext("POST", HOOKS);
      const { created } = await create("CompositionHook", "h", hook);
      assert.deepEqual(calls(), [`GET ${GUARD} 200`, `POST ${HOOKS} 201 (dropped)`, `GET ${HOOKS} 200`]);
      const hooks = await live(HOOKS, "composition_hooks");
      assert.deepEqual(
        hooks.map((h) => [h.sid, h.friendly_name]),
        [[created.id, "lost-hook"]],
      );
      assert.equal(created.properties.format, "mp4");
    });

    it("update and delete: the client repeats them, and a repeated delete's 404 counts as done", async () => {
      const { urn, inputs, created } = await create("CompositionHook", "h", hook);
      const path = `${HOOKS}/${created.id}`;
      fx.emulator.log.clear();
      dropNext("POST", path);
      const news = { ...inputs, format: "webm", audioSources: ["bob"] };
      const updated = await fx.host.update(created.id, urn, created.properties, news);
      assert.deepEqual([updated.properties.format, updated.properties.audioSources], ["webm", ["bob"]]); // webm: the default, stored as it is
      const after = (await fx.twilio<HookJson>("GET", path)).body;
      assert.deepEqual([after.format, after.audio_sources], ["webm", ["bob"]]);

      dropNext("DELETE", path);
      await fx.host.delete(created.id, urn, updated.properties);
      assert.deepEqual(calls(), [
        `GET ${GUARD} 200`,
        `POST ${path} 200 (dropped)`,
        `POST ${path} 200`,
        `GET ${path} 200`,
        `DELETE ${path} 204 (dropped)`,
        `DELETE ${path} 404`,
      ]);
      assert.deepEqual(await live(HOOKS, "composition_hooks"), []);
    });

    it("a lost create that cannot be looked up fails clearly; the next run names the orphan and adoptSid takes it over", async () => {
      dropNext("POST", HOOKS);
      fx.emulator.faults.add({ kind: "status", status: 503, match: { method: "GET", path: HOOKS }, times: Infinity });
      await assert.rejects(create("CompositionHook", "h", hook), (e: ProviderHostError) => {
        assert.equal(e.details, "Twilio 503 (code 20503) on GET /v1/CompositionHooks: Service Unavailable");
        return true;
      });
      fx.emulator.faults.clear();
      const [orphan] = await live(HOOKS, "composition_hooks");
      assert.equal((await live(HOOKS, "composition_hooks")).length, 1);

      // The engine recorded nothing, so the next `pulumi up` creates again: refused, naming the hook.
      await assert.rejects(create("CompositionHook", "h", hook), (e: ProviderHostError) => {
        assert.ok(
          e.details.startsWith(
            `a composition hook named "lost-hook" already exists in account ${ACCOUNT.accountSid} (${orphan.sid}) with this same configuration ` +
              `(maybe left by an earlier run that failed); nothing was changed.`,
          ),
          e.details,
        );
        assert.ok(
          e.details.endsWith(`Otherwise choose another friendlyName, or set adoptSid = "${orphan.sid}" to take it over.`),
          e.details,
        );
        return true;
      });
      const { created } = await create("CompositionHook", "h", { ...hook, adoptSid: orphan.sid });
      assert.equal(created.id, orphan.sid);
      assert.deepEqual(
        (await live(HOOKS, "composition_hooks")).map((h) => h.sid),
        [orphan.sid],
      );
    });
  });

  describe("AwsCredential and PublicKey (no unique name at Twilio)", () => {
    const credential = { accessKeyId: "AKIALOSTRESPONSE0001", secretAccessKey: SECRET, friendlyName: "lost-writer" };

    it("AwsCredential create: the credential made by the lost attempt is found and kept, none made twice", async () => {
      dropNext("POST", AWS);
      const { created } = await create("AwsCredential", "c", credential);
      assert.deepEqual(calls(), [`POST ${AWS} 201 (dropped)`, `GET ${AWS} 200`]);
      assert.deepEqual(
        (await live(AWS, "credentials")).map((c) => [c.sid, c.friendly_name]),
        [[created.id, "lost-writer"]],
      );
      assert.ok(!JSON.stringify(created.properties).includes(SECRET));
    });

    it("AwsCredential delete: repeated, and the 404 counts as deleted", async () => {
      const { urn, created } = await create("AwsCredential", "c", credential);
      fx.emulator.log.clear();
      dropNext("DELETE", `${AWS}/${created.id}`);
      await fx.host.delete(created.id, urn, created.properties);
      assert.deepEqual(calls(), [`DELETE ${AWS}/${created.id} 204 (dropped)`, `DELETE ${AWS}/${created.id} 404`]);
      assert.deepEqual(await live(AWS, "credentials"), []);
    });

    it("AwsCredential create lost while another credential has the same name: refuses to guess, names both, makes no third", async () => {
      const other = await fx.twilio<CredentialJson>("POST", AWS, {
        Credentials: `AKIAOTHERSTACK000001:${"other".padEnd(40, "0")}`,
        FriendlyName: "lost-writer",
      });
      fx.emulator.log.clear();
      dropNext("POST", AWS);
      await assert.rejects(create("AwsCredential", "c", credential), (e: ProviderHostError) => {
        assert.match(
          e.details,
          /AwsCredential create lost its response and 2 credentials named "lost-writer" were created since: CR[0-9a-f]{32}, CR[0-9a-f]{32}; set adoptSid to the right one and delete the others/,
        );
        assert.ok(e.details.includes(other.body.sid));
        assert.ok(!e.details.includes(SECRET));
        return true;
      });
      assert.deepEqual(calls(), [`POST ${AWS} 201 (dropped)`, `GET ${AWS} 200`]);
      assert.equal((await live(AWS, "credentials")).length, 2);
    });

    it("PublicKey create and delete: exactly one key, then none", async () => {
      dropNext("POST", KEYS);
      const { urn, created } = await create("PublicKey", "k", { publicKey: PEM, friendlyName: "lost-key" });
      assert.deepEqual(
        (await live(KEYS, "credentials")).map((c) => c.sid),
        [created.id],
      );
      dropNext("DELETE", `${KEYS}/${created.id}`);
      await fx.host.delete(created.id, urn, created.properties);
      assert.deepEqual(await live(KEYS, "credentials"), []);
    });
  });

  describe("CompositionSettings and RecordingSettings (POST replaces the singleton, so it is repeated)", () => {
    for (const [kind, path] of [
      ["CompositionSettings", "/v1/CompositionSettings/Default"],
      ["RecordingSettings", "/v1/RecordingSettings/Default"],
    ] as const) {
      it(`${kind}: a lost create, update and delete each converge on the desired settings`, async () => {
        const cr = (
          await fx.twilio<CredentialJson>("POST", AWS, {
            Credentials: `AKIASETTINGS00000001:${"s3cret".padEnd(40, "0")}`,
            FriendlyName: "s3",
          })
        ).body.sid;
        const url = "https://lost-bucket.s3.us-east-1.amazonaws.com/media";
        fx.emulator.log.clear();
        dropNext("POST", path);
        const { urn, inputs, created } = await create(kind, "s", {
          friendlyName: "lost-settings",
          awsCredentialsSid: cr,
          awsS3Url: url,
          awsStorageEnabled: true,
        });
        assert.equal(created.id, ACCOUNT.accountSid);
        const stored = () => fx.twilio<Record<string, unknown>>("GET", path).then((r) => r.body);
        const callsThenClear = () => {
          const made = calls();
          fx.emulator.log.clear();
          return made;
        };
        assert.deepEqual(callsThenClear(), [`GET ${path} 200`, `POST ${path} 200 (dropped)`, `POST ${path} 200`]);
        assert.deepEqual(pickSettings(await stored()), ["lost-settings", cr, url, true]);

        fx.emulator.log.clear();
        dropNext("POST", path);
        const updated = await fx.host.update(created.id, urn, created.properties, { ...inputs, awsS3Url: `${url}/v2` });
        assert.equal(updated.properties.awsS3Url, `${url}/v2`);
        assert.deepEqual(callsThenClear(), [`POST ${path} 200 (dropped)`, `POST ${path} 200`]);
        assert.deepEqual(pickSettings(await stored()), ["lost-settings", cr, `${url}/v2`, true]);

        fx.emulator.log.clear();
        dropNext("POST", path);
        // In a provider process of its own, as `pulumi destroy` runs it.
        const destroyer = await fx.newHost();
        try {
          await destroyer.delete(created.id, urn, updated.properties);
        } finally {
          await destroyer.close();
        }
        assert.deepEqual(callsThenClear(), [`POST ${path} 200 (dropped)`, `POST ${path} 200`]);
        assert.deepEqual(pickSettings(await stored()), ["lost-settings", null, null, false]);
      });
    }
  });
});

function pickSettings(body: Record<string, unknown>): unknown[] {
  return [body.friendly_name, body.aws_credentials_sid, body.aws_s3_url, body.aws_storage_enabled];
}
