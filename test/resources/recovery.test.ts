// createWithRecovery: which failures are sent again, after what pause, and when a conflict is ours.
import { strict as assert } from "assert";
import { createWithRecovery, recoveryDelayMs } from "../../provider/resources/kit/recovery";
import { TwilioApiError, TwilioNetworkError } from "../../provider/twilio";

const status = (s: number, code?: number) =>
  new TwilioApiError({ status: s, code, twilioMessage: "x", method: "POST", path: "/v1/CompositionHooks" });
const reset = () => new TwilioNetworkError("POST", "/v1/CompositionHooks", "socket hang up", undefined, "ECONNRESET");

/** A plan whose create fails with `failures` in order, then returns "made"; records pauses. */
function plan(failures: Error[], conflictOn?: (e: unknown) => boolean) {
  const pauses: number[] = [];
  const conflicts: boolean[] = [];
  let sent = 0;
  return {
    pauses, conflicts, sent: () => sent,
    run: () => createWithRecovery({
      create: async () => {
        const failure = failures[sent++];
        if (failure) throw failure;
        return "made";
      },
      isConflict: conflictOn ?? (() => false),
      onConflict: async (after) => { conflicts.push(after); return "adopted"; },
      delayMs: (attempt) => { pauses.push(attempt); return 1; },
    }),
  };
}

describe("createWithRecovery", () => {
  it("sends a create again after 5xx or a broken connection, pausing before each retry", async () => {
    const p = plan([status(503), reset()]);
    assert.equal(await p.run(), "made");
    assert.equal(p.sent(), 3);
    assert.deepEqual(p.pauses, [1, 2]);
  });

  it("never repeats a create Twilio refused (4xx): that attempt provably did nothing worth repeating", async () => {
    const p = plan([status(400, 53100)]);
    await assert.rejects(p.run(), /Twilio 400 \(code 53100\)/);
    assert.equal(p.sent(), 1);
    assert.deepEqual(p.pauses, []);
  });

  it("gives up after 4 creates and throws the last failure", async () => {
    const p = plan([status(500), status(502), status(503), status(504)]);
    await assert.rejects(p.run(), /Twilio 504/);
    assert.equal(p.sent(), 4);
    assert.deepEqual(p.pauses, [1, 2, 3]);
  });

  it("hands a conflict to onConflict, saying whether an earlier attempt may have created the object", async () => {
    const isConflict = (e: unknown) => e instanceof TwilioApiError && e.code === 53123;
    const first = plan([status(400, 53123)], isConflict);
    assert.equal(await first.run(), "adopted");
    const afterLost = plan([reset(), status(400, 53123)], isConflict);
    assert.equal(await afterLost.run(), "adopted");
    assert.deepEqual([first.conflicts, afterLost.conflicts], [[false], [true]]);
  });

  it("pauses 125-250 ms, then doubles up to a 2 s ceiling", () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => recoveryDelayMs(n, () => 0)), [125, 250, 500, 1000, 1000, 1000]);
    assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => recoveryDelayMs(n, () => 1)), [250, 500, 1000, 2000, 2000, 2000]);
  });
});
