/**
 * `videoSimulation(emulator)`: a small typed client of the simulation's admin routes, for users'
 * tests. It talks HTTP, so it drives an in-process emulator and a `twilio-video-emulator` process
 * alike. See emulator/README.md ("Video simulation").
 */
import fetch from "node-fetch";
import type { CallbackDelivery } from "./simulation/callbacks";

export interface SimParticipant {
  sid: string;
  room_sid: string;
  identity: string;
  status: "connected" | "disconnected";
  [key: string]: unknown;
}

export interface SimTrack {
  sid: string;
  participant_sid: string;
  room_sid: string;
  name: string;
  kind: "audio" | "video" | "data";
  codec: string | null;
  enabled: boolean;
  /** The recording running for this track now, if the room's rules record it. */
  recording_sid: string | null;
  date_created: string;
  /** When it was unpublished (null while published). */
  date_ended: string | null;
  /** Its PublishedTracks REST URL. */
  url: string;
}

/** A status callback the simulation sent (or could not send), with the receiver's answer. */
export type SimCallback = CallbackDelivery;

export interface ClockState {
  mode: "real" | "manual";
  now: string;
  epoch_ms: number;
}

export interface VideoSimulationClient {
  /** Connect `identity` to a room by SID or UniqueName (a new name creates an ad-hoc group room). */
  connect(room: string, identity: string, opts?: { accountSid?: string }): Promise<SimParticipant>;
  /** Publish an audio, video or data track; `codec` OPUS|PCMU (audio) or one of the room's video codecs. */
  publish(room: string, participant: string, track: { kind: "audio" | "video" | "data"; name?: string; codec?: string }): Promise<SimTrack>;
  unpublish(room: string, participant: string, track: string): Promise<SimTrack>;
  /** Pause (false) or unpause (true) a published track: `track-disabled` / `track-enabled`. */
  setTrackEnabled(room: string, participant: string, track: string, enabled: boolean): Promise<SimTrack>;
  disconnect(room: string, participant: string): Promise<SimParticipant>;
  /** End the room now (as `POST /v1/Rooms/{Sid} Status=completed` does). */
  complete(room: string): Promise<Record<string, unknown>>;
  /** Stop time (tests) or let it run again. */
  setClock(mode: "manual" | "real"): Promise<ClockState>;
  /** Manual clock: move time on and run everything that falls due, callbacks included. */
  advance(ms: number): Promise<ClockState>;
  clock(): Promise<ClockState>;
  /** Wait until due work and every queued status callback are done. */
  settle(): Promise<void>;
  /** The status callbacks the emulator sent, in order, with the receivers' answers. */
  callbacks(): Promise<SimCallback[]>;
  clearCallbacks(): Promise<void>;
}

export function videoSimulation(emulator: { url: string } | string): VideoSimulationClient {
  const base = `${typeof emulator === "string" ? emulator : emulator.url}/__emulator/video/`;
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(base + path, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const message = parsed && typeof parsed.message === "string" ? parsed.message : text;
      throw Object.assign(new Error(`${method} ${path}: ${response.status} ${message}`), { status: response.status, code: parsed?.code });
    }
    return parsed as T;
  }
  const seg = encodeURIComponent;
  const room = (r: string) => `rooms/${seg(r)}`;
  return {
    connect: (r, identity, opts = {}) => call("POST", `${room(r)}/participants`, { identity, ...opts }),
    publish: (r, p, track) => call("POST", `${room(r)}/participants/${seg(p)}/tracks`, track),
    setTrackEnabled: (r, p, t, enabled) => call("POST", `${room(r)}/participants/${seg(p)}/tracks/${seg(t)}`, { enabled }),
    unpublish: (r, p, t) => call("DELETE", `${room(r)}/participants/${seg(p)}/tracks/${seg(t)}`),
    disconnect: (r, p) => call("DELETE", `${room(r)}/participants/${seg(p)}`),
    complete: (r) => call("POST", `${room(r)}/complete`, {}),
    setClock: (mode) => call("POST", "clock", { mode }),
    advance: (ms) => call("POST", "clock/advance", { ms }),
    clock: () => call("GET", "clock"),
    settle: () => call("POST", "settle", {}),
    callbacks: async () => (await call<{ callbacks: SimCallback[] }>("GET", "callbacks")).callbacks,
    clearCallbacks: () => call("DELETE", "callbacks"),
  };
}
