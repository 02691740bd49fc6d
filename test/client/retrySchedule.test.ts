import * as assert from "assert";
import { TwilioApiError, TwilioClient, TwilioTimeoutError, type ClientOptions } from "../../provider/twilio";
import {
  ACCOUNT_SID,
  HOOK_SID,
  hookJson,
  recordingSleep,
  settingsJson,
  startFakeTwilio,
  twilioError,
  type FakeTwilio,
  type Responder,
} from "./fakeTwilio";

describe("client retry schedule", () => {
  let server: FakeTwilio;
  afterEach(() => server.close());

  async function setup(respond: Responder, options: Partial<ClientOptions> = {}) {
    server = await startFakeTwilio(respond);
    const { delays, sleep } = recordingSleep();
    const log: string[] = [];
    const client = new TwilioClient({
      accountSid: ACCOUNT_SID,
      authToken: "test-auth-token",
      endpoint: server.url,
      sleep,
      random: () => 0.5,
      log: (line) => log.push(line),
      ...options,
    });
    return { client, delays, log };
  }

  it("retries a GET on 5xx with jittered exponential backoff until it succeeds", async () => {
    const { client, delays, log } = await setup((_r, i) =>
      i < 3 ? twilioError(503, 20503, "Service unavailable") : { status: 200, body: hookJson() },
    );
    const hook = await client.video.compositionHooks.fetch(HOOK_SID);
    assert.strictEqual(hook.sid, HOOK_SID);
    assert.deepStrictEqual(delays, [100, 200, 400]);
    assert.strictEqual(server.requests.length, 4);
    assert.deepStrictEqual(
      log.map((l) => l.replace(/\(\d+ ms\)/, "(N ms)")),
      [
        `GET /v1/CompositionHooks/${HOOK_SID} -> 503 (N ms); retry 1/4 in 100 ms`,
        `GET /v1/CompositionHooks/${HOOK_SID} -> 503 (N ms); retry 2/4 in 200 ms`,
        `GET /v1/CompositionHooks/${HOOK_SID} -> 503 (N ms); retry 3/4 in 400 ms`,
        `GET /v1/CompositionHooks/${HOOK_SID} -> 200 (N ms)`,
      ],
    );
  });

  it("stops after `limit` retries and throws the last Twilio error", async () => {
    const { client, delays, log } = await setup(() => twilioError(500, 20500, "Internal error"), { retry: { limit: 2 } });
    await assert.rejects(
      client.video.recordingSettings.fetch(),
      (e: unknown) =>
        e instanceof TwilioApiError && e.message === "Twilio 500 (code 20500) on GET /v1/RecordingSettings/Default: Internal error",
    );
    assert.deepStrictEqual(delays, [100, 200]);
    assert.strictEqual(server.requests.length, 3);
    assert.match(log[2], /^GET \/v1\/RecordingSettings\/Default -> 500 \(\d+ ms\); giving up after 3 attempts$/);
  });

  it("retries 429 on every method, waiting exactly the Retry-After seconds", async () => {
    const { client, delays } = await setup((_r, i) =>
      i === 0 ? { ...twilioError(429, 20429, "Too Many Requests"), headers: { "Retry-After": "2" } } : { status: 201, body: hookJson() },
    );
    await client.video.compositionHooks.create({ friendlyName: "x", audioSources: ["*"] });
    assert.deepStrictEqual(delays, [2000]);
    assert.strictEqual(server.requests.length, 2);
  });

  it("honours a Retry-After HTTP date", async () => {
    const { client, delays } = await setup((_r, i) =>
      i === 0
        ? { status: 429, body: {}, headers: { "Retry-After": new Date(Date.now() + 3000).toUTCString() } }
        : { status: 200, body: settingsJson() },
    );
    await client.video.recordingSettings.fetch();
    assert.strictEqual(delays.length, 1);
    // HTTP dates have one-second resolution: the wait is what is left of the three seconds.
    assert.ok(delays[0] > 1000 && delays[0] <= 3000, `delay ${delays[0]}`);
  });

  it("caps Retry-After at maxRetryAfterMs", async () => {
    const { client, delays } = await setup(
      (_r, i) => (i < 2 ? { status: 429, body: {}, headers: { "Retry-After": "3600" } } : { status: 200, body: settingsJson() }),
      { retry: { maxRetryAfterMs: 1500 } },
    );
    await client.video.compositionSettings.fetch();
    assert.deepStrictEqual(delays, [1500, 1500]);
  });

  it("counts 429 retries apart from other failures: 12 by default, then the last 429 is thrown", async () => {
    const rateLimited = { ...twilioError(429, 20429, "Too Many Requests"), headers: { "Retry-After": "1" } };
    const { client, delays, log } = await setup(() => rateLimited);
    await assert.rejects(client.video.compositionHooks.list(), (e: unknown) => e instanceof TwilioApiError && e.status === 429);
    assert.strictEqual(server.requests.length, 13);
    assert.deepStrictEqual(delays, Array(12).fill(1000));
    assert.match(log[11], /-> 429 \(\d+ ms\); rate-limit retry 12\/12 in 1000 ms$/);
    assert.match(log[12], /-> 429 \(\d+ ms\); giving up after 13 attempts$/);
  });

  it("a run of 429s does not use up the retries left for 5xx", async () => {
    const { client } = await setup((_r, i) =>
      i < 6
        ? { status: 429, body: {}, headers: { "Retry-After": "0" } }
        : i < 10
          ? twilioError(503, 20503, "Service unavailable")
          : { status: 200, body: settingsJson() },
    );
    await client.video.recordingSettings.fetch();
    // 6 rate-limited + 4 failed (the whole 5xx allowance) + 1 success.
    assert.strictEqual(server.requests.length, 11);
  });

  it("does not start a retry that would pass totalTimeMs", async () => {
    const { client, delays } = await setup(() => ({ status: 429, body: {}, headers: { "Retry-After": "25" } }), { retry: { limit: 10 } });
    await assert.rejects(client.video.compositionHooks.list(), (e: unknown) => e instanceof TwilioApiError && e.status === 429);
    // 25 s + 25 s fit in the default 60 s budget; a third wait would end past it.
    assert.deepStrictEqual(delays, [25000, 25000]);
    assert.strictEqual(server.requests.length, 3);
  });

  it("retries an update POST on 5xx (updates send the full configuration)", async () => {
    const { client, delays } = await setup((_r, i) =>
      i === 0 ? { status: 502, body: "bad gateway" } : { status: 201, body: settingsJson() },
    );
    await client.video.compositionSettings.update({ friendlyName: "x" });
    assert.deepStrictEqual(delays, [100]);
  });

  it("does not retry a 4xx other than 429", async () => {
    const { client, delays } = await setup(() => twilioError(400, 53120, "bad"));
    await assert.rejects(client.video.compositionHooks.update(HOOK_SID, { friendlyName: "x" }), TwilioApiError);
    assert.deepStrictEqual(delays, []);
    assert.strictEqual(server.requests.length, 1);
  });

  it("times out a silent server and retries the GET", async () => {
    const { client, delays } = await setup((_r, i) => (i === 0 ? { status: 0, hang: true } : { status: 200, body: hookJson() }), {
      timeoutMs: 100,
    });
    const hook = await client.video.compositionHooks.fetch(HOOK_SID);
    assert.strictEqual(hook.sid, HOOK_SID);
    assert.deepStrictEqual(delays, [100]);
  });

  it("reports a timeout as TwilioTimeoutError when retries run out", async () => {
    const { client } = await setup(() => ({ status: 0, hang: true }), { timeoutMs: 50, retry: { limit: 1 } });
    await assert.rejects(
      client.video.recordingSettings.fetch(),
      (e: unknown) =>
        e instanceof TwilioTimeoutError && e.message === "Twilio request GET /v1/RecordingSettings/Default timed out after 50 ms",
    );
    assert.strictEqual(server.requests.length, 2);
  });

  it("treats 404 on a retried DELETE as done: the earlier attempt deleted it", async () => {
    const { client, log } = await setup((_r, i) => (i === 0 ? { status: 0, reset: true } : twilioError(404, 20404, "not found")));
    assert.strictEqual(await client.video.compositionHooks.remove(HOOK_SID), undefined);
    assert.match(log[1], /-> 404 \(\d+ ms\); already deleted by an earlier attempt$/);
  });

  it("still reports 404 on a DELETE whose first attempt got an answer", async () => {
    const { client } = await setup(() => twilioError(404, 20404, "not found"));
    await assert.rejects(client.video.compositionHooks.remove(HOOK_SID), (e: unknown) => e instanceof TwilioApiError && e.status === 404);
  });
});
