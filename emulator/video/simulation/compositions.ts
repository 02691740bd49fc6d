/**
 * Compositions: asked for by POST /v1/Compositions or started by the account's hooks when a room
 * with recordings ends; they move enqueued -> processing -> completed|failed on the clock, and
 * their media is stored where CompositionSettings say at that moment.
 */
import { ERROR_CODES } from "../../core/errors";
import type { AccountStore } from "../../core/state";
import type { CompositionRecord, CompositionSpec, RecordingRecord, RoomRecord } from "../model";
import { videoSid } from "../../rules/videoV1";
import { sourceMatches } from "./selection";
import type { SimulationCore } from "./core";
import { placeMedia } from "./mediaPlacement";
import { mediaFile } from "../media/containers";

/** Emulator timing (our choice; Twilio publishes no figures): queue 1 s, processing 4 s. */
export const COMPOSITION_QUEUE_MS = 1000;
export const COMPOSITION_PROCESSING_MS = 4000;

export interface CompositionInput extends CompositionSpec {
  roomSid: string;
  /** The hook that started it (absent for POST /v1/Compositions). */
  hookSid?: string;
}

export class Compositions {
  constructor(private readonly core: SimulationCore) {}

  create(accountSid: string, input: CompositionInput): CompositionRecord {
    const now = this.core.now();
    const composition: CompositionRecord = {
      ...input,
      sid: videoSid("CJ"),
      status: "enqueued",
      dateCreated: now,
      duration: 0,
      size: 0,
      bitrate: 0,
    };
    const store = this.core.state.store(accountSid);
    this.core.state.mutate(() => store.video.compositions.push(composition));
    this.core.compositionEvent(accountSid, composition, "composition-enqueued", {});
    const room = store.video.rooms.find((r) => r.sid === input.roomSid);
    // A composition of a live room waits for the room to end (roomEnded starts it).
    if (room && room.status !== "in-progress")
      this.core.clock.schedule(COMPOSITION_QUEUE_MS, () => this.start(accountSid, composition.sid));
    return composition;
  }

  /** Compositions asked for while the room was live start now; then the hooks fire, and theirs start on their own. */
  roomEnded(accountSid: string, room: RoomRecord): void {
    for (const composition of this.core.state.store(accountSid).video.compositions) {
      if (composition.roomSid === room.sid && composition.status === "enqueued")
        this.core.clock.schedule(COMPOSITION_QUEUE_MS, () => this.start(accountSid, composition.sid));
    }
    this.fireHooks(accountSid, room);
  }

  /** [hooks] When a room with recordings ends, every enabled hook of the account starts a composition. */
  private fireHooks(accountSid: string, room: RoomRecord): void {
    const store = this.core.state.store(accountSid);
    if (!store.video.recordings.some((r) => r.roomSid === room.sid)) return;
    for (const hook of store.hooks.filter((h) => h.enabled)) {
      this.create(accountSid, {
        roomSid: room.sid,
        hookSid: hook.sid,
        audioSources: [...hook.audioSources],
        audioSourcesExcluded: [...hook.audioSourcesExcluded],
        videoLayout: structuredClone(hook.videoLayout),
        resolution: hook.resolution,
        trim: hook.trim,
        format: hook.format,
        statusCallback: hook.statusCallback,
        statusCallbackMethod: hook.statusCallbackMethod,
      });
    }
  }

  private async start(accountSid: string, compositionSid: string): Promise<void> {
    const store = this.core.state.store(accountSid);
    const composition = store.video.compositions.find((c) => c.sid === compositionSid);
    if (!composition || composition.status !== "enqueued") return;
    this.core.state.mutate(() => (composition.status = "processing"));
    this.core.compositionEvent(accountSid, composition, "composition-started", {});
    const sources = compositionSources(store, composition);
    // [s3guide]/[encryption] Twilio cannot read recordings stored in S3 or encrypted: nothing to compose.
    const unreadable = sources.find((r) => r.media?.location === "s3" || r.media?.encrypted);
    if (unreadable) {
      const where = unreadable.media?.location === "s3" ? "stored in external S3" : "encrypted";
      return this.fail(
        accountSid,
        composition,
        ERROR_CODES.uncomposableRecordings,
        `Recording ${unreadable.sid} is ${where}: Twilio cannot read it to compose`,
      );
    }
    if (sources.length === 0) {
      return this.fail(
        accountSid,
        composition,
        ERROR_CODES.noComposableRecordings,
        `Room ${composition.roomSid} has no completed recording matching the composition's sources`,
      );
    }
    this.core.clock.schedule(COMPOSITION_PROCESSING_MS / 2, () => {
      if (composition.status !== "processing") return;
      this.core.compositionEvent(accountSid, composition, "composition-progress", {
        PercentageDone: "50",
        SecondsRemaining: String(Math.ceil(COMPOSITION_PROCESSING_MS / 2000)),
      });
    });
    this.core.clock.schedule(COMPOSITION_PROCESSING_MS, () => this.finish(accountSid, composition, sources));
  }

  private async finish(accountSid: string, composition: CompositionRecord, sources: RecordingRecord[]): Promise<void> {
    if (composition.status !== "processing") return;
    const room = this.core.state.store(accountSid).video.rooms.find((r) => r.sid === composition.roomSid) as RoomRecord;
    const start = composition.trim ? Math.min(...sources.map((r) => r.dateCreated)) : room.dateCreated;
    const end = composition.trim ? Math.max(...sources.map((r) => r.endedAt ?? r.dateCreated)) : (room.endTime ?? this.core.now());
    const durationMs = Math.max(0, end - start);
    const hasVideo = sources.some((r) => r.type === "video");
    const hasAudio = sources.some((r) => r.type === "audio");
    const codec = [
      hasVideo ? (composition.format === "mp4" ? "H264" : "VP8") : "",
      hasAudio ? (composition.format === "mp4" ? "AAC" : "OPUS") : "",
    ]
      .filter(Boolean)
      .join("+");
    const bytes = mediaFile({ container: composition.format, codec, durationMs, seed: composition.sid });
    const placed = await placeMedia(this.core, accountSid, composition.sid, composition.format, bytes, "compositionSettings");
    if ("failure" in placed) return this.fail(accountSid, composition, placed.failure.code, placed.failure.message);
    const duration = Math.max(1, Math.round(durationMs / 1000));
    this.core.state.mutate(() =>
      Object.assign(composition, {
        status: "completed",
        dateCompleted: this.core.now(),
        duration,
        size: placed.size,
        media: placed,
        bitrate: Math.round((placed.size * 8) / duration / 1000),
      }),
    );
    this.core.compositionEvent(accountSid, composition, "composition-available", {
      Duration: String(duration),
      Size: String(placed.size),
      MediaUri: `/v1/Compositions/${composition.sid}/Media`,
      ...(placed.externalLocation ? { MediaExternalLocation: placed.externalLocation } : {}),
    });
  }

  private fail(accountSid: string, composition: CompositionRecord, code: number, message: string): void {
    this.core.state.mutate(() => Object.assign(composition, { status: "failed", failure: { code, message } }));
    this.core.compositionEvent(accountSid, composition, "composition-failed", { ErrorCode: String(code), ErrorMessage: message });
  }
}

/** The room's completed recordings a composition takes: audio by AudioSources, video by the layout's regions. */
export function compositionSources(store: AccountStore, c: CompositionRecord): RecordingRecord[] {
  const candidates = store.video.recordings.filter((r) => r.roomSid === c.roomSid && r.status === "completed");
  const matches = (patterns: string[], r: RecordingRecord) =>
    patterns.some((p) => sourceMatches(p, { trackName: r.trackName, trackSid: r.trackSid, participantSid: r.participantSid }));
  const regions = Object.values(c.videoLayout);
  return candidates.filter((r) =>
    r.type === "audio"
      ? matches(c.audioSources, r) && !matches(c.audioSourcesExcluded, r)
      : regions.some(
          (region) =>
            matches((region.video_sources as string[]) ?? [], r) && !matches((region.video_sources_excluded as string[]) ?? [], r),
        ),
  );
}
