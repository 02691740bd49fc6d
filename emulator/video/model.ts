/** The Video v1 runtime objects of one account, as the emulator keeps them (times in epoch ms). */

export type RoomStatus = "in-progress" | "completed" | "failed";
export type RoomType = "go" | "peer-to-peer" | "group" | "group-small";
export type TrackKind = "audio" | "video" | "data";
export type RecordingStatus = "processing" | "completed" | "deleted" | "failed";
export type CompositionStatus = "enqueued" | "processing" | "completed" | "deleted" | "failed";

/** One rule of RecordingRules / SubscribeRules, as Twilio answers it. */
export interface TrackRule {
  type: "include" | "exclude";
  all?: boolean;
  kind?: TrackKind;
  publisher?: string;
  track?: string;
  priority?: string;
}

export interface RulesRecord {
  rules: TrackRule[];
  dateCreated: number;
  dateUpdated: number;
}

export interface TrackRecord {
  sid: string;
  name: string;
  kind: TrackKind;
  codec: string;
  enabled: boolean;
  dateCreated: number;
  dateUpdated: number;
  /** Set when the track is unpublished (or its participant leaves): it is no longer listed. */
  endedAt?: number;
  /** The recording running for this track now, if any. */
  activeRecordingSid?: string;
}

export interface ParticipantRecord {
  sid: string;
  identity: string;
  status: "connected" | "disconnected";
  dateCreated: number;
  dateUpdated: number;
  startTime: number;
  endTime?: number;
  tracks: TrackRecord[];
  subscribeRules: RulesRecord;
}

/** A room's parameters as it was created with them (POST /v1/Rooms, or the defaults of an ad-hoc room). */
export interface RoomSettings {
  type: RoomType;
  enableTurn: boolean;
  statusCallback: string | null;
  statusCallbackMethod: "GET" | "POST";
  maxParticipants: number;
  maxParticipantDuration: number;
  maxConcurrentPublishedTracks: number;
  recordParticipantsOnConnect: boolean;
  videoCodecs: ("VP8" | "H264")[];
  mediaRegion: string;
  audioOnly: boolean;
  emptyRoomTimeout: number;
  unusedRoomTimeout: number;
  largeRoom: boolean;
}

export interface RoomRecord extends RoomSettings {
  sid: string;
  uniqueName: string;
  status: RoomStatus;
  dateCreated: number;
  dateUpdated: number;
  endTime?: number;
  participants: ParticipantRecord[];
  recordingRules: RulesRecord;
  /** Room status callbacks carry a SequenceNumber per room, from 0. */
  callbackSequence: number;
  /** Bumped whenever the room's emptiness changes, so a stale timeout does nothing. */
  timeoutEpoch: number;
  createdBy: "rest" | "ad-hoc";
}

export interface MediaPlacement {
  location: "twilio" | "s3";
  bucket?: string;
  key?: string;
  size: number;
  encrypted: boolean;
  /** media_external_location for S3 placements. */
  externalLocation?: string;
}

export interface RecordingRecord {
  sid: string;
  roomSid: string;
  participantSid: string;
  participantIdentity: string;
  trackSid: string;
  trackName: string;
  type: "audio" | "video";
  codec: string;
  containerFormat: "mka" | "mkv";
  status: RecordingStatus;
  dateCreated: number;
  /** ms since the room started, as Twilio's `offset`. */
  offset: number;
  endedAt?: number;
  duration: number | null;
  media?: MediaPlacement;
  failure?: { code: number; message: string };
}

/**
 * What a composition is made of and whom it tells: the parameters of POST /v1/Compositions, and
 * what a composition hook keeps to start one per room (HookRecord in ../state).
 */
export interface CompositionSpec {
  audioSources: string[];
  audioSourcesExcluded: string[];
  videoLayout: Record<string, Record<string, unknown>>;
  resolution: string;
  trim: boolean;
  format: "mp4" | "webm";
  statusCallback: string | null;
  statusCallbackMethod: "GET" | "POST";
}

export interface CompositionRecord extends CompositionSpec {
  sid: string;
  roomSid: string;
  hookSid?: string;
  status: CompositionStatus;
  dateCreated: number;
  dateCompleted?: number;
  dateDeleted?: number;
  duration: number;
  size: number;
  bitrate: number;
  media?: MediaPlacement;
  failure?: { code: number; message: string };
}

export interface VideoStore {
  rooms: RoomRecord[];
  recordings: RecordingRecord[];
  compositions: CompositionRecord[];
}

export function emptyVideoStore(): VideoStore {
  return { rooms: [], recordings: [], compositions: [] };
}
