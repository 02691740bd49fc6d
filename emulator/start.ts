/**
 * `startEmulator`: the core's server with its four parts, each registering its routes with the core
 * (the configuration API also seeds accounts' console objects).
 */
import { registerAccounts2010 } from "./accounts2010/routes";
import { seedConsoleObjects } from "./config/consoleSeed";
import { registerConfigApi } from "./config/routes";
import { startServer, type EmulatorPart } from "./core/server";
import type { Emulator, EmulatorOptions } from "./core/types";
import { registerMediaV1 } from "./mediaV1/routes";
import { registerVideoRuntime } from "./video/routes";

export { DEFAULT_ACCOUNT } from "./core/server";

const PARTS: EmulatorPart[] = [
  { register: (routes) => registerConfigApi(routes), seed: seedConsoleObjects },
  { register: registerVideoRuntime },
  { register: registerMediaV1 },
  { register: (routes) => registerAccounts2010(routes) },
];

export function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  return startServer(opts, PARTS);
}
