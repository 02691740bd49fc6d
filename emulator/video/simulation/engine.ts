/**
 * The Video simulation: what happens between REST calls. Participants connect and publish tracks,
 * recording rules start and stop per-track recordings, rooms end (REST or timeout), composition
 * hooks fire, compositions move enqueued -> processing -> completed|failed on the clock, media is
 * placed where the account's settings say at that moment, and status callbacks are raised.
 * Twilio facts and their sources: video/videoRules.ts and docs/twilio-behaviour.md ("Video runtime").
 *
 * This class is the simulation's one entry point (REST handlers, admin routes, the server); each
 * lifecycle lives in its own module: rooms.ts, participants.ts, recordings.ts, compositions.ts,
 * over what they share in core.ts.
 */
import { randomBytes } from "crypto";
import type { AccountStore } from "../../core/state";
import type { CompositionRecord, ParticipantRecord, RoomRecord, TrackKind, TrackRecord, TrackRule } from "../model";
import type { CallbackDispatcher } from "./callbacks";
import type { SimulationClock } from "./clock";
import { Compositions, type CompositionInput } from "./compositions";
import { SimulationCore, type SimulationOptions } from "./core";
import type { CloudMediaStore } from "../media/cloudMedia";
import { Participants } from "./participants";
import { Recordings } from "./recordings";
import { Rooms, type RoomInput } from "./rooms";

export { COMPOSITION_PROCESSING_MS, COMPOSITION_QUEUE_MS, compositionSources, type CompositionInput } from "./compositions";
export type { SimulationOptions } from "./core";
export type { RoomInput } from "./rooms";

export class VideoSimulation {
  readonly clock: SimulationClock;
  readonly callbacks: CallbackDispatcher;
  readonly cloud: CloudMediaStore;
  /** Signs the short-lived media URLs `/Media` redirects to. */
  readonly mediaKey = randomBytes(32);
  private readonly core: SimulationCore;
  private readonly rooms: Rooms;
  private readonly participants: Participants;
  private readonly recordings: Recordings;
  private readonly compositions: Compositions;

  constructor(opts: SimulationOptions) {
    this.core = new SimulationCore(opts);
    this.clock = this.core.clock;
    this.callbacks = this.core.callbacks;
    this.cloud = this.core.cloud;
    this.recordings = new Recordings(this.core);
    this.compositions = new Compositions(this.core);
    this.participants = new Participants(this.core, this.recordings, (accountSid, room) => this.rooms.emptied(accountSid, room));
    this.rooms = new Rooms(this.core, this.participants, this.compositions);
  }

  now(): number {
    return this.core.now();
  }

  reset(): void {
    this.clock.clear();
    this.cloud.clear();
    this.callbacks.clear();
  }

  /** Every pending piece of work that is due, then every queued callback, has finished. */
  settle(): Promise<void> {
    return this.core.settle();
  }

  async advance(ms: number): Promise<void> {
    await this.clock.advance(ms);
    await this.settle();
  }

  // ---- lookups ---------------------------------------------------------------------------

  accountOfRoom(roomSid: string): string | undefined {
    return this.rooms.accountOf(roomSid);
  }

  /** A room by SID, or an in-progress room by UniqueName [rooms]. */
  findRoom(store: AccountStore, nameOrSid: string): RoomRecord | undefined {
    return this.rooms.find(store, nameOrSid);
  }

  /** A participant by SID, or a connected participant by identity. */
  findParticipant(room: RoomRecord, sidOrIdentity: string): ParticipantRecord | undefined {
    return this.participants.find(room, sidOrIdentity);
  }

  // ---- rooms -----------------------------------------------------------------------------

  createRoom(accountSid: string, input: RoomInput, createdBy: RoomRecord["createdBy"] = "rest"): RoomRecord {
    return this.rooms.create(accountSid, input, createdBy);
  }

  completeRoom(accountSid: string, room: RoomRecord): Promise<void> {
    return this.rooms.complete(accountSid, room);
  }

  // ---- participants and tracks -------------------------------------------------------------

  /** Connect `identity` to a room by SID or name; a name with no in-progress room creates an ad-hoc group room. */
  async connect(
    accountSid: string,
    roomNameOrSid: string,
    identity: string,
  ): Promise<{ room: RoomRecord; participant: ParticipantRecord }> {
    const room = this.rooms.toJoin(accountSid, roomNameOrSid);
    const participant = await this.participants.connect(accountSid, room, identity);
    return { room, participant };
  }

  publish(
    accountSid: string,
    room: RoomRecord,
    participant: ParticipantRecord,
    spec: { kind: TrackKind; name?: string; codec?: string },
  ): Promise<TrackRecord> {
    return this.participants.publish(accountSid, room, participant, spec);
  }

  /** [callbacks] A participant pauses (track-disabled) or unpauses (track-enabled) a track; recording goes on. */
  setTrackEnabled(accountSid: string, room: RoomRecord, participant: ParticipantRecord, track: TrackRecord, enabled: boolean): void {
    this.participants.setTrackEnabled(accountSid, room, participant, track, enabled);
  }

  unpublish(accountSid: string, room: RoomRecord, participant: ParticipantRecord, track: TrackRecord): Promise<void> {
    return this.participants.unpublish(accountSid, room, participant, track);
  }

  disconnect(accountSid: string, room: RoomRecord, participant: ParticipantRecord, opts: { roomEnding?: boolean } = {}): Promise<void> {
    return this.participants.disconnect(accountSid, room, participant, opts);
  }

  // ---- recordings and compositions ---------------------------------------------------------

  setRecordingRules(accountSid: string, room: RoomRecord, rules: TrackRule[]): Promise<void> {
    return this.recordings.setRules(accountSid, room, rules);
  }

  createComposition(accountSid: string, input: CompositionInput): CompositionRecord {
    return this.compositions.create(accountSid, input);
  }
}
