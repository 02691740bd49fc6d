/** Video v1 Compositions: create (starts the simulation's composition), fetch, list with filters, delete. */
import type { Handler, RequestContext } from "../../core/context";
import { EmulatorError, ERROR_CODES } from "../../core/errors";
import { parseVideoLayout } from "../../config/compositionHooks";

import { createdWithin, iso, listAnswer, newestFirst } from "./common";
import type { CompositionRecord } from "../model";
import { COMPOSITION_DEFAULTS, layoutHasVideoSources, resolutionProblem, uriProblem, VIDEO_OPS, VIDEO_SID } from "../../rules/videoV1";

const SPEC = VIDEO_OPS.createComposition;

export function renderComposition(ctx: RequestContext, c: CompositionRecord): Record<string, unknown> {
  const url = `${ctx.baseUrl}/v1/Compositions/${c.sid}`;
  return {
    account_sid: ctx.account.sid,
    status: c.status,
    date_created: iso(c.dateCreated),
    date_completed: iso(c.dateCompleted),
    date_deleted: iso(c.dateDeleted),
    sid: c.sid,
    room_sid: c.roomSid,
    audio_sources: c.audioSources,
    audio_sources_excluded: c.audioSourcesExcluded,
    video_layout: c.videoLayout,
    resolution: c.resolution,
    trim: c.trim,
    format: c.format,
    bitrate: c.bitrate,
    size: c.size,
    duration: c.duration,
    media_external_location: c.media?.externalLocation ?? null,
    status_callback: c.statusCallback,
    status_callback_method: c.statusCallbackMethod,
    url,
    links: { media: `${url}/Media` },
  };
}

/** [spec] The same source, layout, resolution and callback rules as a composition hook. */
export const createComposition: Handler = (ctx) => {
  const form = ctx.form;
  const [roomSid] = SPEC.required().map((name) => form.required(name));
  if (!VIDEO_SID.room.test(roomSid)) throw EmulatorError.invalid("RoomSid", "must be a Room SID (RM + 32 hex)");
  const room = ctx.store.video.rooms.find((r) => r.sid === roomSid);
  if (!room) throw new EmulatorError(404, ERROR_CODES.roomNotFound, `Room not found: ${roomSid}`);
  const resolution = form.string("Resolution") ?? COMPOSITION_DEFAULTS.resolution;
  const resolutionRule = resolutionProblem(resolution);
  if (resolutionRule) throw EmulatorError.badRequest(ERROR_CODES.invalidResolution, `Invalid parameter Resolution: ${resolutionRule}`);
  const statusCallback = form.string("StatusCallback") ?? null;
  const callbackRule = statusCallback === null ? undefined : uriProblem(SPEC, "StatusCallback", statusCallback);
  if (callbackRule) throw EmulatorError.invalid("StatusCallback", callbackRule);
  const videoLayout = parseVideoLayout(form);
  const audioSources = form.list("AudioSources");
  if (audioSources.length === 0 && !layoutHasVideoSources(videoLayout)) {
    throw EmulatorError.badRequest(
      ERROR_CODES.noMediaSources,
      "Invalid parameters AudioSources and VideoLayout: a composition needs AudioSources or a VideoLayout region with video_sources",
    );
  }
  const composition = ctx.video.createComposition(ctx.account.sid, {
    roomSid,
    audioSources,
    audioSourcesExcluded: form.list("AudioSourcesExcluded"),
    videoLayout,
    resolution,
    trim: form.boolean("Trim") ?? COMPOSITION_DEFAULTS.trim,
    format: form.oneOf("Format", SPEC.enum<"mp4" | "webm">("Format")) ?? COMPOSITION_DEFAULTS.format,
    statusCallback,
    statusCallbackMethod:
      form.oneOf("StatusCallbackMethod", SPEC.enum<"GET" | "POST">("StatusCallbackMethod")) ?? COMPOSITION_DEFAULTS.statusCallbackMethod,
  });
  return { status: 201, body: renderComposition(ctx, composition) };
};

export function findComposition(ctx: RequestContext): CompositionRecord {
  const composition = ctx.store.video.compositions.find((c) => c.sid === ctx.pathParams[0]);
  if (!composition) throw EmulatorError.notFound(ctx.path);
  return composition;
}

export const fetchComposition: Handler = (ctx) => ({ status: 200, body: renderComposition(ctx, findComposition(ctx)) });

export const listCompositions: Handler = (ctx) => {
  const status = ctx.query.oneOf("Status", VIDEO_OPS.listCompositions.enum<CompositionRecord["status"]>("Status"));
  const roomSid = ctx.query.matching("RoomSid", VIDEO_SID.room, "a Room SID");
  const within = createdWithin(ctx);
  const items = newestFirst(ctx.store.video.compositions).filter(
    (c) => (status === undefined || c.status === status) && (roomSid === undefined || c.roomSid === roomSid) && within(c.dateCreated),
  );
  return listAnswer(ctx, items, "compositions", ["Status", "DateCreatedAfter", "DateCreatedBefore", "RoomSid"], (c) =>
    renderComposition(ctx, c),
  );
};

/** [spec] status `deleted`: the media is gone, the metadata stays with `date_deleted`. */
export const deleteComposition: Handler = (ctx) => {
  const composition = findComposition(ctx);
  ctx.video.cloud.delete(ctx.account.sid, composition.sid);
  ctx.state.mutate(() => Object.assign(composition, { status: "deleted", dateDeleted: ctx.video.now() }));
  return { status: 204 };
};
