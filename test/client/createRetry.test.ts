import * as assert from "assert";
import * as http from "http";
import type { AddressInfo } from "net";
import { TwilioApiError, TwilioClient, TwilioNetworkError, type Credential } from "../../provider/twilio";
import {
  ACCOUNT_SID,
  credentialJson,
  hookJson,
  recordingSleep,
  startFakeTwilio,
  twilioError,
  type FakeTwilio,
  type Responder,
} from "./fakeTwilio";

describe("client retries of creating POSTs", () => {
  let server: FakeTwilio | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function setup(respond: Responder) {
    server = await startFakeTwilio(respond);
    const { delays, sleep } = recordingSleep();
    const client = new TwilioClient({
      accountSid: ACCOUNT_SID,
      authToken: "test-auth-token",
      endpoint: server.url,
      sleep,
      random: () => 0.5,
    });
    return { client, delays };
  }

  const unavailableOnce: Responder = (_r, i) =>
    i === 0 ? twilioError(503, 20503, "Service unavailable") : { status: 201, body: hookJson() };

  it("does not repeat a hook create after 503: Twilio may have created it", async () => {
    const { client, delays } = await setup(unavailableOnce);
    await assert.rejects(
      client.video.compositionHooks.create({ friendlyName: "x" }),
      (e: unknown) => e instanceof TwilioApiError && e.status === 503,
    );
    assert.deepStrictEqual(delays, []);
    assert.strictEqual(server!.requests.length, 1);
  });

  it("after a 503, asks what the attempt made, then repeats the create when it made nothing", async () => {
    const { client, delays } = await setup(unavailableOnce);
    const asked: number[] = [];
    const before = Date.now();
    const hook = await client.video.compositionHooks.create(
      { friendlyName: "x" },
      {
        recover: async (firstSentAt) => {
          asked.push(firstSentAt);
          assert.strictEqual(server!.requests.length, 1, "asked before the create is sent again");
          return undefined;
        },
      },
    );
    assert.strictEqual(hook.sid, "HK00000000000000000000000000000001");
    assert.deepStrictEqual(delays, [100]);
    assert.strictEqual(asked.length, 1);
    assert.ok(asked[0] >= before && asked[0] <= Date.now(), "firstSentAt is when the first attempt went out");
    assert.strictEqual(server!.requests.length, 2);
  });

  it("after a connection reset, returns what the lost attempt made and sends nothing more", async () => {
    const resetOnce: Responder = (_r, i) => (i === 0 ? { status: 0, reset: true } : { status: 201, body: credentialJson() });
    const { client } = await setup(resetOnce);
    const found: Credential = {
      sid: "CR0000000000000000000000000000000f",
      accountSid: ACCOUNT_SID,
      friendlyName: "made by the lost attempt",
      dateCreated: "2024-01-01T00:00:00Z",
      dateUpdated: null,
      url: "",
    };
    const credential = await client.accounts.awsCredentials.create(
      { credentials: "AKIAEXAMPLE:secret-value" },
      { recover: async () => found },
    );
    assert.strictEqual(credential, found);
    assert.strictEqual(server!.requests.length, 1);
  });

  it("does not repeat a credential create after a connection reset without a way to recover", async () => {
    const resetOnce: Responder = (_r, i) => (i === 0 ? { status: 0, reset: true } : { status: 201, body: credentialJson() });
    const { client } = await setup(resetOnce);
    await assert.rejects(client.accounts.awsCredentials.create({ credentials: "AKIAEXAMPLE:secret-value" }), TwilioNetworkError);
    assert.strictEqual(server!.requests.length, 1);
  });

  it("repeats a create after 429 without asking: Twilio refused it before acting", async () => {
    const limitedOnce: Responder = (_r, i) => (i === 0 ? twilioError(429, 20429, "Too Many Requests") : { status: 201, body: hookJson() });
    const { client } = await setup(limitedOnce);
    let asked = 0;
    await client.video.compositionHooks.create(
      { friendlyName: "x" },
      {
        recover: async () => {
          asked++;
          return undefined;
        },
      },
    );
    assert.strictEqual(asked, 0);
    assert.strictEqual(server!.requests.length, 2);
  });

  it("looks once per attempt of unknown outcome, not again after a 429 that followed the look", async () => {
    const answers = [
      twilioError(503, 20503, "Service unavailable"),
      twilioError(429, 20429, "Too Many Requests"),
      { status: 201, body: hookJson() },
    ];
    const { client } = await setup((_r, i) => answers[i]);
    let asked = 0;
    await client.video.compositionHooks.create(
      { friendlyName: "x" },
      {
        recover: async () => {
          asked++;
          return undefined;
        },
      },
    );
    assert.strictEqual(asked, 1);
    assert.strictEqual(server!.requests.length, 3);
  });

  it("repeats a create whose connection was refused: it never reached Twilio", async () => {
    // Find a free port, leave it closed for the first attempt, and start the server during the wait.
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const delays: number[] = [];
    const client = new TwilioClient({
      accountSid: ACCOUNT_SID,
      authToken: "test-auth-token",
      endpoint: `http://127.0.0.1:${port}`,
      random: () => 0.5,
      sleep: async (ms) => {
        delays.push(ms);
        server = await startFakeTwilio(() => ({ status: 201, body: hookJson() }), port);
      },
    });
    const hook = await client.video.compositionHooks.create({ friendlyName: "x", audioSources: ["*"] });
    assert.strictEqual(hook.sid, "HK00000000000000000000000000000001");
    assert.deepStrictEqual(delays, [100]);
    assert.strictEqual(server!.requests.length, 1);
    assert.strictEqual(server!.requests[0].body, "FriendlyName=x&AudioSources=*");
  });

  it("gives up on a refused create after the retry limit", async () => {
    const probe = await startFakeTwilio(() => ({ status: 200 }));
    await probe.close();
    const { delays, sleep } = recordingSleep();
    const client = new TwilioClient({
      accountSid: ACCOUNT_SID,
      authToken: "test-auth-token",
      endpoint: probe.url,
      sleep,
      random: () => 0.5,
      retry: { limit: 3 },
    });
    await assert.rejects(
      client.accounts.publicKeys.create({ publicKey: "-----BEGIN PUBLIC KEY-----" }),
      (e: unknown) => e instanceof TwilioNetworkError && e.errorCode === "ECONNREFUSED",
    );
    assert.deepStrictEqual(delays, [100, 200, 400]);
  });
});
