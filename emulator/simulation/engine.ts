/**
 * The Video simulation: what happens between REST calls. Participants connect and publish tracks,
 * recording rules start and stop per-track recordings, rooms end (REST or timeout), composition
 * hooks fire, compositions move enqueued -> processing -> completed|failed on the clock, media is
 * placed where the account's settings say at that moment, and status callbacks are raised.
 * Twilio facts and their sources: video/videoRules.ts and docs/twilio-behaviour.md ("Video runtime").
 */
import { randomBytes } from "crypto";
import { EmulatorError, ERROR_CODES } from "../errors";
import type { AccountStore, EmulatorState, SettingsRecord } from "../state";
import type {
  CompositionRecord,
  CompositionSpec,
  MediaPlacement,
  ParticipantRecord,
  RecordingRecord,
  RoomRecord,
  RoomSettings,
  TrackKind,
  TrackRecord,
  TrackRule,
} from "../video/model";
import { RECORDING_FORMATS, rulesSelect, sourceMatches, videoSid } from "../video/videoRules";
import { CallbackDispatcher, type CallbackReach } from "./callbacks";
import { isoSeconds, SimulationClock, type ClockMode } from "./clock";
import { CloudMediaStore, mediaFile, MediaStorageError, storeMedia, type MediaContainer } from "./mediaPort";

/** Emulator timing (our choice; Twilio publishes no figures): queue 1 s, processing 4 s. */
export const COMPOSITION_QUEUE_MS = 1000;
export const COMPOSITION_PROCESSING_MS = 4000;
const MINUTE = 60_000;

export interface RoomInput extends RoomSettings {
  /** The room's SID when absent. */
  uniqueName?: string;
  /** Absent: include all when RecordParticipantsOnConnect, else none. */
  recordingRules?: TrackRule[];
}

export interface CompositionInput extends CompositionSpec {
  roomSid: string;
  /** The hook that started it (absent for POST /v1/Compositions). */
  hookSid?: string;
}

export interface SimulationOptions {
  state: EmulatorState;
  clock?: ClockMode;
  s3Endpoint?: string;
  cloud?: CloudMediaStore;
  callbackReach?: CallbackReach;
}

const conflict = (code: number, message: string) => new EmulatorError(400, code, message);

export class VideoSimulation {
  readonly clock: SimulationClock;
  readonly callbacks: CallbackDispatcher;
  readonly cloud: CloudMediaStore;
  /** Signs the short-lived media URLs `/Media` redirects to. */
  readonly mediaKey = randomBytes(32);
  private readonly state: EmulatorState;
  private readonly s3Endpoint?: string;
  /** Work started outside the clock (REST-triggered storing), so settle() can wait for it. */
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(opts: SimulationOptions) {
    this.state = opts.state;
    this.clock = new SimulationClock(opts.clock ?? "real");
    this.s3Endpoint = opts.s3Endpoint;
    this.cloud = opts.cloud ?? new CloudMediaStore();
    this.callbacks = new CallbackDispatcher(opts.callbackReach);
  }

  now(): number {
    return this.clock.now();
  }

  reset(): void {
    this.clock.clear();
    this.cloud.clear();
    this.callbacks.clear();
  }

  /** Every pending piece of work that is due, then every queued callback, has finished. */
  async settle(): Promise<void> {
    for (;;) {
      await this.clock.idle();
      if (this.inflight.size === 0) break;
      await Promise.all([...this.inflight]);
    }
    await this.callbacks.settled();
  }

  async advance(ms: number): Promise<void> {
    await this.clock.advance(ms);
    await this.settle();
  }

  // ---- lookups ---------------------------------------------------------------------------

  accountOfRoom(roomSid: string): string | undefined {
    const stores = this.state.snapshot().stores;
    return Object.keys(stores).find((sid) => stores[sid].video?.rooms.some((r) => r.sid === roomSid));
  }

  /** A room by SID, or an in-progress room by UniqueName [rooms]. */
  findRoom(store: AccountStore, nameOrSid: string): RoomRecord | undefined {
    return store.video.rooms.find((r) => r.sid === nameOrSid) ?? store.video.rooms.find((r) => r.status === "in-progress" && r.uniqueName === nameOrSid);
  }

  /** A participant by SID, or a connected participant by identity. */
  findParticipant(room: RoomRecord, sidOrIdentity: string): ParticipantRecord | undefined {
    return room.participants.find((p) => p.sid === sidOrIdentity) ?? room.participants.find((p) => p.status === "connected" && p.identity === sidOrIdentity);
  }

  // ---- rooms -----------------------------------------------------------------------------

  createRoom(accountSid: string, input: RoomInput, createdBy: RoomRecord["createdBy"] = "rest"): RoomRecord {
    const store = this.state.store(accountSid);
    if (input.uniqueName && store.video.rooms.some((r) => r.status === "in-progress" && r.uniqueName === input.uniqueName)) {
      throw conflict(53113, `Room exists: an in-progress room named '${input.uniqueName}' already exists`);
    }
    const now = this.now();
    const sid = videoSid("RM");
    const rules: TrackRule[] = input.recordingRules ?? (input.recordParticipantsOnConnect ? [{ type: "include", all: true }] : []);
    const room: RoomRecord = {
      sid,
      uniqueName: input.uniqueName ?? sid,
      status: "in-progress",
      type: input.type,
      enableTurn: input.enableTurn,
      statusCallback: input.statusCallback,
      statusCallbackMethod: input.statusCallbackMethod,
      maxParticipants: input.maxParticipants,
      maxParticipantDuration: input.maxParticipantDuration,
      maxConcurrentPublishedTracks: input.maxConcurrentPublishedTracks,
      recordParticipantsOnConnect: input.recordParticipantsOnConnect,
      videoCodecs: input.videoCodecs,
      mediaRegion: input.mediaRegion,
      audioOnly: input.audioOnly,
      emptyRoomTimeout: input.emptyRoomTimeout,
      unusedRoomTimeout: input.unusedRoomTimeout,
      largeRoom: input.largeRoom,
      dateCreated: now,
      dateUpdated: now,
      participants: [],
      recordingRules: { rules, dateCreated: now, dateUpdated: now },
      callbackSequence: 0,
      timeoutEpoch: 0,
      createdBy,
    };
    this.state.mutate(() => store.video.rooms.push(room));
    this.roomEvent(accountSid, room, "room-created", {});
    // [rooms] a room nobody joins ends after UnusedRoomTimeout minutes.
    this.scheduleRoomTimeout(accountSid, room, room.unusedRoomTimeout);
    return room;
  }

  async completeRoom(accountSid: string, room: RoomRecord): Promise<void> {
    if (room.status !== "in-progress") return;
    for (const participant of room.participants) {
      if (participant.status === "connected") await this.disconnect(accountSid, room, participant, { roomEnding: true });
    }
    const now = this.now();
    this.state.mutate(() => Object.assign(room, { status: "completed", endTime: now, dateUpdated: now, timeoutEpoch: room.timeoutEpoch + 1 }));
    this.roomEvent(accountSid, room, "room-ended", { RoomDuration: String(roomDurationSeconds(room)) });
    // Compositions asked for while the room was live start now; the hooks' start on their own.
    for (const composition of this.state.store(accountSid).video.compositions) {
      if (composition.roomSid === room.sid && composition.status === "enqueued") this.clock.schedule(COMPOSITION_QUEUE_MS, () => this.startComposition(accountSid, composition.sid));
    }
    this.fireHooks(accountSid, room);
  }

  private scheduleRoomTimeout(accountSid: string, room: RoomRecord, minutes: number): void {
    const epoch = ++room.timeoutEpoch;
    this.clock.schedule(minutes * MINUTE, async () => {
      if (room.timeoutEpoch !== epoch || room.status !== "in-progress") return;
      if (room.participants.some((p) => p.status === "connected")) return;
      await this.completeRoom(accountSid, room);
    });
  }

  // ---- participants and tracks -------------------------------------------------------------

  /** Connect `identity` to a room by SID or name; a name with no in-progress room creates an ad-hoc group room. */
  async connect(accountSid: string, roomNameOrSid: string, identity: string): Promise<{ room: RoomRecord; participant: ParticipantRecord }> {
    const store = this.state.store(accountSid);
    let room = this.findRoom(store, roomNameOrSid);
    if (!room) {
      if (/^RM[0-9a-fA-F]{32}$/.test(roomNameOrSid)) throw EmulatorError.notFound(`/v1/Rooms/${roomNameOrSid}`);
      room = this.createRoom(accountSid, adHocRoom(roomNameOrSid), "ad-hoc");
    }
    if (room.status !== "in-progress") throw conflict(53118, `Room ${room.sid} is completed: participants cannot connect`);
    const duplicate = room.participants.find((p) => p.status === "connected" && p.identity === identity);
    // Twilio disconnects the older participant of a duplicate identity (error 53205).
    if (duplicate) await this.disconnect(accountSid, room, duplicate);
    if (room.participants.filter((p) => p.status === "connected").length >= room.maxParticipants) {
      throw conflict(53105, `Room ${room.sid} contains too many participants (max ${room.maxParticipants})`);
    }
    const now = this.now();
    const participant: ParticipantRecord = {
      sid: videoSid("PA"),
      identity,
      status: "connected",
      dateCreated: now,
      dateUpdated: now,
      startTime: now,
      tracks: [],
      subscribeRules: { rules: [{ type: "include", all: true }], dateCreated: now, dateUpdated: now },
    };
    const connectedRoom = room;
    this.state.mutate(() => {
      connectedRoom.participants.push(participant);
      connectedRoom.timeoutEpoch++;
    });
    this.roomEvent(accountSid, room, "participant-connected", participantParams(participant));
    // [rooms] "The maximum number of seconds a Participant can be connected to the room."
    this.clock.schedule(room.maxParticipantDuration * 1000, () => this.disconnect(accountSid, connectedRoom, participant));
    return { room, participant };
  }

  async publish(accountSid: string, room: RoomRecord, participant: ParticipantRecord, spec: { kind: TrackKind; name?: string; codec?: string }): Promise<TrackRecord> {
    if (participant.status !== "connected") throw EmulatorError.invalid("participant", `${participant.sid} is not connected`);
    if (!["audio", "video", "data"].includes(spec.kind)) throw EmulatorError.invalid("kind", "must be audio, video or data");
    if (spec.kind === "video" && room.audioOnly) throw EmulatorError.invalid("kind", `video: room ${room.sid} is audio-only`);
    const codec = trackCodec(room, spec.kind, spec.codec);
    const live = participant.tracks.filter((t) => t.endedAt === undefined);
    const now = this.now();
    const sid = videoSid("MT");
    const name = spec.name ?? sid;
    if (live.some((t) => t.name === name)) throw conflict(53304, `Track name is duplicated: ${participant.identity} already publishes '${name}'`);
    const track: TrackRecord = { sid, name, kind: spec.kind, codec, enabled: true, dateCreated: now, dateUpdated: now };
    this.state.mutate(() => participant.tracks.push(track));
    this.roomEvent(accountSid, room, "track-added", { ...participantParams(participant), ...trackParams(track) });
    await this.applyRecordingRules(accountSid, room);
    return track;
  }

  /** [callbacks] A participant pauses (track-disabled) or unpauses (track-enabled) a track; recording goes on. */
  setTrackEnabled(accountSid: string, room: RoomRecord, participant: ParticipantRecord, track: TrackRecord, enabled: boolean): void {
    if (track.endedAt !== undefined || track.enabled === enabled) return;
    this.state.mutate(() => Object.assign(track, { enabled, dateUpdated: this.now() }));
    this.roomEvent(accountSid, room, enabled ? "track-enabled" : "track-disabled", { ...participantParams(participant), ...trackParams(track) });
  }

  async unpublish(accountSid: string, room: RoomRecord, participant: ParticipantRecord, track: TrackRecord): Promise<void> {
    if (track.endedAt !== undefined) return;
    const now = this.now();
    this.state.mutate(() => Object.assign(track, { endedAt: now, dateUpdated: now }));
    this.roomEvent(accountSid, room, "track-removed", { ...participantParams(participant), ...trackParams(track) });
    await this.stopRecording(accountSid, room, track);
  }

  async disconnect(accountSid: string, room: RoomRecord, participant: ParticipantRecord, opts: { roomEnding?: boolean } = {}): Promise<void> {
    if (participant.status !== "connected") return;
    for (const track of participant.tracks) await this.unpublish(accountSid, room, participant, track);
    const now = this.now();
    this.state.mutate(() => Object.assign(participant, { status: "disconnected", endTime: now, dateUpdated: now }));
    this.roomEvent(accountSid, room, "participant-disconnected", {
      ...participantParams(participant),
      ParticipantDuration: String(Math.round((now - participant.startTime) / 1000)),
    });
    // [rooms] an empty room ends after EmptyRoomTimeout minutes.
    if (!opts.roomEnding && !room.participants.some((p) => p.status === "connected")) this.scheduleRoomTimeout(accountSid, room, room.emptyRoomTimeout);
  }

  // ---- recordings ------------------------------------------------------------------------

  async setRecordingRules(accountSid: string, room: RoomRecord, rules: TrackRule[]): Promise<void> {
    this.state.mutate(() => Object.assign(room.recordingRules, { rules, dateUpdated: this.now() }));
    await this.applyRecordingRules(accountSid, room);
  }

  /** Start recordings the rules now select and stop those they no longer select. */
  private async applyRecordingRules(accountSid: string, room: RoomRecord): Promise<void> {
    for (const participant of room.participants) {
      for (const track of participant.tracks) {
        if (track.endedAt !== undefined || track.kind === "data") continue;
        const wanted = room.status === "in-progress" && rulesSelect(room.recordingRules.rules, {
          kind: track.kind, publisherIdentity: participant.identity, publisherSid: participant.sid, trackName: track.name, trackSid: track.sid,
        });
        if (wanted && !track.activeRecordingSid) this.startRecording(accountSid, room, participant, track);
        if (!wanted && track.activeRecordingSid) await this.stopRecording(accountSid, room, track);
      }
    }
  }

  private startRecording(accountSid: string, room: RoomRecord, participant: ParticipantRecord, track: TrackRecord): void {
    const kind = track.kind as "audio" | "video";
    const now = this.now();
    const recording: RecordingRecord = {
      sid: videoSid("RT"),
      roomSid: room.sid,
      participantSid: participant.sid,
      participantIdentity: participant.identity,
      trackSid: track.sid,
      trackName: track.name,
      type: kind,
      codec: track.codec,
      containerFormat: RECORDING_FORMATS[kind].container,
      status: "processing",
      dateCreated: now,
      offset: now - room.dateCreated,
      duration: null,
    };
    this.state.mutate(() => {
      this.state.store(accountSid).video.recordings.push(recording);
      track.activeRecordingSid = recording.sid;
    });
    this.roomEvent(accountSid, room, "recording-started", recordingParams(recording, participant, track));
  }

  /** The track's recording ends now: its media is stored where RecordingSettings say at this moment. */
  private async stopRecording(accountSid: string, room: RoomRecord, track: TrackRecord): Promise<void> {
    const sid = track.activeRecordingSid;
    if (!sid) return;
    track.activeRecordingSid = undefined;
    const recording = this.state.store(accountSid).video.recordings.find((r) => r.sid === sid);
    if (!recording) return;
    const participant = room.participants.find((p) => p.sid === recording.participantSid) as ParticipantRecord;
    const now = this.now();
    const durationMs = now - recording.dateCreated;
    recording.endedAt = now;
    // [rrec] duration rounded to the nearest second; sub-second tracks last 1 second.
    recording.duration = Math.max(1, Math.round(durationMs / 1000));
    const bytes = mediaFile({ container: recording.containerFormat, codec: recording.codec, durationMs, seed: recording.sid });
    const work = this.place(accountSid, recording.sid, recording.containerFormat, bytes, "recordingSettings").then((placed) => {
      this.state.mutate(() => {
        if ("failure" in placed) Object.assign(recording, { status: "failed", failure: placed.failure });
        else Object.assign(recording, { status: "completed", media: placed });
      });
      const params = recordingParams(recording, participant, track);
      if ("failure" in placed) {
        this.roomEvent(accountSid, room, "recording-failed", { ...params, FailedOperation: "media-upload", ErrorCode: String(placed.failure.code), ErrorMessage: placed.failure.message });
      } else {
        this.roomEvent(accountSid, room, "recording-completed", {
          ...params,
          Container: recording.containerFormat,
          Codec: recording.codec,
          Duration: String(recording.duration),
          Size: String(placed.size),
          MediaUri: `/v1/Recordings/${recording.sid}/Media`,
          ...(placed.externalLocation ? { MediaExternalLocation: placed.externalLocation } : {}),
        });
      }
    });
    await this.track(work);
  }

  // ---- compositions ------------------------------------------------------------------------

  createComposition(accountSid: string, input: CompositionInput): CompositionRecord {
    const now = this.now();
    const composition: CompositionRecord = { ...input, sid: videoSid("CJ"), status: "enqueued", dateCreated: now, duration: 0, size: 0, bitrate: 0 };
    const store = this.state.store(accountSid);
    this.state.mutate(() => store.video.compositions.push(composition));
    this.compositionEvent(accountSid, composition, "composition-enqueued", {});
    const room = store.video.rooms.find((r) => r.sid === input.roomSid);
    // A composition of a live room waits for the room to end (completeRoom starts it).
    if (room && room.status !== "in-progress") this.clock.schedule(COMPOSITION_QUEUE_MS, () => this.startComposition(accountSid, composition.sid));
    return composition;
  }

  /** [hooks] When a room with recordings ends, every enabled hook of the account starts a composition. */
  private fireHooks(accountSid: string, room: RoomRecord): void {
    const store = this.state.store(accountSid);
    if (!store.video.recordings.some((r) => r.roomSid === room.sid)) return;
    for (const hook of store.hooks.filter((h) => h.enabled)) {
      this.createComposition(accountSid, {
        roomSid: room.sid,
        hookSid: hook.sid,
        audioSources: [...hook.audioSources],
        audioSourcesExcluded: [...hook.audioSourcesExcluded],
        videoLayout: structuredClone(hook.videoLayout),
        resolution: hook.resolution,
        trim: hook.trim,
        format: hook.format,
        statusCallback: hook.statusCallback,
        statusCallbackMethod: hook.statusCallbackMethod,
      });
    }
  }

  private async startComposition(accountSid: string, compositionSid: string): Promise<void> {
    const store = this.state.store(accountSid);
    const composition = store.video.compositions.find((c) => c.sid === compositionSid);
    if (!composition || composition.status !== "enqueued") return;
    this.state.mutate(() => (composition.status = "processing"));
    this.compositionEvent(accountSid, composition, "composition-started", {});
    const sources = compositionSources(store, composition);
    // [s3guide]/[encryption] Twilio cannot read recordings stored in S3 or encrypted: nothing to compose.
    const unreadable = sources.find((r) => r.media?.location === "s3" || r.media?.encrypted);
    if (unreadable) {
      const where = unreadable.media?.location === "s3" ? "stored in external S3" : "encrypted";
      return this.failComposition(accountSid, composition, ERROR_CODES.uncomposableRecordings, `Recording ${unreadable.sid} is ${where}: Twilio cannot read it to compose`);
    }
    if (sources.length === 0) {
      return this.failComposition(accountSid, composition, ERROR_CODES.noComposableRecordings, `Room ${composition.roomSid} has no completed recording matching the composition's sources`);
    }
    this.clock.schedule(COMPOSITION_PROCESSING_MS / 2, () => {
      if (composition.status !== "processing") return;
      this.compositionEvent(accountSid, composition, "composition-progress", { PercentageDone: "50", SecondsRemaining: String(Math.ceil(COMPOSITION_PROCESSING_MS / 2000)) });
    });
    this.clock.schedule(COMPOSITION_PROCESSING_MS, () => this.finishComposition(accountSid, composition, sources));
  }

  private async finishComposition(accountSid: string, composition: CompositionRecord, sources: RecordingRecord[]): Promise<void> {
    if (composition.status !== "processing") return;
    const room = this.state.store(accountSid).video.rooms.find((r) => r.sid === composition.roomSid) as RoomRecord;
    const start = composition.trim ? Math.min(...sources.map((r) => r.dateCreated)) : room.dateCreated;
    const end = composition.trim ? Math.max(...sources.map((r) => r.endedAt ?? r.dateCreated)) : (room.endTime ?? this.now());
    const durationMs = Math.max(0, end - start);
    const hasVideo = sources.some((r) => r.type === "video");
    const hasAudio = sources.some((r) => r.type === "audio");
    const codec = [hasVideo ? (composition.format === "mp4" ? "H264" : "VP8") : "", hasAudio ? (composition.format === "mp4" ? "AAC" : "OPUS") : ""].filter(Boolean).join("+");
    const bytes = mediaFile({ container: composition.format, codec, durationMs, seed: composition.sid });
    const placed = await this.place(accountSid, composition.sid, composition.format, bytes, "compositionSettings");
    if ("failure" in placed) return this.failComposition(accountSid, composition, placed.failure.code, placed.failure.message);
    const duration = Math.max(1, Math.round(durationMs / 1000));
    this.state.mutate(() =>
      Object.assign(composition, {
        status: "completed", dateCompleted: this.now(), duration, size: placed.size, media: placed,
        bitrate: Math.round((placed.size * 8) / duration / 1000),
      }),
    );
    this.compositionEvent(accountSid, composition, "composition-available", {
      Duration: String(duration),
      Size: String(placed.size),
      MediaUri: `/v1/Compositions/${composition.sid}/Media`,
      ...(placed.externalLocation ? { MediaExternalLocation: placed.externalLocation } : {}),
    });
  }

  private failComposition(accountSid: string, composition: CompositionRecord, code: number, message: string): void {
    this.state.mutate(() => Object.assign(composition, { status: "failed", failure: { code, message } }));
    this.compositionEvent(accountSid, composition, "composition-failed", { ErrorCode: String(code), ErrorMessage: message });
  }

  // ---- media ---------------------------------------------------------------------------------

  /** Store bytes where the account's settings say now; a storage refusal becomes a failure. */
  private async place(accountSid: string, sid: string, ext: string, bytes: Buffer, kind: "recordingSettings" | "compositionSettings"): Promise<MediaPlacement | { failure: { code: number; message: string } }> {
    const store = this.state.store(accountSid);
    const settings: SettingsRecord = store[kind] ?? {
      friendlyName: null, awsCredentialsSid: null, awsS3Url: null, awsStorageEnabled: false, encryptionKeySid: null, encryptionEnabled: false,
    };
    try {
      const stored = await storeMedia(accountSid, sid, ext, bytes, {
        settings,
        credential: store.awsCredentials.find((c) => c.sid === settings.awsCredentialsSid),
        publicKey: store.publicKeys.find((k) => k.sid === settings.encryptionKeySid),
        s3Endpoint: this.s3Endpoint,
      }, this.cloud);
      return {
        location: stored.location, bucket: stored.bucket, key: stored.key, size: stored.size, encrypted: stored.encrypted,
        externalLocation: stored.location === "s3" && settings.awsS3Url ? `${settings.awsS3Url.replace(/\/+$/, "")}/${sid}.${ext}` : undefined,
      };
    } catch (error) {
      if (error instanceof MediaStorageError) return { failure: { code: error.code, message: error.message } };
      throw error;
    }
  }

  mediaContainerOf(record: RecordingRecord | CompositionRecord): MediaContainer {
    return "containerFormat" in record ? record.containerFormat : record.format;
  }

  // ---- callbacks -----------------------------------------------------------------------------

  private authToken(accountSid: string): string {
    return this.state.account(accountSid)?.authToken ?? "";
  }

  /** [callbacks] Parameters every room event carries, then the event's own. */
  private roomEvent(accountSid: string, room: RoomRecord, event: string, extra: Record<string, string>): void {
    const params = {
      AccountSid: accountSid,
      RoomName: room.uniqueName,
      RoomSid: room.sid,
      RoomStatus: room.status,
      RoomType: room.type,
      StatusCallbackEvent: event,
      Timestamp: isoSeconds(this.now()),
      SequenceNumber: String(room.callbackSequence++),
      ...extra,
    };
    this.callbacks.send(room.statusCallback, room.statusCallbackMethod, params, this.authToken(accountSid));
  }

  private compositionEvent(accountSid: string, composition: CompositionRecord, event: string, extra: Record<string, string>): void {
    const params = {
      AccountSid: accountSid,
      RoomSid: composition.roomSid,
      CompositionSid: composition.sid,
      CompositionUri: `/v1/Compositions/${composition.sid}`,
      StatusCallbackEvent: event,
      Timestamp: isoSeconds(this.now()),
      ...(composition.hookSid ? { HookSid: composition.hookSid } : {}),
      ...extra,
    };
    this.callbacks.send(composition.statusCallback, composition.statusCallbackMethod, params, this.authToken(accountSid));
  }

  private async track<T>(work: Promise<T>): Promise<T> {
    this.inflight.add(work);
    try {
      return await work;
    } finally {
      this.inflight.delete(work);
    }
  }
}

function roomDurationSeconds(room: RoomRecord): number {
  return Math.round(((room.endTime ?? room.dateCreated) - room.dateCreated) / 1000);
}

function participantParams(p: ParticipantRecord): Record<string, string> {
  return { ParticipantSid: p.sid, ParticipantIdentity: p.identity, ParticipantStatus: p.status };
}

function trackParams(t: TrackRecord): Record<string, string> {
  return { TrackSid: t.sid, TrackKind: t.kind, TrackName: t.name };
}

function recordingParams(r: RecordingRecord, p: ParticipantRecord, t: TrackRecord): Record<string, string> {
  return {
    ParticipantSid: p.sid,
    ParticipantIdentity: p.identity,
    TrackSid: t.sid,
    TrackKind: t.kind,
    TrackName: t.name,
    RecordingSid: r.sid,
    RecordingUri: `/v1/Recordings/${r.sid}`,
    SourceSid: t.sid,
    Type: r.type,
  };
}

/** [rooms] Ad-hoc rooms are group rooms with the defaults (recording off unless rules say so). */
function adHocRoom(name: string): RoomInput {
  return {
    uniqueName: name, type: "group", enableTurn: true, statusCallback: null, statusCallbackMethod: "POST",
    maxParticipants: 50, maxParticipantDuration: 14400, maxConcurrentPublishedTracks: 170, recordParticipantsOnConnect: false,
    videoCodecs: ["VP8"], mediaRegion: "us1", audioOnly: false, emptyRoomTimeout: 5, unusedRoomTimeout: 5, largeRoom: false,
  };
}

/** [rrec] Audio OPUS (or PCMU), video the room's first codec (or the one asked for, if the room allows it). */
function trackCodec(room: RoomRecord, kind: TrackKind, asked?: string): string {
  if (kind === "data") return "";
  const allowed: readonly string[] = kind === "audio" ? RECORDING_FORMATS.audio.codecs : room.videoCodecs;
  const codec = asked?.toUpperCase() ?? allowed[0];
  if (!allowed.includes(codec)) throw EmulatorError.invalid("codec", `must be one of ${allowed.join(", ")} for a ${kind} track in this room`);
  return codec;
}

/** The room's completed recordings a composition takes: audio by AudioSources, video by the layout's regions. */
export function compositionSources(store: AccountStore, c: CompositionRecord): RecordingRecord[] {
  const candidates = store.video.recordings.filter((r) => r.roomSid === c.roomSid && r.status === "completed");
  const matches = (patterns: string[], r: RecordingRecord) =>
    patterns.some((p) => sourceMatches(p, { trackName: r.trackName, trackSid: r.trackSid, participantSid: r.participantSid }));
  const regions = Object.values(c.videoLayout);
  return candidates.filter((r) =>
    r.type === "audio"
      ? matches(c.audioSources, r) && !matches(c.audioSourcesExcluded, r)
      : regions.some((region) => matches((region.video_sources as string[]) ?? [], r) && !matches((region.video_sources_excluded as string[]) ?? [], r)),
  );
}
