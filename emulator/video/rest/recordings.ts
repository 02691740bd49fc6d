/** Video v1 Recordings and Room Recordings: list with filters, fetch, delete (media metadata stays). */
import type { Handler, RequestContext } from "../../core/context";
import { EmulatorError } from "../../core/errors";
import { createdWithin, iso, listAnswer, newestFirst, roomFromPath } from "./common";
import type { RecordingRecord } from "../model";
import { VIDEO_OPS, VIDEO_SID } from "../../rules/videoV1";

function renderRecordingCommon(ctx: RequestContext, r: RecordingRecord, url: string): Record<string, unknown> {
  return {
    account_sid: ctx.account.sid,
    status: r.status,
    date_created: iso(r.dateCreated),
    sid: r.sid,
    source_sid: r.trackSid,
    size: r.media?.size ?? 0,
    url,
    type: r.type,
    duration: r.duration,
    container_format: r.containerFormat,
    codec: r.codec,
    grouping_sids: { room_sid: r.roomSid, participant_sid: r.participantSid },
    track_name: r.trackName,
    offset: r.offset,
    media_external_location: r.media?.externalLocation ?? null,
  };
}

export function renderRecording(ctx: RequestContext, r: RecordingRecord): Record<string, unknown> {
  const url = `${ctx.baseUrl}/v1/Recordings/${r.sid}`;
  const room = ctx.store.video.rooms.find((room) => room.sid === r.roomSid);
  return {
    ...renderRecordingCommon(ctx, r, url),
    // Recording events go to the room's status callback (our reading: the recording has no URL of its own).
    status_callback: room?.statusCallback ?? null,
    status_callback_method: room?.statusCallbackMethod ?? "POST",
    links: { media: `${url}/Media` },
  };
}

export function renderRoomRecording(ctx: RequestContext, r: RecordingRecord): Record<string, unknown> {
  const url = `${ctx.baseUrl}/v1/Rooms/${r.roomSid}/Recordings/${r.sid}`;
  return { ...renderRecordingCommon(ctx, r, url), room_sid: r.roomSid, links: { media: `${url}/Media` } };
}

function recordingFilter(ctx: RequestContext): (r: RecordingRecord) => boolean {
  const status = ctx.query.oneOf("Status", VIDEO_OPS.listRecordings.enum<RecordingRecord["status"]>("Status"));
  const sourceSid = ctx.query.matching("SourceSid", VIDEO_SID.anySource, "a 34-character SID");
  const groupingSids = ctx.query.list("GroupingSid");
  const mediaType = ctx.query.oneOf("MediaType", VIDEO_OPS.listRecordings.enum<"audio" | "video" | "data">("MediaType"));
  const within = createdWithin(ctx);
  return (r) =>
    (status === undefined || r.status === status) &&
    (sourceSid === undefined || r.trackSid === sourceSid) &&
    groupingSids.every((sid) => sid === r.roomSid || sid === r.participantSid) &&
    (mediaType === undefined || r.type === mediaType) &&
    within(r.dateCreated);
}

export const listRecordings: Handler = (ctx) => {
  const items = newestFirst(ctx.store.video.recordings).filter(recordingFilter(ctx));
  return listAnswer(
    ctx,
    items,
    "recordings",
    ["Status", "SourceSid", "GroupingSid", "DateCreatedAfter", "DateCreatedBefore", "MediaType"],
    (r) => renderRecording(ctx, r),
  );
};

export function findRecording(ctx: RequestContext, sid: string, roomSid?: string): RecordingRecord {
  const recording = ctx.store.video.recordings.find((r) => r.sid === sid && (roomSid === undefined || r.roomSid === roomSid));
  if (!recording) throw EmulatorError.notFound(ctx.path);
  return recording;
}

export const fetchRecording: Handler = (ctx) => ({ status: 200, body: renderRecording(ctx, findRecording(ctx, ctx.pathParams[0])) });

/** [rrec] "deleted means the recording media has been deleted ... but its metadata is still available". */
function deleteMedia(ctx: RequestContext, r: RecordingRecord): void {
  ctx.video.cloud.delete(ctx.account.sid, r.sid);
  ctx.state.mutate(() => (r.status = "deleted"));
}

export const deleteRecording: Handler = (ctx) => {
  deleteMedia(ctx, findRecording(ctx, ctx.pathParams[0]));
  return { status: 204 };
};

export const listRoomRecordings: Handler = (ctx) => {
  const room = roomFromPath(ctx);
  const filter = recordingFilter(ctx);
  const items = newestFirst(ctx.store.video.recordings).filter((r) => r.roomSid === room.sid && filter(r));
  return listAnswer(ctx, items, "recordings", ["Status", "SourceSid", "DateCreatedAfter", "DateCreatedBefore"], (r) =>
    renderRoomRecording(ctx, r),
  );
};

export const fetchRoomRecording: Handler = (ctx) => {
  const room = roomFromPath(ctx);
  return { status: 200, body: renderRoomRecording(ctx, findRecording(ctx, ctx.pathParams[1], room.sid)) };
};

export const deleteRoomRecording: Handler = (ctx) => {
  const room = roomFromPath(ctx);
  deleteMedia(ctx, findRecording(ctx, ctx.pathParams[1], room.sid));
  return { status: 204 };
};
