/** The URL table, compiled once: path pattern -> handler per method. */
import type { Handler } from "./context";
import { EmulatorError, ERROR_CODES } from "./errors";
import { createHook, deleteHook, fetchHook, listHooks, updateHook } from "./handlers/compositionHooks";
import { credentialHandlers } from "./handlers/credentials";
import { settingsHandlers } from "./handlers/settings";
import { VIDEO_RUNTIME_ROUTES } from "./video/routes";

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
