/** The request log: what the emulator answered, so tests can count exactly which calls were made. */
import type { LogFilter, RequestLogEntry } from "./types";

export class RequestLog {
  private items: RequestLogEntry[] = [];
  private nextSeq = 1;

  record(entry: Omit<RequestLogEntry, "seq" | "at">): void {
    const item: RequestLogEntry = {
      seq: this.nextSeq++,
      method: entry.method,
      path: entry.path,
      query: entry.query,
      status: entry.status,
      at: new Date().toISOString(),
    };
    if (entry.accountSid !== undefined) item.accountSid = entry.accountSid;
    if (entry.faulted !== undefined) item.faulted = entry.faulted;
    this.items.push(item);
  }

  entries(): RequestLogEntry[] {
    return this.items.map((entry) => ({ ...entry }));
  }

  /** Empties the log and restarts numbering at 1. */
  clear(): void {
    this.items = [];
    this.nextSeq = 1;
  }

  count(filter: LogFilter = {}): number {
    return this.items.filter((entry) => matchesFilter(entry, filter)).length;
  }
}

function matchesFilter(entry: RequestLogEntry, filter: LogFilter): boolean {
  if (filter.method && filter.method.toUpperCase() !== entry.method) return false;
  if (filter.accountSid && filter.accountSid !== entry.accountSid) return false;
  if (typeof filter.path === "string" && filter.path !== entry.path) return false;
  if (filter.path instanceof RegExp && !filter.path.test(entry.path)) return false;
  return true;
}
