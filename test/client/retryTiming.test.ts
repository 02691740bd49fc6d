import * as assert from "assert";
import { DEFAULT_RETRY, parseRetryAfterMs, retryDelayMs } from "../../provider/twilio";

describe("retry timing (pure)", () => {
  const now = Date.parse("2024-05-01T12:00:00Z");

  it("backs off exponentially from baseDelayMs with full jitter", () => {
    const half = () => 0.5;
    assert.deepStrictEqual(
      [1, 2, 3, 4, 5].map((n) => retryDelayMs(n, null, DEFAULT_RETRY, half, now)),
      [100, 200, 400, 800, 1600],
    );
  });

  it("keeps jitter within [0, ceiling) and the ceiling within maxDelayMs", () => {
    const almostOne = () => 0.999999;
    const zero = () => 0;
    assert.deepStrictEqual(
      [1, 2, 3, 4, 5, 6, 10].map((n) => retryDelayMs(n, undefined, DEFAULT_RETRY, almostOne, now)),
      [199, 399, 799, 1599, 3199, 4999, 4999],
    );
    assert.deepStrictEqual(
      [1, 6].map((n) => retryDelayMs(n, undefined, DEFAULT_RETRY, zero, now)),
      [0, 0],
    );
    // a broken random source cannot push the delay past the ceiling
    assert.strictEqual(
      retryDelayMs(1, undefined, DEFAULT_RETRY, () => 7, now),
      200,
    );
  });

  it("honours Retry-After seconds exactly, without jitter, capped at maxRetryAfterMs", () => {
    const random = () => 0.25;
    assert.strictEqual(retryDelayMs(1, "3", DEFAULT_RETRY, random, now), 3000);
    assert.strictEqual(retryDelayMs(4, "0", DEFAULT_RETRY, random, now), 0);
    assert.strictEqual(retryDelayMs(1, "1.5", DEFAULT_RETRY, random, now), 1500);
    assert.strictEqual(retryDelayMs(1, "120", DEFAULT_RETRY, random, now), 30000);
    assert.strictEqual(retryDelayMs(1, "120", { ...DEFAULT_RETRY, maxRetryAfterMs: 1000 }, random, now), 1000);
  });

  it("honours Retry-After as an HTTP date, capped, and a past date as no wait", () => {
    const random = () => 0.25;
    assert.strictEqual(retryDelayMs(1, "Wed, 01 May 2024 12:00:07 GMT", DEFAULT_RETRY, random, now), 7000);
    assert.strictEqual(retryDelayMs(1, "Wed, 01 May 2024 13:00:00 GMT", DEFAULT_RETRY, random, now), 30000);
    assert.strictEqual(retryDelayMs(1, "Wed, 01 May 2024 11:00:00 GMT", DEFAULT_RETRY, random, now), 0);
  });

  it("falls back to backoff when Retry-After is absent or unparseable", () => {
    assert.strictEqual(parseRetryAfterMs("soon", now), undefined);
    assert.strictEqual(parseRetryAfterMs("", now), undefined);
    assert.strictEqual(parseRetryAfterMs("-5", now), undefined);
    assert.strictEqual(
      retryDelayMs(2, "soon", DEFAULT_RETRY, () => 0.5, now),
      200,
    );
  });
});
