/**
 * Size of the serialized provider (`__provider`) each resource stores in state, produced exactly as
 * `pulumi.dynamic.Resource` does. It is a one-function shim that requires the installed package, so it stays small
 * (it is stored twice per resource, in inputs and outputs).
 */
import { KINDS } from "../provider/resources/registry";
import { shimProvider } from "../provider/resources/kit/shim";
import { serializeProvider } from "../test/helpers/serializeProvider";
import { markdownTable, round, section, type Cell } from "./markdown";
import type { BenchSection } from "./options";

const TARGET_BYTES = 1024;

export const providerSizeSection: BenchSection = {
  name: "size",
  async run() {
    const rows: Cell[][] = [];
    for (const kind of Object.keys(KINDS)) {
      const bytes = Buffer.byteLength(await serializeProvider(shimProvider(kind)), "utf8");
      rows.push([kind, bytes, round(bytes / 1024, 2), "< 1 KB", bytes < TARGET_BYTES ? "yes" : "NO"]);
    }
    return section(
      "Serialized provider size in state",
      "Bytes of the `__provider` text stored in every resource's state (UTF-8), serialized as `pulumi.dynamic.Resource` does.",
      markdownTable(["resource", "bytes", "KB", "target", "on target"], rows),
    );
  },
};
