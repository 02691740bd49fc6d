/**
 * test/fixtures/mocksProgram.js run as the program of a folder: copied there, so
 * `pulumi-twilio-video` resolves from that folder as it would for a user's program, and run in its
 * own process under `pulumi.runtime.setMocks`. Returns what each resource registered, `__provider`
 * included: the text the engine would store in state.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "./programDir";

export interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

export function runMocksProgram(programDir: string, awsSecret: string): Registered[] {
  fs.copyFileSync(path.join(REPO_ROOT, "test/fixtures/mocksProgram.js"), path.join(programDir, "mocksProgram.js"));
  const out = execFileSync(process.execPath, ["mocksProgram.js"], {
    // NODE_PATH finds @pulumi/pulumi for a folder whose node_modules holds only the package.
    cwd: programDir,
    env: { ...process.env, TEST_AWS_SECRET: awsSecret, NODE_PATH: path.join(REPO_ROOT, "node_modules") },
  }).toString();
  return (JSON.parse(out) as { registered: Registered[] }).registered;
}
