// CompositionSettings and RecordingSettings over the real dynamic-provider host, against the
// in-process emulator. Call budgets (Twilio requests per operation):
//   check 0 | diff 0 | create 1 GET + 1 POST (1 GET only when the live settings already match)
//   read 1 GET | update 1 POST | delete 1 POST (storage and encryption off) | adoption 1 GET + 1 POST
import { strict as assert } from "assert";
import { AWS_DOCS_EXAMPLE, credentialsParam } from "../fixtures/awsKeys";
import { RSA_2048 as PEM } from "../fixtures/publicKeys";
import { UNKNOWN, type PropertyBag } from "../helpers/providerHost";
import { ACCOUNT, Fixture, resourceOps, useFixture, withoutProvider } from "./fixture";
import type { CredentialJson, SettingsJson } from "../helpers/twilioConsole";

const SETTINGS = [
  { kind: "CompositionSettings", path: "/v1/CompositionSettings/Default" },
  { kind: "RecordingSettings", path: "/v1/RecordingSettings/Default" },
] as const;

const S3_URL = "https://media-bucket.s3.us-east-1.amazonaws.com/video";
const OTHER_ACCOUNT = "AC" + "f".repeat(32);

describe("video settings over the real dynamic-provider host", () => {
  let fx: Fixture;
  useFixture((f) => (fx = f));

  /** "METHOD path" of every request since the log was last cleared. */

  /** A real AWS credential and public key in the emulator, so storage and encryption can be enabled. */
  const makeCredentials = async () => {
    const aws = await fx.twilio<CredentialJson>("POST", "/v1/Credentials/AWS", {
      Credentials: credentialsParam(AWS_DOCS_EXAMPLE),
      FriendlyName: "writer",
    });
    const key = await fx.twilio<CredentialJson>("POST", "/v1/Credentials/PublicKeys", { PublicKey: PEM, FriendlyName: "encrypt" });
    assert.equal(aws.status, 201);
    assert.equal(key.status, 201);
    return { awsSid: aws.body.sid, keySid: key.body.sid };
  };

  for (const { kind, path } of SETTINGS) {
    describe(kind, () => {
      const urn = () => fx.urn(kind, "settings");
      const ops = () => resourceOps(fx, kind, { name: "settings" });
      const check = (news: PropertyBag) => ops().check(news);
      const checked = (news: PropertyBag) => ops().checked(news);
      const create = (news: PropertyBag) => ops().create(news);
      const live = async () => (await fx.twilio<SettingsJson>("GET", path)).body;

      describe("check", () => {
        it("fills the defaults (storage and encryption off) into the checked inputs, with zero calls", async () => {
          const inputs = await checked({ friendlyName: "media", encryptionEnabled: false });
          assert.deepEqual(withoutProvider(inputs), { friendlyName: "media", encryptionEnabled: false, awsStorageEnabled: false });
          assert.equal(fx.emulator.log.count(), 0);
        });

        it("names the field and the rule for every bad input, with zero calls", async () => {
          const res = await check({
            awsCredentialsSid: "CR123",
            encryptionKeySid: "PK" + "0".repeat(32),
            awsS3Url: "http://media-bucket.s3.amazonaws.com/video",
            adoptExisting: "yes",
            colour: "red",
          });
          const byProperty = Object.fromEntries(res.failures.map((f) => [f.property, f.reason]));
          assert.deepEqual(Object.keys(byProperty).sort(), [
            "adoptExisting",
            "awsCredentialsSid",
            "awsS3Url",
            "colour",
            "encryptionKeySid",
            "friendlyName",
          ]);
          assert.equal(byProperty.friendlyName, "friendlyName is required");
          assert.equal(byProperty.awsCredentialsSid, "awsCredentialsSid must be an AWS credential SID matching ^CR[0-9a-fA-F]{32}$");
          assert.equal(byProperty.encryptionKeySid, "encryptionKeySid must be a public key SID matching ^CR[0-9a-fA-F]{32}$");
          assert.match(byProperty.awsS3Url, /^awsS3Url must be https:\/\/BUCKET\.s3-REGION\.amazonaws\.com\/PREFIX /);
          assert.equal(byProperty.adoptExisting, "adoptExisting must be a boolean");
          assert.equal(byProperty.colour, `colour is not a property of ${kind}`);
          assert.equal(fx.emulator.log.count(), 0);
        });

        it("rejects an S3 URL whose bucket name is not DNS-compliant", async () => {
          const res = await check({ friendlyName: "media", awsS3Url: "https://Media_Bucket.s3.us-east-1.amazonaws.com/video" });
          assert.deepEqual(res.failures, [
            { property: "awsS3Url", reason: 'awsS3Url bucket "Media_Bucket" may contain only lowercase letters, digits, dots and hyphens' },
          ]);
        });

        it("needs a credential and a URL for storage, and a key for encryption", async () => {
          const res = await check({ friendlyName: "media", awsStorageEnabled: true, encryptionEnabled: true });
          assert.deepEqual(res.failures, [
            { property: "awsCredentialsSid", reason: "awsCredentialsSid is required when awsStorageEnabled is true" },
            { property: "awsS3Url", reason: "awsS3Url is required when awsStorageEnabled is true" },
            { property: "encryptionKeySid", reason: "encryptionKeySid is required when encryptionEnabled is true" },
          ]);
          assert.equal(fx.emulator.log.count(), 0);
        });

        it("lets unknown values through during preview", async () => {
          const res = await check({
            friendlyName: UNKNOWN,
            awsStorageEnabled: true,
            awsCredentialsSid: UNKNOWN,
            awsS3Url: UNKNOWN,
            encryptionEnabled: UNKNOWN,
          });
          assert.deepEqual(res.failures, []);
          assert.deepEqual(withoutProvider(res.inputs), {
            friendlyName: UNKNOWN,
            awsStorageEnabled: true,
            awsCredentialsSid: UNKNOWN,
            awsS3Url: UNKNOWN,
            encryptionEnabled: UNKNOWN,
          });
          assert.equal(fx.emulator.log.count(), 0);
        });
      });

      describe("lifecycle", () => {
        it("creates unconfigured settings with one GET and one POST; id is the account SID", async () => {
          const { created } = await create({ friendlyName: "media" });
          assert.equal(created.id, ACCOUNT.accountSid);
          // State holds no default (storage and encryption off) and not the account twice (it is the id).
          assert.deepEqual(withoutProvider(created.properties), {
            friendlyName: "media",
            awsStorageEnabled: false,
            encryptionEnabled: false,
          });
          assert.deepEqual(fx.calls(), [`GET ${path}`, `POST ${path}`]);
        });

        it("shows no change after create, with zero calls", async () => {
          const { inputs, created } = await create({ friendlyName: "media" });
          fx.emulator.log.clear();
          const diff = await fx.host.diff(created.id, urn(), created.properties, inputs);
          assert.equal(diff.changes, "none");
          assert.deepEqual(diff.replaces, []);
          assert.equal(fx.emulator.log.count(), 0);
        });

        it("updates every field in place with one POST and replaces on nothing", async () => {
          const { inputs, created } = await create({ friendlyName: "media" });
          const { awsSid, keySid } = await makeCredentials();
          const changes: PropertyBag = {
            friendlyName: "media-2",
            awsCredentialsSid: awsSid,
            awsS3Url: S3_URL,
            awsStorageEnabled: true,
            encryptionKeySid: keySid,
            encryptionEnabled: true,
          };
          for (const [key, value] of Object.entries(changes)) {
            const extra =
              key === "awsStorageEnabled"
                ? { awsCredentialsSid: awsSid, awsS3Url: S3_URL }
                : key === "encryptionEnabled"
                  ? { encryptionKeySid: keySid }
                  : {};
            const news = await checked({ ...withoutProvider(inputs), ...extra, [key]: value });
            const diff = await fx.host.diff(created.id, urn(), created.properties, news);
            assert.equal(diff.changes, "some", key);
            assert.deepEqual(diff.replaces, [], key);
            assert.equal(diff.deleteBeforeReplace, false, key);
          }
          fx.emulator.log.clear();
          const news = await checked({ ...withoutProvider(inputs), ...changes });
          const updated = await fx.host.update(created.id, urn(), created.properties, news);
          assert.deepEqual(fx.calls(), [`POST ${path}`]);
          assert.deepEqual(withoutProvider(updated.properties), changes);
          assert.deepEqual(await live(), {
            account_sid: ACCOUNT.accountSid,
            friendly_name: "media-2",
            aws_credentials_sid: awsSid,
            aws_s3_url: S3_URL,
            aws_storage_enabled: true,
            encryption_key_sid: keySid,
            encryption_enabled: true,
            url: `${fx.emulator.url}${path}`,
          });
          const after = await fx.host.diff(created.id, urn(), updated.properties, news);
          assert.equal(after.changes, "none");
        });

        it("creates with storage enabled against a real AWS credential", async () => {
          const { awsSid } = await makeCredentials();
          fx.emulator.log.clear();
          const { created } = await create({ friendlyName: "to-s3", awsStorageEnabled: true, awsCredentialsSid: awsSid, awsS3Url: S3_URL });
          assert.equal(created.properties.awsStorageEnabled, true);
          assert.equal(created.properties.awsCredentialsSid, awsSid);
          assert.equal(created.properties.awsS3Url, S3_URL);
          assert.deepEqual(fx.calls(), [`GET ${path}`, `POST ${path}`]);
        });

        it("reads with one GET, reports a console change, and repairs it with one POST", async () => {
          const { inputs, created } = await create({ friendlyName: "media" });
          fx.emulator.log.clear();
          const read = await fx.host.read(created.id, urn(), created.properties);
          assert.equal(read.id, ACCOUNT.accountSid);
          assert.deepEqual(withoutProvider(read.properties), withoutProvider(created.properties));
          assert.deepEqual(withoutProvider(read.inputs), { friendlyName: "media", awsStorageEnabled: false, encryptionEnabled: false });
          assert.deepEqual(fx.calls(), [`GET ${path}`]);

          const { keySid } = await makeCredentials();
          const console = await fx.twilio("POST", path, { FriendlyName: "console", EncryptionKeySid: keySid, EncryptionEnabled: "true" });
          assert.equal(console.status, 200);
          const drifted = await fx.host.read(created.id, urn(), created.properties);
          assert.equal(drifted.properties.friendlyName, "console");
          assert.equal(drifted.properties.encryptionEnabled, true);
          assert.equal(drifted.properties.encryptionKeySid, keySid);
          assert.deepEqual(withoutProvider(drifted.inputs), {
            friendlyName: "console",
            encryptionKeySid: keySid,
            encryptionEnabled: true,
            awsStorageEnabled: false,
          });
          const diff = await fx.host.diff(created.id, urn(), drifted.properties, inputs);
          assert.equal(diff.changes, "some");
          assert.deepEqual(diff.replaces, []);

          fx.emulator.log.clear();
          const repaired = await fx.host.update(created.id, urn(), drifted.properties, inputs);
          assert.deepEqual(fx.calls(), [`POST ${path}`]);
          assert.deepEqual(withoutProvider(repaired.properties), withoutProvider(created.properties));
          const now = await live();
          assert.equal(now.friendly_name, "media");
          assert.equal(now.encryption_enabled, false);
          assert.equal(now.encryption_key_sid, null);
        });

        it("deletes with one POST that switches storage and encryption off", async () => {
          const { awsSid, keySid } = await makeCredentials();
          const { created } = await create({
            friendlyName: "media",
            awsStorageEnabled: true,
            awsCredentialsSid: awsSid,
            awsS3Url: S3_URL,
            encryptionEnabled: true,
            encryptionKeySid: keySid,
          });
          fx.emulator.log.clear();
          // As `pulumi destroy` does: a new provider process, which has seen no other resource.
          const destroyer = await fx.newHost();
          try {
            await destroyer.delete(created.id, urn(), created.properties);
          } finally {
            await destroyer.close();
          }
          assert.deepEqual(
            fx.emulator.log.entries().map((e) => `${e.method} ${e.path} ${e.status}`),
            [`POST ${path} 200`],
          );
          assert.deepEqual(await live(), {
            account_sid: ACCOUNT.accountSid,
            friendly_name: "media",
            aws_credentials_sid: null,
            aws_s3_url: null,
            aws_storage_enabled: false,
            encryption_key_sid: null,
            encryption_enabled: false,
            url: `${fx.emulator.url}${path}`,
          });
        });
      });

      describe("settings configured elsewhere", () => {
        const configureInConsole = async () => {
          const { awsSid } = await makeCredentials();
          const res = await fx.twilio("POST", path, {
            FriendlyName: "console",
            AwsCredentialsSid: awsSid,
            AwsS3Url: S3_URL,
            AwsStorageEnabled: "true",
          });
          assert.equal(res.status, 200);
          fx.emulator.log.clear();
          return awsSid;
        };

        it("refuses to take over differing settings without adoptExisting, after one GET and no write", async () => {
          await configureInConsole();
          const inputs = await checked({ friendlyName: "media" });
          await assert.rejects(
            fx.host.create(urn(), inputs),
            new RegExp(
              `${kind} of account ${ACCOUNT.accountSid} are already configured \\(friendlyName "console", storage on to ${S3_URL.replace(/\./g, "\\.")}, encryption off\\).*Set adoptExisting: true`,
            ),
          );
          assert.deepEqual(fx.calls(), [`GET ${path}`]);
          assert.equal((await live()).aws_storage_enabled, true);
        });

        it("takes them over with adoptExisting: true (one GET, one POST, nothing deleted)", async () => {
          await configureInConsole();
          const { inputs, created } = await create({ friendlyName: "media", adoptExisting: true });
          assert.deepEqual(fx.calls(), [`GET ${path}`, `POST ${path}`]);
          assert.equal(created.id, ACCOUNT.accountSid);
          assert.deepEqual(withoutProvider(created.properties), {
            friendlyName: "media",
            awsStorageEnabled: false,
            encryptionEnabled: false,
            adoptExisting: true,
          });
          assert.equal((await live()).aws_storage_enabled, false);
          // adoptExisting is a creation-time instruction: dropping it later changes nothing.
          const { adoptExisting, ...rest } = inputs;
          assert.equal(adoptExisting, true);
          assert.equal((await fx.host.diff(created.id, urn(), created.properties, rest)).changes, "none");
        });

        it("accepts configured settings that already match, with one GET and no write", async () => {
          const awsSid = await configureInConsole();
          const { created } = await create({
            friendlyName: "console",
            awsCredentialsSid: awsSid,
            awsS3Url: S3_URL,
            awsStorageEnabled: true,
          });
          assert.deepEqual(fx.calls(), [`GET ${path}`]);
          assert.equal(created.properties.awsStorageEnabled, true);
        });
      });

      describe("account guard", () => {
        it("refuses to diff, read, update or delete settings recorded for another account, with zero calls", async () => {
          const { inputs, created } = await create({ friendlyName: "media" });
          fx.emulator.log.clear();
          const moved = { ...created.properties, accountSid: OTHER_ACCOUNT };
          const message = new RegExp(
            `${kind} ${ACCOUNT.accountSid} lives in account ${OTHER_ACCOUNT}, but the stack is now configured for account ${ACCOUNT.accountSid}`,
          );
          await assert.rejects(fx.host.diff(created.id, urn(), moved, inputs), message);
          await assert.rejects(fx.host.read(created.id, urn(), moved), message);
          await assert.rejects(fx.host.update(created.id, urn(), moved, inputs), message);
          await assert.rejects(fx.host.delete(created.id, urn(), moved), message);
          assert.equal(fx.emulator.log.count(), 0);
        });
      });
    });
  }
});
