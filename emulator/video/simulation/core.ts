/**
 * What every lifecycle of the Video simulation (rooms, participants, recordings, compositions)
 * shares: the accounts' state, the clock, the callback dispatcher, where media goes, work in
 * flight, and the status callbacks of rooms and compositions, whose common parameters are the
 * same whichever lifecycle raises them.
 */
import { EmulatorError } from "../../core/errors";
import type { EmulatorState } from "../../core/state";
import type { CompositionRecord, RoomRecord } from "../model";
import { CallbackDispatcher, type CallbackReach } from "./callbacks";
import { isoSeconds, SimulationClock, type ClockMode } from "./clock";
import { CloudMediaStore } from "../media/cloudMedia";

export interface SimulationOptions {
  state: EmulatorState;
  clock?: ClockMode;
  s3Endpoint?: string;
  cloud?: CloudMediaStore;
  callbackReach?: CallbackReach;
}

/** A request the room's current state refuses (400 with Twilio's code). */
export const conflict = (code: number, message: string) => new EmulatorError(400, code, message);

export class SimulationCore {
  readonly state: EmulatorState;
  readonly clock: SimulationClock;
  readonly callbacks: CallbackDispatcher;
  readonly cloud: CloudMediaStore;
  readonly s3Endpoint?: string;
  /** Work started outside the clock (REST-triggered storing), so settle() can wait for it. */
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(opts: SimulationOptions) {
    this.state = opts.state;
    this.clock = new SimulationClock(opts.clock ?? "real");
    this.s3Endpoint = opts.s3Endpoint;
    this.cloud = opts.cloud ?? new CloudMediaStore();
    this.callbacks = new CallbackDispatcher(opts.callbackReach);
  }

  now(): number {
    return this.clock.now();
  }

  /** Every pending piece of work that is due, then every queued callback, has finished. */
  async settle(): Promise<void> {
    for (;;) {
      await this.clock.idle();
      if (this.inflight.size === 0) break;
      await Promise.all([...this.inflight]);
    }
    await this.callbacks.settled();
  }

  /** Awaits `work`, which settle() waits for meanwhile. */
  async track<T>(work: Promise<T>): Promise<T> {
    this.inflight.add(work);
    try {
      return await work;
    } finally {
      this.inflight.delete(work);
    }
  }

  /** [callbacks] Parameters every room event carries, then the event's own. */
  roomEvent(accountSid: string, room: RoomRecord, event: string, extra: Record<string, string>): void {
    const params = {
      AccountSid: accountSid,
      RoomName: room.uniqueName,
      RoomSid: room.sid,
      RoomStatus: room.status,
      RoomType: room.type,
      StatusCallbackEvent: event,
      Timestamp: isoSeconds(this.now()),
      SequenceNumber: String(room.callbackSequence++),
      ...extra,
    };
    this.callbacks.send(room.statusCallback, room.statusCallbackMethod, params, this.authToken(accountSid));
  }

  compositionEvent(accountSid: string, composition: CompositionRecord, event: string, extra: Record<string, string>): void {
    const params = {
      AccountSid: accountSid,
      RoomSid: composition.roomSid,
      CompositionSid: composition.sid,
      CompositionUri: `/v1/Compositions/${composition.sid}`,
      StatusCallbackEvent: event,
      Timestamp: isoSeconds(this.now()),
      ...(composition.hookSid ? { HookSid: composition.hookSid } : {}),
      ...extra,
    };
    this.callbacks.send(composition.statusCallback, composition.statusCallbackMethod, params, this.authToken(accountSid));
  }

  private authToken(accountSid: string): string {
    return this.state.account(accountSid)?.authToken ?? "";
  }
}
