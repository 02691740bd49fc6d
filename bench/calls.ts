/**
 * Twilio calls per provider operation, for every resource kind, counted by the emulator's request
 * log while the provider runs in the real dynamic-provider host (as `pulumi up` runs it).
 */
import { startFixture, type Fixture } from "../test/resources/fixture";
import { markdownTable, section, type Cell } from "./markdown";
import type { BenchSection } from "./options";
import { OPERATIONS, SCENARIOS, type KindScenario, type Operation } from "./scenarios";

interface Observed {
  operation: Operation;
  requests: string[];
}

/** "METHOD path" of each request since the last clear, SIDs shortened so rows stay readable. */
function requestsSinceClear(fx: Fixture): string[] {
  const requests = fx.emulator.log.entries().map((e) => `${e.method} ${e.path.replace(/(HK|CR)[0-9a-fA-F]{32}/, "$1…")}`);
  fx.emulator.log.clear();
  return requests;
}

async function walkLifecycle(fx: Fixture, scenario: KindScenario): Promise<Observed[]> {
  const { kind } = scenario;
  const urn = fx.urn(kind, "bench");
  const observed: Observed[] = [];
  const record = (operation: Operation) => observed.push({ operation, requests: requestsSinceClear(fx) });
  const checkOk = async (olds: Record<string, unknown>, news: Record<string, unknown>) => {
    const { inputs, failures } = await fx.host.check(urn, olds, await fx.withProvider(kind, news));
    if (failures.length > 0) throw new TypeError(`${kind} check failed: ${JSON.stringify(failures)}`);
    return inputs;
  };

  fx.emulator.reset();
  const inputs = await checkOk({}, scenario.inputs);
  record("check");
  const created = await fx.host.create(urn, inputs);
  record("create");
  const changed = await checkOk(inputs, { ...scenario.inputs, ...scenario.change });
  requestsSinceClear(fx); // the second check was counted above already
  const diff = await fx.host.diff(created.id, urn, created.properties, changed);
  if (diff.changes !== "some" || diff.replaces.length > 0) throw new TypeError(`${kind} change should update in place, diff said ${JSON.stringify(diff)}`);
  record("diff");
  const read = await fx.host.read(created.id, urn, created.properties);
  record("read");
  const updated = await fx.host.update(created.id, urn, read.properties, changed);
  record("update");
  await fx.host.delete(created.id, urn, updated.properties);
  record("delete");
  return observed;
}

export const callsSection: BenchSection = {
  name: "calls",
  async run() {
    const fx = await startFixture();
    const rows: Cell[][] = [];
    const matrix: Cell[][] = [];
    try {
      for (const scenario of SCENARIOS) {
        const observed = await walkLifecycle(fx, scenario);
        matrix.push([scenario.kind, ...OPERATIONS.map((op) => observed.find((o) => o.operation === op)!.requests.length)]);
        for (const operation of Object.keys(scenario.budget) as Operation[]) {
          const { requests } = observed.find((o) => o.operation === operation)!;
          const { target, why } = scenario.budget[operation];
          rows.push([scenario.kind, operation, requests.length, target, requests.length === target ? "yes" : "NO", requests.join(", ") || "-", why]);
        }
      }
    } finally {
      await fx.close();
    }
    return section(
      "Twilio calls per operation",
      "Counted by the emulator's request log while the provider runs in the real dynamic-provider host: a summary, then each operation's requests, target and reason.",
      markdownTable(["resource", ...OPERATIONS], matrix),
      markdownTable(["resource", "operation", "calls", "target", "on target", "requests", "why"], rows),
    );
  },
};
