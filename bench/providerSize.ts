/**
 * Size of the serialized provider (`__provider`) each resource stores in state, twice (inputs and
 * outputs), as a program registers it (under mocks, in its own process), in both forms: the package
 * installed as npm lays it out (state stores the name of the kind's shim module) and linked into a
 * checkout, as in a workspace (state stores the one-function shim's code).
 */
import { runMocksProgram } from "../test/helpers/mocksProgram";
import { makeProjectDir } from "../test/helpers/packageCopy";
import { makeProgramDir } from "../test/helpers/programDir";
import { markdownTable, section, type Cell } from "./markdown";
import type { BenchSection } from "./options";

const TARGET_BYTES = 1024;

/** Bytes of each kind's `__provider` text (UTF-8), by kind. */
function providerBytes(programDir: string): Map<string, number> {
  const registered = runMocksProgram(programDir, "bench-aws-secret-0000000000000000000000");
  return new Map(registered.map((r) => [r.type.split(":").pop()!, Buffer.byteLength(String(r.inputs.__provider), "utf8")]));
}

export const providerSizeSection: BenchSection = {
  name: "size",
  async run() {
    const installed = makeProjectDir();
    const linked = makeProgramDir("ptv-linked-");
    try {
      const byName = providerBytes(installed.dir);
      const asCode = providerBytes(linked.dir);
      const rows: Cell[][] = [...byName.keys()].sort().map((kind) => {
        const worst = Math.max(byName.get(kind)!, asCode.get(kind)!);
        return [kind, byName.get(kind)!, asCode.get(kind)!, "< 1 KB", worst < TARGET_BYTES ? "yes" : "NO"];
      });
      return section(
        "Serialized provider size in state",
        "Bytes of the `__provider` text stored in every resource's state (UTF-8, stored in inputs and in outputs), as a program registers it: with the package installed (a `require` of the kind's shim module) and linked into a checkout (the shim's code).",
        markdownTable(["resource", "installed: bytes", "linked: bytes", "target", "on target"], rows),
      );
    } finally {
      await installed.cleanup();
      linked.cleanup();
    }
  },
};
