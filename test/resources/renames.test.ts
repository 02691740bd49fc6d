// Renames, moves into components and `--replace` over the real dynamic-provider host: Pulumi
// creates the new resource before it deletes the old one, in one provider process per run. The
// old resource's delete must not undo what the new one holds.
// Each "run" below is a provider process of its own, as each CLI command starts one.
import { strict as assert } from "assert";
import type { ProviderHost } from "../helpers/providerHost";
import { Fixture, resourceOps, useFixture } from "./fixture";
import type { CredentialJson, CredentialListJson, HookListJson, SettingsJson } from "../helpers/twilioConsole";

const S3_URL = "https://media-bucket.s3.us-east-1.amazonaws.com/video";
const KEY = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKE=" }; // shaped as Twilio wants (70106)

describe("renames and replacements over the real dynamic-provider host", () => {
  let fx: Fixture;
  useFixture((f) => (fx = f));

  /** Runs `use` against a provider process of its own (one CLI run), then stops it. */
  const run = async <T>(use: (host: ProviderHost) => Promise<T>): Promise<T> => {
    const host = await fx.newHost();
    try {
      return await use(host);
    } finally {
      await host.close();
    }
  };
  const calls = () => fx.emulator.log.entries().map((e) => `${e.method} ${e.path} ${e.status}`);

  for (const [kind, path] of [
    ["RecordingSettings", "/v1/RecordingSettings/Default"],
    ["CompositionSettings", "/v1/CompositionSettings/Default"],
  ] as const) {
    describe(kind, () => {
      const live = async () => (await fx.twilio<SettingsJson>("GET", path)).body;
      const storageOn = async () => {
        const cr = (
          await fx.twilio<CredentialJson>("POST", "/v1/Credentials/AWS", { Credentials: `${KEY.accessKeyId}:${KEY.secretAccessKey}` })
        ).body.sid;
        return { friendlyName: "media", awsCredentialsSid: cr, awsS3Url: S3_URL, awsStorageEnabled: true };
      };
      /** The first run: the resource under its old name, storage on. */
      const applyOld = async () => {
        const desired = await storageOn();
        const old = await run((host) => resourceOps(fx, kind, { name: "recordings", host }).create(desired));
        fx.emulator.log.clear();
        return { desired, old: old.created };
      };

      it("a rename (new resource created, then the old one deleted) leaves storage on, with one GET and no write", async () => {
        const { desired, old } = await applyOld();
        await run(async (host) => {
          const renamed = await resourceOps(fx, kind, { name: "video-recordings", host }).create(desired);
          assert.equal(renamed.created.id, old.id);
          await host.delete(old.id, fx.urn(kind, "recordings"), old.properties);
        });
        assert.deepEqual(calls(), [`GET ${path} 200`]);
        assert.deepEqual([(await live()).aws_storage_enabled, (await live()).aws_s3_url], [true, S3_URL]);
      });

      it("an up after an interrupted rename (the new resource exists, only diffed now) does not reset them", async () => {
        const { desired, old } = await applyOld();
        const renamed = await run((host) => resourceOps(fx, kind, { name: "video-recordings", host }).create(desired));
        fx.emulator.log.clear();
        await run(async (host) => {
          const inputs = await resourceOps(fx, kind, { name: "video-recordings", host }).checked(desired);
          const diff = await host.diff(renamed.created.id, fx.urn(kind, "video-recordings"), renamed.created.properties, inputs);
          assert.equal(diff.changes, "none");
          await host.delete(old.id, fx.urn(kind, "recordings"), old.properties);
        });
        assert.deepEqual(calls(), []);
        assert.equal((await live()).aws_storage_enabled, true);
      });

      it("removed from the program (no other resource holds them), its delete switches storage off", async () => {
        const { old } = await applyOld();
        await run((host) => host.delete(old.id, fx.urn(kind, "recordings"), old.properties));
        assert.deepEqual(calls(), [`POST ${path} 200`]);
        assert.deepEqual([(await live()).aws_storage_enabled, (await live()).aws_s3_url], [false, null]);
      });

      it("a rename that also changes them is refused before any write, naming aliases and adoptExisting", async () => {
        const { desired, old } = await applyOld();
        await run(async (host) => {
          await assert.rejects(
            resourceOps(fx, kind, { name: "video-recordings", host }).create({ ...desired, awsS3Url: `${S3_URL}/v2` }),
            /already configured .*nothing was changed\. Set adoptExisting: true .* \{ aliases: \[\{ name: "<old resource name>" \}\] \}/,
          );
        });
        assert.deepEqual(calls(), [`GET ${path} 200`]);
        assert.equal((await live()).aws_s3_url, S3_URL);
        assert.ok(old.id);
      });
    });
  }

  describe("CompositionHook", () => {
    const hook = { friendlyName: "main", audioSources: ["*"] };
    const hooks = async () => (await fx.twilio<HookListJson>("GET", "/v1/CompositionHooks")).body.composition_hooks;

    it("a rename under the same friendlyName is refused before any change, naming aliases and the hook", async () => {
      const old = await run((host) => resourceOps(fx, "CompositionHook", { name: "hook", host }).create(hook));
      fx.emulator.log.clear();
      await run(async (host) => {
        await assert.rejects(resourceOps(fx, "CompositionHook", { name: "main-hook", host }).create(hook), (e: Error) => {
          assert.match(e.message, new RegExp(`already exists in account AC[0-9a-f]{32} \\(${old.created.id}\\) .*nothing was changed`));
          assert.match(e.message, /\{ aliases: \[\{ name: "<old resource name>" \}\] \}/);
          assert.match(e.message, new RegExp(`adoptSid = "${old.created.id}"`));
          return true;
        });
      });
      assert.deepEqual(calls(), ["GET /v1/RecordingSettings/Default 200", "POST /v1/CompositionHooks 400", "GET /v1/CompositionHooks 200"]);
      assert.deepEqual(
        (await hooks()).map((h) => h.sid),
        [old.created.id],
      );
    });

    it("a renamed resource that adopts the hook keeps it: the old resource's delete sends nothing", async () => {
      const old = await run((host) => resourceOps(fx, "CompositionHook", { name: "hook", host }).create(hook));
      fx.emulator.log.clear();
      await run(async (host) => {
        const adopted = await resourceOps(fx, "CompositionHook", { name: "main-hook", host }).create({ ...hook, adoptSid: old.created.id });
        assert.equal(adopted.created.id, old.created.id);
        await host.delete(old.created.id, fx.urn("CompositionHook", "hook"), old.created.properties);
      });
      assert.deepEqual(calls(), ["GET /v1/RecordingSettings/Default 200", `GET /v1/CompositionHooks/${old.created.id} 200`]);
      assert.deepEqual(
        (await hooks()).map((h) => h.sid),
        [old.created.id],
      );
    });

    it("a replacement deletes first: two hooks cannot share a name", async () => {
      const created = await run((host) => resourceOps(fx, "CompositionHook", { name: "hook", host }).create(hook));
      const diff = await run(async (host) => {
        const inputs = await resourceOps(fx, "CompositionHook", { name: "hook", host }).checked(hook);
        return host.diff(created.created.id, fx.urn("CompositionHook", "hook"), created.created.properties, inputs);
      });
      assert.equal(diff.deleteBeforeReplace, true);
    });
  });

  for (const [kind, path, material] of [["AwsCredential", "/v1/Credentials/AWS", KEY]] as const) {
    describe(kind, () => {
      const credentials = async () => (await fx.twilio<CredentialListJson>("GET", path)).body.credentials.map((c) => c.sid);

      it("a renamed resource that adopts the credential keeps it: the old resource's delete sends nothing", async () => {
        const old = await run((host) => resourceOps(fx, kind, { name: "writer", host }).create({ ...material, friendlyName: "w" }));
        fx.emulator.log.clear();
        await run(async (host) => {
          await resourceOps(fx, kind, { name: "s3-writer", host }).create({ ...material, friendlyName: "w", adoptSid: old.created.id });
          await host.delete(old.created.id, fx.urn(kind, "writer"), old.created.properties);
        });
        assert.deepEqual(calls(), [`GET ${path}/${old.created.id} 200`]);
        assert.deepEqual(await credentials(), [old.created.id]);
      });

      it("a rename without adoption makes a new credential and deletes the old one (dependants move in between)", async () => {
        const old = await run((host) => resourceOps(fx, kind, { name: "writer", host }).create({ ...material, friendlyName: "w" }));
        fx.emulator.log.clear();
        const renamed = await run(async (host) => {
          const made = await resourceOps(fx, kind, { name: "s3-writer", host }).create({ ...material, friendlyName: "w" });
          await host.delete(old.created.id, fx.urn(kind, "writer"), old.created.properties);
          return made.created.id;
        });
        assert.deepEqual(calls(), [`POST ${path} 201`, `DELETE ${path}/${old.created.id} 204`]);
        assert.deepEqual(await credentials(), [renamed]);
      });
    });
  }
});
