import { strict as assert } from "assert";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { AWS_DOCS_EXAMPLE, awsKeyPair, credentialsParam } from "../fixtures/awsKeys";
import { EC_P256, ED25519, RSA_1024, RSA_2048, RSA_2048_EXPONENT_3, RSA_2048_PKCS1, RSA_4096 } from "../fixtures/publicKeys";
import { api, hex32 } from "./helpers";

const PARENT = { accountSid: "AC" + hex32(0xa), authToken: "parent-token" };
const CHILD = { accountSid: "AC" + hex32(0xb), authToken: "child-token" };
const STRANGER = { accountSid: "AC" + hex32(0xc), authToken: "stranger-token" };
const PEM = RSA_2048;
const SECRET = AWS_DOCS_EXAMPLE.secretAccessKey;
const CREDENTIALS = credentialsParam(AWS_DOCS_EXAMPLE);
const OTHER = credentialsParam(awsKeyPair("other"));

describe("emulator: Accounts v1 credentials", () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ accounts: [DEFAULT_ACCOUNT, { ...PARENT, subaccounts: [CHILD] }, STRANGER] });
  });
  afterEach(() => emulator.reset());
  after(() => emulator.close());

  it("creates an AWS credential (201), stores the secret but never returns it", async () => {
    const res = await api(emulator, "POST", "/v1/Credentials/AWS", { form: { Credentials: CREDENTIALS, FriendlyName: "bucket writer" } });
    assert.equal(res.status, 201);
    assert.match(res.body.sid, /^CR[0-9a-f]{32}$/);
    assert.deepEqual(res.body, {
      sid: res.body.sid,
      account_sid: DEFAULT_ACCOUNT.accountSid,
      friendly_name: "bucket writer",
      date_created: res.body.date_created,
      date_updated: res.body.date_created,
      url: `${emulator.url}/v1/Credentials/AWS/${res.body.sid}`,
    });
    const fetched = await api(emulator, "GET", `/v1/Credentials/AWS/${res.body.sid}`);
    assert.deepEqual(fetched.body, res.body);
    const list = await api(emulator, "GET", "/v1/Credentials/AWS");
    assert.ok(!JSON.stringify([res.body, fetched.body, list.body]).includes(SECRET));
    assert.ok(!JSON.stringify([res.body, fetched.body, list.body]).includes(AWS_DOCS_EXAMPLE.accessKeyId));
  });

  it("updates only FriendlyName and deletes (204), then 404", async () => {
    const created = await api(emulator, "POST", "/v1/Credentials/AWS", { form: { Credentials: CREDENTIALS } });
    assert.equal(created.body.friendly_name, null);
    const path = `/v1/Credentials/AWS/${created.body.sid}`;
    const updated = await api(emulator, "POST", path, { form: { FriendlyName: "renamed" } });
    assert.equal(updated.status, 200);
    assert.equal(updated.body.friendly_name, "renamed");
    assert.equal((await api(emulator, "DELETE", path)).status, 204);
    assert.equal((await api(emulator, "GET", path)).body.code, 20404);
  });

  it("lists credentials with meta and key 'credentials'", async () => {
    for (const n of [1, 2, 3])
      await api(emulator, "POST", "/v1/Credentials/AWS", {
        form: { Credentials: credentialsParam(awsKeyPair(`c${n}`)), FriendlyName: `c${n}` },
      });
    const res = await api(emulator, "GET", "/v1/Credentials/AWS?PageSize=2");
    assert.deepEqual(
      res.body.credentials.map((c: { friendly_name: string }) => c.friendly_name),
      ["c1", "c2"],
    );
    assert.equal(res.body.meta.key, "credentials");
    assert.equal(res.body.meta.next_page_url, `${emulator.url}/v1/Credentials/AWS?PageSize=2&Page=1&PageToken=PT2`);
    const next = await api(emulator, "GET", res.body.meta.next_page_url);
    assert.deepEqual(
      next.body.credentials.map((c: { friendly_name: string }) => c.friendly_name),
      ["c3"],
    );
    assert.equal(next.body.meta.next_page_url, null);
  });

  describe("Credentials: Twilio's error 70106 (key [A-Z0-9]{20}, secret [A-Za-z0-9/+=]{40})", () => {
    const secret40 = "Ab0/+=".repeat(6) + "Cd1/"; // every character class Twilio allows
    const cases: [string, string, string][] = [
      ["a 19-character key", `${"A".repeat(19)}:${secret40}`, "key id"],
      ["a 21-character key", `${"A".repeat(21)}:${secret40}`, "key id"],
      ["a lower-case key", `akiaiosfodnn7example:${secret40}`, "key id"],
      ["a key with a hyphen", `AKIA-OSFODNN7EXAMPLE:${secret40}`, "key id"],
      ["a 39-character secret", `${AWS_DOCS_EXAMPLE.accessKeyId}:${secret40.slice(1)}`, "secret"],
      ["a 41-character secret", `${AWS_DOCS_EXAMPLE.accessKeyId}:${secret40}Z`, "secret"],
      ["a secret with a hyphen", `${AWS_DOCS_EXAMPLE.accessKeyId}:${secret40.slice(1)}-`, "secret"],
      ["no colon", `${AWS_DOCS_EXAMPLE.accessKeyId}${secret40}`, "ACCESS_KEY_ID:SECRET_ACCESS_KEY"],
    ];
    for (const [title, Credentials, names] of cases) {
      it(`refuses ${title} with 400 70106, naming Credentials and never echoing the secret`, async () => {
        const res = await api(emulator, "POST", "/v1/Credentials/AWS", { form: { Credentials } });
        assert.equal(res.status, 400);
        assert.deepEqual([res.body.code, res.body.more_info], [70106, "https://www.twilio.com/docs/errors/70106"]);
        assert.ok(res.body.message.includes("Credentials") && res.body.message.includes(names), res.body.message);
        assert.ok(!res.body.message.includes(secret40.slice(0, 12)), res.body.message);
        assert.deepEqual((await api(emulator, "GET", "/v1/Credentials/AWS")).body.credentials, []);
      });
    }

    it("accepts a key and secret at the exact lengths, with every allowed character", async () => {
      const res = await api(emulator, "POST", "/v1/Credentials/AWS", { form: { Credentials: `AKIA0123456789ABCDEF:${secret40}` } });
      assert.equal(res.status, 201);
    });
  });

  it("requires Credentials (20001) and FriendlyName <= 64 (20002)", async () => {
    const missing = await api(emulator, "POST", "/v1/Credentials/AWS", { form: { FriendlyName: "x" } });
    assert.equal(missing.body.code, 20001);
    assert.ok(missing.body.message.includes("Credentials"));
    const long = await api(emulator, "POST", "/v1/Credentials/AWS", { form: { Credentials: CREDENTIALS, FriendlyName: "x".repeat(65) } });
    assert.equal(long.body.code, 20002);
    assert.ok(long.body.message.includes("FriendlyName") && long.body.message.includes("64"));
  });

  it("creates a credential in a subaccount with AccountSid; only the subaccount sees it", async () => {
    const parentAuth = { user: PARENT.accountSid, password: PARENT.authToken };
    const childAuth = { user: CHILD.accountSid, password: CHILD.authToken };
    const res = await api(emulator, "POST", "/v1/Credentials/AWS", {
      auth: parentAuth,
      form: { Credentials: OTHER, AccountSid: CHILD.accountSid },
    });
    assert.equal(res.status, 201);
    assert.equal(res.body.account_sid, CHILD.accountSid);
    assert.equal((await api(emulator, "GET", `/v1/Credentials/AWS/${res.body.sid}`, { auth: childAuth })).status, 200);
    assert.equal((await api(emulator, "GET", `/v1/Credentials/AWS/${res.body.sid}`, { auth: parentAuth })).status, 404);
    const own = await api(emulator, "POST", "/v1/Credentials/AWS", {
      auth: parentAuth,
      form: { Credentials: OTHER, AccountSid: PARENT.accountSid },
    });
    assert.equal(own.body.account_sid, PARENT.accountSid);
  });

  it("refuses AccountSid that is not a subaccount (403) or malformed (400)", async () => {
    const parentAuth = { user: PARENT.accountSid, password: PARENT.authToken };
    const foreign = await api(emulator, "POST", "/v1/Credentials/AWS", {
      auth: parentAuth,
      form: { Credentials: OTHER, AccountSid: STRANGER.accountSid },
    });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.body.code, 20403);
    assert.ok(foreign.body.message.includes("AccountSid"));
    const childAuth = { user: CHILD.accountSid, password: CHILD.authToken };
    const upward = await api(emulator, "POST", "/v1/Credentials/AWS", {
      auth: childAuth,
      form: { Credentials: OTHER, AccountSid: PARENT.accountSid },
    });
    assert.equal(upward.status, 403);
    const malformed = await api(emulator, "POST", "/v1/Credentials/AWS", {
      auth: parentAuth,
      form: { Credentials: OTHER, AccountSid: "AC123" },
    });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.code, 20002);
    assert.ok(malformed.body.message.includes("AccountSid"));
  });

  it("PublicKeys: create, fetch, update, list, delete", async () => {
    const created = await api(emulator, "POST", "/v1/Credentials/PublicKeys", { form: { PublicKey: PEM, FriendlyName: "enc" } });
    assert.equal(created.status, 201);
    assert.equal(created.body.url, `${emulator.url}/v1/Credentials/PublicKeys/${created.body.sid}`);
    assert.ok(!JSON.stringify(created.body).includes("BEGIN PUBLIC KEY"));
    const path = `/v1/Credentials/PublicKeys/${created.body.sid}`;
    assert.equal((await api(emulator, "GET", path)).body.friendly_name, "enc");
    assert.equal((await api(emulator, "POST", path, { form: { FriendlyName: "enc2" } })).body.friendly_name, "enc2");
    const list = await api(emulator, "GET", "/v1/Credentials/PublicKeys");
    assert.deepEqual(
      list.body.credentials.map((c: { sid: string }) => c.sid),
      [created.body.sid],
    );
    assert.equal((await api(emulator, "DELETE", path)).status, 204);
    const missing = await api(emulator, "POST", "/v1/Credentials/PublicKeys", { form: {} });
    assert.equal(missing.body.code, 20001);
    assert.ok(missing.body.message.includes("PublicKey"));
  });

  describe("PublicKey: Twilio's errors 70101-70104 (RSA, 2048 bits, exponent 65537, X.509 PEM)", () => {
    const body = PEM.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, "");
    it('accepts the PEM without its BEGIN/END lines and on one line (70104: "can be present (but not mandatory)")', async () => {
      for (const PublicKey of [body.trim(), body.replace(/\s+/g, ""), PEM.replace(/\n/g, "")]) {
        const res = await api(emulator, "POST", "/v1/Credentials/PublicKeys", { form: { PublicKey } });
        assert.equal(res.status, 201, `${JSON.stringify(res.body)} for ${PublicKey.slice(0, 40)}`);
      }
    });

    const cases: [string, string, number, string][] = [
      ["an EC P-256 key", EC_P256, 70101, "RSA"],
      ["an Ed25519 key", ED25519, 70101, "RSA"],
      ["a 1024-bit RSA key", RSA_1024, 70102, "2048"],
      ["a 4096-bit RSA key", RSA_4096, 70102, "2048"],
      ["an RSA key with exponent 3", RSA_2048_EXPONENT_3, 70103, "65537"],
      ["a PKCS#1 RSA key (not X.509)", RSA_2048_PKCS1, 70104, "X.509"],
      ["a truncated key", PEM.slice(0, 120) + "\n-----END PUBLIC KEY-----\n", 70104, "X.509"],
      ["text that is not a key", "not a pem", 70104, "X.509"],
    ];
    for (const [title, PublicKey, code, names] of cases) {
      it(`refuses ${title} with 400 ${code}`, async () => {
        const res = await api(emulator, "POST", "/v1/Credentials/PublicKeys", { form: { PublicKey } });
        assert.equal(res.status, 400);
        assert.deepEqual([res.body.code, res.body.more_info], [code, `https://www.twilio.com/docs/errors/${code}`]);
        assert.ok(res.body.message.includes("PublicKey") && res.body.message.includes(names), res.body.message);
      });
    }
  });
});
