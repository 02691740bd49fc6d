/**
 * Media v1 objects of one account and their status machines:
 *   MediaProcessor  started -> ended | failed
 *   PlayerStreamer  created -> started -> ended | failed   (created -> ended | failed too)
 *   MediaRecording  processing -> completed | failed;  any -> deleted
 * A processor streams into the PlayerStreamers its ExtensionContext names in `outputs` ([live]):
 * they start when it starts and end ("stream-disconnected-by-source") when it stops. Its recordings
 * complete when it ends and fail when it fails. Max durations are applied lazily: every request first
 * settles the store at the simulation clock's `now`, in time order, so the manual clock drives them.
 */
import { randomBytes } from "crypto";
import { recordingSize, type HttpMethod, type ProcessorStatus, type RecordingStatus, type StreamerStatus } from "../rules/mediaV1";

interface Timestamps {
  dateCreated: string;
  dateUpdated: string;
  /** Creation instant in ms, for max-duration expiry (dates are rendered to the second). */
  createdAtMs: number;
}

export interface MediaProcessorRecord extends Timestamps {
  sid: string;
  extension: string;
  /** As sent: Twilio echoes the JSON text. */
  extensionContext: string;
  extensionEnvironment: Record<string, string> | null;
  statusCallback: string | null;
  statusCallbackMethod: HttpMethod;
  maxDuration: number;
  status: ProcessorStatus;
  endedReason: string | null;
  /** PlayerStreamer SIDs of this account the processor streams into (ExtensionContext.outputs). */
  outputs: string[];
}

export interface PlayerStreamerRecord extends Timestamps {
  sid: string;
  video: boolean;
  statusCallback: string | null;
  statusCallbackMethod: HttpMethod;
  maxDuration: number;
  status: StreamerStatus;
  endedReason: string | null;
}

export interface MediaRecordingRecord {
  sid: string;
  processorSid: string;
  sourceSid: string | null;
  format: "mp4" | "webm";
  resolution: string | null;
  duration: number | null;
  mediaSize: number | null;
  status: RecordingStatus;
  statusCallback: string | null;
  statusCallbackMethod: HttpMethod;
  dateCreated: string;
  dateUpdated: string;
  createdAtMs: number;
}

/** Arrays keep creation order. */
export interface MediaV1Store {
  processors: MediaProcessorRecord[];
  streamers: PlayerStreamerRecord[];
  recordings: MediaRecordingRecord[];
}

export function emptyMediaV1Store(): MediaV1Store {
  return { processors: [], streamers: [], recordings: [] };
}

export function mediaSid(prefix: "ZX" | "VJ" | "KV"): string {
  return prefix + randomBytes(16).toString("hex");
}

/** Twilio renders dates as ISO 8601 without milliseconds. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function timestamps(nowMs: number): Timestamps {
  const at = isoSeconds(nowMs);
  return { dateCreated: at, dateUpdated: at, createdAtMs: nowMs };
}

export const isActiveStreamer = (s: PlayerStreamerRecord) => s.status === "created" || s.status === "started";

export function endStreamer(s: PlayerStreamerRecord, status: "ended" | "failed", reason: string, atMs: number): void {
  if (!isActiveStreamer(s)) return;
  Object.assign(s, { status, endedReason: reason, dateUpdated: isoSeconds(atMs) });
}

export function startStreamer(s: PlayerStreamerRecord, atMs: number): void {
  if (s.status === "created") Object.assign(s, { status: "started", dateUpdated: isoSeconds(atMs) });
}

/** A new processor starts streaming into its outputs (the ones still waiting in `created`). */
export function connectOutputs(store: MediaV1Store, p: MediaProcessorRecord, atMs: number): void {
  for (const s of store.streamers) if (p.outputs.includes(s.sid)) startStreamer(s, atMs);
}

/** A processor stops: its outputs lose their source, its recordings finish. */
export function stopProcessor(
  store: MediaV1Store,
  p: MediaProcessorRecord,
  status: "ended" | "failed",
  reason: string,
  atMs: number,
): void {
  if (p.status !== "started") return;
  Object.assign(p, { status, endedReason: reason, dateUpdated: isoSeconds(atMs) });
  for (const s of store.streamers) {
    if (p.outputs.includes(s.sid)) endStreamer(s, "ended", "stream-disconnected-by-source", atMs);
  }
  for (const r of store.recordings) {
    if (r.processorSid === p.sid && r.status === "processing") finishRecording(r, status === "ended" ? "completed" : "failed", atMs);
  }
}

export function finishRecording(r: MediaRecordingRecord, status: "completed" | "failed", atMs: number, mediaSize?: number): void {
  if (r.status !== "processing") return;
  const duration = Math.max(0, Math.round((atMs - r.createdAtMs) / 1000));
  Object.assign(r, {
    status,
    duration: status === "completed" ? duration : null,
    mediaSize: status === "completed" ? (mediaSize ?? recordingSize(duration)) : null,
    dateUpdated: isoSeconds(atMs),
  });
}

/**
 * Apply every max-duration expiry due by `nowMs`, earliest first (a processor that stops first
 * disconnects its outputs before their own expiry). Returns whether anything changed.
 */
export function settle(store: MediaV1Store, nowMs: number): boolean {
  type Due = { at: number; apply: () => void };
  const due: Due[] = [];
  for (const p of store.processors) {
    const at = p.createdAtMs + p.maxDuration * 1000;
    if (p.status === "started" && at <= nowMs) due.push({ at, apply: () => stopProcessor(store, p, "ended", "max-duration-exceeded", at) });
  }
  for (const s of store.streamers) {
    const at = s.createdAtMs + s.maxDuration * 1000;
    if (isActiveStreamer(s) && at <= nowMs) due.push({ at, apply: () => endStreamer(s, "ended", "max-duration-exceeded", at) });
  }
  due.sort((a, b) => a.at - b.at).forEach((d) => d.apply());
  return due.length > 0;
}
