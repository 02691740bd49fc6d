/** Optional file persistence of the state: load at start, atomic rewrite after each mutation. */
import { existsSync, readFileSync, renameSync, writeFileSync } from "fs";
import type { EmulatorState, StateSnapshot } from "./state";

export function loadState(state: EmulatorState, path: string): void {
  if (!existsSync(path)) return;
  state.restore(JSON.parse(readFileSync(path, "utf8")) as StateSnapshot);
}

/** Write to a sibling temp file then rename, so a crash never leaves half a file. Mode 0600: it holds secrets. */
export function saveState(state: EmulatorState, path: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(state.snapshot(), null, 2), { mode: 0o600 });
  renameSync(temp, path);
}
