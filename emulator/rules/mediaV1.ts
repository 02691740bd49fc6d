/**
 * Media v1 (media.twilio.com, Twilio Live) facts, as the emulator models them. Every fact names its
 * source; docs/twilio-behaviour.md ("Media v1") lists them and marks our assumptions.
 *
 * Sources, by key used below:
 * - [seed]    /work/shared/spec/seeds/001 (twilio-oai twilio_media_v1, OpenAPI 1.52.0)
 * - [samples] twilio-python tests/integration/media/v1/** (Twilio's generated response examples)
 * - [live]    https://www.twilio.com/docs/live/api/playerstreamers (ended reasons table) and the
 *             Twilio Live samples that create a MediaProcessor with
 *             ExtensionContext {"room":{"name":RM…},"outputs":[VJ…],"resolution":"1280x720"}
 */

/** [seed] SID patterns of the resources and filters. */
export const MEDIA_SID = {
  processor: /^ZX[0-9a-fA-F]{32}$/,
  recording: /^KV[0-9a-fA-F]{32}$/,
  streamer: /^VJ[0-9a-fA-F]{32}$/,
  /** MediaRecording source_sid and the SourceSid filter: any two letters. */
  source: /^[a-zA-Z]{2}[0-9a-fA-F]{32}$/,
  room: /^RM[0-9a-fA-F]{32}$/,
};

/** [seed] media_processor_enum_status, media_recording_enum_status, player_streamer_enum_status. */
export const PROCESSOR_STATUSES = ["failed", "started", "ended"] as const;
export const RECORDING_STATUSES = ["processing", "completed", "deleted", "failed"] as const;
export const STREAMER_STATUSES = ["created", "started", "ended", "failed"] as const;
export type ProcessorStatus = (typeof PROCESSOR_STATUSES)[number];
export type RecordingStatus = (typeof RECORDING_STATUSES)[number];
export type StreamerStatus = (typeof STREAMER_STATUSES)[number];

/** [seed] *_enum_update_status: the only status a client may set. */
export const UPDATE_STATUSES = ["ended"] as const;
/** [seed] *_enum_order; "desc as the default". */
export const ORDERS = ["asc", "desc"] as const;
/** [seed] media_recording_enum_format. */
export const RECORDING_FORMATS = ["mp4", "webm"] as const;
/** [seed] status_callback_method: format http-method, this enum; "the default is POST". */
export const HTTP_METHODS = ["HEAD", "GET", "POST", "PATCH", "PUT", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** [seed] MaxDuration: "The default value is 300 seconds, and the maximum value is 90000 seconds." Minimum 1: assumption. */
export const MAX_DURATION = { default: 300, min: 1, max: 90000 };
/** [seed] Ttl: "Default value is 15 seconds. Maximum value is 60 seconds." Minimum 1: assumption. */
export const GRANT_TTL = { default: 15, min: 1, max: 60 };

/**
 * [seed] MediaProcessor ended_reason values. Which status each goes with is our assumption (the seed
 * lists them without it): the API and the clock end a processor, the three errors fail it.
 */
export const PROCESSOR_ENDED_REASONS = {
  ended: ["ended-via-api", "max-duration-exceeded"],
  failed: ["error-loading-extension", "error-streaming-media", "internal-service-error"],
} as const;

/** [seed] player_streamer_enum_ended_reason; [live] the status of each. */
export const STREAMER_ENDED_REASONS = {
  ended: ["ended-via-api", "max-duration-exceeded", "stream-disconnected-by-source"],
  failed: ["unexpected-failure"],
} as const;

/**
 * [samples] What a created PlaybackGrant's `grant` holds. The playback URL is the emulator's own and
 * never resolves (`.invalid`, RFC 2606): Twilio's is a short-lived CDN URL.
 */
export function playbackGrant(streamerSid: string, token: string): Record<string, unknown> {
  return {
    playbackUrl: `https://playback.emulator.invalid/${streamerSid}/index.m3u8?token=${token}`,
    playerStreamerSid: streamerSid,
    requestCredentials: null,
  };
}

/**
 * Bytes of a completed MediaRecording of `seconds` (our assumption: 1 Mbit/s; the seed gives no
 * rate, and the emulator serves no MediaRecording media).
 */
export function recordingSize(seconds: number): number {
  return seconds * 125_000;
}
