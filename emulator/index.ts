export { DEFAULT_ACCOUNT, startEmulator } from "./server";
export { ERROR_CODES, EmulatorError } from "./errors";
export type { AccountSpec, Emulator, EmulatorOptions, FaultSpec, LogFilter, RequestLogEntry } from "./types";
export { videoSimulation } from "./simulation/helper";
export type { ClockState, SimCallback, SimParticipant, SimTrack, VideoSimulationClient } from "./simulation/helper";
export { twilioSignature } from "./simulation/callbacks";
// Media bytes (issue 14): containers, Twilio's encryption envelope, where media is stored.
export { mediaFile, type MediaContainer, type MediaSpec } from "./media/containers";
export { encryptMedia, type EncryptedMedia } from "./media/encryption";
export { MediaStorageError, MEDIA_ERROR_CODES, storeMedia, type MediaDestination, type StoredMedia } from "./media/storage";
export { CloudMediaStore, type CloudMediaObject } from "./media/cloudMedia";
