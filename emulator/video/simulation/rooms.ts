/**
 * Rooms: created by REST or ad hoc by the first participant to connect to a name; they end by
 * REST or by a timeout (UnusedRoomTimeout when nobody joined, EmptyRoomTimeout after the last
 * participant left), disconnecting whoever is still there and starting the room's compositions.
 */
import { EmulatorError } from "../../core/errors";
import type { AccountStore } from "../../core/state";
import type { RoomRecord, RoomSettings, TrackRule } from "../model";
import { videoSid } from "../../rules/videoV1";
import type { Compositions } from "./compositions";
import { conflict, type SimulationCore } from "./core";
import type { Participants } from "./participants";

const MINUTE = 60_000;

export interface RoomInput extends RoomSettings {
  /** The room's SID when absent. */
  uniqueName?: string;
  /** Absent: include all when RecordParticipantsOnConnect, else none. */
  recordingRules?: TrackRule[];
}

export class Rooms {
  constructor(
    private readonly core: SimulationCore,
    private readonly participants: Participants,
    private readonly compositions: Compositions,
  ) {}

  accountOf(roomSid: string): string | undefined {
    const stores = this.core.state.snapshot().stores;
    return Object.keys(stores).find((sid) => stores[sid].video?.rooms.some((r) => r.sid === roomSid));
  }

  /** A room by SID, or an in-progress room by UniqueName [rooms]. */
  find(store: AccountStore, nameOrSid: string): RoomRecord | undefined {
    return (
      store.video.rooms.find((r) => r.sid === nameOrSid) ??
      store.video.rooms.find((r) => r.status === "in-progress" && r.uniqueName === nameOrSid)
    );
  }

  /** The room a participant connects to by SID or name; a name with no in-progress room creates an ad-hoc group room. */
  toJoin(accountSid: string, roomNameOrSid: string): RoomRecord {
    const room = this.find(this.core.state.store(accountSid), roomNameOrSid);
    if (room) return room;
    if (/^RM[0-9a-fA-F]{32}$/.test(roomNameOrSid)) throw EmulatorError.notFound(`/v1/Rooms/${roomNameOrSid}`);
    return this.create(accountSid, adHocRoom(roomNameOrSid), "ad-hoc");
  }

  create(accountSid: string, input: RoomInput, createdBy: RoomRecord["createdBy"] = "rest"): RoomRecord {
    const store = this.core.state.store(accountSid);
    if (input.uniqueName && store.video.rooms.some((r) => r.status === "in-progress" && r.uniqueName === input.uniqueName)) {
      throw conflict(53113, `Room exists: an in-progress room named '${input.uniqueName}' already exists`);
    }
    const now = this.core.now();
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
    this.core.state.mutate(() => store.video.rooms.push(room));
    this.core.roomEvent(accountSid, room, "room-created", {});
    // [rooms] a room nobody joins ends after UnusedRoomTimeout minutes.
    this.scheduleTimeout(accountSid, room, room.unusedRoomTimeout);
    return room;
  }

  async complete(accountSid: string, room: RoomRecord): Promise<void> {
    if (room.status !== "in-progress") return;
    for (const participant of room.participants) {
      if (participant.status === "connected") await this.participants.disconnect(accountSid, room, participant, { roomEnding: true });
    }
    const now = this.core.now();
    this.core.state.mutate(() =>
      Object.assign(room, { status: "completed", endTime: now, dateUpdated: now, timeoutEpoch: room.timeoutEpoch + 1 }),
    );
    this.core.roomEvent(accountSid, room, "room-ended", { RoomDuration: String(roomDurationSeconds(room)) });
    this.compositions.roomEnded(accountSid, room);
  }

  /** [rooms] an empty room ends after EmptyRoomTimeout minutes. */
  emptied(accountSid: string, room: RoomRecord): void {
    this.scheduleTimeout(accountSid, room, room.emptyRoomTimeout);
  }

  private scheduleTimeout(accountSid: string, room: RoomRecord, minutes: number): void {
    const epoch = ++room.timeoutEpoch;
    this.core.clock.schedule(minutes * MINUTE, async () => {
      if (room.timeoutEpoch !== epoch || room.status !== "in-progress") return;
      if (room.participants.some((p) => p.status === "connected")) return;
      await this.complete(accountSid, room);
    });
  }
}

function roomDurationSeconds(room: RoomRecord): number {
  return Math.round(((room.endTime ?? room.dateCreated) - room.dateCreated) / 1000);
}

/** [rooms] Ad-hoc rooms are group rooms with the defaults (recording off unless rules say so). */
function adHocRoom(name: string): RoomInput {
  return {
    uniqueName: name,
    type: "group",
    enableTurn: true,
    statusCallback: null,
    statusCallbackMethod: "POST",
    maxParticipants: 50,
    maxParticipantDuration: 14400,
    maxConcurrentPublishedTracks: 170,
    recordParticipantsOnConnect: false,
    videoCodecs: ["VP8"],
    mediaRegion: "us1",
    audioOnly: false,
    emptyRoomTimeout: 5,
    unusedRoomTimeout: 5,
    largeRoom: false,
  };
}
