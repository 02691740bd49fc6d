import { strict as assert } from "assert";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { api, hookForm, hex32 } from "./helpers";

describe("emulator: CompositionHooks", () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  afterEach(() => emulator.reset());
  after(() => emulator.close());

  it("creates a hook with Twilio's defaults and renders snake_case JSON with an absolute url", async () => {
    const layout = { main: { video_sources: ["cam*"], max_columns: 2, reuse: "show_newest" } };
    // Every region comes back with all 11 keys (Twilio's captured answers, test/fixtures/twilio-responses).
    const echoed = {
      main: {
        x_pos: 0,
        y_pos: 0,
        z_pos: 0,
        width: null,
        height: null,
        max_columns: 2,
        max_rows: null,
        cells_excluded: [],
        reuse: "show_newest",
        video_sources: ["cam*"],
        video_sources_excluded: [],
      },
    };
    const res = await api(emulator, "POST", "/v1/CompositionHooks", {
      form: { FriendlyName: "all cams", AudioSources: ["a b", "c"], VideoLayout: JSON.stringify(layout) },
    });
    assert.equal(res.status, 201);
    const hook = res.body;
    assert.match(hook.sid, /^HK[0-9a-f]{32}$/);
    assert.match(hook.date_created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.deepEqual(hook, {
      account_sid: DEFAULT_ACCOUNT.accountSid,
      friendly_name: "all cams",
      enabled: true,
      date_created: hook.date_created,
      date_updated: null,
      sid: hook.sid,
      audio_sources: ["a b", "c"],
      audio_sources_excluded: [],
      video_layout: echoed,
      resolution: "640x480",
      trim: true,
      format: "webm",
      status_callback: null,
      status_callback_method: "POST",
      url: `${emulator.url}/v1/CompositionHooks/${hook.sid}`,
    });
  });

  it("treats + and %20 both as spaces in form bodies", async () => {
    const res = await api(emulator, "POST", "/v1/CompositionHooks", { body: "FriendlyName=a+b%20c&AudioSources=x+y" });
    assert.equal(res.status, 201);
    assert.equal(res.body.friendly_name, "a b c");
    assert.deepEqual(res.body.audio_sources, ["x y"]);
  });

  it("fetches, updates (replacing omitted fields with defaults) and deletes a hook", async () => {
    const created = await api(emulator, "POST", "/v1/CompositionHooks", {
      form: hookForm({
        Format: "mp4",
        Resolution: "1280x720",
        Trim: false,
        StatusCallback: "https://example.com/cb",
        StatusCallbackMethod: "GET",
      }),
    });
    const path = `/v1/CompositionHooks/${created.body.sid}`;
    const fetched = await api(emulator, "GET", path);
    assert.equal(fetched.status, 200);
    assert.deepEqual(fetched.body, created.body);

    const updated = await api(emulator, "POST", path, { form: { FriendlyName: "renamed", AudioSources: ["x"], Enabled: false } });
    assert.equal(updated.status, 200);
    assert.equal(updated.body.friendly_name, "renamed");
    assert.equal(updated.body.enabled, false);
    assert.equal(updated.body.format, "webm");
    assert.equal(updated.body.resolution, "640x480");
    assert.equal(updated.body.trim, true);
    assert.equal(updated.body.status_callback, null);
    assert.equal(updated.body.status_callback_method, "POST");
    assert.equal(updated.body.date_created, created.body.date_created);
    assert.match(updated.body.date_updated, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    assert.equal((await api(emulator, "DELETE", path)).status, 204);
    const gone = await api(emulator, "GET", path);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.code, 20404);
    assert.equal((await api(emulator, "DELETE", path)).status, 404);
  });

  it("answers 404 for an unknown or malformed hook SID", async () => {
    for (const sid of ["HK" + hex32(7), "nope"]) {
      const res = await api(emulator, "GET", `/v1/CompositionHooks/${sid}`);
      assert.equal(res.status, 404);
      assert.deepEqual(res.body, {
        code: 20404,
        message: `The requested resource /v1/CompositionHooks/${sid} was not found`,
        more_info: "https://www.twilio.com/docs/errors/20404",
        status: 404,
      });
    }
  });

  it("lets an update keep its own name", async () => {
    const created = await api(emulator, "POST", "/v1/CompositionHooks", { form: hookForm() });
    const res = await api(emulator, "POST", `/v1/CompositionHooks/${created.body.sid}`, { form: hookForm({ Enabled: false }) });
    assert.equal(res.status, 200);
  });

  describe("validation (status, code, and the message names the parameter)", () => {
    const cases: { title: string; form: Record<string, string | string[]>; code: number; names: string[] }[] = [
      { title: "FriendlyName required", form: { AudioSources: ["a"] }, code: 20001, names: ["FriendlyName"] },
      {
        title: "FriendlyName <= 100 chars",
        form: hookForm({ FriendlyName: "x".repeat(101) }) as never,
        code: 20002,
        names: ["FriendlyName", "100"],
      },
      { title: "Enabled boolean", form: hookForm({ Enabled: "yes" }) as never, code: 20002, names: ["Enabled"] },
      { title: "Trim boolean", form: hookForm({ Trim: "1" }) as never, code: 20002, names: ["Trim"] },
      { title: "Format enum", form: hookForm({ Format: "avi" }) as never, code: 20002, names: ["Format", "mp4, webm"] },
      { title: "Resolution shape", form: hookForm({ Resolution: "640*480" }) as never, code: 53122, names: ["Resolution"] },
      {
        title: "Resolution range",
        form: hookForm({ Resolution: "1281x16" }) as never,
        code: 53122,
        names: ["Resolution", "16 <= WIDTH <= 1280"],
      },
      { title: "Resolution area", form: hookForm({ Resolution: "1280x721" }) as never, code: 53122, names: ["Resolution", "921600"] },
      {
        title: "StatusCallback URL",
        form: hookForm({ StatusCallback: "ftp://x/y" }) as never,
        code: 20002,
        names: ["StatusCallback", "http(s)"],
      },
      {
        title: "StatusCallbackMethod enum",
        form: hookForm({ StatusCallbackMethod: "PUT" }) as never,
        code: 20002,
        names: ["StatusCallbackMethod"],
      },
      { title: "VideoLayout JSON", form: hookForm({ VideoLayout: "{not json" }) as never, code: 20002, names: ["VideoLayout"] },
      {
        title: "VideoLayout region range",
        form: hookForm({ VideoLayout: JSON.stringify({ main: { video_sources: ["*"], max_columns: 0 } }) }) as never,
        code: 53120,
        names: ["VideoLayout", "main.max_columns", "1 to 1000"],
      },
      {
        title: "VideoLayout unknown key",
        form: hookForm({ VideoLayout: JSON.stringify({ main: { video_sources: ["*"], colour: "red" } }) }) as never,
        code: 53120,
        names: ["VideoLayout", "main.colour"],
      },
      {
        title: "VideoLayout reuse enum",
        form: hookForm({ VideoLayout: JSON.stringify({ main: { video_sources: ["*"], reuse: "always" } }) }) as never,
        code: 53120,
        names: ["main.reuse", "show_oldest"],
      },
      { title: "AudioSources or video_sources", form: { FriendlyName: "x" }, code: 53121, names: ["AudioSources", "VideoLayout"] },
      {
        title: "VideoLayout without video_sources does not count",
        form: { FriendlyName: "x", VideoLayout: JSON.stringify({ main: { max_rows: 2 } }) },
        code: 53121,
        names: ["AudioSources", "VideoLayout"],
      },
    ];
    for (const c of cases) {
      it(`${c.title}: 400 ${c.code}`, async () => {
        const res = await api(emulator, "POST", "/v1/CompositionHooks", { form: c.form });
        assert.equal(res.status, 400);
        assert.equal(res.body.code, c.code);
        assert.equal(res.body.status, 400);
        assert.equal(res.body.more_info, `https://www.twilio.com/docs/errors/${c.code}`);
        for (const name of c.names) assert.ok(res.body.message.includes(name), `"${res.body.message}" should name ${name}`);
        assert.equal(emulator.log.count({ method: "POST", path: "/v1/CompositionHooks" }), 1);
        emulator.log.clear();
      });
    }

    it("a duplicate FriendlyName is a 400 'already exists' naming FriendlyName, on create and update", async () => {
      await api(emulator, "POST", "/v1/CompositionHooks", { form: hookForm({ FriendlyName: "one" }) });
      const other = await api(emulator, "POST", "/v1/CompositionHooks", { form: hookForm({ FriendlyName: "two" }) });
      const duplicate = await api(emulator, "POST", "/v1/CompositionHooks", { form: hookForm({ FriendlyName: "one" }) });
      assert.equal(duplicate.status, 400);
      assert.equal(duplicate.body.code, 53123);
      assert.equal(duplicate.body.message, "Invalid parameter FriendlyName: a composition hook named 'one' already exists in this account");
      const renamed = await api(emulator, "POST", `/v1/CompositionHooks/${other.body.sid}`, { form: hookForm({ FriendlyName: "one" }) });
      assert.equal(renamed.status, 400);
      assert.equal(renamed.body.code, 53123);
    });
  });

  describe("list", () => {
    async function seed(): Promise<string[]> {
      const names = ["Alpha cam", "alpha MIC", "beta", "Gamma alpha", "delta"];
      const sids: string[] = [];
      for (const [i, name] of names.entries()) {
        const res = await api(emulator, "POST", "/v1/CompositionHooks", { form: hookForm({ FriendlyName: name, Enabled: i % 2 === 0 }) });
        sids.push(res.body.sid);
      }
      return sids;
    }
    const names = (body: { composition_hooks: { friendly_name: string }[] }) => body.composition_hooks.map((h) => h.friendly_name);

    it("lists newest first, as Twilio's captured list answer is ordered", async () => {
      await seed();
      assert.deepEqual(names((await api(emulator, "GET", "/v1/CompositionHooks")).body), [
        "delta",
        "Gamma alpha",
        "beta",
        "alpha MIC",
        "Alpha cam",
      ]);
    });

    it("filters by Enabled and by FriendlyName (case-insensitive, * wildcards)", async () => {
      await seed();
      assert.deepEqual(names((await api(emulator, "GET", "/v1/CompositionHooks?Enabled=true")).body), ["delta", "beta", "Alpha cam"]);
      assert.deepEqual(names((await api(emulator, "GET", "/v1/CompositionHooks?Enabled=false")).body), ["Gamma alpha", "alpha MIC"]);
      assert.deepEqual(names((await api(emulator, "GET", "/v1/CompositionHooks?FriendlyName=ALPHA*")).body), ["alpha MIC", "Alpha cam"]);
      assert.deepEqual(names((await api(emulator, "GET", "/v1/CompositionHooks?FriendlyName=*alpha*")).body), [
        "Gamma alpha",
        "alpha MIC",
        "Alpha cam",
      ]);
      assert.deepEqual(names((await api(emulator, "GET", "/v1/CompositionHooks?FriendlyName=BETA")).body), ["beta"]);
      assert.deepEqual(names((await api(emulator, "GET", "/v1/CompositionHooks?FriendlyName=bet")).body), []);
    });

    it("filters by DateCreatedAfter (inclusive) and DateCreatedBefore (exclusive)", async () => {
      await seed();
      const hooks = (await api(emulator, "GET", "/v1/CompositionHooks")).body.composition_hooks;
      const created = hooks[hooks.length - 1].date_created; // the oldest
      const at = encodeURIComponent(created);
      assert.equal((await api(emulator, "GET", `/v1/CompositionHooks?DateCreatedAfter=${at}`)).body.composition_hooks.length, 5);
      assert.equal((await api(emulator, "GET", `/v1/CompositionHooks?DateCreatedBefore=${at}`)).body.composition_hooks.length, 0);
      assert.equal(
        (await api(emulator, "GET", "/v1/CompositionHooks?DateCreatedAfter=2999-01-01T00:00:00Z")).body.composition_hooks.length,
        0,
      );
      const bad = await api(emulator, "GET", "/v1/CompositionHooks?DateCreatedAfter=yesterday");
      assert.equal(bad.status, 400);
      assert.ok(bad.body.message.includes("DateCreatedAfter"));
    });

    it("pages with PageSize, absolute next_page_url built from the Host, and keeps filters", async () => {
      const sids = await seed();
      const first = await api(emulator, "GET", "/v1/CompositionHooks?PageSize=2&FriendlyName=*a*");
      assert.deepEqual(first.body.meta, {
        page: 0,
        page_size: 2,
        first_page_url: `${emulator.url}/v1/CompositionHooks?FriendlyName=*a*&PageSize=2&Page=0`,
        previous_page_url: null,
        url: `${emulator.url}/v1/CompositionHooks?FriendlyName=*a*&PageSize=2&Page=0`,
        next_page_url: `${emulator.url}/v1/CompositionHooks?FriendlyName=*a*&PageSize=2&Page=1&PageToken=PT2`,
        key: "composition_hooks",
      });
      const seen: string[] = first.body.composition_hooks.map((h: { sid: string }) => h.sid);
      let next: string | null = first.body.meta.next_page_url;
      while (next) {
        const page = await api(emulator, "GET", next);
        seen.push(...page.body.composition_hooks.map((h: { sid: string }) => h.sid));
        next = page.body.meta.next_page_url;
      }
      assert.deepEqual(seen, [...sids].reverse()); // every seeded name contains an "a"; newest first
    });

    it("rejects a PageSize outside 1..1000 naming PageSize", async () => {
      const res = await api(emulator, "GET", "/v1/CompositionHooks?PageSize=1001");
      assert.equal(res.status, 400);
      assert.equal(res.body.code, 20002);
      assert.ok(res.body.message.includes("PageSize"));
    });
  });
});
