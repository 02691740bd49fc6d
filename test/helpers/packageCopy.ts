/**
 * Installed copies of this package, the way `npm install pulumi-twilio-video@X` would lay them out,
 * so tests can prove that the serialized providers stored in state run whatever copy the program's
 * directory holds: another checkout's own install, or a later version (an upgrade N -> N+1).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT, ensureBuilt } from "./programDir";

export const PACKAGE_NAME = "pulumi-twilio-video";

/** One call the instrumented runtime of a copy handled (never its arguments: they carry secrets). */
export interface RuntimeCall {
  version: string;
  kind: string;
  method: string;
}

export interface CopyOptions {
  /** Written into the copy's package.json. @default the repository's version */
  version?: string;
  /** Wrap dist/provider/runtime.js so every call is recorded in the copy's runtime-calls.jsonl. */
  instrument?: boolean;
}

const CALLS_FILE = "runtime-calls.jsonl";

/**
 * Logs each runtime call with the version from the copy's own package.json, then delegates to the
 * real runtime: a marker that only this copy can write.
 */
const INSTRUMENTED_RUNTIME = `"use strict";
const fs = require("fs");
const path = require("path");
const real = require("./runtime.real.js");
const version = require("../../package.json").version;
const callsFile = path.join(__dirname, "..", "..", ${JSON.stringify(CALLS_FILE)});
const record = (kind, method) => fs.appendFileSync(callsFile, JSON.stringify({ version, kind, method }) + "\\n");
module.exports = {
  ...real,
  configure: (kind, req) => { record(kind, "configure"); return real.configure(kind, req); },
  invoke: (kind, method, args) => { record(kind, method); return real.invoke(kind, method, args); },
};
`;

/** Copies dist/ and package.json (with `version`) into `targetDir`, as an installed package holds them. */
export function copyPackage(targetDir: string, opts: CopyOptions = {}): void {
  ensureBuilt();
  fs.mkdirSync(targetDir, { recursive: true });
  // As package.json "files" ships it: no source maps.
  fs.cpSync(path.join(REPO_ROOT, "dist"), path.join(targetDir, "dist"), { recursive: true, filter: (src) => !src.endsWith(".map") });
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
  fs.writeFileSync(path.join(targetDir, "package.json"), JSON.stringify({ ...pkg, version: opts.version ?? pkg.version }, null, 2));
  if (opts.instrument) {
    const runtime = path.join(targetDir, "dist", "provider", "runtime.js");
    fs.renameSync(runtime, path.join(path.dirname(runtime), "runtime.real.js"));
    fs.writeFileSync(runtime, INSTRUMENTED_RUNTIME);
  }
}

/** The calls an instrumented copy's runtime recorded, in order, across every process that loaded it. */
export function runtimeCalls(packageDir: string): RuntimeCall[] {
  const file = path.join(packageDir, CALLS_FILE);
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RuntimeCall);
}

export interface ProjectDir {
  dir: string;
  /** node_modules/pulumi-twilio-video: a real directory, not a link into this repository. */
  packageDir: string;
  /** Replaces the installed copy by another version (what `npm install pulumi-twilio-video@next` does). */
  upgrade(opts: CopyOptions): void;
  cleanup(): Promise<void>;
}

/**
 * A fresh project directory, as a new checkout of a user's program after `npm install`: its own
 * node_modules whose pulumi-twilio-video is a copy of the built package (dist + package.json), so
 * nothing resolves this repository's sources or its self-link. The copy's dependencies (and
 * @pulumi/pulumi for the dynamic-provider plugin) are links to this repository's installed ones:
 * npm would install the same versions, and copying ~hundreds of MB per test would only cost time.
 */
export function makeProjectDir(opts: CopyOptions = {}): ProjectDir {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ptv-project-"));
  const packageDir = installPackage(dir, opts);
  return {
    dir,
    packageDir,
    upgrade(next: CopyOptions) {
      fs.rmSync(packageDir, { recursive: true, force: true });
      copyPackage(packageDir, next);
    },
    cleanup: () => fs.promises.rm(dir, { recursive: true, force: true }),
  };
}

/** Lays out `dir`/node_modules as `makeProjectDir` describes; returns the package's directory. */
export function installPackage(dir: string, opts: CopyOptions = {}): string {
  const nodeModules = path.join(dir, "node_modules");
  fs.mkdirSync(nodeModules);
  const repoModules = path.join(REPO_ROOT, "node_modules");
  for (const entry of fs.readdirSync(repoModules)) {
    if (entry === PACKAGE_NAME || entry === ".bin" || entry.startsWith(".package-lock")) continue;
    fs.symlinkSync(path.join(repoModules, entry), path.join(nodeModules, entry), "dir");
  }
  const packageDir = path.join(nodeModules, PACKAGE_NAME);
  copyPackage(packageDir, opts);
  return packageDir;
}
