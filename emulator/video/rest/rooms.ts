/** Video v1 Rooms: create, fetch (SID or UniqueName), list with filters, complete. */
import type { Handler, RequestContext } from "../../core/context";
import { EmulatorError, ERROR_CODES } from "../../core/errors";
import type { RoomInput } from "../simulation/engine";
import { DEFAULT_MEDIA_REGION, MEDIA_REGIONS, ROOM_FACTS } from "../../rules/documented";
import { createdWithin, iso, listAnswer, newestFirst, roomFromPath } from "./common";
import type { RoomRecord } from "../model";
import { parseTrackRules, ROOM_LIMITS, ROOM_STATUSES, uriProblem, VIDEO_OPS } from "../../rules/videoV1";

const SPEC = VIDEO_OPS.createRoom;

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
  const callbackRule = statusCallback === null ? undefined : uriProblem(SPEC, "StatusCallback", statusCallback);
  if (callbackRule) throw EmulatorError.invalid("StatusCallback", callbackRule);
  const rulesText = form.string("RecordingRules");
  let recordingRules;
  if (rulesText !== undefined) {
    const parsed = parseTrackRules(rulesText, "recording");
    if (!parsed.rules)
      throw EmulatorError.badRequest(ERROR_CODES.invalidRecordingRules, `Invalid Recording Rule(s): ${parsed.problems.join("; ")}`);
    recordingRules = parsed.rules;
  }
  const codecs = form.list("VideoCodecs");
  const knownCodecs = SPEC.enum("VideoCodecs");
  for (const codec of codecs)
    if (!knownCodecs.includes(codec)) throw EmulatorError.invalid("VideoCodecs", `must be ${knownCodecs.join(" or ")}`);
  const mediaRegion = form.string("MediaRegion") ?? DEFAULT_MEDIA_REGION;
  if (!MEDIA_REGIONS.includes(mediaRegion)) throw EmulatorError.invalid("MediaRegion", `must be one of ${MEDIA_REGIONS.join(", ")}`);
  const uniqueName = form.text("UniqueName", ROOM_FACTS.uniqueNameMax);
  return {
    uniqueName,
    type: form.oneOf("Type", SPEC.enum<RoomRecord["type"]>("Type")) ?? ROOM_FACTS.type,
    enableTurn: form.boolean("EnableTurn") ?? ROOM_FACTS.enableTurn,
    statusCallback,
    statusCallbackMethod: form.oneOf("StatusCallbackMethod", SPEC.enum<"GET" | "POST">("StatusCallbackMethod")) ?? "POST",
    maxParticipants: form.integer("MaxParticipants", 1, ROOM_LIMITS.maxParticipants) ?? ROOM_LIMITS.maxParticipants,
    maxParticipantDuration:
      form.integer("MaxParticipantDuration", ROOM_FACTS.minParticipantDuration, ROOM_LIMITS.maxParticipantDuration.max) ??
      ROOM_LIMITS.maxParticipantDuration.default,
    maxConcurrentPublishedTracks: ROOM_FACTS.maxConcurrentPublishedTracks,
    recordParticipantsOnConnect: form.boolean("RecordParticipantsOnConnect") ?? false,
    recordingRules,
    videoCodecs: codecs.length ? (codecs as ("VP8" | "H264")[]) : [...ROOM_FACTS.videoCodecs],
    mediaRegion,
    audioOnly: form.boolean("AudioOnly") ?? false,
    emptyRoomTimeout:
      form.integer("EmptyRoomTimeout", ...(ROOM_LIMITS.emptyRoomTimeout as [number, number])) ?? ROOM_FACTS.emptyRoomTimeout,
    unusedRoomTimeout:
      form.integer("UnusedRoomTimeout", ...(ROOM_LIMITS.unusedRoomTimeout as [number, number])) ?? ROOM_FACTS.unusedRoomTimeout,
    largeRoom: form.boolean("LargeRoom") ?? false,
  };
}

export const createRoom: Handler = (ctx) => {
  const room = ctx.video.createRoom(ctx.account.sid, roomInput(ctx));
  return { status: 201, body: renderRoom(ctx, room) };
};

export const fetchRoom: Handler = (ctx) => ({ status: 200, body: renderRoom(ctx, roomFromPath(ctx)) });

/**
 * [spec] The only update is `Status=completed`; the spec answers 200. [53112] "Status is
 * invalid": raised when Status is not valid or the Room is not in-progress.
 */
export const updateRoom: Handler = async (ctx) => {
  const room = roomFromPath(ctx);
  const status = ctx.form.required("Status");
  if (status !== "completed")
    throw EmulatorError.badRequest(ERROR_CODES.roomStatusInvalid, "Status is invalid: the only update is Status=completed");
  if (room.status !== "in-progress")
    throw EmulatorError.badRequest(ERROR_CODES.roomStatusInvalid, `Status is invalid: room ${room.sid} is ${room.status}, not in-progress`);
  await ctx.video.completeRoom(ctx.account.sid, room);
  return { status: 200, body: renderRoom(ctx, room) };
};

export const listRooms: Handler = (ctx) => {
  const status = ctx.query.oneOf("Status", ROOM_STATUSES);
  const uniqueName = ctx.query.string("UniqueName");
  const within = createdWithin(ctx);
  const rooms = newestFirst(ctx.store.video.rooms).filter(
    (r) =>
      (status === undefined || r.status === status) && (uniqueName === undefined || r.uniqueName === uniqueName) && within(r.dateCreated),
  );
  return listAnswer(ctx, rooms, "rooms", ["Status", "UniqueName", "DateCreatedAfter", "DateCreatedBefore"], (r) => renderRoom(ctx, r));
};
