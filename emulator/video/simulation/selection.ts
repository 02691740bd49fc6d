/**
 * Which tracks a room's rules select, and which recordings a composition's sources name: the
 * matching Twilio describes for RecordingRules / SubscribeRules
 * (https://www.twilio.com/docs/video/api/recording-rules) and for audio_sources / video_sources
 * (https://www.twilio.com/docs/video/api/compositions-resource).
 */
import type { TrackKind, TrackRule } from "../model";

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
 * A track is selected when an include rule matches it and no exclude rule does (every filter of a
 * rule must match). The precedence of exclude is our reading of the docs' examples ("include all,
 * exclude alice's video").
 */
export function rulesSelect(rules: TrackRule[], subject: RuleSubject): boolean {
  return (
    rules.some((r) => r.type === "include" && ruleMatches(r, subject)) &&
    !rules.some((r) => r.type === "exclude" && ruleMatches(r, subject))
  );
}

/**
 * A composition source names a track by its name, with `*` as a wildcard ("student*"), or by the
 * participant SID or track SID. Matching is case-sensitive (our assumption).
 */
export function sourceMatches(pattern: string, candidate: { trackName: string; trackSid: string; participantSid: string }): boolean {
  if (pattern === candidate.participantSid || pattern === candidate.trackSid) return true;
  const regex = new RegExp(
    `^${pattern
      .split("*")
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return regex.test(candidate.trackName);
}
