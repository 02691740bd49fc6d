export { DEFAULT_ACCOUNT, startEmulator } from "./server";
export { ERROR_CODES, EmulatorError } from "./errors";
export type { AccountSpec, Emulator, EmulatorOptions, FaultSpec, LogFilter, RequestLogEntry } from "./types";
