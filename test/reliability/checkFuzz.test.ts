import { strict as assert } from "assert";
import fc from "fast-check";
import { startEmulator, type Emulator } from "../../emulator";
import { KINDS, type KindName } from "../../provider/resources/registry";
import { configure, invoke } from "../../provider/runtime";
import { useFixture, stackConfig, type Fixture } from "../resources/fixture";
import { invalidInputs, type InvalidCase } from "./invalidInputs";
import { FUZZ_SPECS } from "./resourceCorruptions";

const SEED = 20240607;
const RUNS_PER_RESOURCE = 10_000;
const HOST_SAMPLE = 50;
const RESOURCES = Object.keys(KINDS) as KindName[];

type Failure = { property: string; reason: string };

function caseArbitrary(kind: KindName): fc.Arbitrary<InvalidCase> {
  const spec = FUZZ_SPECS[kind];
  return invalidInputs(spec.valid, spec.slots, Object.keys(KINDS[kind].spec.inputs));
}

const sorted = (failures: Failure[]) => failures.map((f) => `${f.property}: ${f.reason}`).sort();

/** Every failure names a field of the resource (or the unknown key given) and a rule about it. */
function assertNamesFieldAndRule(kind: KindName, c: InvalidCase, failures: Failure[]): void {
  const context = () => `${kind} ${JSON.stringify(c.news)} -> ${JSON.stringify(failures)}`;
  assert.ok(failures.length > 0, `accepted an invalid input: ${context()}`);
  const allowed = new Set([...Object.keys(KINDS[kind].spec.inputs), ...c.unknownKeys]);
  const named = new Set<string>();
  for (const { property, reason } of failures) {
    const root = property.split(".")[0];
    assert.ok(allowed.has(root), `failure names ${JSON.stringify(property)}, not an input: ${context()}`);
    assert.ok(reason.startsWith(`${property} `) && reason.length > property.length + 4, `reason names no rule: ${context()}`);
    named.add(root);
  }
  for (const field of [...c.expected, ...c.unknownKeys]) assert.ok(named.has(field), `${field} was corrupted but not named: ${context()}`);
  const secret = c.news.secretAccessKey;
  if (typeof secret === "string" && secret.length >= 4) {
    assert.ok(
      failures.every((f) => !f.reason.includes(secret)),
      `the secret appears in a failure: ${context()}`,
    );
  }
}

describe("reliability: check refuses generated invalid inputs, naming the field and the rule, with no Twilio call", () => {
  console.log(`      fast-check seed ${SEED}, ${RUNS_PER_RESOURCE} runs per resource, ${HOST_SAMPLE} through the host`);

  describe("through the runtime entry point (what the host's shim calls)", () => {
    let emulator: Emulator;
    before(async () => {
      emulator = await startEmulator();
      const config = stackConfig(emulator.url);
      for (const kind of RESOURCES) await configure(kind, { config: { get: (key: string) => config[key] } });
    });
    after(() => emulator.close());

    it("accepts each resource's valid base input (so every corruption is what makes a case invalid)", async () => {
      for (const kind of RESOURCES) {
        const result = (await invoke(kind, "check", [{}, FUZZ_SPECS[kind].valid])) as { failures: Failure[] };
        assert.deepEqual(result.failures, [], kind);
      }
    });

    for (const kind of RESOURCES) {
      it(`${kind}: ${RUNS_PER_RESOURCE} invalid inputs, every one refused by name, zero requests to Twilio`, async () => {
        let failuresSeen = 0;
        const started = Date.now();
        await fc.assert(
          fc.asyncProperty(caseArbitrary(kind), async (c) => {
            // Any exception (ProviderError or not) is a crash here: check must answer with failures.
            const result = (await invoke(kind, "check", [{}, c.news])) as { failures: Failure[] };
            assertNamesFieldAndRule(kind, c, result.failures);
            failuresSeen += result.failures.length;
          }),
          { seed: SEED, numRuns: RUNS_PER_RESOURCE },
        );
        console.log(`      ${kind}: ${RUNS_PER_RESOURCE} cases, ${failuresSeen} failures reported, ${Date.now() - started} ms`);
        assert.equal(emulator.log.count(), 0);
      });
    }
  });

  describe("through the real dynamic-provider host over gRPC", () => {
    let fx: Fixture;
    useFixture((f) => (fx = f));

    for (const kind of RESOURCES) {
      it(`${kind}: ${HOST_SAMPLE} invalid inputs get the same failures as in process, zero requests to Twilio`, async () => {
        const samples = fc.sample(caseArbitrary(kind), { seed: SEED, numRuns: HOST_SAMPLE });
        const urn = fx.urn(kind, "fuzzed");
        for (const c of samples) {
          const viaHost = await fx.host.check(urn, {}, await fx.withProvider(kind, c.news));
          // The host carries values through a protobuf Struct, which sorts keys (so failures may come
          // in another order): compare, as sets, with the same input as JSON.
          const inProcess = (await invoke(kind, "check", [{}, JSON.parse(JSON.stringify(c.news))])) as { failures: Failure[] };
          assert.deepEqual(sorted(viaHost.failures), sorted(inProcess.failures), JSON.stringify(c.news));
          assertNamesFieldAndRule(kind, c, viaHost.failures);
        }
        assert.equal(fx.emulator.log.count(), 0);
      });
    }
  });
});
