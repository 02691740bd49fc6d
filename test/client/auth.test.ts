import * as assert from "assert";
import packageJson from "../../package.json";
import { packageVersion, TwilioAccountMismatchError, TwilioClient, TwilioConfigError } from "../../provider/twilio";
import { ACCOUNT_SID, API_KEY, credentialJson, settingsJson, startFakeTwilio, twilioError, type FakeTwilio } from "./fakeTwilio";

const OTHER_ACCOUNT = "AC9999999999999999999999999999abcd";

function basic(user: string, pass: string): string {
  return `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
}

describe("client authentication and configuration", () => {
  let server: FakeTwilio;
  beforeEach(async () => {
    server = await startFakeTwilio(() => ({ status: 200, body: credentialJson() }));
  });
  afterEach(() => server.close());

  it("authenticates as account SID + auth token", async () => {
    const client = new TwilioClient({ accountSid: ACCOUNT_SID, authToken: "the-token", endpoint: server.url });
    await client.accounts.awsCredentials.fetch("CR1");
    assert.strictEqual(server.requests[0].headers.authorization, basic(ACCOUNT_SID, "the-token"));
    assert.strictEqual(server.requests[0].url, "/v1/Credentials/AWS/CR1");
  });

  it("authenticates as API key + secret, preferred over an auth token", async () => {
    const client = new TwilioClient({
      accountSid: ACCOUNT_SID,
      authToken: "ignored",
      apiKey: API_KEY,
      apiSecret: "key-secret",
      endpoint: server.url,
    });
    await client.accounts.publicKeys.fetch("CR2");
    // The fake answers every request with a credential body whose account_sid is ACCOUNT_SID.
    assert.deepStrictEqual(
      server.requests.map((r) => r.url),
      ["/v1/CompositionSettings/Default", "/v1/Credentials/PublicKeys/CR2"],
    );
    for (const r of server.requests) assert.strictEqual(r.headers.authorization, basic(API_KEY, "key-secret"));
    assert.strictEqual(client.accountSid, ACCOUNT_SID);
  });

  describe("the account an API key belongs to", () => {
    const keyClient = (url: string, origin?: string) =>
      new TwilioClient({
        accountSid: ACCOUNT_SID,
        apiKey: API_KEY,
        apiSecret: "key-secret",
        endpoint: url,
        credentialOrigin: origin,
        retry: { limit: 0 },
      });

    it("is proved once, by one GET, before the first call", async () => {
      const client = keyClient(server.url);
      await client.accounts.awsCredentials.fetch("CR1");
      await client.video.compositionHooks.remove("HK1");
      await client.accounts.awsCredentials.fetch("CR1");
      assert.deepStrictEqual(
        server.requests.map((r) => `${r.method} ${r.url}`),
        [
          "GET /v1/CompositionSettings/Default",
          "GET /v1/Credentials/AWS/CR1",
          "DELETE /v1/CompositionHooks/HK1",
          "GET /v1/Credentials/AWS/CR1",
        ],
      );
    });

    it("refuses every call, after that one GET, when the key belongs to another account", async () => {
      const other = await startFakeTwilio(() => ({ status: 200, body: settingsJson({ account_sid: OTHER_ACCOUNT }) }));
      try {
        const client = keyClient(other.url, "account from twilio:accountSid (stack config); API key from TWILIO_API_KEY (environment)");
        const refused = await client.video.compositionHooks.remove("HK1").then(
          () => undefined,
          (e: unknown) => e,
        );
        assert.ok(refused instanceof TwilioAccountMismatchError, String(refused));
        assert.match(
          refused.message,
          new RegExp(`API key ${API_KEY} belongs to account ${OTHER_ACCOUNT}, not to the configured account ${ACCOUNT_SID}`),
        );
        assert.match(refused.message, /twilio:accountSid \(stack config\); API key from TWILIO_API_KEY \(environment\)/);
        assert.doesNotMatch(refused.message, /key-secret/);
        await assert.rejects(client.video.recordingSettings.update({ friendlyName: "x" }), TwilioAccountMismatchError);
        assert.deepStrictEqual(
          other.requests.map((r) => `${r.method} ${r.url}`),
          ["GET /v1/CompositionSettings/Default"],
        );
      } finally {
        await other.close();
      }
    });

    it("is asked again after a check that failed for another reason", async () => {
      const flaky = await startFakeTwilio((_req, i) => (i === 0 ? twilioError(503, 20003, "busy") : { status: 200, body: settingsJson() }));
      try {
        const client = keyClient(flaky.url);
        await assert.rejects(client.video.compositionSettings.fetch(), /503/);
        await client.video.compositionSettings.fetch();
        assert.deepStrictEqual(
          flaky.requests.map((r) => r.url),
          Array(3).fill("/v1/CompositionSettings/Default"),
        );
      } finally {
        await flaky.close();
      }
    });

    it("is not asked for an auth token, which authenticates only as its own account", async () => {
      const client = new TwilioClient({ accountSid: ACCOUNT_SID, authToken: "the-token", endpoint: server.url });
      await client.video.compositionHooks.remove("HK1");
      assert.deepStrictEqual(
        server.requests.map((r) => r.url),
        ["/v1/CompositionHooks/HK1"],
      );
    });
  });

  it("treats empty API key settings as absent (unset environment variables)", async () => {
    const client = new TwilioClient({ accountSid: ACCOUNT_SID, authToken: "the-token", apiKey: "", apiSecret: "", endpoint: server.url });
    await client.accounts.awsCredentials.fetch("CR1");
    assert.strictEqual(server.requests[0].headers.authorization, basic(ACCOUNT_SID, "the-token"));
  });

  it("identifies itself as pulumi-twilio-video/<package version> and asks for JSON", async () => {
    const client = new TwilioClient({ accountSid: ACCOUNT_SID, authToken: "test-auth-token", endpoint: `${server.url}/` });
    await client.accounts.awsCredentials.fetch("CR1");
    const version = packageJson.version;
    assert.strictEqual(packageVersion(), version);
    assert.strictEqual(server.requests[0].headers["user-agent"], `pulumi-twilio-video/${version}`);
    assert.strictEqual(server.requests[0].headers.accept, "application/json");
  });

  const refusals: [string, object, string][] = [
    ["no credentials", { accountSid: ACCOUNT_SID }, "authToken"],
    ["API key without secret", { accountSid: ACCOUNT_SID, apiKey: API_KEY }, "apiSecret"],
    ["secret without API key", { accountSid: ACCOUNT_SID, apiSecret: "s" }, "apiKey"],
    ["missing account SID", { authToken: "test-auth-token" }, "accountSid"],
    ["malformed account SID", { accountSid: "AC123", authToken: "test-auth-token" }, "accountSid"],
    ["malformed API key", { accountSid: ACCOUNT_SID, apiKey: "key", apiSecret: "s" }, "apiKey"],
    ["endpoint that is not a URL", { accountSid: ACCOUNT_SID, authToken: "test-auth-token", endpoint: "localhost:4010" }, "endpoint"],
    ["endpoint with credentials", { accountSid: ACCOUNT_SID, authToken: "test-auth-token", endpoint: "http://u:pw@127.0.0.1" }, "endpoint"],
    ["negative retry limit", { accountSid: ACCOUNT_SID, authToken: "test-auth-token", retry: { limit: -1 } }, "retry.limit"],
  ];
  for (const [what, options, field] of refusals) {
    it(`refuses ${what}, naming '${field}'`, () => {
      assert.throws(
        () => new TwilioClient(options as never),
        (e: unknown) => e instanceof TwilioConfigError && e.field === field && e.message.startsWith(`Twilio client option '${field}' `),
      );
    });
  }

  it("does not echo a malformed endpoint's credentials", () => {
    assert.throws(
      () => new TwilioClient({ accountSid: ACCOUNT_SID, authToken: "test-auth-token", endpoint: "http://u:hunter2@127.0.0.1" }),
      (e: unknown) => e instanceof TwilioConfigError && e.message === "Twilio client option 'endpoint' must not contain credentials",
    );
  });
});
