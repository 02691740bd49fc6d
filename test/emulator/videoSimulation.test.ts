/**
 * The Video simulation on the manual clock: room timeouts, hooks firing on room completion,
 * recording rules, media placement per the settings of the moment, and signed status callbacks
 * received by a local server.
 */
import { strict as assert } from "assert";
import fetch from "node-fetch";
import twilio from "twilio";
import { DEFAULT_ACCOUNT, startEmulator, videoSimulation, type Emulator, type VideoSimulationClient } from "../../emulator";
import { AWS_DOCS_EXAMPLE, credentialsParam } from "../fixtures/awsKeys";
import { RSA_2048 as PEM } from "../fixtures/publicKeys";
import { useVideoEmulator, type TwilioClient } from "./helpers";
import { useCallbackReceiver, type CallbackReceiver, type ReceivedCallback } from "./callbackReceiver";

const MINUTE = 60_000;
const ROOM_COMMON = ["AccountSid", "RoomName", "RoomSid", "RoomStatus", "RoomType", "StatusCallbackEvent", "Timestamp", "SequenceNumber"];
const PARTICIPANT = ["ParticipantSid", "ParticipantIdentity", "ParticipantStatus"];
const TRACK = ["TrackSid", "TrackKind", "TrackName"];
const RECORDING = ["ParticipantSid", "ParticipantIdentity", ...TRACK, "RecordingSid", "RecordingUri", "SourceSid", "Type"];
const COMPOSITION_COMMON = ["AccountSid", "RoomSid", "CompositionSid", "CompositionUri", "StatusCallbackEvent", "Timestamp"];

const keys = (c: ReceivedCallback) => Object.keys(c.params).sort();
const sorted = (names: string[]) => [...names].sort();

describe("emulator: the Video simulation", () => {
  let emulator: Emulator;
  let client: TwilioClient;
  let sim: VideoSimulationClient;
  let receiver: CallbackReceiver;
  useVideoEmulator((video) => ({ emulator, client, sim } = video));
  useCallbackReceiver((started) => (receiver = started));

  /** Every callback carries a signature twilio-node's validateRequest accepts for the account's token. */
  function assertSigned(callbacks: ReceivedCallback[]): void {
    assert.ok(callbacks.length > 0);
    for (const c of callbacks) {
      const params = c.method === "POST" ? c.params : {};
      assert.ok(c.signature, `${c.params.StatusCallbackEvent} has no X-Twilio-Signature`);
      assert.equal(
        twilio.validateRequest(DEFAULT_ACCOUNT.authToken, c.signature as string, c.url, params),
        true,
        `${c.params.StatusCallbackEvent} signature`,
      );
      assert.equal(twilio.validateRequest("another-token", c.signature as string, c.url, params), false);
    }
  }

  it("posts signed room callbacks with Twilio's parameters, and ends an empty room after EmptyRoomTimeout", async () => {
    const room = await client.video.v1.rooms.create({
      uniqueName: "callbacks",
      statusCallback: `${receiver.url}/room`,
      recordParticipantsOnConnect: true,
      emptyRoomTimeout: 2,
    });
    const alice = await sim.connect(room.sid, "alice");
    const mic = await sim.publish(room.sid, alice.sid, { kind: "audio", name: "mic" });
    assert.equal((await sim.setTrackEnabled(room.sid, "alice", "mic", false)).enabled, false);
    assert.equal((await client.video.v1.rooms(room.sid).participants(alice.sid).publishedTracks(mic.sid).fetch()).enabled, false);
    await sim.setTrackEnabled(room.sid, "alice", mic.sid, true);
    await sim.advance(30_000);
    await sim.disconnect(room.sid, "alice");
    await sim.advance(2 * MINUTE - 1);
    assert.equal((await client.video.v1.rooms(room.sid).fetch()).status, "in-progress");
    await sim.advance(1);
    const ended = await client.video.v1.rooms(room.sid).fetch();
    assert.equal(ended.status, "completed");
    assert.equal(ended.duration, 150);

    const got = receiver.received;
    assert.deepEqual(
      got.map((c) => c.params.StatusCallbackEvent),
      [
        "room-created",
        "participant-connected",
        "track-added",
        "recording-started",
        "track-disabled",
        "track-enabled",
        "track-removed",
        "recording-completed",
        "participant-disconnected",
        "room-ended",
      ],
    );
    assert.deepEqual(
      got.map((c) => c.params.SequenceNumber),
      ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
    );
    for (const c of got) {
      assert.equal(c.method, "POST");
      assert.match(c.contentType ?? "", /^application\/x-www-form-urlencoded/);
      assert.equal(c.params.AccountSid, DEFAULT_ACCOUNT.accountSid);
      assert.equal(c.params.RoomSid, room.sid);
      assert.equal(c.params.RoomName, "callbacks");
      assert.equal(c.params.RoomType, "group");
    }
    const [created, connected, added, started, disabled, enabled, removed, completed, disconnected, roomEnded] = got;
    assert.deepEqual(keys(disabled), sorted([...ROOM_COMMON, ...PARTICIPANT, ...TRACK]));
    assert.deepEqual(keys(enabled), keys(disabled));
    assert.deepEqual(keys(created), sorted(ROOM_COMMON));
    assert.deepEqual(keys(connected), sorted([...ROOM_COMMON, ...PARTICIPANT]));
    assert.deepEqual(keys(added), sorted([...ROOM_COMMON, ...PARTICIPANT, ...TRACK]));
    assert.deepEqual(keys(started), sorted([...ROOM_COMMON, ...RECORDING]));
    assert.deepEqual(keys(removed), sorted([...ROOM_COMMON, ...PARTICIPANT, ...TRACK]));
    assert.deepEqual(keys(completed), sorted([...ROOM_COMMON, ...RECORDING, "Container", "Codec", "Duration", "Size", "MediaUri"]));
    assert.deepEqual(keys(disconnected), sorted([...ROOM_COMMON, ...PARTICIPANT, "ParticipantDuration"]));
    assert.deepEqual(keys(roomEnded), sorted([...ROOM_COMMON, "RoomDuration"]));
    assert.equal(added.params.TrackSid, mic.sid);
    assert.equal(completed.params.Container, "mka");
    assert.equal(completed.params.Codec, "OPUS");
    assert.equal(completed.params.Duration, "30");
    assert.equal(completed.params.MediaUri, `/v1/Recordings/${completed.params.RecordingSid}/Media`);
    assert.equal(disconnected.params.ParticipantDuration, "30");
    assert.equal(roomEnded.params.RoomStatus, "completed");
    assert.equal(roomEnded.params.RoomDuration, "150");
    assertSigned(got);
    // The emulator's own log of what it sent, with the receiver's answers.
    const sent = await sim.callbacks();
    assert.deepEqual(
      sent.map((c) => [c.event, c.status]),
      got.map((c) => [c.params.StatusCallbackEvent, 204]),
    );
  });

  it("ends a room nobody joins after UnusedRoomTimeout, and creates ad-hoc group rooms on connect", async () => {
    const unused = await client.video.v1.rooms.create({ unusedRoomTimeout: 3 });
    await sim.advance(3 * MINUTE);
    assert.equal((await client.video.v1.rooms(unused.sid).fetch()).status, "completed");

    const bob = await sim.connect("ad-hoc-standup", "bob");
    const adHoc = await client.video.v1.rooms("ad-hoc-standup").fetch();
    assert.equal(adHoc.sid, bob.room_sid);
    assert.equal(adHoc.type, "group");
    // The same identity connecting again replaces the first participant.
    const again = await sim.connect("ad-hoc-standup", "bob");
    const participants = await client.video.v1.rooms(adHoc.sid).participants.list();
    assert.deepEqual(
      participants.map((p) => [p.sid, p.status]).sort(),
      [
        [bob.sid, "disconnected"],
        [again.sid, "connected"],
      ].sort(),
    );
    await client.video.v1.rooms(adHoc.sid).update({ status: "completed" });
    await assert.rejects(sim.connect(adHoc.sid, "carol"), (error: { code: number }) => error.code === 53118);
    await assert.rejects(sim.advance(-1), (error: { status: number }) => error.status === 400);
  });

  it("fires every enabled composition hook when a recorded room ends, with signed composition callbacks", async () => {
    const hook = await client.video.v1.compositionHooks.create({
      friendlyName: "all audio",
      audioSources: ["*"],
      format: "mp4",
      statusCallback: `${receiver.url}/hook`,
    });
    await client.video.v1.compositionHooks.create({
      friendlyName: "disabled",
      audioSources: ["*"],
      enabled: false,
      statusCallback: `${receiver.url}/disabled`,
    });
    const room = await client.video.v1.rooms.create({ recordParticipantsOnConnect: true });
    const alice = await sim.connect(room.sid, "alice");
    await sim.publish(room.sid, alice.sid, { kind: "audio" });
    await sim.advance(12_000);
    await client.video.v1.rooms(room.sid).update({ status: "completed" });
    await sim.settle();
    const compositions = await client.video.v1.compositions.list({ roomSid: room.sid });
    assert.equal(compositions.length, 1);
    assert.deepEqual([compositions[0].status, compositions[0].format], ["enqueued", "mp4"]);
    await sim.advance(5_000);
    const done = await client.video.v1.compositions(compositions[0].sid).fetch();
    assert.equal(done.status, "completed");
    assert.equal(done.duration, 12);

    const hookCalls = receiver.received.filter((c) => c.path === "/hook");
    assert.deepEqual(
      hookCalls.map((c) => c.params.StatusCallbackEvent),
      ["composition-enqueued", "composition-started", "composition-progress", "composition-available"],
    );
    const withHook = sorted([...COMPOSITION_COMMON, "HookSid"]);
    assert.deepEqual(keys(hookCalls[0]), withHook);
    assert.deepEqual(keys(hookCalls[1]), withHook);
    assert.deepEqual(keys(hookCalls[2]), sorted([...withHook, "PercentageDone", "SecondsRemaining"]));
    assert.deepEqual(keys(hookCalls[3]), sorted([...withHook, "Duration", "Size", "MediaUri"]));
    for (const c of hookCalls) {
      assert.equal(c.params.HookSid, hook.sid);
      assert.equal(c.params.CompositionSid, done.sid);
      assert.equal(c.params.CompositionUri, `/v1/Compositions/${done.sid}`);
    }
    assert.equal(hookCalls[3].params.MediaUri, `/v1/Compositions/${done.sid}/Media`);
    assert.equal(hookCalls[3].params.Size, String(done.size));
    assert.equal(receiver.events("/disabled").length, 0);
    assertSigned(hookCalls);
  });

  it("a composition asked for while its room is live stays enqueued until the room ends", async () => {
    const room = await client.video.v1.rooms.create({ recordParticipantsOnConnect: true });
    const alice = await sim.connect(room.sid, "alice");
    await sim.publish(room.sid, alice.sid, { kind: "video", name: "cam" });
    const composition = await client.video.v1.compositions.create({ roomSid: room.sid, videoLayout: { solo: { video_sources: ["cam"] } } });
    await sim.advance(MINUTE);
    assert.equal((await client.video.v1.compositions(composition.sid).fetch()).status, "enqueued");
    await client.video.v1.rooms(room.sid).update({ status: "completed" });
    await sim.advance(1_000);
    assert.equal((await client.video.v1.compositions(composition.sid).fetch()).status, "processing");
    await sim.advance(4_000);
    const done = await client.video.v1.compositions(composition.sid).fetch();
    assert.deepEqual([done.status, done.duration], ["completed", 60]);
  });

  it("sends callbacks to loopback receivers only, listing the others as not sent", async () => {
    const room = await client.video.v1.rooms.create({ statusCallback: "https://hooks.example.com/room" });
    await sim.connect(room.sid, "alice");
    await sim.settle();
    const sent = await sim.callbacks();
    assert.deepEqual(
      sent.map((c) => [c.event, c.status, c.url]),
      [
        ["room-created", 0, "https://hooks.example.com/room"],
        ["participant-connected", 0, "https://hooks.example.com/room"],
      ],
    );
    assert.match(sent[0].error ?? "", /loopback/);
    await sim.clearCallbacks();
    assert.deepEqual(await sim.callbacks(), []);
  });

  it("a room without recordings fires no hook; rules recording only one publisher record only that publisher", async () => {
    await client.video.v1.compositionHooks.create({ friendlyName: "hook", audioSources: ["*"] });
    const quiet = await client.video.v1.rooms.create({});
    const bob = await sim.connect(quiet.sid, "bob");
    await sim.publish(quiet.sid, bob.sid, { kind: "audio" });
    await client.video.v1.rooms(quiet.sid).update({ status: "completed" });
    await sim.settle();
    assert.deepEqual(await client.video.v1.compositions.list(), []);

    const room = await client.video.v1.rooms.create({
      recordingRules: {
        rules: [
          { type: "include", publisher: "alice" },
          { type: "exclude", kind: "video" },
        ],
      },
    });
    const alice = await sim.connect(room.sid, "alice");
    const carol = await sim.connect(room.sid, "carol");
    for (const p of [alice, carol]) {
      await sim.publish(room.sid, p.sid, { kind: "audio", name: `${p.identity}-mic` });
      await sim.publish(room.sid, p.sid, { kind: "video", name: `${p.identity}-cam` });
    }
    await sim.advance(3_000);
    await client.video.v1.rooms(room.sid).update({ status: "completed" });
    await sim.settle();
    assert.deepEqual(
      (await client.video.v1.rooms(room.sid).recordings.list()).map((r) => r.trackName),
      ["alice-mic"],
    );
  });

  it("places media where the settings say when it completes: S3 recordings carry their location and cannot be composed", async () => {
    const aws = await client.accounts.v1.credentials.aws.create({ credentials: credentialsParam(AWS_DOCS_EXAMPLE) });
    const s3Url = "https://my-recordings.s3.eu-west-1.amazonaws.com/rec";
    await client.video.v1
      .recordingSettings()
      .create({ friendlyName: "s3", awsCredentialsSid: aws.sid, awsS3Url: s3Url, awsStorageEnabled: true });
    await client.video.v1.compositionHooks.create({ friendlyName: "hook", audioSources: ["*"], statusCallback: `${receiver.url}/hook` });
    const room = await client.video.v1.rooms.create({ recordParticipantsOnConnect: true });
    const alice = await sim.connect(room.sid, "alice");
    await sim.publish(room.sid, alice.sid, { kind: "audio" });
    await sim.advance(1_000);
    // Settings change while the track is recorded: what counts is the moment the recording completes.
    await client.video.v1
      .recordingSettings()
      .create({ friendlyName: "s3", awsCredentialsSid: aws.sid, awsS3Url: `${s3Url}/later`, awsStorageEnabled: true });
    await client.video.v1.rooms(room.sid).update({ status: "completed" });
    await sim.settle();
    const [recording] = await client.video.v1.recordings.list();
    assert.equal(recording.mediaExternalLocation, `${s3Url}/later/${recording.sid}.mka`);
    const media = await fetch(`${emulator.url}/v1/Recordings/${recording.sid}/Media`, {
      redirect: "manual",
      headers: { Authorization: "Basic " + Buffer.from(`${DEFAULT_ACCOUNT.accountSid}:${DEFAULT_ACCOUNT.authToken}`).toString("base64") },
    });
    assert.equal(media.status, 404);

    await sim.advance(1_000);
    const [composition] = await client.video.v1.compositions.list();
    assert.equal(composition.status, "failed");
    const failed = receiver.received.filter((c) => c.path === "/hook").at(-1) as ReceivedCallback;
    assert.equal(failed.params.StatusCallbackEvent, "composition-failed");
    assert.deepEqual(keys(failed), sorted([...COMPOSITION_COMMON, "HookSid", "ErrorCode", "ErrorMessage"]));
    assert.equal(failed.params.ErrorCode, "53127");
    assert.match(failed.params.ErrorMessage, /external S3/);
  });

  it("encrypted recordings cannot be composed either; GET callbacks carry the parameters in the signed URL", async () => {
    const key = await client.accounts.v1.credentials.publicKey.create({ publicKey: PEM });
    await client.video.v1.recordingSettings().create({ friendlyName: "enc", encryptionKeySid: key.sid, encryptionEnabled: true });
    const room = await client.video.v1.rooms.create({
      recordParticipantsOnConnect: true,
      statusCallback: `${receiver.url}/get?tag=1`,
      statusCallbackMethod: "GET",
    });
    const alice = await sim.connect(room.sid, "alice");
    await sim.publish(room.sid, alice.sid, { kind: "audio" });
    await client.video.v1.rooms(room.sid).update({ status: "completed" });
    const composition = await client.video.v1.compositions.create({
      roomSid: room.sid,
      audioSources: ["*"],
      statusCallback: `${receiver.url}/composition`,
    });
    await sim.advance(1_000);
    const failed = await client.video.v1.compositions(composition.sid).fetch();
    assert.equal(failed.status, "failed");
    const failure = receiver.received.filter((c) => c.path === "/composition").at(-1) as ReceivedCallback;
    assert.deepEqual([failure.params.StatusCallbackEvent, failure.params.ErrorCode], ["composition-failed", "53127"]);
    assert.match(failure.params.ErrorMessage, /encrypted/);
    assert.equal(failure.params.HookSid, undefined);

    const gets = receiver.received.filter((c) => c.path === "/get");
    assert.ok(gets.every((c) => c.method === "GET" && c.params.tag === "1"));
    assert.deepEqual(gets.map((c) => c.params.StatusCallbackEvent).slice(0, 2), ["room-created", "participant-connected"]);
    assertSigned(gets);
  });
});

describe("emulator: the Video simulation's limits", () => {
  let client: TwilioClient;
  let sim: VideoSimulationClient;
  useVideoEmulator((video) => ({ client, sim } = video));

  it("disconnects a participant after MaxParticipantDuration, refuses one too many participants and duplicate track names", async () => {
    const room = await client.video.v1.rooms.create({ maxParticipants: 2, maxParticipantDuration: 600 });
    const alice = await sim.connect(room.sid, "alice");
    await sim.connect(room.sid, "bob");
    await assert.rejects(sim.connect(room.sid, "carol"), (error: { code: number }) => error.code === 53105);
    await sim.publish(room.sid, alice.sid, { kind: "audio", name: "mic" });
    await assert.rejects(
      sim.publish(room.sid, alice.sid, { kind: "audio", name: "mic" }),
      (error: { code: number }) => error.code === 53304,
    );
    await assert.rejects(
      sim.publish(room.sid, alice.sid, { kind: "video", codec: "H264" }),
      (error: { code: number }) => error.code === 20002,
    );
    await sim.advance(600_000 - 1);
    assert.equal((await client.video.v1.rooms(room.sid).participants(alice.sid).fetch()).status, "connected");
    await sim.advance(1);
    const gone = await client.video.v1.rooms(room.sid).participants(alice.sid).fetch();
    assert.deepEqual([gone.status, gone.duration], ["disconnected", 600]);
    await sim.connect(room.sid, "carol");
  });
});

describe("emulator: the README's videoSimulation example", () => {
  it("runs as written: an ad-hoc room ends 5 minutes after its last participant leaves", async () => {
    const emulator = await startEmulator({ videoClock: "manual" });
    try {
      const sim = videoSimulation(emulator);
      const alice = await sim.connect("standup", "alice");
      const mic = await sim.publish(alice.room_sid, alice.sid, { kind: "audio", name: "mic" });
      const cam = await sim.publish(alice.room_sid, "alice", { kind: "video" });
      assert.deepEqual([cam.codec, cam.recording_sid], ["VP8", null]); // ad-hoc rooms record nothing
      await sim.unpublish(alice.room_sid, alice.sid, mic.sid);
      await sim.disconnect(alice.room_sid, alice.sid);
      await sim.advance(5 * 60_000);
      await sim.settle();
      const room = await fetch(`${emulator.url}/v1/Rooms/${alice.room_sid}`, {
        headers: { Authorization: "Basic " + Buffer.from(`${DEFAULT_ACCOUNT.accountSid}:${DEFAULT_ACCOUNT.authToken}`).toString("base64") },
      });
      assert.equal(((await room.json()) as { status: string }).status, "completed");
      assert.deepEqual(await sim.callbacks(), []); // no StatusCallback on an ad-hoc room
    } finally {
      await emulator.close();
    }
  });
});
