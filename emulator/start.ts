/** `startEmulator`: the core's server with its three parts, each registering its routes with the core. */
import { registerConfigApi } from "./config/routes";
import { startServer, type EmulatorPart } from "./core/server";
import type { Emulator, EmulatorOptions } from "./core/types";
import { registerMediaV1 } from "./mediaV1/routes";
import { registerVideoRuntime } from "./video/routes";

export { DEFAULT_ACCOUNT } from "./core/server";

const PARTS: EmulatorPart[] = [
  { register: (routes) => registerConfigApi(routes) },
  { register: registerVideoRuntime },
  { register: registerMediaV1 },
];

export function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  return startServer(opts, PARTS);
}
