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
  if (diff.changes !== "some" || diff.replaces.length > 0)
    throw new TypeError(`${kind} change should update in place, diff said ${JSON.stringify(diff)}`);
  record("diff");
  const read = await fx.host.read(created.id, urn, created.properties);
  record("read");
  const updated = await fx.host.update(created.id, urn, read.properties, changed);
  record("update");
  // Deleted by a provider process of its own, as `pulumi destroy` runs it (in the process that
  // created them, settings would be held by that create: see provider/resources/kit/claims.ts).
  const destroyer = await fx.newHost();
  try {
    requestsSinceClear(fx);
    await destroyer.delete(created.id, urn, updated.properties);
    record("delete");
  } finally {
    await destroyer.close();
  }
  return observed;
}

const KEY_ACCOUNT = {
  accountSid: "AC0000000000000000000000000000be01",
  authToken: "bench-key-account-token",
  apiKeys: [{ sid: "SK0000000000000000000000000000be01", secret: "bench-key-secret" }],
};

/**
 * With an API key, one GET proves the key belongs to the configured account before the first call
 * of a provider process: what that costs for a run that reads two hooks.
 */
async function accountCheckCalls(fx: Fixture): Promise<string[]> {
  fx.emulator.addAccount(KEY_ACCOUNT);
  const host = await fx.newHost();
  try {
    await host.configure({
      "twilio:accountSid": KEY_ACCOUNT.accountSid,
      "twilio:apiKey": KEY_ACCOUNT.apiKeys[0].sid,
      "twilio:apiSecret": KEY_ACCOUNT.apiKeys[0].secret,
      "twilio:endpoint": fx.emulator.url,
    });
    requestsSinceClear(fx);
    const hook = {
      friendlyName: "bench key hook",
      audioSources: ["*"],
      enabled: true,
      trim: true,
      format: "webm",
      resolution: "640x480",
      statusCallbackMethod: "POST",
    };
    const urn = fx.urn("CompositionHook", "key");
    const created = await host.create(urn, await fx.withProvider("CompositionHook", hook));
    await host.read(created.id, urn, created.properties);
    return requestsSinceClear(fx);
  } finally {
    await host.close();
  }
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
          rows.push([
            scenario.kind,
            operation,
            requests.length,
            target,
            requests.length === target ? "yes" : "NO",
            requests.join(", ") || "-",
            why,
          ]);
        }
      }
      const keyRun = await accountCheckCalls(fx);
      rows.push([
        "(API key)",
        "first call of a run",
        keyRun.length - 2,
        1,
        keyRun.length - 2 === 1 ? "yes" : "NO",
        keyRun.join(", "),
        "proves the key belongs to twilio:accountSid (create + read of a hook shown with it); an auth token needs none",
      ]);
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
