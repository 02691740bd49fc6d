/**
 * A 429/5xx storm while the real engine creates and then destroys 50 composition hooks: the run
 * succeeds and no hook is duplicated or left behind.
 *
 * The storm is made of fault counts, not probabilities, and every injected fault is consumed, so
 * their numbers in the emulator log are exact. Which create or delete meets which fault depends on
 * arrival order, so the other counts are checked by the invariants that must hold whatever the order.
 * What each fault exercises:
 * - 429 with Retry-After: 1 s. Twilio rejects before acting, so the client retries every method,
 *   creates included, after the server's delay (capped by the client; 1 s keeps the test at seconds).
 *   With PARALLEL operations in flight, THROTTLED 429s are used up in about two rounds of retries,
 *   well inside the client's 5 attempts per request.
 * - 503 on a create. It may or may not have happened, so the client (twilio/http.ts) first lists
 *   the hook's name, finds nothing, and only then sends the create again.
 * - drop on a create. The emulator creates the hook and never answers (a lost response). The
 *   client lists the name, finds exactly our configuration and keeps that hook without sending the
 *   create again. This is what keeps a storm from making duplicates. The first fault of the storm
 *   is a drop, and the first matching request is always a first attempt, so every run has at least
 *   one lost create.
 * - 503 and drop on a delete. DELETE is idempotent, so the client retries it; a 404 after an
 *   attempt of unknown outcome counts as deleted.
 * Only 3 ambiguous faults (drop, 503) are injected per phase, fewer than the client's 4 retries,
 * so no create can run out of attempts through them, however they fall.
 */
import { strict as assert } from "assert";
import fetch from "node-fetch";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator, type FaultSpec, type RequestLogEntry } from "../../emulator";
import { CompositionHook } from "../../provider";
import { TestStack, createTestStack, twilioStackConfig } from "../helpers/pulumiCli";

const HOOK_COUNT = 50;
/** Pinned (the CLI's default depends on the core count) so the storm lasts as many rounds everywhere. */
const PARALLEL = 10;
const THROTTLED = 15;
const hookName = (i: number) => `storm hook ${String(i).padStart(2, "0")}`;
const EXPECTED_NAMES = Array.from({ length: HOOK_COUNT }, (_, i) => hookName(i));
const HOOK_PATH = /^\/v1\/CompositionHooks\/HK[0-9a-f]{32}$/;

async function program(): Promise<Record<string, unknown>> {
  const hooks = EXPECTED_NAMES.map((name, i) => new CompositionHook(`hook-${i}`, { friendlyName: name, audioSources: [`speaker-${i}`] }));
  return { sids: hooks.map((h) => h.sid) };
}

/** The storm for one kind of call, ambiguous faults first so they land in the thick of it. */
function storm(match: FaultSpec["match"]): FaultSpec[] {
  return [
    { kind: "drop", match, times: 2 },
    { kind: "status", status: 503, match, times: 1 },
    { kind: "status", status: 429, retryAfterSeconds: 1, match, times: THROTTLED },
  ];
}

/** What the log says about one phase: injected faults, and how the other answers fell. */
function summarize(entries: RequestLogEntry[]) {
  const count = (pred: (e: RequestLogEntry) => boolean) => entries.filter(pred).length;
  return {
    throttled: count((e) => e.faulted === "status" && e.status === 429),
    unavailable: count((e) => e.faulted === "status" && e.status === 503),
    dropped: count((e) => e.faulted === "drop"),
    /** Done on the emulator, whether or not the answer reached the provider. */
    succeeded: count((e) => e.status === 201 || e.status === 204),
    /** Answered (not dropped) "name already exists" / "not found". */
    conflicts: count((e) => e.status === 400 && !e.faulted),
    notFound: count((e) => e.status === 404),
    nameLookups: count((e) => e.method === "GET" && e.status === 200 && /^FriendlyName=storm\+hook\+\d\d$/.test(e.query)),
    other: entries.filter((e) => ![201, 204, 400, 404, 429, 503].includes(e.status) && !(e.method === "GET" && e.status === 200)).length,
  };
}

describe("a 429/5xx storm while the real engine manages 50 composition hooks", function () {
  this.timeout(240_000);
  let emulator: Emulator;
  let test: TestStack;
  const authorization = "Basic " + Buffer.from(`${DEFAULT_ACCOUNT.accountSid}:${DEFAULT_ACCOUNT.authToken}`).toString("base64");
  const liveHooks = async () =>
    (
      (await (await fetch(`${emulator.url}/v1/CompositionHooks?PageSize=1000`, { headers: { authorization } })).json()) as {
        composition_hooks: { sid: string; friendly_name: string }[];
      }
    ).composition_hooks;

  before(async () => {
    emulator = await startEmulator();
    test = await createTestStack({
      stackName: "storm",
      program,
      config: twilioStackConfig(emulator.url, DEFAULT_ACCOUNT),
    });
  });
  after(async () => {
    await test?.cleanup();
    await emulator?.close();
  });

  it("up creates exactly 50 hooks, retrying throttled creates and keeping the ones whose response was lost", async () => {
    for (const fault of storm({ method: "POST", path: "/v1/CompositionHooks" })) emulator.faults.add(fault);
    const started = Date.now();
    const result = await test.stack.up({ parallel: PARALLEL });
    const log = summarize(emulator.log.entries());
    console.log(`      up of ${HOOK_COUNT} hooks through the storm: ${Date.now() - started} ms; ${JSON.stringify(log)}`);
    assert.equal(result.summary.result, "succeeded");
    assert.deepEqual(result.summary.resourceChanges, { create: HOOK_COUNT + 1 });

    const live = await liveHooks();
    assert.deepEqual(live.map((h) => h.friendly_name).sort(), EXPECTED_NAMES);
    assert.deepEqual(live.map((h) => h.sid).sort(), (result.outputs.sids.value as string[]).slice().sort());

    // Each create of unknown outcome (2 dropped, one 503) was settled by one look-up of its name
    // before anything was sent again, so no create ever met its own hook's name.
    assert.deepEqual(log, {
      throttled: THROTTLED,
      unavailable: 1,
      dropped: 2,
      succeeded: HOOK_COUNT,
      conflicts: 0,
      notFound: 0,
      nameLookups: 3,
      other: 0,
    });
  });

  it("destroy under the same storm leaves no hook behind", async () => {
    emulator.log.clear();
    for (const fault of storm({ method: "DELETE", path: HOOK_PATH })) emulator.faults.add(fault);
    const started = Date.now();
    const result = await test.stack.destroy({ parallel: PARALLEL });
    const log = summarize(emulator.log.entries());
    console.log(`      destroy of ${HOOK_COUNT} hooks through the storm: ${Date.now() - started} ms; ${JSON.stringify(log)}`);
    assert.equal(result.summary.result, "succeeded");
    assert.deepEqual(result.summary.resourceChanges, { delete: HOOK_COUNT + 1 });
    assert.deepEqual(await liveHooks(), []);

    assert.deepEqual(
      { ...log, notFound: 0 },
      {
        throttled: THROTTLED,
        unavailable: 1,
        dropped: 2,
        succeeded: HOOK_COUNT,
        conflicts: 0,
        notFound: 0,
        nameLookups: 0,
        other: 0,
      },
    );
    // A retry after a dropped answer finds the hook gone, which is what delete wants.
    assert.ok(log.notFound >= 1, `notFound: ${log.notFound}`);
  });
});
