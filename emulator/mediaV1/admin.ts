/**
 * Admin routes that drive what only Twilio's media plane decides (JSON in and out, loopback only,
 * under /__emulator/mediaV1/; the SID names the account):
 *   POST MediaProcessors/{Sid}  {"status":"ended"|"failed","endedReason"?}
 *   POST PlayerStreamers/{Sid}  {"status":"started"|"ended"|"failed","endedReason"?}
 *   POST MediaRecordings        {"processorSid","sourceSid"?,"format"?,"resolution"?}  -> 201, processing
 *   POST MediaRecordings/{Sid}  {"status":"completed"|"failed","mediaSize"?}
 * Each answers the object as the REST API renders it (fetch it there); a move out of a final status
 * is refused (400, 20002). Time-driven moves (max durations) follow the emulator's clock instead.
 */
import type { AdminHandler, AdminRequest, AdminRoutes } from "../core/admin";
import type { HandlerResult } from "../core/context";
import { EmulatorError } from "../core/errors";
import {
  endStreamer,
  finishRecording,
  isActiveStreamer,
  mediaSid,
  settle,
  startStreamer,
  stopProcessor,
  timestamps,
  type MediaRecordingRecord,
  type MediaV1Store,
} from "./model";
import { MEDIA_SID, PROCESSOR_ENDED_REASONS, RECORDING_FORMATS, STREAMER_ENDED_REASONS } from "../rules/mediaV1";

type Json = Record<string, unknown>;

function oneOf<T extends string>(json: Json, name: string, allowed: readonly T[], fallback?: T): T {
  const value = json[name] ?? fallback;
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw EmulatorError.invalid(name, `must be one of ${allowed.join(", ")}`);
  }
  return value as T;
}

/** Every account's settled store, and the one holding `sid` in `pick`. */
function locate<T extends { sid: string }>(
  admin: AdminRequest,
  sid: string,
  pick: (store: MediaV1Store) => T[],
): { accountSid: string; store: MediaV1Store; item: T } {
  for (const [accountSid, account] of Object.entries(admin.state.snapshot().stores)) {
    const store = account.mediaV1;
    settle(store, admin.video.now());
    const item = pick(store).find((i) => i.sid === sid);
    if (item) return { accountSid, store, item };
  }
  throw EmulatorError.notFound(sid);
}

function refuseFinal(kind: string, sid: string, status: string): never {
  throw EmulatorError.invalid("status", `${kind} ${sid} is already ${status}`);
}

/** Answer the moved object, and persist the change. */
function done(req: AdminRequest, body: unknown, status = 200): HandlerResult {
  req.state.mutate(() => undefined);
  return { status, body };
}

const moveProcessor: AdminHandler = (req) => {
  const {
    body: json,
    pathParams: [sid],
  } = req;
  const { store, item } = locate(req, sid, (s) => s.processors);
  const status = oneOf(json, "status", ["ended", "failed"] as const);
  const reasons = PROCESSOR_ENDED_REASONS[status] as readonly string[];
  const reason = oneOf(json, "endedReason", reasons, status === "ended" ? "ended-via-api" : "internal-service-error");
  if (item.status !== "started") refuseFinal("MediaProcessor", sid, item.status);
  stopProcessor(store, item, status, reason, req.video.now());
  return done(req, { sid, status: item.status, ended_reason: item.endedReason });
};

const moveStreamer: AdminHandler = (req) => {
  const {
    body: json,
    pathParams: [sid],
  } = req;
  const now = req.video.now();
  const { item } = locate(req, sid, (s) => s.streamers);
  const status = oneOf(json, "status", ["started", "ended", "failed"] as const);
  if (!isActiveStreamer(item) || (status === "started" && item.status !== "created")) refuseFinal("PlayerStreamer", sid, item.status);
  if (status === "started") startStreamer(item, now);
  else {
    const reasons = STREAMER_ENDED_REASONS[status] as readonly string[];
    endStreamer(item, status, oneOf(json, "endedReason", reasons, reasons[reasons.length - 1]), now);
  }
  return done(req, { sid, status: item.status, ended_reason: item.endedReason });
};

const createRecording: AdminHandler = (req) => {
  const json = req.body;
  const processorSid = typeof json.processorSid === "string" ? json.processorSid : "";
  if (!MEDIA_SID.processor.test(processorSid)) throw EmulatorError.invalid("processorSid", "must be a MediaProcessor SID");
  const { store, item: processor } = locate(req, processorSid, (s) => s.processors);
  if (processor.status !== "started") refuseFinal("MediaProcessor", processorSid, processor.status);
  const context = JSON.parse(processor.extensionContext) as Json;
  const room = (context.room as Json | undefined)?.name;
  const sourceSid: unknown = json.sourceSid ?? (typeof room === "string" && MEDIA_SID.room.test(room) ? room : null);
  if (sourceSid !== null && (typeof sourceSid !== "string" || !MEDIA_SID.source.test(sourceSid))) {
    throw EmulatorError.invalid("sourceSid", "must be a SID (2 letters + 32 hex)");
  }
  const resolution: unknown = json.resolution ?? (typeof context.resolution === "string" ? context.resolution : null);
  if (resolution !== null && (typeof resolution !== "string" || !/^\d{1,5}x\d{1,5}$/.test(resolution))) {
    throw EmulatorError.invalid("resolution", "must be WIDTHxHEIGHT");
  }
  const recording: MediaRecordingRecord = {
    sid: mediaSid("KV"),
    processorSid,
    sourceSid,
    format: oneOf(json, "format", RECORDING_FORMATS, "mp4"),
    resolution,
    duration: null,
    mediaSize: null,
    status: "processing",
    statusCallback: processor.statusCallback,
    statusCallbackMethod: processor.statusCallbackMethod,
    ...timestamps(req.video.now()),
  };
  store.recordings.push(recording);
  return done(req, { sid: recording.sid, status: recording.status }, 201);
};

const finishRecordingNow: AdminHandler = (req) => {
  const {
    body: json,
    pathParams: [sid],
  } = req;
  const { item } = locate(req, sid, (s) => s.recordings);
  const status = oneOf(json, "status", ["completed", "failed"] as const);
  const mediaSize = json.mediaSize;
  if (mediaSize !== undefined && !(Number.isInteger(mediaSize) && (mediaSize as number) >= 0)) {
    throw EmulatorError.invalid("mediaSize", "must be an integer >= 0");
  }
  if (item.status !== "processing") refuseFinal("MediaRecording", sid, item.status);
  finishRecording(item, status, req.video.now(), mediaSize as number | undefined);
  return done(req, { sid, status: item.status });
};

export function registerMediaV1Admin(admin: AdminRoutes): void {
  admin
    .add("mediaV1/MediaProcessors/{Sid}", { POST: moveProcessor })
    .add("mediaV1/PlayerStreamers/{Sid}", { POST: moveStreamer })
    .add("mediaV1/MediaRecordings", { POST: createRecording })
    .add("mediaV1/MediaRecordings/{Sid}", { POST: finishRecordingNow });
}
