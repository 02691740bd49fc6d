// A throwaway "user program" folder whose node_modules holds this package, the way a user's
// program does, so serialized providers resolve `pulumi-twilio-video/runtime` from it.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT, ensureFreshDist } from "./freshDist";

export { REPO_ROOT };

/** Builds dist/ when it is missing or older than a source (also done before every mocha run). */
export function ensureBuilt(): void {
  ensureFreshDist();
}

/**
 * A temp folder with node_modules/pulumi-twilio-video linked to this repository (its dependencies
 * resolve from the repository's node_modules through the link). Returns the folder; removed by `cleanup`.
 */
export function makeProgramDir(prefix = "ptv-program-"): { dir: string; cleanup(): void } {
  ensureBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  fs.symlinkSync(REPO_ROOT, path.join(dir, "node_modules", "pulumi-twilio-video"), "dir");
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
