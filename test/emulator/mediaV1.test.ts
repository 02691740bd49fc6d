/**
 * Media v1 (media.twilio.com, Twilio Media v1 OpenAPI) by raw HTTP against the in-process emulator. Property lists,
 * enums, required parameters and success statuses come from the spec file itself
 * (mediaV1Spec.ts), so a property the emulator drops or adds fails here.
 */
import { strict as assert } from "assert";
import { mkdtempSync, rmSync } from "fs";
import fetch from "node-fetch";
import { tmpdir } from "os";
import { join } from "path";
import { DEFAULT_ACCOUNT, startEmulator, videoSimulation, type Emulator, type VideoSimulationClient } from "../../emulator";
import { api, hex32, type ApiResponse, type Form } from "./helpers";
import {
  enumValues,
  listKey,
  listMetaProperties,
  operationDescription,
  operationStatuses,
  propertyPattern,
  requiredParameters,
  schemaProperties,
} from "./mediaV1Spec";

const PROCESSOR = "media.v1.media_processor";
const RECORDING = "media.v1.media_recording";
const STREAMER = "media.v1.player_streamer";
const GRANT = "media.v1.player_streamer.player_streamer_playback_grant";
const ROOM = "RM" + hex32(0xabc);
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

function assertShape(body: Record<string, unknown>, schema: string): void {
  assert.deepEqual(Object.keys(body).sort(), [...schemaProperties(schema)].sort(), `${schema} properties`);
  const sid = body.sid as string;
  assert.match(sid, propertyPattern(schema, "sid"));
  assert.match(body.account_sid as string, propertyPattern(schema, "account_sid"));
}

function assertError(res: ApiResponse, status: number, code: number, mentions?: string): void {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.code, code);
  assert.equal(res.body.status, status);
  if (mentions) assert.ok(res.body.message.includes(mentions), res.body.message);
}

describe("emulator: Media v1 (Twilio Media v1 OpenAPI)", () => {
  let emulator: Emulator;
  let sim: VideoSimulationClient;
  /** The simulation clock (manual) when the test began; Media v1 follows it. */
  let start: number;
  const advance = (seconds: number) => sim.advance(seconds * 1000);

  before(async () => {
    emulator = await startEmulator({ videoClock: "manual" });
    sim = videoSimulation(emulator);
  });
  beforeEach(async () => {
    start = (await sim.clock()).epoch_ms;
  });
  afterEach(() => emulator.reset());
  after(() => emulator.close());

  const createStreamer = async (form: Form = {}) => {
    const res = await api(emulator, "POST", "/v1/PlayerStreamers", { form });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  };
  const createProcessor = async (form: Form = {}, outputs: string[] = []) => {
    const context = JSON.stringify({ room: { name: ROOM }, outputs, resolution: "1280x720" });
    const res = await api(emulator, "POST", "/v1/MediaProcessors", {
      form: { Extension: "video-composer-v2", ExtensionContext: context, ...form },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  };
  const admin = async (path: string, json: Record<string, unknown>) => {
    const res = await fetch(`${emulator.url}/__emulator/mediaV1/${path}`, { method: "POST", body: JSON.stringify(json) });
    return { status: res.status, body: await res.json() };
  };
  const createRecording = async (processorSid: string, extra: Record<string, unknown> = {}) => {
    const res = await admin("MediaRecordings", { processorSid, ...extra });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return (await api(emulator, "GET", `/v1/MediaRecordings/${res.body.sid}`)).body;
  };

  it("answers every operation of the spec with the spec's success status (PlaybackGrant GET is 'not enabled': 405)", async () => {
    const streamer = await createStreamer();
    const processor = await createProcessor({}, [streamer.sid]);
    const recording = await createRecording(processor.sid);
    // Not an output of the processor, which the spec's order ends before the grant is asked for.
    const viewed = await createStreamer();
    const calls: Record<string, () => Promise<ApiResponse>> = {
      CreateMediaProcessor: () => api(emulator, "POST", "/v1/MediaProcessors", { form: { Extension: "x", ExtensionContext: "{}" } }),
      ListMediaProcessor: () => api(emulator, "GET", "/v1/MediaProcessors"),
      FetchMediaProcessor: () => api(emulator, "GET", `/v1/MediaProcessors/${processor.sid}`),
      UpdateMediaProcessor: () => api(emulator, "POST", `/v1/MediaProcessors/${processor.sid}`, { form: { Status: "ended" } }),
      FetchMediaRecording: () => api(emulator, "GET", `/v1/MediaRecordings/${recording.sid}`),
      ListMediaRecording: () => api(emulator, "GET", "/v1/MediaRecordings"),
      DeleteMediaRecording: () => api(emulator, "DELETE", `/v1/MediaRecordings/${recording.sid}`),
      CreatePlayerStreamer: () => api(emulator, "POST", "/v1/PlayerStreamers", { form: {} }),
      ListPlayerStreamer: () => api(emulator, "GET", "/v1/PlayerStreamers"),
      FetchPlayerStreamer: () => api(emulator, "GET", `/v1/PlayerStreamers/${streamer.sid}`),
      CreatePlayerStreamerPlaybackGrant: () => api(emulator, "POST", `/v1/PlayerStreamers/${viewed.sid}/PlaybackGrant`, { form: {} }),
      UpdatePlayerStreamer: () => api(emulator, "POST", `/v1/PlayerStreamers/${streamer.sid}`, { form: { Status: "ended" } }),
    };
    const statuses = operationStatuses();
    assert.equal(statuses.size, 13, "the Media v1 OpenAPI has 13 operations");
    for (const [operation, status] of statuses) {
      if (operation === "FetchPlayerStreamerPlaybackGrant") continue;
      const call = calls[operation];
      assert.ok(call, `no call for ${operation}`);
      const res = await call();
      assert.equal(res.status, status, `${operation}: ${JSON.stringify(res.body)}`);
    }
    assert.match(operationDescription("FetchPlayerStreamerPlaybackGrant"), /This method is not enabled/);
    const grantFetch = await api(emulator, "GET", `/v1/PlayerStreamers/${streamer.sid}/PlaybackGrant`);
    assertError(grantFetch, 405, 20004);
    assert.equal(grantFetch.headers.get("allow"), "POST");
  });

  describe("MediaProcessors", () => {
    it("creates a started processor rendering every property of the spec's schema, echoing the context text", async () => {
      const context = '{"room": {"name": "my-room"}, "outputs": []}';
      const res = await api(emulator, "POST", "/v1/MediaProcessors", {
        form: { Extension: "video-composer-v2", ExtensionContext: context, ExtensionEnvironment: '{"backgroundColor":"#121c2d"}' },
      });
      assert.equal(res.status, 201);
      assertShape(res.body, PROCESSOR);
      assert.deepEqual(res.body, {
        account_sid: DEFAULT_ACCOUNT.accountSid,
        sid: res.body.sid,
        date_created: iso(start),
        date_updated: iso(start),
        extension: "video-composer-v2",
        extension_context: context,
        status: "started",
        url: `${emulator.url}/v1/MediaProcessors/${res.body.sid}`,
        ended_reason: null,
        status_callback: null,
        status_callback_method: "POST",
        max_duration: 300,
      });
      assert.ok(enumValues("media_processor_enum_status").includes(res.body.status));
      const fetched = await api(emulator, "GET", `/v1/MediaProcessors/${res.body.sid}`);
      assert.deepEqual(fetched.body, res.body);
    });

    it("requires each of the spec's required parameters (20001) and refuses malformed ones (20002)", async () => {
      const valid = { Extension: "video-composer-v2", ExtensionContext: "{}" };
      const required = requiredParameters("CreateMediaProcessorRequest");
      assert.deepEqual(required, ["Extension", "ExtensionContext"]);
      for (const name of required) {
        const form: Form = { ...valid };
        delete form[name];
        assertError(await api(emulator, "POST", "/v1/MediaProcessors", { form }), 400, 20001, name);
      }
      const malformed: [string, string][] = [
        ["ExtensionContext", "not json"],
        ["ExtensionContext", "[1,2]"],
        ["ExtensionEnvironment", '{"a": 1}'],
        ["ExtensionEnvironment", "null"],
        ["MaxDuration", "0"],
        ["MaxDuration", "90001"],
        ["MaxDuration", "1.5"],
        ["StatusCallback", "not a url"],
        ["StatusCallbackMethod", "FETCH"],
      ];
      for (const [name, value] of malformed) {
        assertError(await api(emulator, "POST", "/v1/MediaProcessors", { form: { ...valid, [name]: value } }), 400, 20002, name);
      }
      assert.equal((await api(emulator, "GET", "/v1/MediaProcessors")).body.media_processors.length, 0, "nothing was created");
      const methods = enumValues("media_processor_enum_order"); // sanity: the spec's enums parse
      assert.deepEqual(methods, ["asc", "desc"]);
      const edge = await api(emulator, "POST", "/v1/MediaProcessors", {
        form: { ...valid, MaxDuration: "90000", StatusCallback: "https://example.com/cb", StatusCallbackMethod: "HEAD" },
      });
      assert.equal(edge.status, 201);
      assert.equal(edge.body.max_duration, 90000);
      assert.equal(edge.body.status_callback, "https://example.com/cb");
      assert.equal(edge.body.status_callback_method, "HEAD");
    });

    it("ends via Status=ended (ended-via-api), answers a second end unchanged, and refuses other statuses", async () => {
      const processor = await createProcessor();
      const path = `/v1/MediaProcessors/${processor.sid}`;
      assertError(await api(emulator, "POST", path, { form: {} }), 400, 20001, "Status");
      assert.deepEqual(enumValues("media_processor_enum_update_status"), ["ended"]);
      for (const status of ["started", "failed", "ENDED"]) {
        assertError(await api(emulator, "POST", path, { form: { Status: status } }), 400, 20002, "Status");
      }
      await advance(42);
      const ended = await api(emulator, "POST", path, { form: { Status: "ended" } });
      assert.equal(ended.status, 200);
      assertShape(ended.body, PROCESSOR);
      assert.equal(ended.body.status, "ended");
      assert.equal(ended.body.ended_reason, "ended-via-api");
      assert.equal(ended.body.date_updated, iso(start + 42_000));
      assert.equal(ended.body.date_created, iso(start));
      await advance(5);
      const again = await api(emulator, "POST", path, { form: { Status: "ended" } });
      assert.equal(again.status, 200);
      assert.deepEqual(again.body, ended.body);
    });

    it("ends by itself when max_duration passes on the emulator's clock (max-duration-exceeded)", async () => {
      const processor = await createProcessor({ MaxDuration: "60" });
      await advance(59);
      assert.equal((await api(emulator, "GET", `/v1/MediaProcessors/${processor.sid}`)).body.status, "started");
      await advance(100);
      const fetched = (await api(emulator, "GET", `/v1/MediaProcessors/${processor.sid}`)).body;
      assert.equal(fetched.status, "ended");
      assert.equal(fetched.ended_reason, "max-duration-exceeded");
      assert.equal(fetched.date_updated, iso(start + 60_000), "ended at the instant the duration ran out");
      const def = await createProcessor();
      await advance(299);
      assert.equal((await api(emulator, "GET", `/v1/MediaProcessors/${def.sid}`)).body.status, "started");
      await advance(1);
      assert.equal((await api(emulator, "GET", `/v1/MediaProcessors/${def.sid}`)).body.status, "ended", "default 300 s");
    });

    it("fails through the admin route with a failure reason; a final processor cannot move", async () => {
      const processor = await createProcessor();
      assert.equal((await admin(`MediaProcessors/${processor.sid}`, { status: "failed", endedReason: "ended-via-api" })).status, 400);
      const failed = await admin(`MediaProcessors/${processor.sid}`, { status: "failed", endedReason: "error-streaming-media" });
      assert.equal(failed.status, 200);
      const fetched = (await api(emulator, "GET", `/v1/MediaProcessors/${processor.sid}`)).body;
      assert.equal(fetched.status, "failed");
      assert.equal(fetched.ended_reason, "error-streaming-media");
      assert.equal((await admin(`MediaProcessors/${processor.sid}`, { status: "ended" })).status, 400);
      const unchanged = await api(emulator, "POST", `/v1/MediaProcessors/${processor.sid}`, { form: { Status: "ended" } });
      assert.equal(unchanged.body.status, "failed");
      assert.equal((await admin(`MediaProcessors/ZX${hex32(9)}`, { status: "ended" })).status, 404);
    });

    it("answers 404 (20404) for unknown, malformed and other accounts' SIDs", async () => {
      const processor = await createProcessor();
      for (const sid of [`ZX${hex32(1)}`, "ZXnothex", `VJ${processor.sid.slice(2)}`]) {
        assertError(await api(emulator, "GET", `/v1/MediaProcessors/${sid}`), 404, 20404);
        assertError(await api(emulator, "POST", `/v1/MediaProcessors/${sid}`, { form: { Status: "ended" } }), 404, 20404);
      }
      const other = { accountSid: "AC" + hex32(0x77), authToken: "other-token" };
      emulator.addAccount(other);
      const auth = { user: other.accountSid, password: other.authToken };
      assertError(await api(emulator, "GET", `/v1/MediaProcessors/${processor.sid}`, { auth }), 404, 20404);
      assert.deepEqual((await api(emulator, "GET", "/v1/MediaProcessors", { auth })).body.media_processors, []);
      assertError(await api(emulator, "GET", "/v1/MediaProcessors", { auth: null }), 401, 20003);
    });
  });

  describe("PlayerStreamers and PlaybackGrant", () => {
    it("creates a created streamer with every property of the spec's schema and its links", async () => {
      const res = await api(emulator, "POST", "/v1/PlayerStreamers", {
        form: { Video: "false", MaxDuration: "600", StatusCallback: "https://example.com/s" },
      });
      assert.equal(res.status, 201);
      assertShape(res.body, STREAMER);
      const url = `${emulator.url}/v1/PlayerStreamers/${res.body.sid}`;
      assert.deepEqual(res.body, {
        account_sid: DEFAULT_ACCOUNT.accountSid,
        date_created: iso(start),
        date_updated: iso(start),
        video: false,
        links: {
          timed_metadata: `${url}/TimedMetadata`,
          playback_grant: `${url}/PlaybackGrant`,
          recording_playback_grant: `${url}/RecordingPlaybackGrant`,
        },
        sid: res.body.sid,
        status: "created",
        url,
        status_callback: "https://example.com/s",
        status_callback_method: "POST",
        ended_reason: null,
        max_duration: 600,
      });
      assert.equal((await createStreamer()).video, true, "Video defaults to true");
      for (const [name, value] of [
        ["Video", "maybe"],
        ["MaxDuration", "-1"],
        ["StatusCallbackMethod", "post"],
        ["StatusCallback", "ftp://x"],
      ]) {
        assertError(await api(emulator, "POST", "/v1/PlayerStreamers", { form: { [name]: value } }), 400, 20002, name);
      }
    });

    it("starts when a processor streams into it, and ends (stream-disconnected-by-source) when that processor ends", async () => {
      const streamer = await createStreamer();
      const idle = await createStreamer();
      await advance(10);
      const processor = await createProcessor({}, [streamer.sid, "VJ" + hex32(404)]);
      const started = (await api(emulator, "GET", `/v1/PlayerStreamers/${streamer.sid}`)).body;
      assert.equal(started.status, "started");
      assert.equal(started.date_updated, iso(start + 10_000));
      assert.equal((await api(emulator, "GET", `/v1/PlayerStreamers/${idle.sid}`)).body.status, "created");
      await advance(20);
      await api(emulator, "POST", `/v1/MediaProcessors/${processor.sid}`, { form: { Status: "ended" } });
      const ended = (await api(emulator, "GET", `/v1/PlayerStreamers/${streamer.sid}`)).body;
      assert.equal(ended.status, "ended");
      assert.equal(ended.ended_reason, "stream-disconnected-by-source");
      assert.equal(ended.date_updated, iso(start + 30_000));
      assert.ok(enumValues("player_streamer_enum_ended_reason").includes(ended.ended_reason));
    });

    it("ends via Status=ended from created or started; a final streamer stays as it is", async () => {
      const created = await createStreamer();
      const res = await api(emulator, "POST", `/v1/PlayerStreamers/${created.sid}`, { form: { Status: "ended" } });
      assert.equal(res.status, 200);
      assertShape(res.body, STREAMER);
      assert.equal(res.body.status, "ended");
      assert.equal(res.body.ended_reason, "ended-via-api");
      const started = await createStreamer();
      await createProcessor({}, [started.sid]);
      assert.equal(
        (await api(emulator, "POST", `/v1/PlayerStreamers/${started.sid}`, { form: { Status: "ended" } })).body.ended_reason,
        "ended-via-api",
      );
      const failed = await createStreamer();
      assert.equal((await admin(`PlayerStreamers/${failed.sid}`, { status: "failed" })).status, 200);
      const still = await api(emulator, "POST", `/v1/PlayerStreamers/${failed.sid}`, { form: { Status: "ended" } });
      assert.equal(still.body.status, "failed");
      assert.equal(still.body.ended_reason, "unexpected-failure");
      assertError(await api(emulator, "POST", `/v1/PlayerStreamers/${created.sid}`, { form: {} }), 400, 20001, "Status");
      assertError(await api(emulator, "POST", `/v1/PlayerStreamers/${created.sid}`, { form: { Status: "started" } }), 400, 20002, "Status");
      assertError(await api(emulator, "GET", `/v1/PlayerStreamers/VJ${hex32(5)}`), 404, 20404);
    });

    it("admin routes move created -> started -> ended with the streamer's reasons, never out of a final status", async () => {
      const streamer = await createStreamer();
      assert.equal((await admin(`PlayerStreamers/${streamer.sid}`, { status: "ended", endedReason: "unexpected-failure" })).status, 400);
      assert.equal((await admin(`PlayerStreamers/${streamer.sid}`, { status: "started" })).body.status, "started");
      assert.equal((await admin(`PlayerStreamers/${streamer.sid}`, { status: "started" })).status, 400, "started only from created");
      const ended = await admin(`PlayerStreamers/${streamer.sid}`, { status: "ended" });
      assert.deepEqual(ended.body, { sid: streamer.sid, status: "ended", ended_reason: "stream-disconnected-by-source" });
      assert.equal((await admin(`PlayerStreamers/${streamer.sid}`, { status: "failed" })).status, 400);
    });

    it("expires at max_duration while created or started; a processor that stops first disconnects it first", async () => {
      const lonely = await createStreamer({ MaxDuration: "30" });
      const fed = await createStreamer({ MaxDuration: "100" });
      await createProcessor({ MaxDuration: "50" }, [fed.sid]);
      await advance(1000);
      const expired = (await api(emulator, "GET", `/v1/PlayerStreamers/${lonely.sid}`)).body;
      assert.equal(expired.status, "ended");
      assert.equal(expired.ended_reason, "max-duration-exceeded");
      assert.equal(expired.date_updated, iso(start + 30_000));
      const disconnected = (await api(emulator, "GET", `/v1/PlayerStreamers/${fed.sid}`)).body;
      assert.equal(
        disconnected.ended_reason,
        "stream-disconnected-by-source",
        "the processor's end (50 s) came before the streamer's (100 s)",
      );
      assert.equal(disconnected.date_updated, iso(start + 50_000));
    });

    it("issues a PlaybackGrant for a created or started streamer in the spec's shape; refuses one that ended", async () => {
      const streamer = await createStreamer();
      const path = `/v1/PlayerStreamers/${streamer.sid}/PlaybackGrant`;
      await advance(3);
      const res = await api(emulator, "POST", path, { form: { Ttl: "60", AccessControlAllowOrigin: "https://www.example.com" } });
      assert.equal(res.status, 201);
      assert.deepEqual(Object.keys(res.body).sort(), [...schemaProperties(GRANT)].sort());
      assert.equal(res.body.sid, streamer.sid);
      assert.match(res.body.sid, propertyPattern(GRANT, "sid"));
      assert.equal(res.body.account_sid, DEFAULT_ACCOUNT.accountSid);
      assert.equal(res.body.url, `${emulator.url}${path}`);
      assert.equal(res.body.date_created, iso(start + 3000));
      assert.equal(res.body.grant.playerStreamerSid, streamer.sid);
      assert.match(res.body.grant.playbackUrl, /^https:\/\/[^/]+\.invalid\//);
      const second = await api(emulator, "POST", path, { form: {} });
      assert.notEqual(second.body.grant.playbackUrl, res.body.grant.playbackUrl, "each grant carries its own token");
      await createProcessor({}, [streamer.sid]);
      assert.equal((await api(emulator, "POST", path, { form: {} })).status, 201, "started");
      for (const [name, value] of [
        ["Ttl", "0"],
        ["Ttl", "61"],
        ["Ttl", "ten"],
        ["AccessControlAllowOrigin", "www.example.com"],
      ]) {
        assertError(await api(emulator, "POST", path, { form: { [name]: value } }), 400, 20002, name);
      }
      await api(emulator, "POST", `/v1/PlayerStreamers/${streamer.sid}`, { form: { Status: "ended" } });
      assertError(await api(emulator, "POST", path, { form: {} }), 400, 53140, streamer.sid);
      assertError(await api(emulator, "POST", `/v1/PlayerStreamers/VJ${hex32(3)}/PlaybackGrant`, { form: {} }), 404, 20404);
    });
  });

  describe("MediaRecordings", () => {
    it("renders every property of the spec's schema; a recording completes when its processor ends", async () => {
      const processor = await createProcessor({ StatusCallback: "https://example.com/rec", StatusCallbackMethod: "GET" });
      await advance(5);
      const recording = await createRecording(processor.sid);
      assertShape(recording, RECORDING);
      const url = `${emulator.url}/v1/MediaRecordings/${recording.sid}`;
      assert.deepEqual(recording, {
        account_sid: DEFAULT_ACCOUNT.accountSid,
        date_created: iso(start + 5000),
        date_updated: iso(start + 5000),
        duration: null,
        format: "mp4",
        links: { media: `${url}/Media`, timed_metadata: `${url}/TimedMetadata` },
        processor_sid: processor.sid,
        resolution: "1280x720",
        source_sid: ROOM,
        sid: recording.sid,
        media_size: null,
        status: "processing",
        status_callback: "https://example.com/rec",
        status_callback_method: "GET",
        url,
      });
      await advance(120);
      await api(emulator, "POST", `/v1/MediaProcessors/${processor.sid}`, { form: { Status: "ended" } });
      const completed = (await api(emulator, "GET", `/v1/MediaRecordings/${recording.sid}`)).body;
      assert.equal(completed.status, "completed");
      assert.equal(completed.duration, 120);
      assert.ok(Number.isInteger(completed.media_size) && completed.media_size > 0);
      assert.equal(completed.date_updated, iso(start + 125_000));
      assert.ok(enumValues("media_recording_enum_status").includes(completed.status));
      assert.ok(enumValues("media_recording_enum_format").includes(completed.format));
    });

    it("fails with a failed processor; admin completes or fails a processing one, once", async () => {
      const processor = await createProcessor();
      const failing = await createRecording(processor.sid, { format: "webm", sourceSid: "MT" + hex32(1), resolution: "640x480" });
      assert.equal(failing.format, "webm");
      assert.equal(failing.source_sid, "MT" + hex32(1));
      const sized = await createRecording(processor.sid);
      assert.equal((await admin(`MediaRecordings/${sized.sid}`, { status: "completed", mediaSize: 4096 })).status, 200);
      assert.equal((await api(emulator, "GET", `/v1/MediaRecordings/${sized.sid}`)).body.media_size, 4096);
      assert.equal((await admin(`MediaRecordings/${sized.sid}`, { status: "failed" })).status, 400);
      await admin(`MediaProcessors/${processor.sid}`, { status: "failed" });
      const failed = (await api(emulator, "GET", `/v1/MediaRecordings/${failing.sid}`)).body;
      assert.equal(failed.status, "failed");
      assert.equal(failed.media_size, null);
      assert.equal((await admin("MediaRecordings", { processorSid: processor.sid })).status, 400, "the processor has stopped");
      assert.equal((await admin("MediaRecordings", { processorSid: "nope" })).status, 400);
      assert.equal((await admin("MediaRecordings", { processorSid: `ZX${hex32(8)}` })).status, 404);
    });

    it("DELETE answers 204 and keeps the recording as `deleted` (a status the spec lists and filters by)", async () => {
      const processor = await createProcessor();
      const recording = await createRecording(processor.sid);
      const path = `/v1/MediaRecordings/${recording.sid}`;
      await advance(7);
      const deleted = await api(emulator, "DELETE", path);
      assert.equal(deleted.status, 204);
      assert.equal(deleted.body, undefined);
      const fetched = (await api(emulator, "GET", path)).body;
      assert.equal(fetched.status, "deleted");
      assert.equal(fetched.date_updated, iso(start + 7000));
      assert.equal((await api(emulator, "DELETE", path)).status, 204);
      const listed = (await api(emulator, "GET", "/v1/MediaRecordings?Status=deleted")).body.media_recordings;
      assert.deepEqual(
        listed.map((r: { sid: string }) => r.sid),
        [recording.sid],
      );
      assertError(await api(emulator, "DELETE", `/v1/MediaRecordings/KV${hex32(2)}`), 404, 20404);
      assertError(await api(emulator, "GET", "/v1/MediaRecordings/KVxyz"), 404, 20404);
      assertError(await api(emulator, "POST", path, { form: {} }), 405, 20004);
    });

    it("lists with the Status, ProcessorSid and SourceSid filters; malformed filters are 20002", async () => {
      const first = await createProcessor();
      const second = await createProcessor();
      const a = await createRecording(first.sid);
      const b = await createRecording(second.sid, { sourceSid: "MT" + hex32(7) });
      const c = await createRecording(second.sid);
      await admin(`MediaRecordings/${c.sid}`, { status: "completed" });
      const sids = async (query: string) =>
        (await api(emulator, "GET", `/v1/MediaRecordings${query}`)).body.media_recordings.map((r: { sid: string }) => r.sid);
      assert.deepEqual(await sids(""), [c.sid, b.sid, a.sid], "newest first");
      assert.deepEqual(await sids(`?ProcessorSid=${second.sid}`), [c.sid, b.sid]);
      assert.deepEqual(await sids(`?SourceSid=MT${hex32(7)}`), [b.sid]);
      assert.deepEqual(await sids(`?SourceSid=${ROOM}&Order=asc`), [a.sid, c.sid]);
      assert.deepEqual(await sids("?Status=completed"), [c.sid]);
      assert.deepEqual(await sids(`?Status=processing&ProcessorSid=${second.sid}`), [b.sid]);
      for (const query of ["?ProcessorSid=KV" + hex32(1), "?SourceSid=M1" + hex32(1), "?Status=done", "?Order=newest"]) {
        assertError(await api(emulator, "GET", `/v1/MediaRecordings${query}`), 400, 20002, query.slice(1, query.indexOf("=")));
      }
    });
  });

  describe("lists", () => {
    const families = [
      { path: "/v1/MediaProcessors", response: "ListMediaProcessorResponse", statusEnum: "media_processor_enum_status", schema: PROCESSOR },
      { path: "/v1/PlayerStreamers", response: "ListPlayerStreamerResponse", statusEnum: "player_streamer_enum_status", schema: STREAMER },
      { path: "/v1/MediaRecordings", response: "ListMediaRecordingResponse", statusEnum: "media_recording_enum_status", schema: RECORDING },
    ];

    it("page in the spec's list shape (array key + meta with the spec's keys), newest first, Order=asc, keeping filters", async () => {
      const processor = await createProcessor();
      for (let i = 0; i < 5; i++) {
        await advance(1);
        await createProcessor();
        await createStreamer();
        await createRecording(processor.sid);
      }
      for (const family of families) {
        const key = listKey(family.response);
        const all = (await api(emulator, "GET", `${family.path}?PageSize=1000`)).body[key];
        const created = all.map((item: { date_created: string }) => item.date_created);
        assert.deepEqual(created, [...created].sort().reverse(), `${family.path} newest first`);
        const collected: string[] = [];
        let url: string | null = `${family.path}?PageSize=2&Status=${all[0].status}`;
        let pages = 0;
        while (url) {
          const res: ApiResponse = await api(emulator, "GET", url);
          assert.equal(res.status, 200);
          assert.deepEqual(Object.keys(res.body).sort(), [key, "meta"].sort());
          assert.deepEqual(Object.keys(res.body.meta).sort(), [...listMetaProperties(family.response)].sort());
          assert.equal(res.body.meta.key, key);
          assert.equal(res.body.meta.page, pages);
          assert.equal(res.body.meta.page_size, 2);
          assert.ok(res.body.meta.first_page_url.startsWith(`${emulator.url}${family.path}?`));
          assert.ok(res.body.meta.url.includes(`Status=${all[0].status}`));
          for (const item of res.body[key]) assertShape(item, family.schema);
          collected.push(...res.body[key].map((item: { sid: string }) => item.sid));
          url = res.body.meta.next_page_url;
          if (url) assert.ok(url.includes(`Status=${all[0].status}`), "next_page_url keeps the filter");
          pages += 1;
        }
        const expected = all.filter((item: { status: string }) => item.status === all[0].status).map((item: { sid: string }) => item.sid);
        assert.deepEqual(collected, expected);
        assert.equal(pages, Math.ceil(expected.length / 2));
        const ascending = (await api(emulator, "GET", `${family.path}?Order=asc&PageSize=1000`)).body[key];
        assert.deepEqual(
          ascending.map((i: { sid: string }) => i.sid),
          all.map((i: { sid: string }) => i.sid).reverse(),
        );
        for (const status of enumValues(family.statusEnum)) {
          const res = await api(emulator, "GET", `${family.path}?Status=${status}`);
          assert.equal(res.status, 200);
          assert.ok(res.body[key].every((item: { status: string }) => item.status === status));
        }
        assertError(await api(emulator, "GET", `${family.path}?Status=unknown`), 400, 20002, "Status");
        assertError(await api(emulator, "GET", `${family.path}?PageSize=0`), 400, 20002, "PageSize");
        assertError(await api(emulator, "GET", `${family.path}?PageSize=1001`), 400, 20002, "PageSize");
      }
    });

    it("filters processors and streamers by status as their machines move", async () => {
      const streamer = await createStreamer();
      await createStreamer({ MaxDuration: "10" });
      const processor = await createProcessor({}, [streamer.sid]);
      await createProcessor({ MaxDuration: "10" });
      await advance(11);
      const count = async (path: string, key: string) => (await api(emulator, "GET", path)).body[key].length;
      assert.equal(await count("/v1/PlayerStreamers?Status=started", "player_streamers"), 1);
      assert.equal(await count("/v1/PlayerStreamers?Status=ended", "player_streamers"), 1);
      assert.equal(await count("/v1/MediaProcessors?Status=ended", "media_processors"), 1);
      await api(emulator, "POST", `/v1/MediaProcessors/${processor.sid}`, { form: { Status: "ended" } });
      assert.equal(await count("/v1/MediaProcessors?Status=started", "media_processors"), 0);
      assert.equal(await count("/v1/PlayerStreamers?Status=ended", "player_streamers"), 2);
    });
  });

  it("reset() wipes the Media v1 objects", async () => {
    await createStreamer();
    await createProcessor();
    emulator.reset();
    assert.deepEqual((await api(emulator, "GET", "/v1/PlayerStreamers")).body.player_streamers, []);
    assert.deepEqual((await api(emulator, "GET", "/v1/MediaProcessors")).body.media_processors, []);
  });

  it("persists Media v1 objects, and a restarted emulator settles them at its clock", async () => {
    const dir = mkdtempSync(join(tmpdir(), "twilio-emulator-media-"));
    const persistPath = join(dir, "state.json");
    try {
      const first = await startEmulator({ persistPath, videoClock: "manual" });
      const streamer = (await api(first, "POST", "/v1/PlayerStreamers", { form: { MaxDuration: "60" } })).body;
      await first.close();
      const second = await startEmulator({ persistPath, videoClock: "manual" });
      try {
        assert.equal((await api(second, "GET", `/v1/PlayerStreamers/${streamer.sid}`)).body.status, "created");
        await videoSimulation(second).advance(61_000);
        const fetched = (await api(second, "GET", `/v1/PlayerStreamers/${streamer.sid}`)).body;
        assert.equal(fetched.date_created, streamer.date_created);
        assert.equal(fetched.status, "ended");
        assert.equal(fetched.ended_reason, "max-duration-exceeded");
        assert.equal(fetched.date_updated, iso(Date.parse(streamer.date_created) + 60_000));
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
