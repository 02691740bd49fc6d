/**
 * Media v1 REST handlers (media.twilio.com): MediaProcessors, MediaRecordings, PlayerStreamers and
 * PlayerStreamers/{Sid}/PlaybackGrant, as the Twilio Media v1 OpenAPI describes them. Validate, settle the account's
 * store at the simulation clock, change it, render every property of the spec's schema.
 */
import { randomBytes } from "crypto";
import type { Handler, HandlerResult, RequestContext } from "../core/context";
import { EmulatorError, ERROR_CODES } from "../core/errors";
import { paginate } from "../core/paging";
import type { Params } from "../core/params";
import { FORMATS } from "../rules/schemaCheck";
import {
  connectOutputs,
  endStreamer,
  isoSeconds,
  mediaSid,
  settle,
  stopProcessor,
  timestamps,
  type MediaProcessorRecord,
  type MediaRecordingRecord,
  type MediaV1Store,
  type PlayerStreamerRecord,
} from "./model";
import {
  GRANT_TTL,
  HTTP_METHODS,
  type HttpMethod,
  MAX_DURATION,
  MEDIA_SID,
  ORDERS,
  playbackGrant,
  PROCESSOR_STATUSES,
  RECORDING_STATUSES,
  STREAMER_STATUSES,
  UPDATE_STATUSES,
} from "../rules/mediaV1";

/** The account's Media v1 objects, every max-duration expiry due by now applied (and persisted). */
function media(ctx: RequestContext): MediaV1Store {
  const store = ctx.store.mediaV1;
  if (settle(store, ctx.video.now())) ctx.state.mutate(() => undefined);
  return store;
}

function jsonObject(form: Params, name: string): Record<string, unknown> | undefined {
  const text = form.string(name);
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw EmulatorError.invalid(name, "must be a JSON dictionary");
}

function callback(form: Params): { statusCallback: string | null; statusCallbackMethod: HttpMethod } {
  const statusCallback = form.string("StatusCallback") ?? null;
  const rule = statusCallback === null || FORMATS.uri.holds(statusCallback) ? undefined : FORMATS.uri.rule;
  if (rule) throw EmulatorError.invalid("StatusCallback", rule);
  return { statusCallback, statusCallbackMethod: form.oneOf("StatusCallbackMethod", HTTP_METHODS) ?? "POST" };
}

/** Every resource's update takes one required Status, and only `ended`. */
function requiredEndedStatus(form: Params): void {
  form.required("Status");
  form.oneOf("Status", UPDATE_STATUSES);
}

function find<T extends { sid: string }>(ctx: RequestContext, items: T[], pattern: RegExp, collection: string): T {
  const sid = ctx.pathParams[0];
  const item = pattern.test(sid) ? items.find((i) => i.sid === sid) : undefined;
  if (!item) throw EmulatorError.notFound(`/v1/${collection}/${sid}`);
  return item;
}

/** Status/Order (and extra SID) filters; newest first unless Order=asc. */
function list<T extends { status: string }>(
  ctx: RequestContext,
  items: T[],
  key: string,
  statuses: readonly string[],
  render: (ctx: RequestContext, item: T) => Record<string, unknown>,
  extra: { name: string; pattern: RegExp; description: string; matches: (item: T, value: string) => boolean }[] = [],
): HandlerResult {
  const order = ctx.query.oneOf("Order", ORDERS) ?? "desc";
  const status = ctx.query.oneOf("Status", statuses);
  const extraValues = extra.map((f) => ({ f, value: ctx.query.matching(f.name, f.pattern, f.description) }));
  const ordered = order === "asc" ? [...items] : [...items].reverse();
  const selected = ordered.filter(
    (item) =>
      (status === undefined || item.status === status) &&
      extraValues.every(({ f, value }) => value === undefined || f.matches(item, value)),
  );
  const filters: [string, string][] = [];
  for (const name of ["Order", "Status", ...extra.map((f) => f.name)]) {
    const value = ctx.query.string(name);
    if (value !== undefined) filters.push([name, value]);
  }
  const { page, meta } = paginate(ctx, selected, key, filters);
  return { status: 200, body: { [key]: page.map((item) => render(ctx, item)), meta } };
}

// --- MediaProcessors -------------------------------------------------------------------------

function renderProcessor(ctx: RequestContext, p: MediaProcessorRecord): Record<string, unknown> {
  return {
    account_sid: ctx.account.sid,
    sid: p.sid,
    date_created: p.dateCreated,
    date_updated: p.dateUpdated,
    extension: p.extension,
    extension_context: p.extensionContext,
    status: p.status,
    url: `${ctx.baseUrl}/v1/MediaProcessors/${p.sid}`,
    ended_reason: p.endedReason,
    status_callback: p.statusCallback,
    status_callback_method: p.statusCallbackMethod,
    max_duration: p.maxDuration,
  };
}

/** [live] ExtensionContext.outputs names the PlayerStreamers to stream into; other entries are ignored. */
function outputsOf(context: Record<string, unknown>): string[] {
  const outputs = context.outputs;
  return Array.isArray(outputs) ? outputs.filter((o): o is string => typeof o === "string" && MEDIA_SID.streamer.test(o)) : [];
}

export const createProcessor: Handler = (ctx) => {
  const store = media(ctx);
  const extension = ctx.form.required("Extension");
  const contextText = ctx.form.required("ExtensionContext");
  const context = jsonObject(ctx.form, "ExtensionContext") as Record<string, unknown>;
  const environment = jsonObject(ctx.form, "ExtensionEnvironment");
  if (environment && Object.values(environment).some((v) => typeof v !== "string")) {
    throw EmulatorError.invalid("ExtensionEnvironment", "must be a JSON dictionary of key/value strings");
  }
  const maxDuration = ctx.form.integer("MaxDuration", MAX_DURATION.min, MAX_DURATION.max) ?? MAX_DURATION.default;
  const now = ctx.video.now();
  const processor: MediaProcessorRecord = {
    sid: mediaSid("ZX"),
    extension,
    extensionContext: contextText,
    extensionEnvironment: (environment as Record<string, string> | undefined) ?? null,
    ...callback(ctx.form),
    maxDuration,
    status: "started",
    endedReason: null,
    outputs: outputsOf(context),
    ...timestamps(now),
  };
  ctx.state.mutate(() => {
    store.processors.push(processor);
    connectOutputs(store, processor, now);
  });
  return { status: 201, body: renderProcessor(ctx, processor) };
};

export const fetchProcessor: Handler = (ctx) => ({
  status: 200,
  body: renderProcessor(ctx, find(ctx, media(ctx).processors, MEDIA_SID.processor, "MediaProcessors")),
});

/** Status=ended ends a started processor; a processor already ended or failed is answered as it is. */
export const updateProcessor: Handler = (ctx) => {
  const store = media(ctx);
  const processor = find(ctx, store.processors, MEDIA_SID.processor, "MediaProcessors");
  requiredEndedStatus(ctx.form);
  if (processor.status === "started") ctx.state.mutate(() => stopProcessor(store, processor, "ended", "ended-via-api", ctx.video.now()));
  return { status: 200, body: renderProcessor(ctx, processor) };
};

export const listProcessors: Handler = (ctx) => list(ctx, media(ctx).processors, "media_processors", PROCESSOR_STATUSES, renderProcessor);

// --- MediaRecordings -------------------------------------------------------------------------

function renderRecording(ctx: RequestContext, r: MediaRecordingRecord): Record<string, unknown> {
  const url = `${ctx.baseUrl}/v1/MediaRecordings/${r.sid}`;
  return {
    account_sid: ctx.account.sid,
    date_created: r.dateCreated,
    date_updated: r.dateUpdated,
    duration: r.duration,
    format: r.format,
    // [spec] dependentProperties media and timed_metadata; [samples] their URLs.
    links: { media: `${url}/Media`, timed_metadata: `${url}/TimedMetadata` },
    processor_sid: r.processorSid,
    resolution: r.resolution,
    source_sid: r.sourceSid,
    sid: r.sid,
    media_size: r.mediaSize,
    status: r.status,
    status_callback: r.statusCallback,
    status_callback_method: r.statusCallbackMethod,
    url,
  };
}

export const fetchRecording: Handler = (ctx) => ({
  status: 200,
  body: renderRecording(ctx, find(ctx, media(ctx).recordings, MEDIA_SID.recording, "MediaRecordings")),
});

/** DELETE keeps the record with status `deleted` (the spec lists it as a status and a filter value). */
export const deleteRecording: Handler = (ctx) => {
  const recording = find(ctx, media(ctx).recordings, MEDIA_SID.recording, "MediaRecordings");
  if (recording.status !== "deleted") {
    ctx.state.mutate(() => Object.assign(recording, { status: "deleted", dateUpdated: isoSeconds(ctx.video.now()) }));
  }
  return { status: 204 };
};

export const listRecordings: Handler = (ctx) =>
  list(ctx, media(ctx).recordings, "media_recordings", RECORDING_STATUSES, renderRecording, [
    {
      name: "ProcessorSid",
      pattern: MEDIA_SID.processor,
      description: "a MediaProcessor SID (ZX + 32 hex)",
      matches: (r, v) => r.processorSid === v,
    },
    { name: "SourceSid", pattern: MEDIA_SID.source, description: "a SID (2 letters + 32 hex)", matches: (r, v) => r.sourceSid === v },
  ]);

// --- PlayerStreamers -------------------------------------------------------------------------

function renderStreamer(ctx: RequestContext, s: PlayerStreamerRecord): Record<string, unknown> {
  const url = `${ctx.baseUrl}/v1/PlayerStreamers/${s.sid}`;
  return {
    account_sid: ctx.account.sid,
    date_created: s.dateCreated,
    date_updated: s.dateUpdated,
    video: s.video,
    // [spec] dependentProperties timed_metadata, playback_grant, recording_playback_grant.
    links: {
      timed_metadata: `${url}/TimedMetadata`,
      playback_grant: `${url}/PlaybackGrant`,
      recording_playback_grant: `${url}/RecordingPlaybackGrant`,
    },
    sid: s.sid,
    status: s.status,
    url,
    status_callback: s.statusCallback,
    status_callback_method: s.statusCallbackMethod,
    ended_reason: s.endedReason,
    max_duration: s.maxDuration,
  };
}

export const createStreamer: Handler = (ctx) => {
  const store = media(ctx);
  const streamer: PlayerStreamerRecord = {
    sid: mediaSid("VJ"),
    video: ctx.form.boolean("Video") ?? true,
    ...callback(ctx.form),
    maxDuration: ctx.form.integer("MaxDuration", MAX_DURATION.min, MAX_DURATION.max) ?? MAX_DURATION.default,
    status: "created",
    endedReason: null,
    ...timestamps(ctx.video.now()),
  };
  ctx.state.mutate(() => store.streamers.push(streamer));
  return { status: 201, body: renderStreamer(ctx, streamer) };
};

export const fetchStreamer: Handler = (ctx) => ({
  status: 200,
  body: renderStreamer(ctx, find(ctx, media(ctx).streamers, MEDIA_SID.streamer, "PlayerStreamers")),
});

/** Status=ended ends a created or started streamer; one already ended or failed is answered as it is. */
export const updateStreamer: Handler = (ctx) => {
  const streamer = find(ctx, media(ctx).streamers, MEDIA_SID.streamer, "PlayerStreamers");
  requiredEndedStatus(ctx.form);
  ctx.state.mutate(() => endStreamer(streamer, "ended", "ended-via-api", ctx.video.now()));
  return { status: 200, body: renderStreamer(ctx, streamer) };
};

export const listStreamers: Handler = (ctx) => list(ctx, media(ctx).streamers, "player_streamers", STREAMER_STATUSES, renderStreamer);

/**
 * A grant for a streamer that is still active (created or started); one that ended or failed has no
 * stream to play (our assumption: the spec does not say, 53140 is the emulator's code).
 */
export const createPlaybackGrant: Handler = (ctx) => {
  const streamer = find(ctx, media(ctx).streamers, MEDIA_SID.streamer, "PlayerStreamers");
  ctx.form.integer("Ttl", GRANT_TTL.min, GRANT_TTL.max);
  const origin = ctx.form.string("AccessControlAllowOrigin");
  const originRule = origin === undefined || FORMATS.uri.holds(origin) ? undefined : FORMATS.uri.rule;
  if (originRule) throw EmulatorError.invalid("AccessControlAllowOrigin", originRule);
  if (streamer.status !== "created" && streamer.status !== "started") {
    throw EmulatorError.badRequest(
      ERROR_CODES.playerStreamerNotActive,
      `PlayerStreamer ${streamer.sid} is ${streamer.status}: a PlaybackGrant needs a created or started PlayerStreamer`,
    );
  }
  return {
    status: 201,
    body: {
      sid: streamer.sid,
      url: `${ctx.baseUrl}/v1/PlayerStreamers/${streamer.sid}/PlaybackGrant`,
      account_sid: ctx.account.sid,
      date_created: isoSeconds(ctx.video.now()),
      grant: playbackGrant(streamer.sid, randomBytes(16).toString("hex")),
    },
  };
};
