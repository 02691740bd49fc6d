/**
 * The simulation's clock. "real" follows Date.now() and runs due work on timers; "manual" stands
 * still until a test advances it, then runs everything that fell due, in time order, before
 * `advance` resolves. Either way every date the Video API renders comes from `now()`.
 */
export type ClockMode = "real" | "manual";

interface Task {
  at: number;
  seq: number;
  run: () => Promise<void> | void;
  timer?: NodeJS.Timeout;
}

export class SimulationClock {
  private offset = 0;
  private frozenAt: number | undefined;
  private tasks: Task[] = [];
  private seq = 0;
  /** Work started by timers in real mode, so `idle()` can wait for it. */
  private running = new Set<Promise<void>>();

  constructor(mode: ClockMode = "real") {
    if (mode === "manual") this.frozenAt = Date.now();
  }

  get mode(): ClockMode {
    return this.frozenAt === undefined ? "real" : "manual";
  }

  now(): number {
    return this.frozenAt ?? Date.now() + this.offset;
  }

  /** Switch modes; pending work keeps its due time. */
  setMode(mode: ClockMode): void {
    if (mode === this.mode) return;
    if (mode === "manual") {
      this.frozenAt = this.now();
      for (const task of this.tasks) clearTimeout(task.timer);
    } else {
      this.offset = (this.frozenAt ?? Date.now()) - Date.now();
      this.frozenAt = undefined;
      for (const task of this.tasks) this.arm(task);
    }
  }

  /** Run `run` once the clock reaches now + delayMs. */
  schedule(delayMs: number, run: () => Promise<void> | void): void {
    const task: Task = { at: this.now() + Math.max(0, delayMs), seq: this.seq++, run };
    this.tasks.push(task);
    if (this.mode === "real") this.arm(task);
  }

  /** Manual mode: move time forward, running due work in order (each task may schedule more). */
  async advance(ms: number): Promise<void> {
    if (this.mode !== "manual") throw new Error("advance() needs the manual clock");
    if (!(ms >= 0)) throw new Error("advance() takes a number of milliseconds >= 0");
    const target = (this.frozenAt as number) + ms;
    for (;;) {
      const next = this.nextDue(target);
      if (!next) break;
      this.frozenAt = Math.max(this.frozenAt as number, next.at);
      this.tasks.splice(this.tasks.indexOf(next), 1);
      await next.run();
    }
    this.frozenAt = target;
  }

  /** Resolves when no timer-started work is running (real mode). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  pending(): number {
    return this.tasks.length;
  }

  clear(): void {
    for (const task of this.tasks) clearTimeout(task.timer);
    this.tasks = [];
  }

  private nextDue(target: number): Task | undefined {
    let best: Task | undefined;
    for (const task of this.tasks) {
      if (task.at > target) continue;
      if (!best || task.at < best.at || (task.at === best.at && task.seq < best.seq)) best = task;
    }
    return best;
  }

  private arm(task: Task): void {
    task.timer = setTimeout(
      () => {
        this.tasks.splice(this.tasks.indexOf(task), 1);
        const work = Promise.resolve()
          .then(task.run)
          .catch(() => undefined)
          .finally(() => this.running.delete(work));
        this.running.add(work);
      },
      Math.max(0, task.at - this.now()),
    );
    task.timer.unref();
  }
}

/** Twilio renders dates as ISO 8601 without milliseconds. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
