// Runs an example program under pulumi.runtime.setMocks in its own node process
// (test/fixtures/examplesMocks.js), with one stack sample's config plus test-only secrets.
import { execFile } from "child_process";
import * as path from "path";
import { loadStackConfig } from "./stackConfig";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const EXAMPLES_DIR = path.join(REPO_ROOT, "examples");
const RUNNER = path.join(REPO_ROOT, "test", "fixtures", "examplesMocks.js");
const TS_NODE = require.resolve("ts-node/register/transpile-only");

export interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}
export interface ResourceState {
  urn: string;
  id: string | null;
  state: Record<string, unknown>;
}

export interface ExampleRun {
  example: string;
  stack: string;
  /** The config the program ran with (secrets included, so never print it). */
  config: Record<string, string>;
  registered: Registered[];
  /** "type::name.key" -> SHA-256 of the plaintext of each secret input (the inputs show "[secret]"). */
  secretDigests: Record<string, string>;
  calls: { token: string; inputs: Record<string, unknown> }[];
  states: ResourceState[];
  exports: Record<string, unknown>;
  /** Everything the run printed: secrets show as "[secret]", so a plaintext secret here leaked. */
  stdout: string;
}

export interface RunOptions {
  /** Secret config values ("ns:key" -> plaintext), set the way `pulumi config set --secret` does. */
  secrets: Record<string, string>;
  /** The AWS secret key the mocked aws.iam.AccessKey returns (as a secret output). */
  awsSecret: string;
}

const redact = (text: string, secrets: string[]) => secrets.reduce((t, s) => t.split(s).join("[redacted]"), text);

export async function runExample(example: string, stack: string, options: RunOptions): Promise<ExampleRun> {
  const dir = path.join(EXAMPLES_DIR, example);
  const stackConfig = loadStackConfig(dir, stack);
  const config = { ...stackConfig.values, ...options.secrets };
  const env = {
    ...process.env,
    TS_NODE_PROJECT: path.join(REPO_ROOT, "tsconfig.json"),
    EXAMPLE_DIR: dir,
    EXAMPLE_PROJECT: stackConfig.project,
    EXAMPLE_STACK: stack,
    EXAMPLE_CONFIG: JSON.stringify(config),
    EXAMPLE_SECRET_KEYS: JSON.stringify(Object.keys(options.secrets)),
    MOCK_AWS_SECRET: options.awsSecret,
  };
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, ["-r", TS_NODE, RUNNER], { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 }, (error, out, err) => {
      if (!error) return resolve(out);
      const secrets = [...Object.values(options.secrets), options.awsSecret];
      reject(new Error(redact(`${example} (stack ${stack}) failed under mocks: ${error.message}\n${err}`, secrets)));
    });
  });
  return { example, stack, config, stdout, ...JSON.parse(stdout) };
}

/** Runs `jobs` with at most `limit` at a time (the examples each load @pulumi/aws: CPU-heavy). */
export async function runLimited<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await jobs[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}
