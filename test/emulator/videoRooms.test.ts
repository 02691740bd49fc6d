/** Video v1 Rooms, Participants, tracks and rules through the official twilio-node SDK. */
import { strict as assert } from "assert";
import { type Emulator, type VideoSimulationClient } from "../../emulator";
import { api, rejectsWith, useVideoEmulator, type TwilioClient } from "./helpers";

/** Property lists of the Twilio Video v1 OpenAPI's schemas (twilio-oai 1.55.5). */
const ROOM_KEYS = [
  "sid",
  "status",
  "date_created",
  "date_updated",
  "account_sid",
  "enable_turn",
  "unique_name",
  "status_callback",
  "status_callback_method",
  "end_time",
  "duration",
  "type",
  "max_participants",
  "max_participant_duration",
  "max_concurrent_published_tracks",
  "record_participants_on_connect",
  "video_codecs",
  "media_region",
  "audio_only",
  "empty_room_timeout",
  "unused_room_timeout",
  "large_room",
  "url",
  "links",
];
const PARTICIPANT_KEYS = [
  "sid",
  "room_sid",
  "account_sid",
  "status",
  "identity",
  "date_created",
  "date_updated",
  "start_time",
  "end_time",
  "duration",
  "url",
  "links",
];
const PUBLISHED_KEYS = ["sid", "participant_sid", "room_sid", "name", "date_created", "date_updated", "enabled", "kind", "url"];
const SUBSCRIBED_KEYS = [
  "sid",
  "participant_sid",
  "publisher_sid",
  "room_sid",
  "name",
  "date_created",
  "date_updated",
  "enabled",
  "kind",
  "url",
];

/** twilio-node wraps rules in classes whose absent keys are `undefined`. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
type TwilioError = { status: number; code: number; message: string };

describe("emulator: Video rooms, participants and rules through twilio-node", () => {
  let emulator: Emulator;
  let client: TwilioClient;
  let sim: VideoSimulationClient;
  useVideoEmulator((video) => ({ emulator, client, sim } = video));

  it("creates a room with the spec's parameters and answers every property of the schema", async () => {
    const room = await client.video.v1.rooms.create({
      uniqueName: "DailyStandup",
      type: "group",
      statusCallback: "http://127.0.0.1:9/cb",
      statusCallbackMethod: "POST",
      maxParticipants: 10,
      recordParticipantsOnConnect: true,
      videoCodecs: ["H264"],
      mediaRegion: "ie1",
      audioOnly: false,
      maxParticipantDuration: 3600,
      emptyRoomTimeout: 2,
      unusedRoomTimeout: 3,
      largeRoom: false,
      enableTurn: false,
    });
    const raw = (await api(emulator, "GET", `/v1/Rooms/${room.sid}`)).body;
    assert.deepEqual(Object.keys(raw).sort(), [...ROOM_KEYS].sort());
    assert.match(room.sid, /^RM[0-9a-f]{32}$/);
    assert.equal(room.status, "in-progress");
    assert.equal(room.uniqueName, "DailyStandup");
    assert.deepEqual(room.videoCodecs, ["H264"]);
    assert.equal(room.mediaRegion, "ie1");
    assert.equal(room.maxParticipants, 10);
    assert.equal(room.emptyRoomTimeout, 2);
    assert.equal(room.unusedRoomTimeout, 3);
    assert.equal(room.recordParticipantsOnConnect, true);
    assert.equal(room.endTime, null);
    assert.equal(raw.url, `${emulator.url}/v1/Rooms/${room.sid}`);
    assert.deepEqual(raw.links, {
      participants: `${raw.url}/Participants`,
      recordings: `${raw.url}/Recordings`,
      recording_rules: `${raw.url}/RecordingRules`,
    });
    // A room without a UniqueName is named by its SID.
    const unnamed = await client.video.v1.rooms.create({});
    assert.equal(unnamed.uniqueName, unnamed.sid);
    assert.equal(unnamed.type, "group");
  });

  it("fetches by SID or by the UniqueName of an in-progress room, and completes with Status=completed", async () => {
    const room = await client.video.v1.rooms.create({ uniqueName: "Weekly" });
    assert.equal((await client.video.v1.rooms("Weekly").fetch()).sid, room.sid);
    await assert.rejects(client.video.v1.rooms.create({ uniqueName: "Weekly" }), rejectsWith(400, 53113));
    await sim.advance(90_000);
    const completed = await client.video.v1.rooms(room.sid).update({ status: "completed" });
    assert.equal(completed.status, "completed");
    assert.equal(completed.duration, 90);
    assert.ok(completed.endTime instanceof Date);
    // Once completed the name no longer addresses it, and it can be reused.
    await assert.rejects(client.video.v1.rooms("Weekly").fetch(), rejectsWith(404, 20404));
    const again = await client.video.v1.rooms.create({ uniqueName: "Weekly" });
    assert.notEqual(again.sid, room.sid);
    // 53112 "Status is invalid": anything but completed, or a room no longer in progress.
    await assert.rejects(client.video.v1.rooms(again.sid).update({ status: "in-progress" as "completed" }), rejectsWith(400, 53112));
    await assert.rejects(client.video.v1.rooms(room.sid).update({ status: "completed" }), rejectsWith(400, 53112));
  });

  it("lists rooms newest first with Status, UniqueName and DateCreated filters, paging through the SDK", async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      created.push((await client.video.v1.rooms.create({ uniqueName: `room-${i}` })).sid);
      await sim.advance(10_000); // well inside the 5-minute UnusedRoomTimeout
    }
    await client.video.v1.rooms(created[1]).update({ status: "completed" });
    const all = await client.video.v1.rooms.list({ pageSize: 2 });
    assert.deepEqual(
      all.map((r) => r.sid),
      [...created].reverse(),
    );
    assert.deepEqual(
      (await client.video.v1.rooms.list({ status: "completed" })).map((r) => r.sid),
      [created[1]],
    );
    assert.deepEqual(
      (await client.video.v1.rooms.list({ uniqueName: "room-3" })).map((r) => r.sid),
      [created[3]],
    );
    const third = await client.video.v1.rooms(created[2]).fetch();
    const window = await client.video.v1.rooms.list({
      dateCreatedAfter: third.dateCreated,
      dateCreatedBefore: new Date(third.dateCreated.getTime() + 20_000),
    });
    assert.deepEqual(
      window.map((r) => r.sid),
      [created[3], created[2]],
    );
    const page = (await api(emulator, "GET", "/v1/Rooms?Status=in-progress&PageSize=2")).body;
    assert.equal(page.meta.key, "rooms");
    assert.equal(page.rooms.length, 2);
    assert.equal(page.meta.next_page_url, `${emulator.url}/v1/Rooms?Status=in-progress&PageSize=2&Page=1&PageToken=PT2`);
  });

  it("lists, fetches (by SID or identity), disconnects and anonymizes participants", async () => {
    const room = await client.video.v1.rooms.create({ uniqueName: "people" });
    const alice = await sim.connect("people", "alice");
    await sim.advance(30_000);
    const bob = await sim.connect(room.sid, "bob");
    const raw = (await api(emulator, "GET", `/v1/Rooms/${room.sid}/Participants/${alice.sid}`)).body;
    assert.deepEqual(Object.keys(raw).sort(), [...PARTICIPANT_KEYS].sort());
    assert.equal(raw.links.published_tracks, `${raw.url}/PublishedTracks`);
    assert.equal((await client.video.v1.rooms("people").participants("bob").fetch()).sid, bob.sid);
    assert.deepEqual(
      (await client.video.v1.rooms(room.sid).participants.list({ identity: "alice" })).map((p) => p.sid),
      [alice.sid],
    );

    await sim.advance(15_000);
    const gone = await client.video.v1.rooms(room.sid).participants(alice.sid).update({ status: "disconnected" });
    assert.equal(gone.status, "disconnected");
    assert.equal(gone.duration, 45);
    assert.deepEqual(
      (await client.video.v1.rooms(room.sid).participants.list({ status: "connected" })).map((p) => p.identity),
      ["bob"],
    );
    assert.deepEqual(
      (await client.video.v1.rooms(room.sid).participants.list({ status: "disconnected" })).map((p) => p.sid),
      [alice.sid],
    );
    const anonymous = await client.video.v1.rooms(room.sid).participants(alice.sid).anonymize().update();
    assert.equal(anonymous.identity, alice.sid);
    await assert.rejects(
      client.video.v1
        .rooms(room.sid)
        .participants("PA" + "0".repeat(32))
        .fetch(),
      rejectsWith(404, 20404),
    );
  });

  it("serves published and subscribed tracks, and subscribe rules that change what is subscribed", async () => {
    const room = await client.video.v1.rooms.create({ uniqueName: "tracks" });
    const alice = await sim.connect(room.sid, "alice");
    const bob = await sim.connect(room.sid, "bob");
    const mic = await sim.publish(room.sid, alice.sid, { kind: "audio", name: "mic" });
    const cam = await sim.publish(room.sid, alice.sid, { kind: "video", name: "cam" });
    const published = await client.video.v1.rooms(room.sid).participants(alice.sid).publishedTracks.list();
    assert.deepEqual(
      published.map((t) => [t.name, t.kind, t.enabled]),
      [
        ["mic", "audio", true],
        ["cam", "video", true],
      ],
    );
    const rawPublished = (await api(emulator, "GET", `/v1/Rooms/${room.sid}/Participants/${alice.sid}/PublishedTracks/${mic.sid}`)).body;
    assert.deepEqual(Object.keys(rawPublished).sort(), [...PUBLISHED_KEYS].sort());
    assert.equal(rawPublished.url, mic.url); // the simulation's answer points at the REST resource
    assert.equal(mic.date_ended, null);
    assert.equal((await client.video.v1.rooms(room.sid).participants(alice.sid).publishedTracks(cam.sid).fetch()).kind, "video");

    const subscribed = await client.video.v1.rooms(room.sid).participants(bob.sid).subscribedTracks.list();
    assert.deepEqual(
      subscribed.map((t) => [t.sid, t.publisherSid, t.participantSid]),
      [
        [mic.sid, alice.sid, bob.sid],
        [cam.sid, alice.sid, bob.sid],
      ],
    );
    const rawSubscribed = (await api(emulator, "GET", `/v1/Rooms/${room.sid}/Participants/${bob.sid}/SubscribedTracks/${cam.sid}`)).body;
    assert.deepEqual(Object.keys(rawSubscribed).sort(), [...SUBSCRIBED_KEYS].sort());
    assert.deepEqual(await client.video.v1.rooms(room.sid).participants(alice.sid).subscribedTracks.list(), []);

    const rules = await client.video.v1
      .rooms(room.sid)
      .participants(bob.sid)
      .subscribeRules.update({
        rules: [
          { type: "include", all: true },
          { type: "exclude", kind: "video" },
        ],
      });
    assert.deepEqual(plain(rules.rules), [
      { type: "include", all: true },
      { type: "exclude", kind: "video" },
    ]);
    assert.deepEqual(
      (await client.video.v1.rooms(room.sid).participants(bob.sid).subscribedTracks.list()).map((t) => t.name),
      ["mic"],
    );
    assert.deepEqual(plain((await client.video.v1.rooms(room.sid).participants(bob.sid).subscribeRules.fetch()).rules), plain(rules.rules));
    await assert.rejects(client.video.v1.rooms(room.sid).participants(bob.sid).subscribedTracks(cam.sid).fetch(), rejectsWith(404, 20404));

    await sim.unpublish(room.sid, alice.sid, "mic");
    assert.deepEqual(
      (await client.video.v1.rooms(room.sid).participants(alice.sid).publishedTracks.list()).map((t) => t.name),
      ["cam"],
    );
  });

  it("validates recording rules with Twilio's 53120 and applies them to live tracks", async () => {
    const room = await client.video.v1.rooms.create({ uniqueName: "rules", recordParticipantsOnConnect: true });
    assert.deepEqual(plain((await client.video.v1.rooms(room.sid).recordingRules.fetch()).rules), [{ type: "include", all: true }]);
    for (const bad of [
      [{ type: "record", all: true }],
      [{ type: "include" }],
      [{ type: "include", kind: "screen" }],
      [{ type: "include", all: true, kind: "audio" }],
      [{ type: "include", publisher: "" }],
      { type: "include", all: true },
    ]) {
      await assert.rejects(client.video.v1.rooms(room.sid).recordingRules.update({ rules: bad }), (error: TwilioError) => {
        assert.equal(error.status, 400);
        assert.equal(error.code, 53120);
        assert.match(error.message, /^Invalid Recording Rule\(s\)/);
        return true;
      });
    }
    const alice = await sim.connect(room.sid, "alice");
    const mic = await sim.publish(room.sid, alice.sid, { kind: "audio", name: "mic" });
    const cam = await sim.publish(room.sid, alice.sid, { kind: "video", name: "cam" });
    assert.ok(mic.recording_sid && cam.recording_sid);
    const updated = await client.video.v1.rooms(room.sid).recordingRules.update({ rules: [{ type: "include", kind: "audio" }] });
    assert.deepEqual(plain(updated.rules), [{ type: "include", kind: "audio" }]);
    await sim.settle();
    const recordings = await client.video.v1.rooms(room.sid).recordings.list();
    const byTrack = Object.fromEntries(recordings.map((r) => [r.trackName, r.status]));
    assert.deepEqual(byTrack, { mic: "processing", cam: "completed" });
    // The rule the docs give for "stop all recording".
    await client.video.v1.rooms(room.sid).recordingRules.update({ rules: [{ type: "exclude", all: true }] });
    await sim.settle();
    assert.deepEqual((await client.video.v1.rooms(room.sid).recordings.list({ status: "processing" })).length, 0);
  });
});
