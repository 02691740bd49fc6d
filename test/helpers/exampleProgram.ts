// Runs a program folder under examples/ on the real engine as an inline program, for tests that
// hook into the run through the Automation API: the PulumiFn requires its index.ts (ts-node is
// registered by mocha) and hands its module exports to the engine as stack outputs. The folders
// themselves run through the CLI in test/cli (test/helpers/programFolder.ts).
import { strict as assert } from "assert";
import * as path from "path";
import type { ConfigMap, PulumiFn } from "@pulumi/pulumi/automation";
import { loadStackConfig } from "../examples/stackConfig";

export const EXAMPLES_DIR = path.resolve(__dirname, "..", "..", "examples");

/** The example's index.ts, loaded afresh on every run so each run registers its resources again. */
export function exampleProgram(example: string): PulumiFn {
  const entry = require.resolve(path.join(EXAMPLES_DIR, example, "index.ts"));
  return async () => {
    delete require.cache[entry];
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded afresh on every run (cache entry deleted above), which import cannot do
    const exports = require(entry) as Record<string, unknown>;
    return { ...exports };
  };
}

export interface ExampleStackConfig {
  /** The example's Pulumi.yaml name: the namespace `new pulumi.Config()` reads. */
  project: string;
  config: ConfigMap;
}

/**
 * The config the CLI would give the example's stack (the sample Pulumi.<stack>.yaml plus the
 * project's declared defaults), with `overrides` (plain) and `secrets` ("ns:key" -> value) on top.
 */
export function exampleStackConfig(
  example: string,
  stack: string,
  overrides: Record<string, string>,
  secrets: Record<string, string> = {},
): ExampleStackConfig {
  const loaded = loadStackConfig(path.join(EXAMPLES_DIR, example), stack);
  assert.deepEqual(loaded.missing, [], `${example}/${stack} leaves required keys unset`);
  const config: ConfigMap = {};
  for (const [key, value] of Object.entries({ ...loaded.values, ...overrides })) config[key] = { value };
  for (const [key, value] of Object.entries(secrets)) config[key] = { value, secret: true };
  return { project: loaded.project, config };
}
