import * as assert from "assert";
import { packageVersion, TwilioClient, TwilioConfigError } from "../../provider/twilio";
import { ACCOUNT_SID, API_KEY, credentialJson, startFakeTwilio, type FakeTwilio } from "./fakeTwilio";

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
    const client = new TwilioClient({ accountSid: ACCOUNT_SID, authToken: "ignored", apiKey: API_KEY, apiSecret: "key-secret", endpoint: server.url });
    await client.accounts.publicKeys.fetch("CR2");
    assert.strictEqual(server.requests[0].headers.authorization, basic(API_KEY, "key-secret"));
    assert.strictEqual(server.requests[0].url, "/v1/Credentials/PublicKeys/CR2");
    assert.strictEqual(client.accountSid, ACCOUNT_SID);
  });

  it("treats empty API key settings as absent (unset environment variables)", async () => {
    const client = new TwilioClient({ accountSid: ACCOUNT_SID, authToken: "the-token", apiKey: "", apiSecret: "", endpoint: server.url });
    await client.accounts.awsCredentials.fetch("CR1");
    assert.strictEqual(server.requests[0].headers.authorization, basic(ACCOUNT_SID, "the-token"));
  });

  it("identifies itself as pulumi-twilio-video/<package version> and asks for JSON", async () => {
    const client = new TwilioClient({ accountSid: ACCOUNT_SID, authToken: "test-auth-token", endpoint: `${server.url}/` });
    await client.accounts.awsCredentials.fetch("CR1");
    const version = require("../../package.json").version as string;
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
