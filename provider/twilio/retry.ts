import type { RetryOptions } from "./options";

/**
 * How long to wait before retry number `retry` (1 = the first retry). Pure: the clock and the
 * jitter source are arguments, so tests record delays instead of sleeping.
 *
 * - A server's Retry-After (seconds or an HTTP date) is honoured exactly, capped at
 *   `maxRetryAfterMs`, and never jittered: the server told us when.
 * - Otherwise our own exponential backoff with full jitter:
 *   `random() * min(maxDelayMs, baseDelayMs * 2^(retry-1))`.
 */
export function retryDelayMs(
  retry: number,
  retryAfter: string | null | undefined,
  options: Pick<RetryOptions, "baseDelayMs" | "maxDelayMs" | "maxRetryAfterMs">,
  random: () => number,
  nowMs: number,
): number {
  const serverDelay = parseRetryAfterMs(retryAfter, nowMs);
  if (serverDelay !== undefined) return Math.min(serverDelay, options.maxRetryAfterMs);
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(clampUnit(random()) * ceiling);
}

/** Retry-After as milliseconds from `nowMs`, or undefined when absent or unparseable. */
export function parseRetryAfterMs(header: string | null | undefined, nowMs: number): number | undefined {
  if (header === null || header === undefined) return undefined;
  const text = header.trim();
  if (text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP date always has a month name; this keeps Date.parse from reading "-5" as a year.
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

function clampUnit(value: number): number {
  if (!Number.isFinite(value) || value < 0) return 0;
  return value >= 1 ? 1 : value;
}

/** What happened on one attempt, as far as retry policy cares. */
export type AttemptOutcome =
  | { kind: "status"; status: number }
  | { kind: "refused" } // ECONNREFUSED: the request provably never reached the server
  | { kind: "network" } // reset, hang-up, DNS...: the server may or may not have acted
  | { kind: "timeout" };

/**
 * Whether an attempt may be repeated.
 *
 * `repeatable` is true for GET, DELETE and non-creating POSTs (updates send the full configuration,
 * so repeating one converges on the same state), and for a creating POST that can find what a
 * lost attempt made (`TwilioRequest.recover`), which the engine asks before sending it again.
 */
export function isRetryable(outcome: AttemptOutcome, repeatable: boolean): boolean {
  switch (outcome.kind) {
    case "refused":
      return true;
    case "network":
    case "timeout":
      return repeatable;
    case "status":
      // Twilio rejects a request with 429 before doing anything with it, so even a creating POST
      // is safe to send again.
      if (outcome.status === 429) return true;
      // 501 Not Implemented will not change on a second try.
      return outcome.status >= 500 && outcome.status <= 599 && outcome.status !== 501 && repeatable;
  }
}
