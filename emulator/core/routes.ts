/** The URL table, compiled once: path pattern -> handler per method. */
import type { Handler } from "./context";
import { EmulatorError, ERROR_CODES } from "./errors";
import { createHook, deleteHook, fetchHook, listHooks, updateHook } from "../config/compositionHooks";
import { credentialHandlers } from "../config/credentials";
import { settingsHandlers } from "../config/settings";
import { VIDEO_RUNTIME_ROUTES } from "../video/rest/routes";
import * as mediaV1 from "../mediaV1/handlers";

export interface Route {
  pattern: RegExp;
  methods: Partial<Record<"GET" | "POST" | "DELETE", Handler>>;
}

const compositionSettings = settingsHandlers("compositionSettings");
const recordingSettings = settingsHandlers("recordingSettings");
const aws = credentialHandlers("awsCredentials");
const publicKeys = credentialHandlers("publicKeys");
const SEGMENT = "([^/]+)";

const ROUTES: Route[] = [
  // video.twilio.com
  { pattern: /^\/v1\/CompositionHooks$/, methods: { GET: listHooks, POST: createHook } },
  { pattern: new RegExp(`^/v1/CompositionHooks/${SEGMENT}$`), methods: { GET: fetchHook, POST: updateHook, DELETE: deleteHook } },
  { pattern: /^\/v1\/CompositionSettings\/Default$/, methods: { GET: compositionSettings.fetch, POST: compositionSettings.update } },
  { pattern: /^\/v1\/RecordingSettings\/Default$/, methods: { GET: recordingSettings.fetch, POST: recordingSettings.update } },
  // accounts.twilio.com (its paths do not collide with video's, so one port serves both)
  { pattern: /^\/v1\/Credentials\/AWS$/, methods: { GET: aws.list, POST: aws.create } },
  { pattern: new RegExp(`^/v1/Credentials/AWS/${SEGMENT}$`), methods: { GET: aws.fetch, POST: aws.update, DELETE: aws.remove } },
  { pattern: /^\/v1\/Credentials\/PublicKeys$/, methods: { GET: publicKeys.list, POST: publicKeys.create } },
  {
    pattern: new RegExp(`^/v1/Credentials/PublicKeys/${SEGMENT}$`),
    methods: { GET: publicKeys.fetch, POST: publicKeys.update, DELETE: publicKeys.remove },
  },
  // video.twilio.com runtime (rooms, participants, tracks, rules, recordings, compositions, media)
  ...VIDEO_RUNTIME_ROUTES,
  // media.twilio.com, Media v1 (seed 001): no path collides with video's or accounts'. PlaybackGrant
  // answers POST only: the seed marks its GET "This method is not enabled" (so 405, Allow: POST).
  { pattern: /^\/v1\/MediaProcessors$/, methods: { GET: mediaV1.listProcessors, POST: mediaV1.createProcessor } },
  { pattern: new RegExp(`^/v1/MediaProcessors/${SEGMENT}$`), methods: { GET: mediaV1.fetchProcessor, POST: mediaV1.updateProcessor } },
  { pattern: /^\/v1\/MediaRecordings$/, methods: { GET: mediaV1.listRecordings } },
  { pattern: new RegExp(`^/v1/MediaRecordings/${SEGMENT}$`), methods: { GET: mediaV1.fetchRecording, DELETE: mediaV1.deleteRecording } },
  { pattern: /^\/v1\/PlayerStreamers$/, methods: { GET: mediaV1.listStreamers, POST: mediaV1.createStreamer } },
  { pattern: new RegExp(`^/v1/PlayerStreamers/${SEGMENT}$`), methods: { GET: mediaV1.fetchStreamer, POST: mediaV1.updateStreamer } },
  { pattern: new RegExp(`^/v1/PlayerStreamers/${SEGMENT}/PlaybackGrant$`), methods: { POST: mediaV1.createPlaybackGrant } },
];

export function route(method: string, path: string): { handler: Handler; pathParams: string[] } {
  for (const candidate of ROUTES) {
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    const handler = candidate.methods[method as keyof Route["methods"]];
    if (!handler) {
      throw new EmulatorError(405, ERROR_CODES.methodNotAllowed, `Method ${method} is not allowed on ${path}`, {
        Allow: Object.keys(candidate.methods).join(", "),
      });
    }
    return { handler, pathParams: match.slice(1).map((segment) => decodeSegment(segment, path)) };
  }
  throw EmulatorError.notFound(path);
}

/** A path segment that is not valid percent-encoding names nothing that exists. */
function decodeSegment(segment: string, path: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw EmulatorError.notFound(path);
  }
}
