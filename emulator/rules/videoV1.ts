/**
 * Video v1 (video.twilio.com) rules, for the configuration API (hooks, settings) and the runtime
 * (rooms, rules, recordings, compositions). What the Twilio Video v1 OpenAPI (twilio-oai 1.55.5,
 * ../spec/twilio_video_v1.json) states is read from it: required parameters, enums, SID
 * patterns, the hook name's length, the defaults and the Resolution bounds its descriptions give.
 * The rest comes from the sourced table in ./documented.ts.
 */
import { randomBytes } from "crypto";
import { compileTemplate } from "../core/routes";
import type { TrackRule } from "../video/model";
import {
  BUCKET_NAME_RULES,
  HOOK_ENABLED_DEFAULT,
  LAYOUT_REGION,
  S3_REGION,
  S3_URL_FORMS,
  TRACK_RULE,
  URI_PATH_CHARACTERS,
} from "./documented";
import { enumSchema, operation, propertyPattern, type Operation } from "./openApi";
import { schemaProblem } from "./schemaCheck";

/** The operations whose parameters the handlers read, by operationId. */
export const VIDEO_OPS = {
  createHook: operation("video", "CreateCompositionHook"),
  fetchHook: operation("video", "FetchCompositionHook"),
  listHooks: operation("video", "ListCompositionHook"),
  createSettings: operation("video", "CreateCompositionSettings"),
  createComposition: operation("video", "CreateComposition"),
  listCompositions: operation("video", "ListComposition"),
  listRecordings: operation("video", "ListRecording"),
  createRoom: operation("video", "CreateRoom"),
  listRooms: operation("video", "ListRoom"),
  listParticipants: operation("video", "ListRoomParticipant"),
};

/** [spec] SID patterns of the Video objects. */
export const VIDEO_SID = {
  hook: VIDEO_OPS.fetchHook.pattern("Sid"),
  credential: VIDEO_OPS.createSettings.pattern("AwsCredentialsSid"),
  room: VIDEO_OPS.createComposition.pattern("RoomSid"),
  participant: propertyPattern("video", "video.v1.room.room_participant", "sid"),
  recording: operation("video", "FetchRecording").pattern("Sid"),
  composition: operation("video", "FetchComposition").pattern("Sid"),
  anySource: VIDEO_OPS.listRecordings.pattern("SourceSid"),
};

export function videoSid(prefix: "RM" | "PA" | "MT" | "RT" | "CJ"): string {
  return prefix + randomBytes(16).toString("hex");
}

/** A default a description states as "the default is `X`" / "Defaults to `X`". */
function statedDefault(op: Operation, name: string): string {
  const match = /[Dd]efaults? (?:is|to) `([^`]+)`/.exec(op.description(name));
  if (!match) throw new Error(`${op.id}.${name}: the description states no default`);
  return match[1];
}

const hook = VIDEO_OPS.createHook;
/** [spec] "It can be up to 100 characters long and it must be unique within the account." */
export const HOOK_FRIENDLY_NAME_MAX = hook.stated("FriendlyName", /up to\s+(\d+) characters/)[0];
/** [spec] The hook's optional fields' defaults, on create and update alike ([documented] for Enabled). */
export const HOOK_DEFAULTS = {
  enabled: HOOK_ENABLED_DEFAULT,
  trim: statedDefault(hook, "Trim") === "true",
  format: statedDefault(hook, "Format") as "mp4" | "webm",
  resolution: statedDefault(hook, "Resolution"),
  statusCallbackMethod: statedDefault(hook, "StatusCallbackMethod") as "GET" | "POST",
};

/** [spec] A composition's defaults, as CreateComposition's descriptions state them. */
const composition = VIDEO_OPS.createComposition;
export const COMPOSITION_DEFAULTS = {
  trim: statedDefault(composition, "Trim") === "true",
  format: statedDefault(composition, "Format") as "mp4" | "webm",
  resolution: statedDefault(composition, "Resolution"),
  statusCallbackMethod: statedDefault(composition, "StatusCallbackMethod") as "GET" | "POST",
};

/** [spec] Resolution `{width}x{height}`: the bounds the description lists. */
const RESOLUTION = {
  width: hook.stated("Resolution", /(\d+) <= `\{width\}` <= (\d+)/),
  height: hook.stated("Resolution", /(\d+) <= `\{height\}` <= (\d+)/),
  pixels: hook.stated("Resolution", /`\{width\}` \* `\{height\}` <= ([\d,]+)/)[0],
};
const RESOLUTION_RULE =
  `must be WIDTHxHEIGHT with ${RESOLUTION.width[0]} <= WIDTH <= ${RESOLUTION.width[1]}, ` +
  `${RESOLUTION.height[0]} <= HEIGHT <= ${RESOLUTION.height[1]} and WIDTH*HEIGHT <= ${RESOLUTION.pixels}`;

export function resolutionProblem(value: string): string | undefined {
  const [width, height] = /^\d{1,5}x\d{1,5}$/.test(value) ? value.split("x").map(Number) : [NaN, NaN];
  const within = ([low, high]: number[], n: number) => n >= low && n <= high;
  const fits = within(RESOLUTION.width, width) && within(RESOLUTION.height, height) && width * height <= RESOLUTION.pixels;
  return fits ? undefined : RESOLUTION_RULE;
}

/** [spec] StatusCallback and AwsS3Url are `format: uri`. */
export function uriProblem(op: Operation, name: string, value: string): string | undefined {
  return schemaProblem(op.schema(name), value);
}

type Layout = Record<string, Record<string, unknown>>;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const REGION_KEYS = Object.keys(LAYOUT_REGION);

/** Problems of a VideoLayout object, each as `region.key rule` (or a bare rule for the whole value). */
export function videoLayoutProblems(layout: unknown): string[] {
  if (!isObject(layout)) return ["must be a JSON object of named regions"];
  return Object.entries(layout).flatMap(([regionName, region]) => {
    if (!isObject(region)) return [`${regionName} must be an object describing one region`];
    return Object.entries(region).flatMap(([key, value]) => {
      const problem =
        key in LAYOUT_REGION
          ? schemaProblem(LAYOUT_REGION[key].schema, value)
          : `is not a region property (allowed: ${REGION_KEYS.join(", ")})`;
      return problem ? [`${regionName}.${key} ${problem}`] : [];
    });
  });
}

/** [documented] The layout as Twilio stores and answers it: every region with all 11 keys, null meaning the default. */
export function withRegionDefaults(layout: Layout): Layout {
  const fill = (region: Record<string, unknown>) =>
    Object.fromEntries(REGION_KEYS.map((key) => [key, structuredClone(region[key] ?? LAYOUT_REGION[key].default)]));
  const extra = (region: Record<string, unknown>) => Object.fromEntries(Object.entries(region).filter(([key]) => !(key in LAYOUT_REGION)));
  return Object.fromEntries(Object.entries(layout).map(([name, region]) => [name, { ...fill(region), ...extra(region) }]));
}

/** [spec] "either video_layout or audio_sources have to be provided": some region names a video source. */
export function layoutHasVideoSources(layout: Layout): boolean {
  return Object.values(layout).flatMap((region) => (Array.isArray(region?.video_sources) ? region.video_sources : [])).length > 0;
}

// ---- AwsS3Url ----------------------------------------------------------------------------------

export interface S3Target {
  bucket: string;
  region: string;
  prefix: string;
}

const S3_HOSTS = S3_URL_FORMS.map((form) =>
  compileTemplate(form.slice("https://".length, form.indexOf("/{prefix}")), { bucket: ".+", region: S3_REGION.pattern }),
);
const FORM_NAMES = S3_URL_FORMS.map((form) => form.replace(/\{(\w+)\}/g, (_, name: string) => name.toUpperCase()));
const S3_URL_RULE =
  `must be ${FORM_NAMES.slice(0, -1).join(", ")} or ${FORM_NAMES[FORM_NAMES.length - 1]}, ` +
  "with a DNS-compliant bucket name and only URI-valid characters in the path";

/** [documented] Bucket, region and prefix of an AwsS3Url in one of Twilio's forms; undefined otherwise. */
export function parseAwsS3Url(value: string): S3Target | undefined {
  const url = /^https:\/\/([^/?#:@]+)(\/[^?#]*)?$/.exec(value);
  const path = url?.[2] ?? "";
  if (!url || !URI_PATH_CHARACTERS.test(path) || path.includes("//")) return undefined;
  for (const host of S3_HOSTS) {
    const [, bucket, region = S3_REGION.absent] = host.exec(url[1]) ?? [];
    if (bucket) return { bucket, region, prefix: path.replace(/^\/+|\/+$/g, "") };
  }
  return undefined;
}

export function awsS3UrlProblem(value: string): string | undefined {
  const target = parseAwsS3Url(value);
  if (!target) return S3_URL_RULE;
  const broken = BUCKET_NAME_RULES.find((rule) => rule.breaks(target.bucket));
  return broken ? `bucket "${target.bucket}" ${broken.rule} (a DNS-compliant bucket name)` : undefined;
}

// ---- Rooms and track rules -------------------------------------------------------------------

/** [spec] Room parameters whose bounds and defaults the descriptions state. */
const room = VIDEO_OPS.createRoom;
export const ROOM_LIMITS = {
  maxParticipants: room.stated("MaxParticipants", /\. Group rooms can have up to (\d+) Participants/)[0],
  maxParticipantDuration: {
    max: room.stated("MaxParticipantDuration", /maximum possible value is (\d+)/)[0],
    default: room.stated("MaxParticipantDuration", /default is (\d+)/)[0],
  },
  emptyRoomTimeout: room.stated("EmptyRoomTimeout", /range from (\d+) to (\d+)/),
  unusedRoomTimeout: room.stated("UnusedRoomTimeout", /range from (\d+) to (\d+)/),
};
export const ROOM_STATUSES = enumSchema<"in-progress" | "completed" | "failed">("video", "room_enum_room_status");

/** The problems of one rule, each naming the rule's index. */
function trackRuleProblems(entry: Record<string, unknown>, which: "recording" | "subscribe", where: string): string[] {
  const allowed: readonly string[] = TRACK_RULE.keys[which];
  const filters = TRACK_RULE.filters.filter((f) => entry[f] !== undefined);
  const unknownKeys = Object.keys(entry).filter((k) => !allowed.includes(k));
  const checks: [boolean, string][] = [
    [unknownKeys.length > 0, `has unknown keys ${unknownKeys.join(", ")}`],
    [!(TRACK_RULE.types as readonly unknown[]).includes(entry.type), "type must be include or exclude"],
    [filters.length === 0, "needs one of the filters all, kind, publisher, track"],
    [entry.all !== undefined && entry.all !== true && entry.all !== "true", "all must be true"],
    [entry.all !== undefined && filters.length > 1, "all cannot be combined with other filters"],
    [entry.kind !== undefined && !(TRACK_RULE.kinds as readonly unknown[]).includes(entry.kind), "kind must be audio, video or data"],
    ...["publisher", "track", "priority"].map((key): [boolean, string] => [
      entry[key] !== undefined && (typeof entry[key] !== "string" || entry[key] === ""),
      `${key} must be a non-empty string`,
    ]),
  ];
  return checks.filter(([broken]) => broken).map(([, rule]) => `${where} ${rule}`);
}

/**
 * [documented] Rules arrive as a JSON array (twilio-node sends `Rules=[...]`); `{"rules": [...]}`
 * is accepted too. The string "true" for `all` is read as true (Twilio's own curl samples send it).
 */
export function parseTrackRules(text: string, which: "recording" | "subscribe"): { rules?: TrackRule[]; problems: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problems: ["Rules must be a JSON array of rules"] };
  }
  if (isObject(value) && Array.isArray(value.rules)) value = value.rules;
  if (!Array.isArray(value)) return { problems: ["Rules must be a JSON array of rules"] };
  const problems = value.flatMap((raw, index) =>
    isObject(raw) ? trackRuleProblems(raw, which, `rule ${index}`) : [`rule ${index} must be an object`],
  );
  if (problems.length) return { problems };
  const rules = value.map((entry: Record<string, unknown>) => {
    const rule: TrackRule = { type: entry.type as TrackRule["type"] };
    if (entry.all !== undefined) rule.all = true;
    for (const key of ["kind", "publisher", "track", "priority"] as const) {
      if (entry[key] !== undefined) (rule as unknown as Record<string, unknown>)[key] = entry[key];
    }
    return rule;
  });
  return { rules, problems };
}
