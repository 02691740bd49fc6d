// dist/ as the tests load it (serialized providers require pulumi-twilio-video/runtime, package
// copies take dist/), rebuilt when a source under provider/ or emulator/ is newer than its output,
// so `npx mocha test/x.test.ts` after an edit tests the edit and not the last build.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
const SOURCE_DIRS = ["provider", "emulator"];
/** Inputs of every output: a changed compiler setting rebuilds too. */
const BUILD_CONFIGS = ["tsconfig.json", "tsconfig.build.json"];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

const mtimeOf = (file: string): number | undefined => {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
};

/**
 * The first source whose compiled .js is missing or older than it (or than a tsconfig), or
 * undefined when dist/ is fresh. One stat per source and output: milliseconds.
 */
export function staleSource(root = REPO_ROOT): string | undefined {
  const configTime = Math.max(...BUILD_CONFIGS.map((file) => mtimeOf(path.join(root, file)) ?? 0));
  for (const dir of SOURCE_DIRS) {
    for (const source of sourceFiles(path.join(root, dir))) {
      const relative = path.relative(root, source);
      const output = mtimeOf(path.join(root, "dist", relative.replace(/\.ts$/, ".js")));
      if (output === undefined || output < Math.max(mtimeOf(source) ?? 0, configTime)) return relative;
    }
  }
  return undefined;
}

/** Runs `tsc -p tsconfig.build.json` when dist/ is stale; a failed build throws (tests would load old code). */
export function ensureFreshDist(root = REPO_ROOT): void {
  const stale = staleSource(root);
  if (stale === undefined) return;
  process.stderr.write(`dist/ is older than ${stale}: building (tsc -p tsconfig.build.json)\n`);
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
}
