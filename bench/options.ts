/** Command-line options of `npm run bench`, with the defaults the README numbers use. */

export interface BenchOptions {
  /** Sections to run, by name; empty means all. */
  only: string[];
  /** Hooks per lifecycle in the throughput and CLI sections. @default 200 */
  hooks: number;
  /** Operations in flight (host throughput) and the CLI's `parallel`. @default 10 */
  inFlight: number;
  /** Injected emulator latency for the second throughput run, in ms. @default 50 */
  latencyMs: number;
  /** Cold starts measured per process kind (the median is reported). @default 7 */
  runs: number;
  /** Seconds per operation in the emulator section. @default 3 */
  emulatorSeconds: number;
  /** Requests in flight in the emulator section. @default 16 */
  emulatorConcurrency: number;
  /** Simulated rooms (4 participants each) in the video section. @default 100 */
  rooms: number;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  only: [],
  hooks: 200,
  inFlight: 10,
  latencyMs: 50,
  runs: 7,
  emulatorSeconds: 3,
  emulatorConcurrency: 16,
  rooms: 100,
};

const NUMERIC_FLAGS: Record<string, keyof Omit<BenchOptions, "only">> = {
  "--hooks": "hooks",
  "--in-flight": "inFlight",
  "--latency": "latencyMs",
  "--runs": "runs",
  "--seconds": "emulatorSeconds",
  "--concurrency": "emulatorConcurrency",
  "--rooms": "rooms",
};

/** A flag the benchmark does not know, or a value that is not a positive number. */
export class BenchUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BenchUsageError";
  }
}

export const USAGE = `npm run bench -- [--only calls,size,coldstart,throughput,cli,footprint,emulator,video,accounts,small] [--hooks 200] [--in-flight 10]
                      [--latency 50] [--runs 7] [--seconds 3] [--concurrency 16] [--rooms 100]`;

/** Parses `--flag value` pairs (and `--flag=value`) over the defaults. */
export function parseOptions(argv: string[]): BenchOptions {
  const options: BenchOptions = { ...DEFAULT_OPTIONS, only: [] };
  const args = argv.flatMap((arg) => (arg.startsWith("--") && arg.includes("=") ? arg.split(/=(.*)/s, 2) : [arg]));
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1]];
    if (value === undefined) throw new BenchUsageError(`${flag} needs a value\n${USAGE}`);
    if (flag === "--only") {
      options.only = value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      continue;
    }
    const key = NUMERIC_FLAGS[flag];
    if (!key) throw new BenchUsageError(`unknown flag ${flag}\n${USAGE}`);
    const number = Number(value);
    if (!(number >= 0) || (key !== "latencyMs" && number === 0))
      throw new BenchUsageError(`${flag} must be a positive number, got ${value}`);
    options[key] = number;
  }
  return options;
}

/** One benchmark: `run` returns the markdown it prints (heading, context, tables). */
export interface BenchSection {
  name: string;
  run(options: BenchOptions): Promise<string>;
}
