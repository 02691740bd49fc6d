export { DEFAULT_ACCOUNT, startEmulator } from "./server";
export { ERROR_CODES, EmulatorError } from "./errors";
export type { AccountSpec, Emulator, EmulatorOptions, FaultSpec, LogFilter, RequestLogEntry } from "./types";
export { videoSimulation } from "./simulation/helper";
export type { ClockState, SimCallback, SimParticipant, SimTrack, VideoSimulationClient } from "./simulation/helper";
export { twilioSignature } from "./simulation/callbacks";
