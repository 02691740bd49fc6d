/**
 * Video v1 Participants and what hangs off them: Anonymize, PublishedTracks, SubscribedTracks,
 * SubscribeRules; and the room's RecordingRules.
 */
import type { Handler, RequestContext } from "../../core/context";
import { EmulatorError, ERROR_CODES } from "../../core/errors";
import { createdWithin, iso, listAnswer, participantFromPath, roomFromPath } from "./common";
import type { ParticipantRecord, RoomRecord, TrackRecord, TrackRule } from "../model";
import { parseTrackRules, VIDEO_OPS } from "../../rules/videoV1";
import { rulesSelect } from "../simulation/selection";

function participantUrl(ctx: RequestContext, room: RoomRecord, p: ParticipantRecord): string {
  return `${ctx.baseUrl}/v1/Rooms/${room.sid}/Participants/${p.sid}`;
}

export function renderParticipant(ctx: RequestContext, room: RoomRecord, p: ParticipantRecord, withLinks = true): Record<string, unknown> {
  const url = participantUrl(ctx, room, p);
  return {
    sid: p.sid,
    room_sid: room.sid,
    account_sid: ctx.account.sid,
    status: p.status,
    identity: p.identity,
    date_created: iso(p.dateCreated),
    date_updated: iso(p.dateUpdated),
    start_time: iso(p.startTime),
    end_time: iso(p.endTime),
    duration: p.endTime === undefined ? null : Math.round((p.endTime - p.startTime) / 1000),
    url,
    ...(withLinks
      ? {
          links: {
            published_tracks: `${url}/PublishedTracks`,
            subscribed_tracks: `${url}/SubscribedTracks`,
            subscribe_rules: `${url}/SubscribeRules`,
            anonymize: `${url}/Anonymize`,
          },
        }
      : {}),
  };
}

export const listParticipants: Handler = (ctx) => {
  const room = roomFromPath(ctx);
  const status = ctx.query.oneOf("Status", VIDEO_OPS.listParticipants.enum<ParticipantRecord["status"]>("Status"));
  const identity = ctx.query.string("Identity");
  const within = createdWithin(ctx);
  const items = room.participants.filter(
    (p) => (status === undefined || p.status === status) && (identity === undefined || p.identity === identity) && within(p.dateCreated),
  );
  return listAnswer(ctx, items, "participants", ["Status", "Identity", "DateCreatedAfter", "DateCreatedBefore"], (p) =>
    renderParticipant(ctx, room, p),
  );
};

export const fetchParticipant: Handler = (ctx) => {
  const room = roomFromPath(ctx);
  return { status: 200, body: renderParticipant(ctx, room, participantFromPath(ctx, room)) };
};

/** [spec] The only update is `Status=disconnected` (the spec answers 200). */
export const updateParticipant: Handler = async (ctx) => {
  const room = roomFromPath(ctx);
  const participant = participantFromPath(ctx, room);
  const status = ctx.form.string("Status");
  if (status !== undefined && status !== "disconnected") throw EmulatorError.invalid("Status", "must be disconnected");
  if (status === "disconnected") await ctx.video.disconnect(ctx.account.sid, room, participant);
  return { status: 200, body: renderParticipant(ctx, room, participant) };
};

/** Anonymize replaces the identity with the participant's SID (our assumption of what "anonymize" leaves). */
export const anonymizeParticipant: Handler = (ctx) => {
  const room = roomFromPath(ctx);
  const participant = participantFromPath(ctx, room);
  ctx.state.mutate(() => Object.assign(participant, { identity: participant.sid, dateUpdated: ctx.video.now() }));
  return { status: 200, body: renderParticipant(ctx, room, participant, false) };
};

// ---- published tracks --------------------------------------------------------------------

function renderPublished(ctx: RequestContext, room: RoomRecord, p: ParticipantRecord, t: TrackRecord): Record<string, unknown> {
  return {
    sid: t.sid,
    participant_sid: p.sid,
    room_sid: room.sid,
    name: t.name,
    date_created: iso(t.dateCreated),
    date_updated: iso(t.dateUpdated),
    enabled: t.enabled,
    kind: t.kind,
    url: `${participantUrl(ctx, room, p)}/PublishedTracks/${t.sid}`,
  };
}

const liveTracks = (p: ParticipantRecord) => p.tracks.filter((t) => t.endedAt === undefined);

export const listPublishedTracks: Handler = (ctx) => {
  const room = roomFromPath(ctx);
  const participant = participantFromPath(ctx, room);
  return listAnswer(ctx, liveTracks(participant), "published_tracks", [], (t) => renderPublished(ctx, room, participant, t));
};

/** A published track by SID or by name. */
export const fetchPublishedTrack: Handler = (ctx) => {
  const room = roomFromPath(ctx);
  const participant = participantFromPath(ctx, room);
  const key = ctx.pathParams[2];
  const track = liveTracks(participant).find((t) => t.sid === key) ?? liveTracks(participant).find((t) => t.name === key);
  if (!track) throw EmulatorError.notFound(`${ctx.path}`);
  return { status: 200, body: renderPublished(ctx, room, participant, track) };
};

// ---- subscribed tracks: every live track of the other connected participants the rules select ----

interface Subscription {
  track: TrackRecord;
  publisher: ParticipantRecord;
}

function subscriptions(room: RoomRecord, subscriber: ParticipantRecord): Subscription[] {
  if (subscriber.status !== "connected") return [];
  const result: Subscription[] = [];
  for (const publisher of room.participants) {
    if (publisher === subscriber || publisher.status !== "connected") continue;
    for (const track of liveTracks(publisher)) {
      const subject = {
        kind: track.kind,
        publisherIdentity: publisher.identity,
        publisherSid: publisher.sid,
        trackName: track.name,
        trackSid: track.sid,
      };
      if (rulesSelect(subscriber.subscribeRules.rules, subject)) result.push({ track, publisher });
    }
  }
  return result;
}

function renderSubscribed(ctx: RequestContext, room: RoomRecord, subscriber: ParticipantRecord, s: Subscription): Record<string, unknown> {
  const created = Math.max(s.track.dateCreated, subscriber.dateCreated);
  return {
    sid: s.track.sid,
    participant_sid: subscriber.sid,
    publisher_sid: s.publisher.sid,
    room_sid: room.sid,
    name: s.track.name,
    date_created: iso(created),
    date_updated: iso(Math.max(created, s.track.dateUpdated)),
    enabled: s.track.enabled,
    kind: s.track.kind,
    url: `${participantUrl(ctx, room, subscriber)}/SubscribedTracks/${s.track.sid}`,
  };
}

export const listSubscribedTracks: Handler = (ctx) => {
  const room = roomFromPath(ctx);
  const participant = participantFromPath(ctx, room);
  return listAnswer(ctx, subscriptions(room, participant), "subscribed_tracks", [], (s) => renderSubscribed(ctx, room, participant, s));
};

export const fetchSubscribedTrack: Handler = (ctx) => {
  const room = roomFromPath(ctx);
  const participant = participantFromPath(ctx, room);
  const found = subscriptions(room, participant).find((s) => s.track.sid === ctx.pathParams[2]);
  if (!found) throw EmulatorError.notFound(ctx.path);
  return { status: 200, body: renderSubscribed(ctx, room, participant, found) };
};

// ---- rules ----------------------------------------------------------------------------------

function rulesFromForm(ctx: RequestContext, which: "recording" | "subscribe"): TrackRule[] {
  const text = ctx.form.required("Rules");
  const parsed = parseTrackRules(text, which);
  if (!parsed.rules)
    throw EmulatorError.badRequest(ERROR_CODES.invalidRecordingRules, `Invalid Recording Rule(s): ${parsed.problems.join("; ")}`);
  return parsed.rules;
}

export const fetchSubscribeRules: Handler = (ctx) => {
  const room = roomFromPath(ctx);
  const participant = participantFromPath(ctx, room);
  return { status: 200, body: renderSubscribeRules(room, participant) };
};

/** [spec] 1.55.5 answers the rules update with 202. */
export const updateSubscribeRules: Handler = (ctx) => {
  const room = roomFromPath(ctx);
  const participant = participantFromPath(ctx, room);
  const rules = rulesFromForm(ctx, "subscribe");
  ctx.state.mutate(() => Object.assign(participant.subscribeRules, { rules, dateUpdated: ctx.video.now() }));
  return { status: 202, body: renderSubscribeRules(room, participant) };
};

function renderSubscribeRules(room: RoomRecord, p: ParticipantRecord): Record<string, unknown> {
  return {
    participant_sid: p.sid,
    room_sid: room.sid,
    rules: p.subscribeRules.rules,
    date_created: iso(p.subscribeRules.dateCreated),
    date_updated: iso(p.subscribeRules.dateUpdated),
  };
}

function renderRecordingRules(room: RoomRecord): Record<string, unknown> {
  return {
    room_sid: room.sid,
    rules: room.recordingRules.rules,
    date_created: iso(room.recordingRules.dateCreated),
    date_updated: iso(room.recordingRules.dateUpdated),
  };
}

export const fetchRecordingRules: Handler = (ctx) => ({ status: 200, body: renderRecordingRules(roomFromPath(ctx)) });

/** [rules] Rules apply at once: recordings start or stop for the room's live tracks. */
export const updateRecordingRules: Handler = async (ctx) => {
  const room = roomFromPath(ctx);
  const rules = rulesFromForm(ctx, "recording");
  await ctx.video.setRecordingRules(ctx.account.sid, room, rules);
  return { status: 202, body: renderRecordingRules(room) };
};
