/**
 * The Node.js release lines scripts/install-node.sh installs from npm's `node` package, so tests
 * can run the CLI, its language host and the program on a chosen Node (by putting its bin dir first
 * on PATH).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export type NodeMajor = 20 | 22 | 24;

/** The Node majors this package supports (package.json `engines`), each proven by test/cli. */
export const SUPPORTED_NODE_MAJORS: readonly NodeMajor[] = [20, 22, 24];

/** A Node install from scripts/install-node.sh is missing or is not the release line asked for. */
export class NodeReleaseMissingError extends Error {
  constructor(major: NodeMajor, problem: string) {
    super(`Node ${major} is not usable: ${problem}; run scripts/install-node.sh`);
    this.name = new.target.name;
  }
}

/** Mirrors the cache layout of scripts/install-node.sh. */
export function nodeBinDir(major: NodeMajor): string {
  const cacheRoot = process.env.PULUMI_TWILIO_NODE_CACHE ?? path.join(os.homedir(), ".cache", "pulumi-twilio-video", "node");
  return path.join(cacheRoot, `v${major}`, "node_modules", "node", "bin");
}

/** The bin dir holding `node` of release line `major`, checked by running it; the version it reports. */
export function ensureNodeRelease(major: NodeMajor): { binDir: string; version: string } {
  const binDir = nodeBinDir(major);
  const node = path.join(binDir, "node");
  if (!fs.existsSync(node)) throw new NodeReleaseMissingError(major, `${node} does not exist`);
  const version = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
  if (!version.startsWith(`v${major}.`)) throw new NodeReleaseMissingError(major, `${node} reports ${version}`);
  return { binDir, version };
}
