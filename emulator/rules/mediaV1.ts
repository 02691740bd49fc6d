/**
 * Media v1 (media.twilio.com, Twilio Live) rules. From the Twilio Media v1 OpenAPI (twilio-oai
 * 1.52.0, ../spec/twilio_media_v1.json): SID patterns, status/order/format enums, the update
 * status, the callback methods, and the MaxDuration and Ttl defaults and maxima its descriptions
 * state. From the sourced table (./documented.ts, [media]): minimums, ended reasons per status,
 * the recording size, and what a PlaybackGrant holds.
 */
import { MEDIA_V1_FACTS } from "./documented";
import { enumSchema, operation } from "./openApi";

const OPS = {
  createProcessor: operation("media", "CreateMediaProcessor"),
  createStreamer: operation("media", "CreatePlayerStreamer"),
  createGrant: operation("media", "CreatePlayerStreamerPlaybackGrant"),
  listRecordings: operation("media", "ListMediaRecording"),
};

/** [spec] SID patterns of the resources and filters (MediaRecording SourceSid: any two letters). */
export const MEDIA_SID = {
  processor: operation("media", "FetchMediaProcessor").pattern("Sid"),
  recording: operation("media", "FetchMediaRecording").pattern("Sid"),
  streamer: operation("media", "FetchPlayerStreamer").pattern("Sid"),
  source: OPS.listRecordings.pattern("SourceSid"),
  /** A Video room's SID, as a processor's ExtensionContext names it. */
  room: operation("video", "CreateComposition").pattern("RoomSid"),
};

/** [spec] media_processor_enum_status, media_recording_enum_status, player_streamer_enum_status. */
export const PROCESSOR_STATUSES = enumSchema<"failed" | "started" | "ended">("media", "media_processor_enum_status");
export const RECORDING_STATUSES = enumSchema<"processing" | "completed" | "deleted" | "failed">("media", "media_recording_enum_status");
export const STREAMER_STATUSES = enumSchema<"created" | "started" | "ended" | "failed">("media", "player_streamer_enum_status");
export type ProcessorStatus = (typeof PROCESSOR_STATUSES)[number];
export type RecordingStatus = (typeof RECORDING_STATUSES)[number];
export type StreamerStatus = (typeof STREAMER_STATUSES)[number];

/** [spec] *_enum_update_status: the only status a client may set. */
export const UPDATE_STATUSES = enumSchema<"ended">("media", "media_processor_enum_update_status");
/** [spec] *_enum_order; "desc as the default". */
export const ORDERS = enumSchema<"asc" | "desc">("media", "media_processor_enum_order");
/** [spec] media_recording_enum_format. */
export const RECORDING_FORMATS = enumSchema<"mp4" | "webm">("media", "media_recording_enum_format");
/** [spec] StatusCallbackMethod: format http-method with this enum; "the default is POST". */
export const HTTP_METHODS = OPS.createProcessor.enum<"HEAD" | "GET" | "POST" | "PATCH" | "PUT" | "DELETE">("StatusCallbackMethod");
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** [spec] MaxDuration: "The default value is 300 seconds, and the maximum value is 90000 seconds." */
const [durationDefault, durationMax] = OPS.createProcessor.stated(
  "MaxDuration",
  /default value is (\d+) seconds, and the maximum value is (\d+)/,
);
export const MAX_DURATION = { default: durationDefault, min: MEDIA_V1_FACTS.secondsMinimum, max: durationMax };
/** [spec] Ttl: "Default value is 15 seconds. Maximum value is 60 seconds." */
const [ttlDefault, ttlMax] = OPS.createGrant.stated("Ttl", /Default value is (\d+) seconds\. Maximum value is (\d+)/);
export const GRANT_TTL = { default: ttlDefault, min: MEDIA_V1_FACTS.secondsMinimum, max: ttlMax };

export const PROCESSOR_ENDED_REASONS = MEDIA_V1_FACTS.processorEndedReasons;
export const STREAMER_ENDED_REASONS = MEDIA_V1_FACTS.streamerEndedReasons;

/**
 * [media] What a created PlaybackGrant's `grant` holds (Twilio's generated answers). The playback
 * URL is the emulator's own and never resolves (`.invalid`, RFC 2606): Twilio's is a short-lived CDN URL.
 */
export function playbackGrant(streamerSid: string, token: string): Record<string, unknown> {
  return {
    playbackUrl: `https://playback.emulator.invalid/${streamerSid}/index.m3u8?token=${token}`,
    playerStreamerSid: streamerSid,
    requestCredentials: null,
  };
}

/** Bytes of a completed MediaRecording of `seconds` ([media]: our assumed rate; no media is served). */
export function recordingSize(seconds: number): number {
  return seconds * MEDIA_V1_FACTS.recordingBytesPerSecond;
}
