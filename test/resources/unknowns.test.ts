// Diff with inputs unknown at preview (a value another resource will produce: a new credential's
// SID, a rotated key from a secret store) over the real dynamic-provider host. The plan must be
// right before the value exists: an update where an update will happen, a replace where a replace
// will, and never a Twilio call.
import { strict as assert } from "assert";
import { UNKNOWN } from "../helpers/providerHost";
import { Fixture, resourceOps, useFixture } from "./fixture";
import type { CredentialJson } from "../helpers/twilioConsole";

const KEY = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKE=", friendlyName: "writer" }; // shaped as Twilio wants (70106)

describe("diff with unknown inputs over the real dynamic-provider host", () => {
  let fx: Fixture;
  useFixture((f) => (fx = f));

  const diffAfterCreate = async (kind: string, props: Record<string, unknown>, next: Record<string, unknown>) => {
    const ops = resourceOps(fx, kind, { name: "r" });
    const { created } = await ops.create(props);
    fx.emulator.log.clear();
    // check lets unknowns through; diff sees them as the engine sends them.
    const news = (await ops.check({ ...props, ...next })).inputs;
    const diff = await fx.host.diff(created.id, ops.urn, created.properties, news);
    assert.equal(fx.emulator.log.count(), 0, "diff called Twilio");
    return diff;
  };

  it("settings whose credential SID is unknown (a new credential) plan an update in place", async () => {
    const cr = (
      await fx.twilio<CredentialJson>("POST", "/v1/Credentials/AWS", { Credentials: `${KEY.accessKeyId}:${KEY.secretAccessKey}` })
    ).body.sid;
    const storage = {
      friendlyName: "media",
      awsStorageEnabled: true,
      awsCredentialsSid: cr,
      awsS3Url: "https://media-bucket.s3.us-east-1.amazonaws.com/v",
    };
    const diff = await diffAfterCreate("RecordingSettings", storage, { awsCredentialsSid: UNKNOWN });
    assert.deepEqual([diff.changes, diff.replaces], ["some", []]);
  });

  it("an AwsCredential whose key id or secret is unknown (a rotation) plans a replacement", async () => {
    for (const next of [{ accessKeyId: UNKNOWN }, { secretAccessKey: UNKNOWN }]) {
      const diff = await diffAfterCreate("AwsCredential", KEY, next);
      assert.equal(diff.changes, "some");
      // The secret is compared through a fingerprint of key id and secret, so either one unknown
      // may list both; nothing else is replaced.
      assert.ok(diff.replaces.includes(Object.keys(next)[0]), JSON.stringify(diff));
      assert.deepEqual(
        diff.replaces.filter((k) => k !== "accessKeyId" && k !== "secretAccessKey"),
        [],
      );
      assert.equal(diff.deleteBeforeReplace, false, "a rotation must create the new credential first");
    }
  });

  it("an AwsCredential whose unknown name is the only unknown plans an update, not a replacement", async () => {
    const diff = await diffAfterCreate("AwsCredential", KEY, { friendlyName: UNKNOWN });
    assert.deepEqual([diff.changes, diff.replaces], ["some", []]);
  });

  it("a hook whose layout or tracks are unknown plans an update in place", async () => {
    const hook = { friendlyName: "main", audioSources: ["*"] };
    for (const next of [{ videoLayout: UNKNOWN }, { audioSources: UNKNOWN }, { statusCallback: UNKNOWN }]) {
      await fx.emulator.reset();
      const diff = await diffAfterCreate("CompositionHook", hook, next);
      assert.deepEqual([diff.changes, diff.replaces], ["some", []], JSON.stringify(next));
    }
  });
});
