/**
 * Participants and their tracks: connecting (at most MaxParticipants, a duplicate identity
 * replaces the older participant), publishing, pausing and unpublishing tracks (which the room's
 * recording rules record), and disconnecting (by request, by MaxParticipantDuration, or because
 * the room ends).
 */
import { EmulatorError } from "../../core/errors";
import type { ParticipantRecord, RoomRecord, TrackKind, TrackRecord } from "../model";
import { RECORDING_FORMATS } from "../../rules/documented";
import { videoSid } from "../../rules/videoV1";
import { conflict, type SimulationCore } from "./core";
import type { Recordings } from "./recordings";

export class Participants {
  constructor(
    private readonly core: SimulationCore,
    private readonly recordings: Recordings,
    /** Called when the last connected participant of a live room leaves (the room's empty timeout starts). */
    private readonly roomEmptied: (accountSid: string, room: RoomRecord) => void,
  ) {}

  /** A participant by SID, or a connected participant by identity. */
  find(room: RoomRecord, sidOrIdentity: string): ParticipantRecord | undefined {
    return (
      room.participants.find((p) => p.sid === sidOrIdentity) ??
      room.participants.find((p) => p.status === "connected" && p.identity === sidOrIdentity)
    );
  }

  async connect(accountSid: string, room: RoomRecord, identity: string): Promise<ParticipantRecord> {
    if (room.status !== "in-progress") throw conflict(53118, `Room ${room.sid} is completed: participants cannot connect`);
    const duplicate = room.participants.find((p) => p.status === "connected" && p.identity === identity);
    // Twilio disconnects the older participant of a duplicate identity (error 53205).
    if (duplicate) await this.disconnect(accountSid, room, duplicate);
    if (room.participants.filter((p) => p.status === "connected").length >= room.maxParticipants) {
      throw conflict(53105, `Room ${room.sid} contains too many participants (max ${room.maxParticipants})`);
    }
    const now = this.core.now();
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
    this.core.state.mutate(() => {
      room.participants.push(participant);
      room.timeoutEpoch++;
    });
    this.core.roomEvent(accountSid, room, "participant-connected", participantParams(participant));
    // [rooms] "The maximum number of seconds a Participant can be connected to the room."
    this.core.clock.schedule(room.maxParticipantDuration * 1000, () => this.disconnect(accountSid, room, participant));
    return participant;
  }

  async publish(
    accountSid: string,
    room: RoomRecord,
    participant: ParticipantRecord,
    spec: { kind: TrackKind; name?: string; codec?: string },
  ): Promise<TrackRecord> {
    if (participant.status !== "connected") throw EmulatorError.invalid("participant", `${participant.sid} is not connected`);
    if (!["audio", "video", "data"].includes(spec.kind)) throw EmulatorError.invalid("kind", "must be audio, video or data");
    if (spec.kind === "video" && room.audioOnly) throw EmulatorError.invalid("kind", `video: room ${room.sid} is audio-only`);
    const codec = trackCodec(room, spec.kind, spec.codec);
    const live = participant.tracks.filter((t) => t.endedAt === undefined);
    const now = this.core.now();
    const sid = videoSid("MT");
    const name = spec.name ?? sid;
    if (live.some((t) => t.name === name))
      throw conflict(53304, `Track name is duplicated: ${participant.identity} already publishes '${name}'`);
    const track: TrackRecord = { sid, name, kind: spec.kind, codec, enabled: true, dateCreated: now, dateUpdated: now };
    this.core.state.mutate(() => participant.tracks.push(track));
    this.core.roomEvent(accountSid, room, "track-added", { ...participantParams(participant), ...trackParams(track) });
    await this.recordings.applyRules(accountSid, room);
    return track;
  }

  /** [callbacks] A participant pauses (track-disabled) or unpauses (track-enabled) a track; recording goes on. */
  setTrackEnabled(accountSid: string, room: RoomRecord, participant: ParticipantRecord, track: TrackRecord, enabled: boolean): void {
    if (track.endedAt !== undefined || track.enabled === enabled) return;
    this.core.state.mutate(() => Object.assign(track, { enabled, dateUpdated: this.core.now() }));
    this.core.roomEvent(accountSid, room, enabled ? "track-enabled" : "track-disabled", {
      ...participantParams(participant),
      ...trackParams(track),
    });
  }

  async unpublish(accountSid: string, room: RoomRecord, participant: ParticipantRecord, track: TrackRecord): Promise<void> {
    if (track.endedAt !== undefined) return;
    const now = this.core.now();
    this.core.state.mutate(() => Object.assign(track, { endedAt: now, dateUpdated: now }));
    this.core.roomEvent(accountSid, room, "track-removed", { ...participantParams(participant), ...trackParams(track) });
    await this.recordings.stop(accountSid, room, track);
  }

  async disconnect(
    accountSid: string,
    room: RoomRecord,
    participant: ParticipantRecord,
    opts: { roomEnding?: boolean } = {},
  ): Promise<void> {
    if (participant.status !== "connected") return;
    for (const track of participant.tracks) await this.unpublish(accountSid, room, participant, track);
    const now = this.core.now();
    this.core.state.mutate(() => Object.assign(participant, { status: "disconnected", endTime: now, dateUpdated: now }));
    this.core.roomEvent(accountSid, room, "participant-disconnected", {
      ...participantParams(participant),
      ParticipantDuration: String(Math.round((now - participant.startTime) / 1000)),
    });
    if (!opts.roomEnding && !room.participants.some((p) => p.status === "connected")) this.roomEmptied(accountSid, room);
  }
}

function participantParams(p: ParticipantRecord): Record<string, string> {
  return { ParticipantSid: p.sid, ParticipantIdentity: p.identity, ParticipantStatus: p.status };
}

function trackParams(t: TrackRecord): Record<string, string> {
  return { TrackSid: t.sid, TrackKind: t.kind, TrackName: t.name };
}

/** [rrec] Audio OPUS (or PCMU), video the room's first codec (or the one asked for, if the room allows it). */
function trackCodec(room: RoomRecord, kind: TrackKind, asked?: string): string {
  if (kind === "data") return "";
  const allowed: readonly string[] = kind === "audio" ? RECORDING_FORMATS.audio.codecs : room.videoCodecs;
  const codec = asked?.toUpperCase() ?? allowed[0];
  if (!allowed.includes(codec))
    throw EmulatorError.invalid("codec", `must be one of ${allowed.join(", ")} for a ${kind} track in this room`);
  return codec;
}
