/** Fault injection: pick the fault (if any) that applies to a request. */
import type { FaultSpec } from "./types";

interface ArmedFault {
  spec: FaultSpec;
  remaining: number;
}

/** mulberry32: tiny, fast, and repeatable from a seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private armed: ArmedFault[] = [];
  private random: () => number;

  constructor(private readonly seed = 1) {
    this.random = seededRandom(seed);
  }

  add(spec: FaultSpec): void {
    this.armed.push({ spec, remaining: spec.times ?? 1 });
  }

  clear(): void {
    this.armed = [];
    this.random = seededRandom(this.seed);
  }

  /** The first armed fault matching the request; consumes one of its `times`. */
  take(method: string, path: string): FaultSpec | undefined {
    for (const fault of this.armed) {
      if (!matches(fault.spec, method, path)) continue;
      const probability = fault.spec.probability ?? 1;
      if (probability < 1 && this.random() >= probability) continue;
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.armed = this.armed.filter((f) => f !== fault);
      return fault.spec;
    }
    return undefined;
  }
}

function matches(spec: FaultSpec, method: string, path: string): boolean {
  const match = spec.match ?? {};
  if (match.method && match.method.toUpperCase() !== method) return false;
  if (typeof match.path === "string" && match.path !== path) return false;
  if (match.path instanceof RegExp && !match.path.test(path)) return false;
  return true;
}
