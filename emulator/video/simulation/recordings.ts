/**
 * Recordings: a room's recording rules start one recording per selected audio or video track and
 * stop it when the track ends or the rules deselect it; its media is then stored where
 * RecordingSettings say at that moment.
 */
import type { ParticipantRecord, RecordingRecord, RoomRecord, TrackRecord, TrackRule } from "../model";
import { RECORDING_FORMATS } from "../../rules/documented";
import { videoSid } from "../../rules/videoV1";
import { rulesSelect } from "./selection";
import type { SimulationCore } from "./core";
import { placeMedia } from "./mediaPlacement";
import { mediaFile } from "../media/containers";

export class Recordings {
  constructor(private readonly core: SimulationCore) {}

  async setRules(accountSid: string, room: RoomRecord, rules: TrackRule[]): Promise<void> {
    this.core.state.mutate(() => Object.assign(room.recordingRules, { rules, dateUpdated: this.core.now() }));
    await this.applyRules(accountSid, room);
  }

  /** Start recordings the rules now select and stop those they no longer select. */
  async applyRules(accountSid: string, room: RoomRecord): Promise<void> {
    for (const participant of room.participants) {
      for (const track of participant.tracks) {
        if (track.endedAt !== undefined || track.kind === "data") continue;
        const wanted =
          room.status === "in-progress" &&
          rulesSelect(room.recordingRules.rules, {
            kind: track.kind,
            publisherIdentity: participant.identity,
            publisherSid: participant.sid,
            trackName: track.name,
            trackSid: track.sid,
          });
        if (wanted && !track.activeRecordingSid) this.start(accountSid, room, participant, track);
        if (!wanted && track.activeRecordingSid) await this.stop(accountSid, room, track);
      }
    }
  }

  private start(accountSid: string, room: RoomRecord, participant: ParticipantRecord, track: TrackRecord): void {
    const kind = track.kind as "audio" | "video";
    const now = this.core.now();
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
    this.core.state.mutate(() => {
      this.core.state.store(accountSid).video.recordings.push(recording);
      track.activeRecordingSid = recording.sid;
    });
    this.core.roomEvent(accountSid, room, "recording-started", recordingParams(recording, participant, track));
  }

  /** The track's recording ends now: its media is stored where RecordingSettings say at this moment. */
  async stop(accountSid: string, room: RoomRecord, track: TrackRecord): Promise<void> {
    const sid = track.activeRecordingSid;
    if (!sid) return;
    track.activeRecordingSid = undefined;
    const recording = this.core.state.store(accountSid).video.recordings.find((r) => r.sid === sid);
    if (!recording) return;
    const participant = room.participants.find((p) => p.sid === recording.participantSid) as ParticipantRecord;
    const now = this.core.now();
    const durationMs = now - recording.dateCreated;
    recording.endedAt = now;
    // [rrec] duration rounded to the nearest second; sub-second tracks last 1 second.
    recording.duration = Math.max(1, Math.round(durationMs / 1000));
    const bytes = mediaFile({ container: recording.containerFormat, codec: recording.codec, durationMs, seed: recording.sid });
    const work = placeMedia(this.core, accountSid, recording.sid, recording.containerFormat, bytes, "recordingSettings").then((placed) => {
      this.core.state.mutate(() => {
        if ("failure" in placed) Object.assign(recording, { status: "failed", failure: placed.failure });
        else Object.assign(recording, { status: "completed", media: placed });
      });
      const params = recordingParams(recording, participant, track);
      if ("failure" in placed) {
        this.core.roomEvent(accountSid, room, "recording-failed", {
          ...params,
          FailedOperation: "media-upload",
          ErrorCode: String(placed.failure.code),
          ErrorMessage: placed.failure.message,
        });
      } else {
        this.core.roomEvent(accountSid, room, "recording-completed", {
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
    await this.core.track(work);
  }
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
