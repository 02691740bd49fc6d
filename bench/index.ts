/**
 * `npm run bench`: every benchmark section in turn, each printed as markdown as soon as it ends.
 *
 *   npm run bench -- --only calls,size --hooks 20
 */
import { accountsSection } from "./accounts";
import { callsSection } from "./calls";
import { cliSection } from "./cli";
import { emulatorSection } from "./emulator";
import { footprintSection } from "./footprint";
import { coldStartSection } from "./coldStart";
import { BenchUsageError, parseOptions, type BenchSection } from "./options";
import { machineSummary } from "./machine";
import { providerSizeSection } from "./providerSize";
import { smallSection } from "./small";
import { throughputSection } from "./throughput";
import { videoPipelineSection } from "./videoPipeline";

const SECTIONS: BenchSection[] = [
  callsSection,
  providerSizeSection,
  coldStartSection,
  throughputSection,
  cliSection,
  footprintSection,
  emulatorSection,
  videoPipelineSection,
  accountsSection,
  smallSection,
];

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const unknown = options.only.filter((name) => !SECTIONS.some((s) => s.name === name));
  if (unknown.length > 0)
    throw new BenchUsageError(`unknown section ${unknown.join(", ")}; sections: ${SECTIONS.map((s) => s.name).join(", ")}`);
  console.log(machineSummary(options));
  for (const benchSection of SECTIONS) {
    if (options.only.length > 0 && !options.only.includes(benchSection.name)) continue;
    console.log(await benchSection.run(options));
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error instanceof BenchUsageError ? error.message : (error.stack ?? error.message));
    process.exit(1);
  },
);
