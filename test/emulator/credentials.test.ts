import { strict as assert } from "assert";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { api, hex32 } from "./helpers";

const PARENT = { accountSid: "AC" + hex32(0xa), authToken: "parent-token" };
const CHILD = { accountSid: "AC" + hex32(0xb), authToken: "child-token" };
const STRANGER = { accountSid: "AC" + hex32(0xc), authToken: "stranger-token" };
const PEM = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAv3Kp\n-----END PUBLIC KEY-----\n";
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

describe("emulator: Accounts v1 credentials", () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ accounts: [DEFAULT_ACCOUNT, { ...PARENT, subaccounts: [CHILD] }, STRANGER] });
  });
  afterEach(() => emulator.reset());
  after(() => emulator.close());

  it("creates an AWS credential (201), stores the secret but never returns it", async () => {
    const res = await api(emulator, "POST", "/v1/Credentials/AWS", { form: { Credentials: `AKIAEXAMPLE:${SECRET}`, FriendlyName: "bucket writer" } });
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
    assert.ok(!JSON.stringify([res.body, fetched.body, list.body]).includes("AKIAEXAMPLE"));
  });

  it("updates only FriendlyName and deletes (204), then 404", async () => {
    const created = await api(emulator, "POST", "/v1/Credentials/AWS", { form: { Credentials: `AKIAEXAMPLE:${SECRET}` } });
    assert.equal(created.body.friendly_name, null);
    const path = `/v1/Credentials/AWS/${created.body.sid}`;
    const updated = await api(emulator, "POST", path, { form: { FriendlyName: "renamed" } });
    assert.equal(updated.status, 200);
    assert.equal(updated.body.friendly_name, "renamed");
    assert.equal((await api(emulator, "DELETE", path)).status, 204);
    assert.equal((await api(emulator, "GET", path)).body.code, 20404);
  });

  it("lists credentials with meta and key 'credentials'", async () => {
    for (const n of [1, 2, 3]) await api(emulator, "POST", "/v1/Credentials/AWS", { form: { Credentials: `AKIA${n}:s${n}`, FriendlyName: `c${n}` } });
    const res = await api(emulator, "GET", "/v1/Credentials/AWS?PageSize=2");
    assert.deepEqual(res.body.credentials.map((c: { friendly_name: string }) => c.friendly_name), ["c1", "c2"]);
    assert.equal(res.body.meta.key, "credentials");
    assert.equal(res.body.meta.next_page_url, `${emulator.url}/v1/Credentials/AWS?PageSize=2&Page=1&PageToken=PT2`);
    const next = await api(emulator, "GET", res.body.meta.next_page_url);
    assert.deepEqual(next.body.credentials.map((c: { friendly_name: string }) => c.friendly_name), ["c3"]);
    assert.equal(next.body.meta.next_page_url, null);
  });

  it("validates Credentials without echoing them, and FriendlyName <= 64", async () => {
    for (const Credentials of ["TOPSECRETVALUE", ":TOPSECRETVALUE", "AKIA:", "lower:TOPSECRETVALUE"]) {
      const res = await api(emulator, "POST", "/v1/Credentials/AWS", { form: { Credentials } });
      assert.equal(res.status, 400);
      assert.equal(res.body.code, 20002);
      assert.ok(res.body.message.includes("Credentials"));
      assert.ok(!res.body.message.includes("TOPSECRETVALUE"), res.body.message);
    }
    const missing = await api(emulator, "POST", "/v1/Credentials/AWS", { form: { FriendlyName: "x" } });
    assert.equal(missing.body.code, 20001);
    assert.ok(missing.body.message.includes("Credentials"));
    const long = await api(emulator, "POST", "/v1/Credentials/AWS", { form: { Credentials: "AKIA:s", FriendlyName: "x".repeat(65) } });
    assert.equal(long.body.code, 20002);
    assert.ok(long.body.message.includes("FriendlyName") && long.body.message.includes("64"));
  });

  it("creates a credential in a subaccount with AccountSid; only the subaccount sees it", async () => {
    const parentAuth = { user: PARENT.accountSid, password: PARENT.authToken };
    const childAuth = { user: CHILD.accountSid, password: CHILD.authToken };
    const res = await api(emulator, "POST", "/v1/Credentials/AWS", { auth: parentAuth, form: { Credentials: "AKIA1:s", AccountSid: CHILD.accountSid } });
    assert.equal(res.status, 201);
    assert.equal(res.body.account_sid, CHILD.accountSid);
    assert.equal((await api(emulator, "GET", `/v1/Credentials/AWS/${res.body.sid}`, { auth: childAuth })).status, 200);
    assert.equal((await api(emulator, "GET", `/v1/Credentials/AWS/${res.body.sid}`, { auth: parentAuth })).status, 404);
    const own = await api(emulator, "POST", "/v1/Credentials/AWS", { auth: parentAuth, form: { Credentials: "AKIA1:s", AccountSid: PARENT.accountSid } });
    assert.equal(own.body.account_sid, PARENT.accountSid);
  });

  it("refuses AccountSid that is not a subaccount (403) or malformed (400)", async () => {
    const parentAuth = { user: PARENT.accountSid, password: PARENT.authToken };
    const foreign = await api(emulator, "POST", "/v1/Credentials/AWS", { auth: parentAuth, form: { Credentials: "AKIA1:s", AccountSid: STRANGER.accountSid } });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.body.code, 20403);
    assert.ok(foreign.body.message.includes("AccountSid"));
    const childAuth = { user: CHILD.accountSid, password: CHILD.authToken };
    const upward = await api(emulator, "POST", "/v1/Credentials/AWS", { auth: childAuth, form: { Credentials: "AKIA1:s", AccountSid: PARENT.accountSid } });
    assert.equal(upward.status, 403);
    const malformed = await api(emulator, "POST", "/v1/Credentials/AWS", { auth: parentAuth, form: { Credentials: "AKIA1:s", AccountSid: "AC123" } });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.code, 20002);
    assert.ok(malformed.body.message.includes("AccountSid"));
  });

  it("PublicKeys: create, fetch, update, list, delete; PEM required and validated", async () => {
    const created = await api(emulator, "POST", "/v1/Credentials/PublicKeys", { form: { PublicKey: PEM, FriendlyName: "enc" } });
    assert.equal(created.status, 201);
    assert.equal(created.body.url, `${emulator.url}/v1/Credentials/PublicKeys/${created.body.sid}`);
    assert.ok(!JSON.stringify(created.body).includes("BEGIN PUBLIC KEY"));
    const path = `/v1/Credentials/PublicKeys/${created.body.sid}`;
    assert.equal((await api(emulator, "GET", path)).body.friendly_name, "enc");
    assert.equal((await api(emulator, "POST", path, { form: { FriendlyName: "enc2" } })).body.friendly_name, "enc2");
    const list = await api(emulator, "GET", "/v1/Credentials/PublicKeys");
    assert.deepEqual(list.body.credentials.map((c: { sid: string }) => c.sid), [created.body.sid]);
    assert.equal((await api(emulator, "DELETE", path)).status, 204);
    const bad = await api(emulator, "POST", "/v1/Credentials/PublicKeys", { form: { PublicKey: "not a pem" } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 20002);
    assert.ok(bad.body.message.includes("PublicKey"));
    const missing = await api(emulator, "POST", "/v1/Credentials/PublicKeys", { form: {} });
    assert.equal(missing.body.code, 20001);
    assert.ok(missing.body.message.includes("PublicKey"));
  });
});
