/**
 * Admin routes of the Video simulation under /__emulator/video/ (JSON, no auth, loopback only,
 * never logged), wrapped for tests by `videoSimulation()` (helper.ts):
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
import type { IncomingMessage, ServerResponse } from "http";
import type { HandlerResult, RequestContext } from "../../core/context";
import { EmulatorError, ERROR_CODES } from "../../core/errors";
import type { EmulatorState } from "../../core/state";
import { MEDIA_PATH, mediaUrlValid } from "../rest/media";
import type { ParticipantRecord, RoomRecord, TrackRecord } from "../model";
import { renderParticipant } from "../rest/participants";
import { renderRoom } from "../rest/rooms";
import { isoSeconds } from "./clock";
import type { VideoSimulation } from "./engine";

export const VIDEO_ADMIN_PREFIX = "/__emulator/video/";

function json(body: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body || "{}");
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // below
  }
  throw EmulatorError.invalid("(admin body)", "must be a JSON object");
}

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

export interface VideoAdminTarget {
  state: EmulatorState;
  video: VideoSimulation;
  /** http://HOST:PORT as the client addressed us. */
  baseUrl: string;
}

export async function handleVideoAdmin(req: IncomingMessage, res: ServerResponse, url: URL, rawBody: string, target: VideoAdminTarget): Promise<HandlerResult | undefined> {
  const { video } = target;
  const method = (req.method ?? "GET").toUpperCase();
  const parts = url.pathname.slice(VIDEO_ADMIN_PREFIX.length).split("/").map(decodeURIComponent);
  const body = method === "POST" ? json(rawBody) : {};

  if (url.pathname.startsWith(MEDIA_PATH) && method === "GET" && parts.length === 3) return serveMedia(res, url, parts[1], parts[2], video);

  const clockAnswer = () => ({ status: 200, body: { mode: video.clock.mode, now: isoSeconds(video.now()), epoch_ms: video.now() } });
  switch (`${method} ${parts.join("/")}`) {
    case "GET clock":
      return clockAnswer();
    case "POST clock": {
      const mode = body.mode;
      if (mode !== "manual" && mode !== "real") throw EmulatorError.invalid("mode", "must be manual or real");
      video.clock.setMode(mode);
      return clockAnswer();
    }
    case "POST clock/advance": {
      const ms = body.ms;
      if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) throw EmulatorError.invalid("ms", "must be a number of milliseconds >= 0");
      if (video.clock.mode !== "manual") throw EmulatorError.invalid("ms", "the clock must be manual to advance it (POST clock {\"mode\":\"manual\"})");
      await video.advance(ms);
      return clockAnswer();
    }
    case "POST settle":
      await video.settle();
      return { status: 204 };
    case "GET callbacks":
      return { status: 200, body: { callbacks: video.callbacks.deliveries() } };
    case "DELETE callbacks":
      video.callbacks.clear();
      return { status: 204 };
  }
  if (parts[0] === "rooms" && parts.length >= 3) return roomAction(method, parts, body, url, target);
  throw EmulatorError.notFound(url.pathname);
}

async function roomAction(method: string, parts: string[], body: Record<string, unknown>, url: URL, target: VideoAdminTarget): Promise<HandlerResult> {
  const { video, state } = target;
  const roomKey = parts[1];
  const accountSid = text(body, "accountSid") ?? url.searchParams.get("accountSid") ?? video.accountOfRoom(roomKey) ?? state.snapshot().accounts[0]?.sid;
  const account = accountSid ? state.account(accountSid) : undefined;
  if (!account) throw EmulatorError.notFound(`account ${accountSid}`);
  const store = state.store(account.sid);
  const ctx = { baseUrl: target.baseUrl, account, store, state, video } as unknown as RequestContext;
  const room = (): RoomRecord => {
    const found = video.findRoom(store, roomKey);
    if (!found) throw EmulatorError.notFound(`/v1/Rooms/${roomKey}`);
    return found;
  };
  const participant = (r: RoomRecord): ParticipantRecord => {
    const found = video.findParticipant(r, parts[3]);
    if (!found) throw EmulatorError.notFound(`/v1/Rooms/${r.sid}/Participants/${parts[3]}`);
    return found;
  };
  const action = `${method} ${parts.slice(2).map((p, i) => (i % 2 === 1 ? "*" : p)).join("/")}`;
  switch (action) {
    case "POST complete": {
      const r = room();
      await video.completeRoom(account.sid, r);
      return { status: 200, body: renderRoom(ctx, r) };
    }
    case "POST participants": {
      const identity = text(body, "identity", true);
      const connected = await video.connect(account.sid, roomKey, identity);
      return { status: 201, body: renderParticipant(ctx, connected.room, connected.participant) };
    }
    case "DELETE participants/*": {
      const r = room();
      const p = participant(r);
      await video.disconnect(account.sid, r, p);
      return { status: 200, body: renderParticipant(ctx, r, p) };
    }
    case "POST participants/*/tracks": {
      const r = room();
      const p = participant(r);
      const kind = text(body, "kind", true) as TrackRecord["kind"];
      const track = await video.publish(account.sid, r, p, { kind, name: text(body, "name"), codec: text(body, "codec") });
      return { status: 201, body: renderTrack(ctx, r, p, track) };
    }
    case "POST participants/*/tracks/*":
    case "DELETE participants/*/tracks/*": {
      const r = room();
      const p = participant(r);
      const track = p.tracks.find((t) => t.endedAt === undefined && (t.sid === parts[5] || t.name === parts[5]));
      if (!track) throw EmulatorError.notFound(`track ${parts[5]}`);
      if (method === "DELETE") {
        await video.unpublish(account.sid, r, p, track);
      } else {
        if (typeof body.enabled !== "boolean") throw EmulatorError.invalid("enabled", "must be true or false");
        video.setTrackEnabled(account.sid, r, p, track, body.enabled);
      }
      return { status: 200, body: renderTrack(ctx, r, p, track) };
    }
    default:
      throw new EmulatorError(404, ERROR_CODES.notFound, `No simulation action ${method} ${parts.join("/")}`);
  }
}

function renderTrack(ctx: RequestContext, room: RoomRecord, p: ParticipantRecord, t: TrackRecord): Record<string, unknown> {
  return {
    sid: t.sid, participant_sid: p.sid, room_sid: room.sid, name: t.name, kind: t.kind, codec: t.codec || null,
    enabled: t.enabled, date_created: isoSeconds(t.dateCreated), date_ended: t.endedAt === undefined ? null : isoSeconds(t.endedAt),
    recording_sid: t.activeRecordingSid ?? null,
    url: `${ctx.baseUrl}/v1/Rooms/${room.sid}/Participants/${p.sid}/PublishedTracks/${t.sid}`,
  };
}

function serveMedia(res: ServerResponse, url: URL, accountSid: string, sid: string, video: VideoSimulation): undefined {
  const expires = Number(url.searchParams.get("Expires"));
  const signature = url.searchParams.get("Signature") ?? "";
  if (!mediaUrlValid(video.mediaKey, accountSid, sid, expires, signature, Math.floor(video.now() / 1000))) {
    throw new EmulatorError(403, ERROR_CODES.forbidden, "The media URL is not valid or has expired");
  }
  const object = video.cloud.get(accountSid, sid);
  if (!object) throw EmulatorError.notFound(url.pathname);
  const meta = Object.fromEntries(Object.entries(object.metadata ?? {}).map(([k, v]) => [`x-amz-meta-${k}`, v]));
  res.writeHead(200, { ...meta, "Content-Type": object.contentType, "Content-Length": object.body.length });
  res.end(object.body);
  return undefined;
}
