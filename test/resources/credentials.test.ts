// AwsCredential and PublicKey over the real dynamic-provider host, against the in-process emulator.
// Call budgets (Twilio requests per operation):
//   check 0 | diff 0 | create 1 POST | read 1 GET | update 1 POST (FriendlyName only) | delete 1 DELETE
//   adoption 1 GET (+ 1 POST when friendlyName differs) | create whose response was lost: POST + list GET
import { strict as assert } from "assert";
import { RSA_2048, RSA_2048_OTHER } from "../fixtures/publicKeys";
import { UNKNOWN, type PropertyBag, type ProviderHost } from "../helpers/providerHost";
import { ACCOUNT, Fixture, resourceOps, useFixture, withoutProvider } from "./fixture";
import type { CredentialJson, CredentialListJson } from "../helpers/twilioConsole";

const ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
// '/', '+' and '=' make the form encoding differ from the raw text: both must stay hidden.
const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKE=";
const OTHER_ACCOUNT = "AC" + "f".repeat(32);
const PEM = RSA_2048;

describe("credentials over the real dynamic-provider host", () => {
  let fx: Fixture;
  useFixture((f) => (fx = f));

  const ops = (kind: string, host?: ProviderHost) => resourceOps(fx, kind, { name: "cred", host });

  describe("AwsCredential", () => {
    const KIND = "AwsCredential";
    const aws = () => ops(KIND);
    const base = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, friendlyName: "writer" };

    describe("check", () => {
      it("passes valid inputs unchanged (no defaults), with zero calls", async () => {
        const inputs = await aws().checked(base);
        assert.deepEqual(withoutProvider(inputs), base);
        assert.equal(fx.emulator.log.count(), 0);
      });

      it("names the field and the rule for every bad input, never quoting the secret", async () => {
        const badSecret = "abc:def";
        const res = await aws().check({
          accessKeyId: "akia-lower",
          secretAccessKey: badSecret,
          friendlyName: "x".repeat(65),
          accountSid: "AC123",
          adoptSid: "HK" + "0".repeat(32),
          colour: "red",
        });
        const byProperty = Object.fromEntries(res.failures.map((f) => [f.property, f.reason]));
        assert.deepEqual(byProperty, {
          colour: "colour is not a property of AwsCredential",
          accessKeyId: "accessKeyId must match [A-Z0-9]{20} (an AWS access key id); Twilio refuses any other with error 70106",
          secretAccessKey:
            "secretAccessKey must match [A-Za-z0-9/+=]{40} (an AWS secret access key); Twilio refuses any other with error 70106",
          friendlyName: "friendlyName must be at most 64 characters",
          // Subaccounts are managed by a stack configured for them, not by an input.
          accountSid: "accountSid is not a property of AwsCredential",
          adoptSid: "adoptSid must be a credential SID matching ^CR[0-9a-fA-F]{32}$",
        });
        assert.ok(!JSON.stringify(res.failures).includes(badSecret));
        assert.equal(fx.emulator.log.count(), 0);
      });

      it("requires the key id and a secret; 64-character names are fine", async () => {
        const missing = await aws().check({});
        assert.deepEqual(missing.failures, [
          { property: "accessKeyId", reason: "accessKeyId is required" },
          { property: "secretAccessKey", reason: "secretAccessKey is required" },
        ]);
        const empty = await aws().check({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: "", friendlyName: "x".repeat(64) });
        assert.deepEqual(
          empty.failures.map((f) => f.reason),
          ["secretAccessKey must match [A-Za-z0-9/+=]{40} (an AWS secret access key); Twilio refuses any other with error 70106"],
        );
        assert.equal(fx.emulator.log.count(), 0);
      });

      it("lets unknown values through during preview", async () => {
        const res = await aws().check({ accessKeyId: UNKNOWN, secretAccessKey: UNKNOWN, friendlyName: UNKNOWN });
        assert.deepEqual(res.failures, []);
        assert.deepEqual(withoutProvider(res.inputs), { accessKeyId: UNKNOWN, secretAccessKey: UNKNOWN, friendlyName: UNKNOWN });
      });
    });

    describe("lifecycle", () => {
      it("creates with one POST; outputs carry the SIDs, key id and fingerprint, never the secret", async () => {
        const { created } = await aws().create(base);
        assert.deepEqual(fx.calls(), ["POST /v1/Credentials/AWS"]);
        assert.match(created.id, /^CR[0-9a-f]{32}$/);
        const p = withoutProvider(created.properties);
        assert.match(String(p.secretAccessKeyHash), /^[0-9a-f]{64}$/);
        assert.deepEqual(p, {
          accessKeyId: ACCESS_KEY_ID,
          secretAccessKeyHash: p.secretAccessKeyHash,
          friendlyName: "writer",
          accountSid: ACCOUNT.accountSid,
          managedByAccountSid: ACCOUNT.accountSid,
        }); // no sid (it is the id), no API URL, no Twilio timestamps
        assert.ok(!JSON.stringify(created.properties).includes(SECRET));
        assert.ok(!JSON.stringify(created.properties).includes(encodeURIComponent(SECRET)));
      });

      it("shows no change after create, and replaces (create-before-delete) on new key material", async () => {
        const { inputs, created } = await aws().create(base);
        fx.emulator.log.clear();
        const diffWith = async (change: PropertyBag) =>
          fx.host.diff(created.id, aws().urn, created.properties, await aws().checked({ ...withoutProvider(inputs), ...change }));

        assert.deepEqual(await diffWith({}), { changes: "none", replaces: [], deleteBeforeReplace: false, diffs: [], stables: [] });
        const rename = await diffWith({ friendlyName: "writer-2" });
        assert.equal(rename.changes, "some");
        assert.deepEqual(rename.replaces, []);

        const secret = await diffWith({ secretAccessKey: "another/Secret+Key".padEnd(40, "0") });
        assert.deepEqual([secret.changes, secret.replaces, secret.deleteBeforeReplace], ["some", ["secretAccessKey"], false]);
        // The fingerprint covers the key pair, so a new key id also reads as a new secret.
        const keyId = await diffWith({ accessKeyId: "AKIAI44QH8DHBEXAMPLE" });
        assert.deepEqual([keyId.changes, keyId.replaces, keyId.deleteBeforeReplace], ["some", ["accessKeyId", "secretAccessKey"], false]);
        assert.equal(fx.emulator.log.count(), 0);
      });

      it("renames in place with one POST", async () => {
        const { inputs, created } = await aws().create(base);
        fx.emulator.log.clear();
        const news = await aws().checked({ ...withoutProvider(inputs), friendlyName: "writer-2" });
        const updated = await fx.host.update(created.id, aws().urn, created.properties, news);
        assert.deepEqual(fx.calls(), [`POST /v1/Credentials/AWS/${created.id}`]);
        assert.equal(updated.properties.friendlyName, "writer-2");
        assert.equal(updated.properties.secretAccessKeyHash, created.properties.secretAccessKeyHash);
        assert.equal((await fx.twilio<CredentialJson>("GET", `/v1/Credentials/AWS/${created.id}`)).body.friendly_name, "writer-2");
        assert.equal((await fx.host.diff(created.id, aws().urn, updated.properties, news)).changes, "none");
      });

      it("leaves the name alone when friendlyName is removed from the program (Twilio cannot clear it)", async () => {
        const { inputs, created } = await aws().create(base);
        const { friendlyName, ...unnamed } = inputs;
        assert.equal(friendlyName, "writer");
        fx.emulator.log.clear();
        assert.deepEqual((await fx.host.diff(created.id, aws().urn, created.properties, unnamed)).changes, "none");
        const read = await fx.host.read(created.id, aws().urn, created.properties);
        assert.equal(read.properties.friendlyName, "writer");
        assert.deepEqual((await fx.host.diff(created.id, aws().urn, read.properties, unnamed)).changes, "none");
        assert.deepEqual(fx.calls(), [`GET /v1/Credentials/AWS/${created.id}`]);
      });

      it("reads with one GET, reports a rename made outside Pulumi, and repairs it", async () => {
        const { inputs, created } = await aws().create(base);
        fx.emulator.log.clear();
        const read = await fx.host.read(created.id, aws().urn, created.properties);
        assert.deepEqual(fx.calls(), [`GET /v1/Credentials/AWS/${created.id}`]);
        assert.equal(read.id, created.id);
        assert.deepEqual(withoutProvider(read.properties), withoutProvider(created.properties));
        assert.deepEqual(withoutProvider(read.inputs), { accessKeyId: ACCESS_KEY_ID, friendlyName: "writer" });

        assert.equal((await fx.twilio("POST", `/v1/Credentials/AWS/${created.id}`, { FriendlyName: "console" })).status, 200);
        const drifted = await fx.host.read(created.id, aws().urn, created.properties);
        assert.equal(drifted.properties.friendlyName, "console");
        assert.equal(drifted.inputs.friendlyName, "console");
        const diff = await fx.host.diff(created.id, aws().urn, drifted.properties, inputs);
        assert.deepEqual([diff.changes, diff.replaces], ["some", []]);
        const repaired = await fx.host.update(created.id, aws().urn, drifted.properties, inputs);
        assert.equal(repaired.properties.friendlyName, "writer");
      });

      it("deletes with one DELETE; a second delete and a read of the deleted credential are fine", async () => {
        const { created } = await aws().create(base);
        fx.emulator.log.clear();
        await fx.host.delete(created.id, aws().urn, created.properties);
        assert.deepEqual(
          fx.emulator.log.entries().map((e) => `${e.method} ${e.path} ${e.status}`),
          [`DELETE /v1/Credentials/AWS/${created.id} 204`],
        );
        assert.equal((await fx.twilio("GET", `/v1/Credentials/AWS/${created.id}`)).status, 404);
        fx.emulator.log.clear();
        await fx.host.delete(created.id, aws().urn, created.properties);
        assert.deepEqual(
          fx.emulator.log.entries().map((e) => `${e.method} ${e.status}`),
          ["DELETE 404"],
        );
        const gone = await fx.host.read(created.id, aws().urn, created.properties);
        assert.equal(gone.id, "");
      });

      it("refuses to touch a credential managed by another account, with zero calls", async () => {
        const { inputs, created } = await aws().create(base);
        fx.emulator.log.clear();
        const moved = { ...created.properties, managedByAccountSid: OTHER_ACCOUNT };
        const message = new RegExp(
          `AwsCredential ${created.id} lives in account ${OTHER_ACCOUNT}, but the stack is now configured for account ${ACCOUNT.accountSid}`,
        );
        await assert.rejects(fx.host.diff(created.id, aws().urn, moved, inputs), message);
        await assert.rejects(fx.host.read(created.id, aws().urn, moved), message);
        await assert.rejects(fx.host.delete(created.id, aws().urn, moved), message);
        assert.equal(fx.emulator.log.count(), 0);
      });
    });

    describe("adoption and lost responses", () => {
      const consoleCredential = async (name: string) => {
        const made = await fx.twilio<CredentialJson>("POST", "/v1/Credentials/AWS", {
          Credentials: `${ACCESS_KEY_ID}:${SECRET}`,
          FriendlyName: name,
        });
        assert.equal(made.status, 201);
        fx.emulator.log.clear();
        return made.body.sid;
      };

      it("adopts by SID with one GET when the name already matches", async () => {
        const sid = await consoleCredential("writer");
        const { created } = await aws().create({ ...base, adoptSid: sid });
        assert.equal(created.id, sid);
        assert.deepEqual(fx.calls(), [`GET /v1/Credentials/AWS/${sid}`]);
        assert.equal(created.properties.adoptSid, sid);
        assert.match(String(created.properties.secretAccessKeyHash), /^[0-9a-f]{64}$/);
      });

      it("adopts by SID with one GET and one rename POST when the name differs, creating nothing", async () => {
        const sid = await consoleCredential("console");
        const { inputs, created } = await aws().create({ ...base, adoptSid: sid });
        assert.deepEqual(fx.calls(), [`GET /v1/Credentials/AWS/${sid}`, `POST /v1/Credentials/AWS/${sid}`]);
        assert.equal(created.properties.friendlyName, "writer");
        assert.equal((await fx.twilio<CredentialListJson>("GET", "/v1/Credentials/AWS")).body.credentials.length, 1);
        const { adoptSid, ...rest } = inputs;
        assert.equal(adoptSid, sid);
        assert.equal((await fx.host.diff(created.id, aws().urn, created.properties, rest)).changes, "none");
      });

      it("says so when the SID to adopt does not exist", async () => {
        const missing = "CR" + "9".repeat(32);
        const inputs = await aws().checked({ ...base, adoptSid: missing });
        await assert.rejects(
          fx.host.create(aws().urn, inputs),
          new RegExp(`adoptSid: AwsCredential ${missing} does not exist in the configured account`),
        );
        assert.deepEqual(fx.calls(), [`GET /v1/Credentials/AWS/${missing}`]);
      });

      it("a create whose response was dropped ends with exactly one credential", async () => {
        fx.emulator.faults.add({ kind: "drop", match: { method: "POST", path: "/v1/Credentials/AWS" } });
        const { created } = await aws().create({ ...base, friendlyName: "dropped" });
        assert.deepEqual(
          fx.emulator.log.entries().map((e) => `${e.method} ${e.path} ${e.faulted ?? e.status}`),
          ["POST /v1/Credentials/AWS drop", "GET /v1/Credentials/AWS 200"],
        );
        const list = (await fx.twilio<CredentialListJson>("GET", "/v1/Credentials/AWS")).body.credentials.filter(
          (c) => c.friendly_name === "dropped",
        );
        assert.deepEqual(
          list.map((c: { sid: string }) => c.sid),
          [created.id],
        );
        assert.equal(created.properties.friendlyName, "dropped");
      });

      it("a create that failed before writing is sent again and ends with exactly one credential", async () => {
        fx.emulator.faults.add({ kind: "status", status: 500, match: { method: "POST", path: "/v1/Credentials/AWS" } });
        const { created } = await aws().create({ ...base, friendlyName: "retried" });
        assert.deepEqual(
          fx.emulator.log.entries().map((e) => `${e.method} ${e.path} ${e.status}`),
          ["POST /v1/Credentials/AWS 500", "GET /v1/Credentials/AWS 200", "POST /v1/Credentials/AWS 201"],
        );
        const list = (await fx.twilio<CredentialListJson>("GET", "/v1/Credentials/AWS")).body.credentials;
        assert.deepEqual(
          list.map((c: { sid: string }) => c.sid),
          [created.id],
        );
      });

      it("a lost response next to a same-named credential is reported with both SIDs, not guessed", async () => {
        const earlier = await consoleCredential("shared");
        fx.emulator.faults.add({ kind: "drop", match: { method: "POST", path: "/v1/Credentials/AWS" } });
        const inputs = await aws().checked({ ...base, friendlyName: "shared" });
        await assert.rejects(
          fx.host.create(aws().urn, inputs),
          new RegExp(
            `AwsCredential create lost its response and 2 credentials named "shared" were created since: ${earlier}, CR[0-9a-f]{32}; set adoptSid`,
          ),
        );
      });
    });
  });

  describe("PublicKey", () => {
    const KIND = "PublicKey";
    const pk = () => ops(KIND);
    const base = { publicKey: PEM, friendlyName: "encrypt" };

    it("check: PEM, name length and SID rules, with zero calls", async () => {
      assert.deepEqual(withoutProvider(await pk().checked(base)), base);
      const res = await pk().check({
        publicKey: "ssh-rsa AAAAB3Nza",
        friendlyName: "y".repeat(65),
        accountSid: "AC" + "g".repeat(32),
        adoptSid: "CR1",
      });
      assert.deepEqual(Object.fromEntries(res.failures.map((f) => [f.property, f.reason])), {
        publicKey:
          "publicKey must be an X.509 PEM public key (-----BEGIN PUBLIC KEY----- ...) that parses; Twilio refuses it with error 70104",
        friendlyName: "friendlyName must be at most 64 characters",
        accountSid: "accountSid is not a property of PublicKey",
        adoptSid: "adoptSid must be a credential SID matching ^CR[0-9a-fA-F]{32}$",
      });
      assert.deepEqual((await pk().check({})).failures, [{ property: "publicKey", reason: "publicKey is required" }]);
      assert.equal(fx.emulator.log.count(), 0);
    });

    it("creates with one POST and keeps the PEM in outputs", async () => {
      const { created } = await pk().create(base);
      assert.deepEqual(fx.calls(), ["POST /v1/Credentials/PublicKeys"]);
      const p = withoutProvider(created.properties);
      assert.deepEqual(p, {
        publicKey: PEM,
        friendlyName: "encrypt",
        accountSid: ACCOUNT.accountSid,
        managedByAccountSid: ACCOUNT.accountSid,
      });
    });

    it("diff: a reformatted PEM is no change; a new key replaces; a rename updates", async () => {
      const { inputs, created } = await pk().create(base);
      fx.emulator.log.clear();
      const diffWith = async (change: PropertyBag) =>
        fx.host.diff(created.id, pk().urn, created.properties, await pk().checked({ ...withoutProvider(inputs), ...change }));
      assert.equal((await diffWith({})).changes, "none");
      assert.equal((await diffWith({ publicKey: PEM.trim().replace(/\n/g, "\r\n") + "\r\n\n" })).changes, "none");
      const key = await diffWith({ publicKey: RSA_2048_OTHER });
      assert.deepEqual([key.changes, key.replaces, key.deleteBeforeReplace], ["some", ["publicKey"], false]);
      const rename = await diffWith({ friendlyName: "encrypt-2" });
      assert.deepEqual([rename.changes, rename.replaces], ["some", []]);
      assert.equal(fx.emulator.log.count(), 0);
    });

    it("renames with one POST, reads with one GET, deletes with one DELETE, then reads as gone", async () => {
      const { inputs, created } = await pk().create(base);
      const path = `/v1/Credentials/PublicKeys/${created.id}`;
      fx.emulator.log.clear();
      const updated = await fx.host.update(created.id, pk().urn, created.properties, { ...inputs, friendlyName: "encrypt-2" });
      assert.equal(updated.properties.friendlyName, "encrypt-2");
      assert.equal(updated.properties.publicKey, PEM);
      const read = await fx.host.read(created.id, pk().urn, updated.properties);
      assert.deepEqual(withoutProvider(read.properties), withoutProvider(updated.properties));
      assert.deepEqual(withoutProvider(read.inputs), { publicKey: PEM, friendlyName: "encrypt-2" });
      await fx.host.delete(created.id, pk().urn, read.properties);
      assert.deepEqual(fx.calls(), [`POST ${path}`, `GET ${path}`, `DELETE ${path}`]);
      assert.equal((await fx.host.read(created.id, pk().urn, read.properties)).id, "");
    });

    it("adopts by SID with one GET and one rename POST", async () => {
      const made = await fx.twilio<CredentialJson>("POST", "/v1/Credentials/PublicKeys", { PublicKey: PEM, FriendlyName: "console" });
      fx.emulator.log.clear();
      const { created } = await pk().create({ ...base, adoptSid: made.body.sid });
      assert.equal(created.id, made.body.sid);
      assert.equal(created.properties.friendlyName, "encrypt");
      assert.deepEqual(fx.calls(), [`GET /v1/Credentials/PublicKeys/${made.body.sid}`, `POST /v1/Credentials/PublicKeys/${made.body.sid}`]);
    });
  });
});
