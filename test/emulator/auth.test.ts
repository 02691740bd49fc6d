import { strict as assert } from "assert";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { AWS_DOCS_EXAMPLE, credentialsParam } from "../fixtures/awsKeys";
import { api, hex32, hookForm } from "./helpers";

const OTHER = { accountSid: "AC" + hex32(0xbeef), authToken: "other-token" };
const KEY = { sid: "SK" + hex32(0x5e), secret: "api-key-secret" };

describe("emulator: authentication and isolation", () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ accounts: [{ ...DEFAULT_ACCOUNT, apiKeys: [KEY] }, OTHER] });
  });
  afterEach(() => emulator.reset());
  after(() => emulator.close());

  for (const [title, auth] of [
    ["missing credentials", null],
    ["a wrong auth token", { user: DEFAULT_ACCOUNT.accountSid, password: "wrong" }],
    ["an unknown account", { user: "AC" + hex32(1234), password: DEFAULT_ACCOUNT.authToken }],
    ["a wrong API key secret", { user: KEY.sid, password: "wrong" }],
  ] as const) {
    it(`answers 401 code 20003 for ${title}`, async () => {
      const res = await api(emulator, "GET", "/v1/CompositionHooks", { auth });
      assert.equal(res.status, 401);
      assert.deepEqual(res.body, {
        code: 20003,
        message: "Authenticate",
        more_info: "https://www.twilio.com/docs/errors/20003",
        status: 401,
      });
      assert.equal(res.headers.get("www-authenticate"), 'Basic realm="Twilio API"');
    });
  }

  it("accepts an API key + secret, acting as the key's account", async () => {
    const res = await api(emulator, "POST", "/v1/CompositionHooks", { auth: { user: KEY.sid, password: KEY.secret }, form: hookForm() });
    assert.equal(res.status, 201);
    assert.equal(res.body.account_sid, DEFAULT_ACCOUNT.accountSid);
    assert.equal((await api(emulator, "GET", `/v1/CompositionHooks/${res.body.sid}`)).status, 200);
    assert.equal(emulator.log.count({ accountSid: DEFAULT_ACCOUNT.accountSid }), 2);
  });

  it("isolates accounts: another account's objects are 404 and its lists, names and settings are separate", async () => {
    const other = { user: OTHER.accountSid, password: OTHER.authToken };
    const mine = await api(emulator, "POST", "/v1/CompositionHooks", { form: hookForm({ FriendlyName: "same" }) });
    const theirs = await api(emulator, "POST", "/v1/CompositionHooks", { auth: other, form: hookForm({ FriendlyName: "same" }) });
    assert.equal(theirs.status, 201);
    for (const method of ["GET", "POST", "DELETE"]) {
      const res = await api(emulator, method, `/v1/CompositionHooks/${mine.body.sid}`, {
        auth: other,
        form: method === "POST" ? hookForm() : undefined,
      });
      assert.equal(res.status, 404);
      assert.equal(res.body.code, 20404);
    }
    assert.deepEqual(
      (await api(emulator, "GET", "/v1/CompositionHooks", { auth: other })).body.composition_hooks.map((h: { sid: string }) => h.sid),
      [theirs.body.sid],
    );
    await api(emulator, "POST", "/v1/RecordingSettings/Default", { form: { FriendlyName: "mine" } });
    assert.equal((await api(emulator, "GET", "/v1/RecordingSettings/Default", { auth: other })).body.friendly_name, null);
    const cred = await api(emulator, "POST", "/v1/Credentials/AWS", { form: { Credentials: credentialsParam(AWS_DOCS_EXAMPLE) } });
    assert.equal((await api(emulator, "GET", `/v1/Credentials/AWS/${cred.body.sid}`, { auth: other })).status, 404);
    const refused = await api(emulator, "POST", "/v1/CompositionSettings/Default", {
      auth: other,
      form: { FriendlyName: "x", AwsCredentialsSid: cred.body.sid, AwsS3Url: "https://bkt.s3.amazonaws.com/p", AwsStorageEnabled: true },
    });
    assert.equal(refused.body.code, 53125);
  });

  it("answers 404 for unknown routes and 405 for a method a route does not have", async () => {
    const unknown = await api(emulator, "GET", "/v1/NoSuchResource"); // /v1/Rooms is served too
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 20404);
    const wrongMethod = await api(emulator, "DELETE", "/v1/CompositionHooks");
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.body.code, 20004);
    assert.equal(wrongMethod.headers.get("allow"), "GET, POST");
  });

  it("adds accounts at runtime", async () => {
    const added = { accountSid: "AC" + hex32(0xadd), authToken: "added" };
    emulator.addAccount(added);
    const res = await api(emulator, "GET", "/v1/CompositionHooks", { auth: { user: added.accountSid, password: added.authToken } });
    assert.equal(res.status, 200);
  });
});
