/**
 * Provider throughput through the real dynamic-provider host: N hooks created, read, updated and
 * deleted with a fixed number of calls in flight, once against a bare emulator and once with
 * injected latency on every Twilio request. With latency L each phase cannot beat
 * N × L / inFlight; the ratio to that bound shows how much of the time is ours.
 */
import { startFixture, type Fixture } from "../test/resources/fixture";
import type { PropertyBag } from "../test/helpers/providerHost";
import { markdownTable, round, section, type Cell } from "./markdown";
import { mapLimit, timed } from "./measure";
import type { BenchOptions, BenchSection } from "./options";

const KIND = "CompositionHook";
const WARM_UP_HOOKS = 20;

interface Hook {
  urn: string;
  inputs: PropertyBag;
  changed: PropertyBag;
  id?: string;
  props?: PropertyBag;
}

interface PhaseResult {
  phase: string;
  ms: number;
  calls: number;
}

/** Checks every hook's desired and changed inputs up front, so the timed phases hold only the provider call under test. */
async function prepareHooks(fx: Fixture, count: number, inFlight: number): Promise<Hook[]> {
  const indexes = Array.from({ length: count }, (_, i) => i);
  return mapLimit(indexes, inFlight, async (i) => {
    const urn = fx.urn(KIND, `hook-${i}`);
    const desired = { friendlyName: `bench-hook-${i}`, audioSources: ["alice", "bob*"], resolution: "1280x720" };
    const checked = async (olds: PropertyBag, news: PropertyBag) => {
      const res = await fx.host.check(urn, olds, await fx.withProvider(KIND, news));
      if (res.failures.length > 0) throw new TypeError(`check failed for ${urn}: ${JSON.stringify(res.failures)}`);
      return res.inputs;
    };
    const inputs = await checked({}, desired);
    return { urn, inputs, changed: await checked(inputs, { ...desired, resolution: "640x480", trim: false }) };
  });
}

async function lifecycle(fx: Fixture, options: BenchOptions, latencyMs: number): Promise<PhaseResult[]> {
  fx.emulator.reset();
  const hooks = await prepareHooks(fx, options.hooks, options.inFlight);
  if (latencyMs > 0) fx.emulator.faults.add({ kind: "latency", ms: latencyMs, times: Infinity });
  const phase = async (name: string, op: (hook: Hook) => Promise<void>): Promise<PhaseResult> => {
    fx.emulator.log.clear();
    const { ms } = await timed(() => mapLimit(hooks, options.inFlight, op));
    return { phase: name, ms, calls: fx.emulator.log.count() };
  };
  return [
    await phase("create", async (h) => {
      const created = await fx.host.create(h.urn, h.inputs);
      h.id = created.id;
      h.props = created.properties;
    }),
    await phase("read", async (h) => {
      h.props = (await fx.host.read(h.id!, h.urn, h.props!)).properties;
    }),
    await phase("update", async (h) => {
      h.props = (await fx.host.update(h.id!, h.urn, h.props!, h.changed)).properties;
    }),
    await phase("delete", (h) => fx.host.delete(h.id!, h.urn, h.props!)),
  ];
}

export const throughputSection: BenchSection = {
  name: "throughput",
  async run(options) {
    const { hooks, inFlight } = options;
    const fx = await startFixture();
    const rows: Cell[][] = [];
    try {
      // Untimed warm-up: the host's first calls compile and cache the provider; measure steady state.
      await lifecycle(fx, { ...options, hooks: Math.min(WARM_UP_HOOKS, hooks) }, 0);
      for (const latencyMs of [0, options.latencyMs]) {
        const idealMs = (hooks * latencyMs) / inFlight;
        for (const r of await lifecycle(fx, options, latencyMs)) {
          rows.push([
            latencyMs,
            r.phase,
            r.calls,
            round(r.ms),
            round((hooks * 1000) / r.ms, 1),
            latencyMs > 0 ? round(idealMs) : "-",
            latencyMs > 0 ? round(r.ms / idealMs, 2) : "-",
            round(((r.ms - idealMs) * inFlight) / hooks, 1),
          ]);
        }
      }
    } finally {
      await fx.close();
    }
    return section(
      "Throughput through the dynamic-provider host",
      `${hooks} CompositionHooks, ${inFlight} provider calls in flight, against the in-process emulator, after an untimed warm-up of ${Math.min(WARM_UP_HOOKS, hooks)} hooks. ` +
        `Ideal = ${hooks} ops × injected latency / ${inFlight} in flight; ratio = measured / ideal (1.00 means all the time is the injected latency). ` +
        `Overhead = (measured − ideal) × in flight / ops: our mean cost per operation beyond the latency.`,
      markdownTable(["latency ms", "phase", "Twilio calls", "wall ms", "ops/s", "ideal ms", "ratio", "overhead ms/op"], rows),
    );
  },
};
