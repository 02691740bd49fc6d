/** Video v1 Recordings, Room Recordings, Compositions and /Media through twilio-node, on the manual clock. */
import { strict as assert } from "assert";
import fetch from "node-fetch";
import { DEFAULT_ACCOUNT, type Emulator, type VideoSimulationClient } from "../../emulator";
import { api, rejectsWith, useVideoEmulator, type TwilioClient } from "./helpers";

const RECORDING_KEYS = [
  "account_sid",
  "status",
  "date_created",
  "sid",
  "source_sid",
  "size",
  "url",
  "type",
  "duration",
  "container_format",
  "codec",
  "grouping_sids",
  "track_name",
  "offset",
  "media_external_location",
  "status_callback",
  "status_callback_method",
  "links",
];
const ROOM_RECORDING_KEYS = [
  "account_sid",
  "status",
  "date_created",
  "sid",
  "source_sid",
  "size",
  "url",
  "type",
  "duration",
  "container_format",
  "codec",
  "grouping_sids",
  "track_name",
  "offset",
  "media_external_location",
  "room_sid",
  "links",
];
const COMPOSITION_KEYS = [
  "account_sid",
  "status",
  "date_created",
  "date_completed",
  "date_deleted",
  "sid",
  "room_sid",
  "audio_sources",
  "audio_sources_excluded",
  "video_layout",
  "resolution",
  "trim",
  "format",
  "bitrate",
  "size",
  "duration",
  "media_external_location",
  "status_callback",
  "status_callback_method",
  "url",
  "links",
];
const EBML = "1a45dfa3";

const AUTH = { Authorization: "Basic " + Buffer.from(`${DEFAULT_ACCOUNT.accountSid}:${DEFAULT_ACCOUNT.authToken}`).toString("base64") };

describe("emulator: Video recordings, compositions and media through twilio-node", () => {
  let emulator: Emulator;
  let client: TwilioClient;
  let sim: VideoSimulationClient;
  useVideoEmulator((video) => ({ emulator, client, sim } = video));

  /**
   * The `redirect_to` of a /Media answer, asked the way Twilio's samples ask it: twilio-node's
   * `client.request` (which does not follow redirects), then `response.body.redirect_to`.
   */
  async function mediaUrl(path: string): Promise<string> {
    const response = await client.request({ method: "get", uri: emulator.url + path });
    assert.equal(response.statusCode, 302);
    return (response.body as { redirect_to: string }).redirect_to;
  }

  /** A recorded room: alice (OPUS mic 20 s, H264 camera 10 s) and bob (PCMU mic 5 s); then completed. */
  async function recordedRoom() {
    const room = await client.video.v1.rooms.create({ uniqueName: "recorded", recordParticipantsOnConnect: true, videoCodecs: ["H264"] });
    const alice = await sim.connect(room.sid, "alice");
    const bob = await sim.connect(room.sid, "bob");
    const mic = await sim.publish(room.sid, alice.sid, { kind: "audio", name: "alice-mic" });
    const cam = await sim.publish(room.sid, alice.sid, { kind: "video", name: "alice-cam" });
    await sim.advance(5_000);
    const bobMic = await sim.publish(room.sid, bob.sid, { kind: "audio", name: "bob-mic", codec: "PCMU" });
    await sim.advance(5_000);
    await sim.unpublish(room.sid, alice.sid, cam.sid);
    await sim.unpublish(room.sid, bob.sid, bobMic.sid);
    await sim.advance(10_000);
    await client.video.v1.rooms(room.sid).update({ status: "completed" });
    await sim.settle();
    return { room, alice, bob, mic, cam, bobMic };
  }

  it("records each track with the spec's codecs and containers, and lists recordings with every filter", async () => {
    const { room, alice, bob, mic, cam, bobMic } = await recordedRoom();
    const recordings = await client.video.v1.recordings.list();
    assert.equal(recordings.length, 3);
    const byTrack = Object.fromEntries(recordings.map((r) => [r.trackName, r]));
    assert.deepEqual(
      Object.entries(byTrack)
        .map(([name, r]) => [name, r.type, r.codec, r.containerFormat, r.duration, r.status])
        .sort(),
      [
        ["alice-cam", "video", "H264", "mkv", 10, "completed"],
        ["alice-mic", "audio", "OPUS", "mka", 20, "completed"],
        ["bob-mic", "audio", "PCMU", "mka", 5, "completed"],
      ],
    );
    assert.deepEqual(byTrack["bob-mic"].groupingSids, { room_sid: room.sid, participant_sid: bob.sid });
    assert.equal(byTrack["bob-mic"].offset, 5_000);
    assert.equal(byTrack["alice-mic"].sourceSid, mic.sid);
    assert.ok(byTrack["alice-mic"].size > 0);

    const raw = (await api(emulator, "GET", `/v1/Recordings/${byTrack["alice-cam"].sid}`)).body;
    assert.deepEqual(Object.keys(raw).sort(), [...RECORDING_KEYS].sort());
    assert.equal(raw.links.media, `${emulator.url}/v1/Recordings/${raw.sid}/Media`);
    assert.equal(raw.media_external_location, null);

    const sids = (list: { sid: string }[]) => list.map((r) => r.sid).sort();
    assert.deepEqual(
      sids(await client.video.v1.recordings.list({ mediaType: "audio" })),
      [byTrack["alice-mic"].sid, byTrack["bob-mic"].sid].sort(),
    );
    assert.deepEqual(
      sids(await client.video.v1.recordings.list({ groupingSid: [room.sid, alice.sid] })),
      [byTrack["alice-mic"].sid, byTrack["alice-cam"].sid].sort(),
    );
    assert.deepEqual(sids(await client.video.v1.recordings.list({ sourceSid: bobMic.sid })), [byTrack["bob-mic"].sid]);
    assert.deepEqual(await client.video.v1.recordings.list({ status: "processing" }), []);
    const bobCreated = byTrack["bob-mic"].dateCreated;
    assert.deepEqual(sids(await client.video.v1.recordings.list({ dateCreatedAfter: bobCreated })), [byTrack["bob-mic"].sid]);
    assert.deepEqual(
      sids(await client.video.v1.recordings.list({ dateCreatedBefore: bobCreated })),
      [byTrack["alice-mic"].sid, byTrack["alice-cam"].sid].sort(),
    );
    const paged = await client.video.v1.recordings.list({ pageSize: 1 });
    assert.equal(paged.length, 3);
    assert.equal(new Set(paged.map((r) => r.sid)).size, 3);

    const roomRecordings = await client.video.v1.rooms(room.sid).recordings.list({ sourceSid: cam.sid });
    assert.deepEqual(
      roomRecordings.map((r) => r.sid),
      [byTrack["alice-cam"].sid],
    );
    const rawRoomRecording = (await api(emulator, "GET", `/v1/Rooms/${room.sid}/Recordings/${byTrack["alice-cam"].sid}`)).body;
    assert.deepEqual(Object.keys(rawRoomRecording).sort(), [...ROOM_RECORDING_KEYS].sort());
    assert.equal(rawRoomRecording.url, `${emulator.url}/v1/Rooms/${room.sid}/Recordings/${rawRoomRecording.sid}`);
    assert.equal((await client.video.v1.rooms(room.sid).recordings(byTrack["alice-mic"].sid).fetch()).trackName, "alice-mic");
  });

  it("redirects /Media to a short-lived URL of a file with a Matroska header, and deletes media but keeps metadata", async () => {
    const { room } = await recordedRoom();
    const [recording] = await client.video.v1.recordings.list({ mediaType: "video" });
    for (const path of [`/v1/Recordings/${recording.sid}/Media`, `/v1/Rooms/${room.sid}/Recordings/${recording.sid}/Media?Ttl=60`]) {
      const response = await fetch(emulator.url + path, { redirect: "manual", headers: AUTH });
      assert.equal(response.status, 302);
      const body = (await response.json()) as { redirect_to: string };
      assert.equal(response.headers.get("location"), body.redirect_to);
      const media = await fetch(body.redirect_to);
      assert.equal(media.status, 200);
      assert.equal(media.headers.get("content-type"), "video/x-matroska");
      const bytes = Buffer.from(await media.arrayBuffer());
      assert.equal(bytes.subarray(0, 4).toString("hex"), EBML);
      assert.equal(bytes.length, recording.size);
    }
    // The URL is short-lived: Ttl seconds on the emulator's clock.
    const short = await mediaUrl(`/v1/Recordings/${recording.sid}/Media?Ttl=1`);
    await sim.advance(2_000);
    assert.equal((await fetch(short)).status, 403);
    assert.equal((await fetch(short.replace(/Signature=[0-9a-f]+/, "Signature=00"))).status, 403);

    assert.equal(await client.video.v1.recordings(recording.sid).remove(), true);
    assert.equal((await client.video.v1.recordings(recording.sid).fetch()).status, "deleted");
    assert.equal((await fetch(`${emulator.url}/v1/Recordings/${recording.sid}/Media`, { redirect: "manual", headers: AUTH })).status, 404);
    await assert.rejects(client.video.v1.recordings("RT" + "0".repeat(32)).fetch(), rejectsWith(404, 20404));

    // The same through the room's Recordings subresource.
    const audio = (await client.video.v1.rooms(room.sid).recordings.list({ status: "completed" }))[0];
    assert.equal(await client.video.v1.rooms(room.sid).recordings(audio.sid).remove(), true);
    assert.equal((await client.video.v1.rooms(room.sid).recordings(audio.sid).fetch()).status, "deleted");
    assert.deepEqual(
      (await client.video.v1.rooms(room.sid).recordings.list({ status: "deleted" })).map((r) => r.sid).sort(),
      [audio.sid, recording.sid].sort(),
    );
    await assert.rejects(
      client.video.v1
        .rooms("RM" + "0".repeat(32))
        .recordings(audio.sid)
        .fetch(),
      rejectsWith(404, 20404),
    );
  });

  it("creates compositions that move enqueued -> processing -> completed on the clock, with filters and media", async () => {
    const { room } = await recordedRoom();
    const composition = await client.video.v1.compositions.create({
      roomSid: room.sid,
      audioSources: ["*"],
      videoLayout: { grid: { video_sources: ["alice-cam"] } },
      format: "mp4",
      resolution: "1280x720",
    });
    assert.equal(composition.status, "enqueued");
    const raw = (await api(emulator, "GET", `/v1/Compositions/${composition.sid}`)).body;
    assert.deepEqual(Object.keys(raw).sort(), [...COMPOSITION_KEYS].sort());
    assert.equal(raw.video_layout.grid.reuse, "show_oldest");
    await sim.advance(1_000);
    assert.equal((await client.video.v1.compositions(composition.sid).fetch()).status, "processing");
    await sim.advance(4_000);
    const done = await client.video.v1.compositions(composition.sid).fetch();
    assert.equal(done.status, "completed");
    assert.equal(done.duration, 20); // trimmed to the sources: alice's mic ran 20 s
    assert.ok(done.size > 0);
    assert.ok(done.dateCompleted instanceof Date);
    const media = await mediaUrl(`/v1/Compositions/${composition.sid}/Media`);
    const bytes = Buffer.from(await (await fetch(media)).arrayBuffer());
    assert.equal(bytes.subarray(4, 8).toString("latin1"), "ftyp");

    const audioOnly = await client.video.v1.compositions.create({ roomSid: room.sid, audioSources: ["bob-*"], trim: false });
    assert.equal(audioOnly.format, "webm");
    await sim.advance(5_000);
    const audioDone = await client.video.v1.compositions(audioOnly.sid).fetch();
    assert.equal(audioDone.duration, 20); // untrimmed: the room's whole 20 s
    const webm = await mediaUrl(`/v1/Compositions/${audioOnly.sid}/Media`);
    assert.equal(
      Buffer.from(await (await fetch(webm)).arrayBuffer())
        .subarray(0, 4)
        .toString("hex"),
      EBML,
    );

    const other = await client.video.v1.rooms.create({ uniqueName: "silent" });
    await client.video.v1.rooms(other.sid).update({ status: "completed" });
    const nothing = await client.video.v1.compositions.create({ roomSid: other.sid, audioSources: ["*"] });
    await sim.advance(1_000);
    const failed = await client.video.v1.compositions(nothing.sid).fetch();
    assert.equal(failed.status, "failed");

    const sids = (list: { sid: string }[]) => list.map((c) => c.sid);
    assert.deepEqual(sids(await client.video.v1.compositions.list()), [nothing.sid, audioOnly.sid, composition.sid]);
    assert.deepEqual(sids(await client.video.v1.compositions.list({ roomSid: room.sid, pageSize: 1 })), [audioOnly.sid, composition.sid]);
    assert.deepEqual(sids(await client.video.v1.compositions.list({ status: "failed" })), [nothing.sid]);
    assert.deepEqual(sids(await client.video.v1.compositions.list({ dateCreatedAfter: audioDone.dateCreated, roomSid: room.sid })), [
      audioOnly.sid,
    ]);

    assert.equal(await client.video.v1.compositions(composition.sid).remove(), true);
    const deleted = await client.video.v1.compositions(composition.sid).fetch();
    assert.equal(deleted.status, "deleted");
    assert.ok(deleted.dateDeleted instanceof Date);
    assert.equal((await fetch(media)).status, 404);
  });

  it("refuses compositions without sources (53121), of unknown rooms (53106) and with a bad layout (53120)", async () => {
    const room = await client.video.v1.rooms.create({});
    await assert.rejects(client.video.v1.compositions.create({ roomSid: room.sid }), rejectsWith(400, 53121));
    await assert.rejects(
      client.video.v1.compositions.create({ roomSid: "RM" + "0".repeat(32), audioSources: ["*"] }),
      rejectsWith(404, 53106),
    );
    await assert.rejects(
      client.video.v1.compositions.create({ roomSid: room.sid, videoLayout: { grid: { z_pos: 500, video_sources: ["*"] } } }),
      rejectsWith(400, 53120),
    );
    await assert.rejects(
      client.video.v1.compositions.create({ roomSid: room.sid, audioSources: ["*"], resolution: "4000x4000" }),
      rejectsWith(400, 53122),
    );
    await assert.rejects(client.video.v1.compositions("CJ" + "0".repeat(32)).fetch(), rejectsWith(404, 20404));
  });
});
