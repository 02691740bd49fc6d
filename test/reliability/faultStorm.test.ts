import { strict as assert } from "assert";
import type { RequestLogEntry } from "../../emulator";
import { DEFAULT_RETRY } from "../../provider/twilio/options";
import { ProviderHostError, type PropertyBag } from "../helpers/providerHost";
import { useFixture, type Fixture } from "../resources/fixture";
import type { CredentialListJson, HookListJson } from "../helpers/twilioConsole";

const HOOKS = "/v1/CompositionHooks";
const AWS = "/v1/Credentials/AWS";
const HOOK_COUNT = 200;
const IN_FLIGHT = 10;
/** 15% of all responses are 429 and another 15% (0.15 / 0.85 of the rest) are 503: 30% in all. */
const STORM = [
  { kind: "status", status: 429, retryAfterSeconds: 0, probability: 0.15, times: Infinity },
  { kind: "status", status: 503, probability: 0.15 / 0.85, times: Infinity },
] as const;
/**
 * The client's own limits (provider/twilio/options.ts): per call, one request plus `limit` retries
 * after failures (503 here) plus `rateLimitLimit` retries after 429s, which are counted apart.
 */
const FAILURES_PER_CALL = 1 + DEFAULT_RETRY.limit;
const RATE_LIMITS_PER_CALL = 1 + DEFAULT_RETRY.rateLimitLimit;
const REQUESTS_PER_CALL = 1 + DEFAULT_RETRY.limit + DEFAULT_RETRY.rateLimitLimit;
/** A call that exhausts its retries fails the operation; Pulumi's user runs `up` again. */
const RUNS_PER_OPERATION = 3;
/**
 * What the provider reports when every retry met the storm: Twilio's own answer, named. A create's
 * first call is the composition guard's read of the recording settings, which can give up too.
 */
const GAVE_UP =
  /^Twilio (429 \(code 20429\)|503 \(code 20503\)) on (GET|POST|DELETE) (\/v1\/CompositionHooks(\/HK[0-9a-f]{32})?|\/v1\/RecordingSettings\/Default): (Too Many Requests|Service Unavailable)$/;

type Hook = { id: string; properties: PropertyBag };

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

describe("reliability: a 200-hook lifecycle through the provider host survives a storm of 30% 429/503", () => {
  let fx: Fixture;
  useFixture((f) => (fx = f));

  const storm = () => STORM.forEach((fault) => fx.emulator.faults.add({ ...fault }));
  /** The emulator's state, read with faults off (the storm is restarted, from the seed, after). */
  async function liveHooks(): Promise<{ sid: string; friendly_name: string; format: string; audio_sources: string[] }[]> {
    fx.emulator.faults.clear();
    const res = await fx.twilio<HookListJson>("GET", `${HOOKS}?PageSize=1000`);
    assert.equal(res.status, 200);
    return res.body.composition_hooks;
  }

  it("creates, reads, updates and deletes every hook exactly once, with bounded attempts", async () => {
    const urn = (i: number) => fx.urn("CompositionHook", `hook-${i}`);
    const name = (i: number) => `storm-${String(i).padStart(3, "0")}`;
    const indexes = Array.from({ length: HOOK_COUNT }, (_, i) => i);
    const gaveUp: string[] = [];
    /** One engine step; a failure must be a clear "gave up" and the next run must converge. */
    const step = async <R>(operation: () => Promise<R>): Promise<R> => {
      for (let run = 1; ; run++) {
        try {
          return await operation();
        } catch (e) {
          assert.ok(e instanceof ProviderHostError, String(e));
          assert.match(e.details, GAVE_UP);
          gaveUp.push(e.details.replace(/HK[0-9a-f]{32}/, "HK…"));
          assert.ok(run < RUNS_PER_OPERATION, `still failing after ${run} runs: ${e.details}`);
        }
      }
    };
    const started = Date.now();
    const checked = await pool(
      indexes,
      IN_FLIGHT,
      async (i) =>
        (await fx.host.check(urn(i), {}, await fx.withProvider("CompositionHook", { friendlyName: name(i), audioSources: [`alice-${i}`] })))
          .inputs,
    );
    assert.equal(fx.emulator.log.count(), 0, "check calls Twilio");

    storm();
    const created: Hook[] = await pool(indexes, IN_FLIGHT, (i) => step(() => fx.host.create(urn(i), checked[i])));
    let live = await liveHooks();
    assert.equal(live.length, HOOK_COUNT);
    assert.deepEqual(live.map((h) => h.friendly_name).sort(), indexes.map(name));
    assert.deepEqual(live.map((h) => h.sid).sort(), created.map((h) => h.id).sort(), "every hook is one the provider reported");

    storm();
    const read = await pool(indexes, IN_FLIGHT, (i) => step(() => fx.host.read(created[i].id, urn(i), created[i].properties)));
    read.forEach((r, i) =>
      assert.deepEqual([r.id, r.properties.friendlyName, r.properties.audioSources], [created[i].id, name(i), [`alice-${i}`]]),
    );

    const news = indexes.map((i) => ({ ...checked[i], format: "mp4", audioSources: [`bob-${i}`] }));
    const updated = await pool(indexes, IN_FLIGHT, (i) =>
      step(() => fx.host.update(created[i].id, urn(i), created[i].properties, news[i])),
    );
    updated.forEach((u, i) =>
      assert.deepEqual([u.properties.friendlyName, u.properties.format, u.properties.audioSources], [name(i), "mp4", [`bob-${i}`]]),
    );
    live = await liveHooks();
    // Each update reached its own hook (the SID is the resource id; state does not repeat it).
    const bySid = (rows: unknown[][]) => rows.sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    assert.deepEqual(
      bySid(live.map((h) => [h.sid, h.friendly_name, h.format, h.audio_sources])),
      bySid(indexes.map((i) => [created[i].id, name(i), "mp4", [`bob-${i}`]])),
    );

    storm();
    await pool(indexes, IN_FLIGHT, (i) => step(() => fx.host.delete(created[i].id, urn(i), updated[i].properties)));
    const elapsedMs = Date.now() - started;
    assert.deepEqual(await liveHooks(), []);

    const log = fx.emulator.log.entries().filter((e) => !(e.method === "GET" && e.query === "PageSize=1000"));
    assertAttemptsBounded(log, gaveUp.length);
    const faulted = log.filter((e) => e.faulted === "status");
    console.log(
      `      ${HOOK_COUNT} hooks x create/read/update/delete, ${IN_FLIGHT} in flight: ${log.length} requests for ${4 * HOOK_COUNT} operations, ` +
        `${faulted.length} faulted (${log.filter((e) => e.status === 429).length} x 429, ${log.filter((e) => e.status === 503).length} x 503, ` +
        `${((100 * faulted.length) / log.length).toFixed(1)}%), ${gaveUp.length} operations gave up once and converged on the next run, ${elapsedMs} ms`,
    );
    for (const message of gaveUp) console.log(`      gave up: ${message}`);
  });

  /**
   * From the emulator's log: every hook was created, read, updated and deleted exactly once (one
   * success each, no duplicate create), and no call sent more requests than the retry policy allows.
   */
  function assertAttemptsBounded(log: RequestLogEntry[], failedRuns: number): void {
    const ok = (method: string, path: RegExp, status: number) =>
      log.filter((e) => e.method === method && path.test(e.path) && e.status === status).length;
    const onHook = /^\/v1\/CompositionHooks\/HK[0-9a-f]{32}$/;
    assert.deepEqual(
      [ok("POST", /^\/v1\/CompositionHooks$/, 201), ok("GET", onHook, 200), ok("POST", onHook, 200), ok("DELETE", onHook, 204)],
      [HOOK_COUNT, HOOK_COUNT, HOOK_COUNT, HOOK_COUNT],
    );
    // Only the storm's statuses are failures: no 400 (duplicate name), no 404 (lost hook).
    assert.deepEqual([...new Set(log.map((e) => e.status))].sort(), [200, 201, 204, 429, 503]);
    // Per hook and method: at most the client's attempts, times the runs that needed another try.
    const runs = 1 + failedRuns;
    const perCall = new Map<string, { total: number; s429: number; s503: number }>();
    for (const e of log) {
      if (!onHook.test(e.path)) continue;
      const key = `${e.method} ${e.path}`;
      const counts = perCall.get(key) ?? { total: 0, s429: 0, s503: 0 };
      counts.total += 1;
      if (e.status === 429) counts.s429 += 1;
      if (e.status === 503) counts.s503 += 1;
      perCall.set(key, counts);
    }
    const worst = (pick: (c: { total: number; s429: number; s503: number }) => number) => Math.max(...[...perCall.values()].map(pick));
    assert.ok(worst((c) => c.s503) <= FAILURES_PER_CALL * runs, `one call met ${worst((c) => c.s503)} x 503`);
    assert.ok(worst((c) => c.s429) <= RATE_LIMITS_PER_CALL * runs, `one call met ${worst((c) => c.s429)} x 429`);
    assert.ok(worst((c) => c.total) <= REQUESTS_PER_CALL * runs, `one call sent ${worst((c) => c.total)} requests`);
    const creates = log.filter((e) => e.method === "POST" && e.path === HOOKS).length;
    assert.ok(creates <= HOOK_COUNT * REQUESTS_PER_CALL * runs, `${creates} create requests`);
    console.log(
      `      most requests for one call on one hook: ${worst((c) => c.total)} (${worst((c) => c.s429)} x 429, ${worst((c) => c.s503)} x 503 at most); ` +
        `create requests: ${creates} for ${HOOK_COUNT} hooks`,
    );
  }

  describe("what a 503 on a create does end to end (the client looks for what it made before sending it again)", () => {
    const hook = { friendlyName: "once", audioSources: ["alice"] };
    const statuses = () => fx.emulator.log.entries().map((e) => `${e.method} ${e.path} ${e.status}`);
    /** An enabled hook's create reads the recording settings first (the composition guard). */
    const GUARD_READ = "GET /v1/RecordingSettings/Default 200";
    const create = async (kind: string, props: PropertyBag) =>
      fx.host.create(fx.urn(kind, "x"), (await fx.host.check(fx.urn(kind, "x"), {}, await fx.withProvider(kind, props))).inputs);

    it("CompositionHook: the client lists the name, finds no hook, sends the create again and succeeds", async () => {
      fx.emulator.faults.add({ kind: "status", status: 503, match: { method: "POST", path: HOOKS } });
      const created = await create("CompositionHook", hook);
      assert.deepEqual(statuses(), [GUARD_READ, `POST ${HOOKS} 503`, `GET ${HOOKS} 200`, `POST ${HOOKS} 201`]);
      assert.deepEqual(
        (await liveHooks()).map((h) => h.sid),
        [created.id],
      );
    });

    it("CompositionHook: a 503 on every attempt fails the create with Twilio's answer, and nothing is left behind", async () => {
      fx.emulator.faults.add({ kind: "status", status: 503, times: FAILURES_PER_CALL, match: { method: "POST", path: HOOKS } });
      await assert.rejects(create("CompositionHook", hook), (e: ProviderHostError) => {
        assert.equal(e.details, "Twilio 503 (code 20503) on POST /v1/CompositionHooks: Service Unavailable");
        return true;
      });
      const lookedAndSentAgain = Array(FAILURES_PER_CALL - 1)
        .fill([`POST ${HOOKS} 503`, `GET ${HOOKS} 200`])
        .flat();
      assert.deepEqual(statuses(), [GUARD_READ, ...lookedAndSentAgain, `POST ${HOOKS} 503`]);
      assert.deepEqual(await liveHooks(), []);
      assert.match((await create("CompositionHook", hook)).id, /^HK[0-9a-f]{32}$/, "the next run creates it");
    });

    it("AwsCredential: looks for a credential the 503'd attempt made, finds none, creates once more", async () => {
      const credential = { accessKeyId: "AKIASTORM00000000001", secretAccessKey: "storm/Secret0".padEnd(40, "0"), friendlyName: "storm" };
      fx.emulator.faults.add({ kind: "status", status: 503, match: { method: "POST", path: AWS } });
      const created = await create("AwsCredential", credential);
      assert.deepEqual(statuses(), [`POST ${AWS} 503`, `GET ${AWS} 200`, `POST ${AWS} 201`]);
      fx.emulator.log.clear();
      fx.emulator.faults.add({ kind: "status", status: 503, times: FAILURES_PER_CALL, match: { method: "POST", path: AWS } });
      await assert.rejects(create("AwsCredential", { ...credential, friendlyName: "storm-2" }), (e: ProviderHostError) => {
        assert.equal(e.details, "Twilio 503 (code 20503) on POST /v1/Credentials/AWS: Service Unavailable");
        return true;
      });
      assert.deepEqual(statuses(), [
        ...Array(FAILURES_PER_CALL - 1)
          .fill([`POST ${AWS} 503`, `GET ${AWS} 200`])
          .flat(),
        `POST ${AWS} 503`,
      ]);
      const credentials = (await fx.twilio<CredentialListJson>("GET", AWS)).body.credentials;
      assert.deepEqual(
        credentials.map((c) => c.sid),
        [created.id],
      );
    });
  });
});
