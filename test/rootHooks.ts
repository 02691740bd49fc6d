// Registered in .mocharc.json `require`: before any test file runs, dist/ is rebuilt if a source
// is newer than it (test/helpers/freshDist.ts), for single-file runs as for `npm test`.
import { ensureFreshDist } from "./helpers/freshDist";

export function mochaGlobalSetup(): void {
  ensureFreshDist();
}
