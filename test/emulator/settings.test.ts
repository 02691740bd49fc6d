import { strict as assert } from "assert";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { AWS_DOCS_EXAMPLE, credentialsParam } from "../fixtures/awsKeys";
import { RSA_2048 as PEM } from "../fixtures/publicKeys";
import { api, hex32 } from "./helpers";

const S3_URL = "https://my-recordings.s3.eu-west-1.amazonaws.com/video/compositions";

for (const [title, path] of [
  ["CompositionSettings", "/v1/CompositionSettings/Default"],
  ["RecordingSettings", "/v1/RecordingSettings/Default"],
] as const) {
  describe(`emulator: ${title}/Default`, () => {
    let emulator: Emulator;
    let credentialSid: string;
    let keySid: string;
    before(async () => {
      emulator = await startEmulator();
    });
    beforeEach(async () => {
      credentialSid = (await api(emulator, "POST", "/v1/Credentials/AWS", { form: { Credentials: credentialsParam(AWS_DOCS_EXAMPLE) } }))
        .body.sid;
      keySid = (await api(emulator, "POST", "/v1/Credentials/PublicKeys", { form: { PublicKey: PEM } })).body.sid;
    });
    afterEach(() => emulator.reset());
    after(() => emulator.close());

    it("GET of unconfigured settings returns the default object (storage and encryption off)", async () => {
      const res = await api(emulator, "GET", path);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, {
        account_sid: DEFAULT_ACCOUNT.accountSid,
        friendly_name: null,
        aws_credentials_sid: null,
        aws_s3_url: null,
        aws_storage_enabled: false,
        encryption_key_sid: null,
        encryption_enabled: false,
        url: `${emulator.url}${path}`,
      });
    });

    it("POST answers 200 (the current spec) with the full object, GET returns it, a second POST replaces it", async () => {
      const form = {
        FriendlyName: "prod",
        AwsCredentialsSid: credentialSid,
        AwsS3Url: S3_URL,
        AwsStorageEnabled: true,
        EncryptionKeySid: keySid,
        EncryptionEnabled: true,
      };
      const res = await api(emulator, "POST", path, { form });
      assert.equal(res.status, 200);
      const expected = {
        account_sid: DEFAULT_ACCOUNT.accountSid,
        friendly_name: "prod",
        aws_credentials_sid: credentialSid,
        aws_s3_url: S3_URL,
        aws_storage_enabled: true,
        encryption_key_sid: keySid,
        encryption_enabled: true,
        url: `${emulator.url}${path}`,
      };
      assert.deepEqual(res.body, expected);
      assert.deepEqual((await api(emulator, "GET", path)).body, expected);
      const reset = await api(emulator, "POST", path, { form: { FriendlyName: "off" } });
      assert.equal(reset.status, 200);
      assert.deepEqual(reset.body, {
        ...expected,
        friendly_name: "off",
        aws_credentials_sid: null,
        aws_s3_url: null,
        aws_storage_enabled: false,
        encryption_key_sid: null,
        encryption_enabled: false,
      });
    });

    it("disabling storage succeeds even when the referenced credential is gone", async () => {
      await api(emulator, "DELETE", `/v1/Credentials/AWS/${credentialSid}`);
      const res = await api(emulator, "POST", path, {
        form: { FriendlyName: "off", AwsCredentialsSid: credentialSid, AwsS3Url: S3_URL, AwsStorageEnabled: false },
      });
      assert.equal(res.status, 200);
    });

    const cases: { title: string; form: () => Record<string, string | boolean>; code: number; names: string[] }[] = [
      { title: "FriendlyName required", form: () => ({ AwsStorageEnabled: false }), code: 20001, names: ["FriendlyName"] },
      {
        title: "AwsCredentialsSid pattern",
        form: () => ({ FriendlyName: "x", AwsCredentialsSid: "CR123" }),
        code: 20002,
        names: ["AwsCredentialsSid"],
      },
      {
        title: "EncryptionKeySid pattern",
        form: () => ({ FriendlyName: "x", EncryptionKeySid: "PK" + hex32(1) }),
        code: 20002,
        names: ["EncryptionKeySid"],
      },
      {
        title: "AwsS3Url https",
        form: () => ({ FriendlyName: "x", AwsS3Url: "http://b.s3.amazonaws.com/p" }),
        code: 20002,
        names: ["AwsS3Url"],
      },
      {
        title: "AwsS3Url bucket name",
        form: () => ({ FriendlyName: "x", AwsS3Url: "https://Bad_Bucket.s3.amazonaws.com/p" }),
        code: 20002,
        names: ["AwsS3Url", "Bad_Bucket"],
      },
      {
        title: "AwsStorageEnabled boolean",
        form: () => ({ FriendlyName: "x", AwsStorageEnabled: "on" }),
        code: 20002,
        names: ["AwsStorageEnabled"],
      },
      {
        title: "storage needs a credential",
        form: () => ({ FriendlyName: "x", AwsS3Url: S3_URL, AwsStorageEnabled: true }),
        code: 53124,
        names: ["AwsCredentialsSid"],
      },
      {
        title: "storage needs a URL",
        form: () => ({ FriendlyName: "x", AwsCredentialsSid: credentialSid, AwsStorageEnabled: true }),
        code: 53124,
        names: ["AwsS3Url"],
      },
      {
        title: "storage needs an existing credential of this account",
        form: () => ({ FriendlyName: "x", AwsCredentialsSid: "CR" + hex32(9), AwsS3Url: S3_URL, AwsStorageEnabled: true }),
        code: 53125,
        names: ["AwsCredentialsSid"],
      },
      {
        title: "encryption needs a key",
        form: () => ({ FriendlyName: "x", EncryptionEnabled: true }),
        code: 53124,
        names: ["EncryptionKeySid"],
      },
      {
        title: "encryption needs an existing public key (an AWS credential is not one)",
        form: () => ({ FriendlyName: "x", EncryptionKeySid: credentialSid, EncryptionEnabled: true }),
        code: 53125,
        names: ["EncryptionKeySid"],
      },
    ];
    for (const c of cases) {
      it(`${c.title}: 400 ${c.code}`, async () => {
        const res = await api(emulator, "POST", path, { form: c.form() });
        assert.equal(res.status, 400);
        assert.equal(res.body.code, c.code);
        for (const name of c.names) assert.ok(res.body.message.includes(name), `"${res.body.message}" should name ${name}`);
        assert.equal((await api(emulator, "GET", path)).body.friendly_name, null);
      });
    }

    it("DELETE is not allowed (405, code 20004)", async () => {
      const res = await api(emulator, "DELETE", path);
      assert.equal(res.status, 405);
      assert.equal(res.body.code, 20004);
      assert.equal(res.headers.get("allow"), "GET, POST");
    });
  });
}
