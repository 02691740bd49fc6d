import * as assert from "assert";
import { TwilioClient } from "../../provider/twilio";
import { ACCOUNT_SID, credentialJson, hookJson, startFakeTwilio, type FakeTwilio } from "./fakeTwilio";

describe("client paging", () => {
  let server: FakeTwilio;
  afterEach(() => server.close());

  it("follows absolute next_page_url links to the last page, keeping their query", async () => {
    server = await startFakeTwilio((req) => {
      const page = Number(new URL(req.url, "http://x").searchParams.get("Page") ?? "0");
      const next = page < 2 ? `${server.url}/v1/CompositionHooks?Enabled=true&PageSize=1&Page=${page + 1}&PageToken=PT${page + 1}` : null;
      return {
        status: 200,
        body: {
          composition_hooks: [hookJson({ sid: `HK${String(page).padStart(32, "0")}` })],
          meta: { page, page_size: 1, next_page_url: next, key: "composition_hooks" },
        },
      };
    });
    const client = new TwilioClient({ accountSid: ACCOUNT_SID, authToken: "test-auth-token", endpoint: server.url });
    const hooks = await client.video.compositionHooks.list({ enabled: true, pageSize: 1 });
    assert.deepStrictEqual(
      hooks.map((h) => h.sid),
      [0, 1, 2].map((n) => `HK${String(n).padStart(32, "0")}`),
    );
    assert.deepStrictEqual(
      server.requests.map((r) => r.url),
      [
        "/v1/CompositionHooks?Enabled=true&PageSize=1",
        "/v1/CompositionHooks?Enabled=true&PageSize=1&Page=1&PageToken=PT1",
        "/v1/CompositionHooks?Enabled=true&PageSize=1&Page=2&PageToken=PT2",
      ],
    );
  });

  it("sends a next page on another host to the configured endpoint, never to that host", async () => {
    server = await startFakeTwilio((req) => ({
      status: 200,
      body: {
        credentials: [credentialJson()],
        meta: {
          next_page_url: req.url.includes("Page=1")
            ? null
            : "https://accounts.twilio.com/v1/Credentials/AWS?PageSize=50&Page=1&PageToken=PAx",
        },
      },
    }));
    const client = new TwilioClient({ accountSid: ACCOUNT_SID, authToken: "test-auth-token", endpoint: server.url });
    const credentials = await client.accounts.awsCredentials.list();
    assert.strictEqual(credentials.length, 2);
    assert.deepStrictEqual(
      server.requests.map((r) => r.url),
      ["/v1/Credentials/AWS", "/v1/Credentials/AWS?PageSize=50&Page=1&PageToken=PAx"],
    );
  });

  it("stops when a next_page_url repeats instead of looping", async () => {
    server = await startFakeTwilio(() => ({
      status: 200,
      body: { credentials: [credentialJson()], meta: { next_page_url: `${server.url}/v1/Credentials/PublicKeys?Page=1` } },
    }));
    const client = new TwilioClient({ accountSid: ACCOUNT_SID, authToken: "test-auth-token", endpoint: server.url });
    assert.strictEqual((await client.accounts.publicKeys.list()).length, 2);
    assert.strictEqual(server.requests.length, 2);
  });

  it("treats a list without meta as a single page", async () => {
    server = await startFakeTwilio(() => ({ status: 200, body: { composition_hooks: [] } }));
    const client = new TwilioClient({ accountSid: ACCOUNT_SID, authToken: "test-auth-token", endpoint: server.url });
    assert.deepStrictEqual(await client.video.compositionHooks.list(), []);
  });
});
