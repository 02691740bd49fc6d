// Kept so `npm run bench:emulator` works until package.json points at bench/emulator.ts.
import { parseOptions } from "../bench/options";
import { emulatorSection } from "../bench/emulator";

emulatorSection.run(parseOptions(process.argv.slice(2))).then(
  (text) => console.log(text),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
