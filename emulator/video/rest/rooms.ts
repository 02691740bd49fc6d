/** Video v1 Rooms: create, fetch (SID or UniqueName), list with filters, complete. */
import type { Handler, RequestContext } from "../../core/context";
import { EmulatorError, ERROR_CODES } from "../../core/errors";
import type { RoomInput } from "../simulation/engine";
import { callbackUrlProblem } from "../../rules/documented";
import { createdWithin, iso, listAnswer, newestFirst, roomFromPath } from "./common";
import type { RoomRecord } from "../model";
import { MAX_PARTICIPANT_DURATION, MEDIA_REGIONS, parseTrackRules, ROOM_DEFAULTS } from "../../rules/videoV1";

export function renderRoom(ctx: RequestContext, room: RoomRecord): Record<string, unknown> {
  const url = `${ctx.baseUrl}/v1/Rooms/${room.sid}`;
  return {
    sid: room.sid,
    status: room.status,
    date_created: iso(room.dateCreated),
    date_updated: iso(room.dateUpdated),
    account_sid: ctx.account.sid,
    enable_turn: room.enableTurn,
    unique_name: room.uniqueName,
    status_callback: room.statusCallback,
    status_callback_method: room.statusCallbackMethod,
    end_time: iso(room.endTime),
    duration: room.endTime === undefined ? null : Math.round((room.endTime - room.dateCreated) / 1000),
    type: room.type,
    max_participants: room.maxParticipants,
    max_participant_duration: room.maxParticipantDuration,
    max_concurrent_published_tracks: room.maxConcurrentPublishedTracks,
    record_participants_on_connect: room.recordParticipantsOnConnect,
    video_codecs: room.videoCodecs,
    media_region: room.mediaRegion,
    audio_only: room.audioOnly,
    empty_room_timeout: room.emptyRoomTimeout,
    unused_room_timeout: room.unusedRoomTimeout,
    large_room: room.largeRoom,
    url,
    links: { participants: `${url}/Participants`, recordings: `${url}/Recordings`, recording_rules: `${url}/RecordingRules` },
  };
}

function roomInput(ctx: RequestContext): RoomInput {
  const form = ctx.form;
  const statusCallback = form.string("StatusCallback") ?? null;
  const callbackRule = statusCallback === null ? undefined : callbackUrlProblem(statusCallback);
  if (callbackRule) throw EmulatorError.invalid("StatusCallback", callbackRule);
  const rulesText = form.string("RecordingRules");
  let recordingRules;
  if (rulesText !== undefined) {
    const parsed = parseTrackRules(rulesText, "recording");
    if (!parsed.rules) throw EmulatorError.badRequest(ERROR_CODES.invalidRecordingRules, `Invalid Recording Rule(s): ${parsed.problems.join("; ")}`);
    recordingRules = parsed.rules;
  }
  const codecs = form.list("VideoCodecs");
  for (const codec of codecs) if (codec !== "VP8" && codec !== "H264") throw EmulatorError.invalid("VideoCodecs", "must be VP8 or H264");
  const mediaRegion = form.string("MediaRegion") ?? ROOM_DEFAULTS.mediaRegion;
  if (!MEDIA_REGIONS.includes(mediaRegion)) throw EmulatorError.invalid("MediaRegion", `must be one of ${MEDIA_REGIONS.join(", ")}`);
  const uniqueName = form.string("UniqueName");
  if (uniqueName !== undefined && uniqueName.length > 128) throw EmulatorError.invalid("UniqueName", "must be at most 128 characters");
  return {
    uniqueName,
    type: form.oneOf("Type", ["go", "peer-to-peer", "group", "group-small"] as const) ?? ROOM_DEFAULTS.type,
    enableTurn: form.boolean("EnableTurn") ?? ROOM_DEFAULTS.enableTurn,
    statusCallback,
    statusCallbackMethod: form.oneOf("StatusCallbackMethod", ["GET", "POST"] as const) ?? "POST",
    maxParticipants: form.integer("MaxParticipants", 1, ROOM_DEFAULTS.maxParticipants) ?? ROOM_DEFAULTS.maxParticipants,
    maxParticipantDuration: form.integer("MaxParticipantDuration", 600, MAX_PARTICIPANT_DURATION) ?? ROOM_DEFAULTS.maxParticipantDuration,
    maxConcurrentPublishedTracks: ROOM_DEFAULTS.maxConcurrentPublishedTracks,
    recordParticipantsOnConnect: form.boolean("RecordParticipantsOnConnect") ?? false,
    recordingRules,
    videoCodecs: codecs.length ? (codecs as ("VP8" | "H264")[]) : [...ROOM_DEFAULTS.videoCodecs],
    mediaRegion,
    audioOnly: form.boolean("AudioOnly") ?? false,
    emptyRoomTimeout: form.integer("EmptyRoomTimeout", 1, 60) ?? ROOM_DEFAULTS.emptyRoomTimeout,
    unusedRoomTimeout: form.integer("UnusedRoomTimeout", 1, 60) ?? ROOM_DEFAULTS.unusedRoomTimeout,
    largeRoom: form.boolean("LargeRoom") ?? false,
  };
}

export const createRoom: Handler = (ctx) => {
  const room = ctx.video.createRoom(ctx.account.sid, roomInput(ctx));
  return { status: 201, body: renderRoom(ctx, room) };
};

export const fetchRoom: Handler = (ctx) => ({ status: 200, body: renderRoom(ctx, roomFromPath(ctx)) });

/**
 * [spec] The only update is `Status=completed`; the seed's spec answers 200. [53112] "Status is
 * invalid": raised when Status is not valid or the Room is not in-progress.
 */
export const updateRoom: Handler = async (ctx) => {
  const room = roomFromPath(ctx);
  const status = ctx.form.required("Status");
  if (status !== "completed") throw EmulatorError.badRequest(ERROR_CODES.roomStatusInvalid, "Status is invalid: the only update is Status=completed");
  if (room.status !== "in-progress") throw EmulatorError.badRequest(ERROR_CODES.roomStatusInvalid, `Status is invalid: room ${room.sid} is ${room.status}, not in-progress`);
  await ctx.video.completeRoom(ctx.account.sid, room);
  return { status: 200, body: renderRoom(ctx, room) };
};

export const listRooms: Handler = (ctx) => {
  const status = ctx.query.oneOf("Status", ["in-progress", "completed", "failed"] as const);
  const uniqueName = ctx.query.string("UniqueName");
  const within = createdWithin(ctx);
  const rooms = newestFirst(ctx.store.video.rooms).filter(
    (r) => (status === undefined || r.status === status) && (uniqueName === undefined || r.uniqueName === uniqueName) && within(r.dateCreated),
  );
  return listAnswer(ctx, rooms, "rooms", ["Status", "UniqueName", "DateCreatedAfter", "DateCreatedBefore"], (r) => renderRoom(ctx, r));
};
