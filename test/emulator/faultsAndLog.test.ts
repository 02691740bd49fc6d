import { strict as assert } from "assert";
import fetch from "node-fetch";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { api, hookForm } from "./helpers";

describe("emulator: fault injection, request log and admin routes", () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  afterEach(() => emulator.reset());
  after(() => emulator.close());

  it("injects a 429 with Retry-After once, then serves normally", async () => {
    emulator.faults.add({ kind: "status", status: 429, retryAfterSeconds: 7, match: { method: "GET", path: "/v1/CompositionHooks" } });
    const limited = await api(emulator, "GET", "/v1/CompositionHooks");
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get("retry-after"), "7");
    assert.deepEqual(limited.body, {
      code: 20429,
      message: "Too Many Requests",
      more_info: "https://www.twilio.com/docs/errors/20429",
      status: 429,
    });
    assert.equal((await api(emulator, "GET", "/v1/CompositionHooks")).status, 200);
    assert.deepEqual(
      emulator.log.entries().map((e) => [e.status, e.faulted]),
      [
        [429, "status"],
        [200, undefined],
      ],
    );
  });

  it("injects 503 `times` times on paths matching a RegExp, and only there", async () => {
    emulator.faults.add({ kind: "status", status: 503, times: 2, match: { path: /^\/v1\/Credentials\// } });
    assert.equal((await api(emulator, "GET", "/v1/CompositionHooks")).status, 200);
    const first = await api(emulator, "GET", "/v1/Credentials/AWS");
    assert.equal(first.status, 503);
    assert.equal(first.body.code, 20503);
    assert.equal((await api(emulator, "GET", "/v1/Credentials/PublicKeys")).status, 503);
    assert.equal((await api(emulator, "GET", "/v1/Credentials/AWS")).status, 200);
    assert.equal(emulator.log.count({ path: /^\/v1\/Credentials\// }), 3);
  });

  it("injects latency: the request waits on the clock while a request without latency completes", async () => {
    // A recorded clock: each wait is kept, and released only when the test says so.
    const waits: { ms: number; release: () => void }[] = [];
    let reached = () => undefined as void;
    const waiting = new Promise<void>((resolve) => (reached = resolve));
    const sleep = (ms: number) => new Promise<void>((release) => (waits.push({ ms, release }), reached()));
    const clocked = await startEmulator({ sleep });
    try {
      clocked.faults.add({ kind: "latency", ms: 1500, match: { path: "/v1/CompositionHooks" } });
      let slowDone = false;
      const slow = api(clocked, "GET", "/v1/CompositionHooks").then((res) => ((slowDone = true), res));
      await Promise.race([waiting, slow.then(() => assert.fail("the request completed without waiting on the clock"))]);
      const fast = await api(clocked, "GET", "/v1/Credentials/AWS");
      assert.equal(fast.status, 200);
      assert.deepEqual(
        waits.map((w) => w.ms),
        [1500],
      ); // the delayed request is waiting, and only it
      assert.equal(slowDone, false);
      assert.deepEqual(
        clocked.log.entries().map((e) => e.path),
        ["/v1/Credentials/AWS"],
      );
      waits[0].release();
      assert.equal((await slow).status, 200);
      assert.deepEqual(
        clocked.log.entries().map((e) => [e.path, e.faulted]),
        [
          ["/v1/Credentials/AWS", undefined],
          ["/v1/CompositionHooks", "latency"],
        ],
      );
    } finally {
      await clocked.close();
    }
  });

  it("drop performs the write, then closes the socket without an answer", async () => {
    emulator.faults.add({ kind: "drop", match: { method: "POST" } });
    await assert.rejects(
      api(emulator, "POST", "/v1/CompositionHooks", { form: hookForm({ FriendlyName: "dropped" }) }),
      /socket hang up|ECONNRESET/,
    );
    const list = await api(emulator, "GET", "/v1/CompositionHooks");
    assert.deepEqual(
      list.body.composition_hooks.map((h: { friendly_name: string }) => h.friendly_name),
      ["dropped"],
    );
    const retry = await api(emulator, "POST", "/v1/CompositionHooks", { form: hookForm({ FriendlyName: "dropped" }) });
    assert.equal(retry.body.code, 53123);
    assert.deepEqual(emulator.log.entries()[0], { ...emulator.log.entries()[0], method: "POST", status: 201, faulted: "drop" });
  });

  it("probabilistic faults repeat exactly for the same seed", async () => {
    const pattern = async (): Promise<number[]> => {
      const seeded = await startEmulator({ faultSeed: 42 });
      try {
        seeded.faults.add({ kind: "status", status: 500, probability: 0.5, times: 100 });
        const statuses: number[] = [];
        for (let i = 0; i < 12; i++) statuses.push((await api(seeded, "GET", "/v1/CompositionHooks")).status);
        return statuses;
      } finally {
        await seeded.close();
      }
    };
    const first = await pattern();
    assert.deepEqual(await pattern(), first);
    assert.ok(first.includes(500) && first.includes(200), `both outcomes expected in ${first}`);
  });

  it("logs every API request with seq, method, path, query, status and account; counts by filter", async () => {
    await api(emulator, "POST", "/v1/CompositionHooks", { form: hookForm() });
    await api(emulator, "GET", "/v1/CompositionHooks?PageSize=5");
    await api(emulator, "GET", "/v1/CompositionHooks", { auth: null });
    const entries = emulator.log.entries();
    assert.deepEqual(
      entries.map(({ seq, method, path, query, status, accountSid }) => ({ seq, method, path, query, status, accountSid })),
      [
        { seq: 1, method: "POST", path: "/v1/CompositionHooks", query: "", status: 201, accountSid: DEFAULT_ACCOUNT.accountSid },
        { seq: 2, method: "GET", path: "/v1/CompositionHooks", query: "PageSize=5", status: 200, accountSid: DEFAULT_ACCOUNT.accountSid },
        { seq: 3, method: "GET", path: "/v1/CompositionHooks", query: "", status: 401, accountSid: undefined },
      ],
    );
    assert.match(entries[0].at, /^\d{4}-\d\d-\d\dT/);
    assert.equal(emulator.log.count(), 3);
    assert.equal(emulator.log.count({ method: "get" }), 2);
    assert.equal(emulator.log.count({ accountSid: DEFAULT_ACCOUNT.accountSid }), 2);
    emulator.log.clear();
    assert.equal(emulator.log.count(), 0);
  });

  describe("admin routes", () => {
    const admin = (method: string, path: string, json?: unknown) =>
      fetch(`${emulator.url}/__emulator/${path}`, {
        method,
        headers: json === undefined ? {} : { "Content-Type": "application/json" },
        body: json === undefined ? undefined : JSON.stringify(json),
      });

    it("GET/DELETE log, and admin requests are not logged", async () => {
      await api(emulator, "GET", "/v1/CompositionHooks");
      const res = await admin("GET", "log");
      assert.equal(res.status, 200);
      const body = await res.json();
      assert.deepEqual(
        body.entries.map((e: { path: string }) => e.path),
        ["/v1/CompositionHooks"],
      );
      assert.equal((await admin("DELETE", "log")).status, 204);
      assert.equal(emulator.log.count(), 0);
    });

    it("POST faults with a path regex, DELETE faults", async () => {
      assert.equal(
        (
          await admin("POST", "faults", {
            kind: "status",
            status: 429,
            retryAfterSeconds: 2,
            times: 5,
            match: { path: { regex: "^/v1/Comp" } },
          })
        ).status,
        201,
      );
      const limited = await api(emulator, "GET", "/v1/CompositionHooks");
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get("retry-after"), "2");
      assert.equal((await api(emulator, "GET", "/v1/Credentials/AWS")).status, 200);
      assert.equal((await admin("DELETE", "faults")).status, 204);
      assert.equal((await api(emulator, "GET", "/v1/CompositionHooks")).status, 200);
      const bad = await admin("POST", "faults", { kind: "explode" });
      assert.equal(bad.status, 400);
      assert.equal((await bad.json()).code, 20002);
    });

    it("POST reset wipes objects and keeps accounts; POST accounts adds one", async () => {
      await api(emulator, "POST", "/v1/CompositionHooks", { form: hookForm() });
      assert.equal((await admin("POST", "reset")).status, 204);
      assert.deepEqual((await api(emulator, "GET", "/v1/CompositionHooks")).body.composition_hooks, []);
      const added = { accountSid: "AC" + "f".repeat(32), authToken: "admin-added" };
      assert.equal((await admin("POST", "accounts", added)).status, 201);
      assert.equal(
        (await api(emulator, "GET", "/v1/CompositionHooks", { auth: { user: added.accountSid, password: added.authToken } })).status,
        200,
      );
      const bad = await admin("POST", "accounts", { accountSid: "nope", authToken: "x" });
      assert.equal(bad.status, 400);
    });
  });
});
