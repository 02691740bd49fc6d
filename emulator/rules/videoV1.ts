/**
 * Twilio's Video v1 runtime facts as the emulator models them (rooms, rules, recordings,
 * compositions). Sources (docs/twilio-behaviour.md, "Video runtime"):
 * - [spec]     twilio/twilio-oai 1.55.5 spec/json/twilio_video_v1.json (seed 000)
 * - [rooms]    https://www.twilio.com/docs/video/api/rooms-resource (seed 004)
 * - [rrec]     seed 002/003: room recordings (codecs, containers, statuses)
 * - [rules]    https://www.twilio.com/docs/video/api/recording-rules and
 *              TwilioDevEd/api-snippets video/rest/rooms/recording-rules-*, participants/*-subscribe-rules
 * - [sources]  https://www.twilio.com/docs/video/api/compositions-resource (audio_sources, video_sources)
 */
import { randomBytes } from "crypto";
import type { TrackKind, TrackRule } from "../video/model";

export const VIDEO_SID = {
  room: /^RM[0-9a-fA-F]{32}$/,
  participant: /^PA[0-9a-fA-F]{32}$/,
  track: /^MT[0-9a-fA-F]{32}$/,
  recording: /^RT[0-9a-fA-F]{32}$/,
  composition: /^CJ[0-9a-fA-F]{32}$/,
  anySource: /^[a-zA-Z]{2}[0-9a-fA-F]{32}$/,
};

export function videoSid(prefix: "RM" | "PA" | "MT" | "RT" | "CJ"): string {
  return prefix + randomBytes(16).toString("hex");
}

/**
 * [spec]/[rooms] Room defaults. EmptyRoomTimeout/UnusedRoomTimeout are minutes, 5 by default
 * ("Both ... are 5 minutes by default", status-callbacks page); MaxParticipantDuration 14400 s
 * (4 hours) by default and at most 86400. MaxParticipants 50 and max_concurrent_published_tracks
 * 170 for group rooms are our assumption (Twilio's limits page; the spec states no default).
 */
export const ROOM_DEFAULTS = {
  type: "group",
  enableTurn: true,
  maxParticipants: 50,
  maxParticipantDuration: 14400,
  maxConcurrentPublishedTracks: 170,
  mediaRegion: "us1",
  emptyRoomTimeout: 5,
  unusedRoomTimeout: 5,
  videoCodecs: ["VP8"],
} as const;
export const MAX_PARTICIPANT_DURATION = 86400;
export const MEDIA_REGIONS = ["us1", "us2", "au1", "br1", "ie1", "jp1", "sg1", "in1", "de1", "gll"];

/** [rrec] Recording codecs and containers: audio OPUS/PCMU in .mka, video VP8/H264 in .mkv. */
export const RECORDING_FORMATS = {
  audio: { codecs: ["OPUS", "PCMU"], container: "mka" },
  video: { codecs: ["VP8", "H264"], container: "mkv" },
} as const;

const RULE_KEYS = {
  recording: ["type", "all", "kind", "publisher", "track"],
  subscribe: ["type", "all", "kind", "publisher", "track", "priority"],
} as const;
const FILTERS = ["all", "kind", "publisher", "track"];

/**
 * [rules] A rule is `{type: include|exclude}` plus at least one filter: `all: true`,
 * `kind: audio|video|data`, `publisher: <identity>`, `track: <name>`. Rules arrive as a JSON array
 * (twilio-node sends `Rules=[...]`); `{"rules": [...]}` is accepted too. Returns the problems, each
 * naming the rule index; `all` together with another filter is refused (our assumption: the docs
 * show it alone). The string "true" for `all` is read as true (Twilio's own curl samples send it).
 */
export function parseTrackRules(text: string, which: "recording" | "subscribe"): { rules?: TrackRule[]; problems: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problems: ["Rules must be a JSON array of rules"] };
  }
  if (value && typeof value === "object" && !Array.isArray(value) && Array.isArray((value as { rules?: unknown }).rules)) {
    value = (value as { rules: unknown[] }).rules;
  }
  if (!Array.isArray(value)) return { problems: ["Rules must be a JSON array of rules"] };
  const problems: string[] = [];
  const rules: TrackRule[] = [];
  value.forEach((raw, index) => {
    const where = `rule ${index}`;
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
      problems.push(`${where} must be an object`);
      return;
    }
    const entry = raw as Record<string, unknown>;
    const unknownKeys = Object.keys(entry).filter((k) => !(RULE_KEYS[which] as readonly string[]).includes(k));
    if (unknownKeys.length) problems.push(`${where} has unknown keys ${unknownKeys.join(", ")}`);
    if (entry.type !== "include" && entry.type !== "exclude") problems.push(`${where} type must be include or exclude`);
    const filters = FILTERS.filter((f) => entry[f] !== undefined);
    if (filters.length === 0) problems.push(`${where} needs one of the filters all, kind, publisher, track`);
    if (entry.all !== undefined && entry.all !== true && entry.all !== "true") problems.push(`${where} all must be true`);
    if (entry.all !== undefined && filters.length > 1) problems.push(`${where} all cannot be combined with other filters`);
    if (entry.kind !== undefined && !["audio", "video", "data"].includes(entry.kind as string)) problems.push(`${where} kind must be audio, video or data`);
    for (const key of ["publisher", "track", "priority"]) {
      if (entry[key] !== undefined && (typeof entry[key] !== "string" || entry[key] === "")) problems.push(`${where} ${key} must be a non-empty string`);
    }
    const rule: TrackRule = { type: entry.type as TrackRule["type"] };
    if (entry.all !== undefined) rule.all = true;
    for (const key of ["kind", "publisher", "track", "priority"] as const) {
      if (entry[key] !== undefined) (rule as unknown as Record<string, unknown>)[key] = entry[key];
    }
    rules.push(rule);
  });
  return problems.length ? { problems } : { rules, problems };
}

export interface RuleSubject {
  kind: TrackKind;
  publisherIdentity: string;
  publisherSid: string;
  trackName: string;
  trackSid: string;
}

function ruleMatches(rule: TrackRule, subject: RuleSubject): boolean {
  if (rule.all) return true;
  return (
    (rule.kind === undefined || rule.kind === subject.kind) &&
    (rule.publisher === undefined || rule.publisher === subject.publisherIdentity || rule.publisher === subject.publisherSid) &&
    (rule.track === undefined || rule.track === subject.trackName || rule.track === subject.trackSid)
  );
}

/**
 * [rules] A track is selected when an include rule matches it and no exclude rule does (every
 * filter of a rule must match). The precedence of exclude is our reading of the docs' examples
 * ("include all, exclude alice's video").
 */
export function rulesSelect(rules: TrackRule[], subject: RuleSubject): boolean {
  return rules.some((r) => r.type === "include" && ruleMatches(r, subject)) && !rules.some((r) => r.type === "exclude" && ruleMatches(r, subject));
}

/**
 * [sources] A composition source names a track by its name, with `*` as a wildcard ("student*"),
 * or by the participant SID or track SID. Matching is case-sensitive (our assumption).
 */
export function sourceMatches(pattern: string, candidate: { trackName: string; trackSid: string; participantSid: string }): boolean {
  if (pattern === candidate.participantSid || pattern === candidate.trackSid) return true;
  const regex = new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return regex.test(candidate.trackName);
}
