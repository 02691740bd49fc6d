/**
 * Admin routes of the Video simulation under /__emulator/video/ (registered with the core's one
 * admin dispatcher: JSON, no auth, loopback only, never logged), wrapped for tests by
 * `videoSimulation()` (client.ts):
 *   POST   rooms/{RoomNameOrSid}/participants                 {identity, accountSid?} -> 201 participant
 *   DELETE rooms/{Room}/participants/{SidOrIdentity}                                -> 200 participant
 *   POST   rooms/{Room}/participants/{P}/tracks                {kind, name?, codec?} -> 201 track
 *   POST   rooms/{Room}/participants/{P}/tracks/{SidOrName}   {enabled}            -> 200 track
 *   DELETE rooms/{Room}/participants/{P}/tracks/{SidOrName}                        -> 200 track
 *   POST   rooms/{Room}/complete                                                   -> 200 room
 *   GET    clock | POST clock {mode: "manual"|"real"} | POST clock/advance {ms}     -> {mode, now}
 *   POST   settle   (waits for due work and every queued callback)                 -> 204
 *   GET    callbacks | DELETE callbacks (what the emulator POSTed, and the answers)
 *   GET    media/{AccountSid}/{Sid}?Expires=&Signature=   the short-lived URL /Media redirects to
 * A room named (not a SID) with no in-progress room of that name is created ad hoc, as Twilio does
 * when a participant connects to a new name. `accountSid` defaults to the room's account, else the
 * emulator's first account.
 */
import type { AdminHandler, AdminRequest, AdminRoutes } from "../core/admin";
import type { HandlerResult, RequestContext } from "../core/context";
import { EmulatorError, ERROR_CODES } from "../core/errors";
import type { ParticipantRecord, RoomRecord, TrackRecord } from "./model";
import { mediaUrlValid } from "./rest/media";
import { renderParticipant } from "./rest/participants";
import { renderRoom } from "./rest/rooms";
import { isoSeconds } from "./simulation/clock";

function text(body: Record<string, unknown>, name: string, required: true): string;
function text(body: Record<string, unknown>, name: string, required?: false): string | undefined;
function text(body: Record<string, unknown>, name: string, required = false): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    if (required) throw EmulatorError.missing(name);
    return undefined;
  }
  if (typeof value !== "string" || value === "") throw EmulatorError.invalid(name, "must be a non-empty string");
  return value;
}

const clockAnswer = ({ video }: AdminRequest): HandlerResult => ({
  status: 200,
  body: { mode: video.clock.mode, now: isoSeconds(video.now()), epoch_ms: video.now() },
});

/** The room's account (the body's or query's `accountSid`, else the room's, else the first), its store, and a render context. */
function roomScope(req: AdminRequest) {
  const { video, state, body, url } = req;
  const roomKey = req.pathParams[0];
  const accountSid =
    text(body, "accountSid") ?? url.searchParams.get("accountSid") ?? video.accountOfRoom(roomKey) ?? state.snapshot().accounts[0]?.sid;
  const account = accountSid ? state.account(accountSid) : undefined;
  if (!account) throw EmulatorError.notFound(`account ${accountSid}`);
  const store = state.store(account.sid);
  const ctx = { baseUrl: req.baseUrl, account, store, state, video } as unknown as RequestContext;
  const room = (): RoomRecord => {
    const found = video.findRoom(store, roomKey);
    if (!found) throw EmulatorError.notFound(`/v1/Rooms/${roomKey}`);
    return found;
  };
  const participant = (r: RoomRecord): ParticipantRecord => {
    const found = video.findParticipant(r, req.pathParams[1]);
    if (!found) throw EmulatorError.notFound(`/v1/Rooms/${r.sid}/Participants/${req.pathParams[1]}`);
    return found;
  };
  return { accountSid: account.sid, roomKey, ctx, room, participant };
}

function renderTrack(ctx: RequestContext, room: RoomRecord, p: ParticipantRecord, t: TrackRecord): Record<string, unknown> {
  return {
    sid: t.sid,
    participant_sid: p.sid,
    room_sid: room.sid,
    name: t.name,
    kind: t.kind,
    codec: t.codec || null,
    enabled: t.enabled,
    date_created: isoSeconds(t.dateCreated),
    date_ended: t.endedAt === undefined ? null : isoSeconds(t.endedAt),
    recording_sid: t.activeRecordingSid ?? null,
    url: `${ctx.baseUrl}/v1/Rooms/${room.sid}/Participants/${p.sid}/PublishedTracks/${t.sid}`,
  };
}

/** POST sets a published track's enabled flag, DELETE unpublishes it; both answer the track. */
const changeTrack: AdminHandler = async (req) => {
  const { accountSid, ctx, room, participant } = roomScope(req);
  const r = room();
  const p = participant(r);
  const key = req.pathParams[2];
  const track = p.tracks.find((t) => t.endedAt === undefined && (t.sid === key || t.name === key));
  if (!track) throw EmulatorError.notFound(`track ${key}`);
  if (req.method === "DELETE") {
    await req.video.unpublish(accountSid, r, p, track);
  } else {
    if (typeof req.body.enabled !== "boolean") throw EmulatorError.invalid("enabled", "must be true or false");
    req.video.setTrackEnabled(accountSid, r, p, track, req.body.enabled);
  }
  return { status: 200, body: renderTrack(ctx, r, p, track) };
};

/** The short-lived media URL: the signature must be ours and unexpired; the bytes come from the cloud store. */
const serveMedia: AdminHandler = ({ url, pathParams: [accountSid, sid], video }) => {
  const expires = Number(url.searchParams.get("Expires"));
  const signature = url.searchParams.get("Signature") ?? "";
  if (!mediaUrlValid(video.mediaKey, accountSid, sid, expires, signature, Math.floor(video.now() / 1000))) {
    throw new EmulatorError(403, ERROR_CODES.forbidden, "The media URL is not valid or has expired");
  }
  const object = video.cloud.get(accountSid, sid);
  if (!object) throw EmulatorError.notFound(url.pathname);
  const meta = Object.fromEntries(Object.entries(object.metadata ?? {}).map(([k, v]) => [`x-amz-meta-${k}`, v]));
  return { status: 200, headers: { ...meta, "Content-Type": object.contentType }, body: object.body };
};

export function registerVideoAdmin(admin: AdminRoutes): void {
  admin
    .add("video/clock", {
      GET: clockAnswer,
      POST: (req) => {
        const mode = req.body.mode;
        if (mode !== "manual" && mode !== "real") throw EmulatorError.invalid("mode", "must be manual or real");
        req.video.clock.setMode(mode);
        return clockAnswer(req);
      },
    })
    .add("video/clock/advance", {
      POST: async (req) => {
        const ms = req.body.ms;
        if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0)
          throw EmulatorError.invalid("ms", "must be a number of milliseconds >= 0");
        if (req.video.clock.mode !== "manual")
          throw EmulatorError.invalid("ms", 'the clock must be manual to advance it (POST clock {"mode":"manual"})');
        await req.video.advance(ms);
        return clockAnswer(req);
      },
    })
    .add("video/settle", { POST: async ({ video }) => (await video.settle(), { status: 204 }) })
    .add("video/callbacks", {
      GET: ({ video }) => ({ status: 200, body: { callbacks: video.callbacks.deliveries() } }),
      DELETE: ({ video }) => (video.callbacks.clear(), { status: 204 }),
    })
    .add("video/media/{AccountSid}/{Sid}", { GET: serveMedia })
    .add("video/rooms/{Room}/complete", {
      POST: async (req) => {
        const { accountSid, ctx, room } = roomScope(req);
        const r = room();
        await req.video.completeRoom(accountSid, r);
        return { status: 200, body: renderRoom(ctx, r) };
      },
    })
    .add("video/rooms/{Room}/participants", {
      POST: async (req) => {
        const { accountSid, roomKey, ctx } = roomScope(req);
        const connected = await req.video.connect(accountSid, roomKey, text(req.body, "identity", true));
        return { status: 201, body: renderParticipant(ctx, connected.room, connected.participant) };
      },
    })
    .add("video/rooms/{Room}/participants/{Participant}", {
      DELETE: async (req) => {
        const { accountSid, ctx, room, participant } = roomScope(req);
        const r = room();
        const p = participant(r);
        await req.video.disconnect(accountSid, r, p);
        return { status: 200, body: renderParticipant(ctx, r, p) };
      },
    })
    .add("video/rooms/{Room}/participants/{Participant}/tracks", {
      POST: async (req) => {
        const { accountSid, ctx, room, participant } = roomScope(req);
        const r = room();
        const p = participant(r);
        const kind = text(req.body, "kind", true) as TrackRecord["kind"];
        const track = await req.video.publish(accountSid, r, p, { kind, name: text(req.body, "name"), codec: text(req.body, "codec") });
        return { status: 201, body: renderTrack(ctx, r, p, track) };
      },
    })
    .add("video/rooms/{Room}/participants/{Participant}/tracks/{Track}", { POST: changeTrack, DELETE: changeTrack });
}
