export { DEFAULT_ACCOUNT, startEmulator } from "./start";
export { ERROR_CODES, EmulatorError } from "./core/errors";
export type { AccountSpec, ConsoleSeed, Emulator, EmulatorOptions, FaultSpec, LogFilter, RequestLogEntry } from "./core/types";
export { videoSimulation } from "./video/client";
export type { ClockState, SimCallback, SimParticipant, SimTrack, VideoSimulationClient } from "./video/client";
export { twilioSignature } from "./video/simulation/callbacks";
// Media bytes: containers, Twilio's encryption envelope, where media is stored.
export { mediaFile, type MediaContainer, type MediaSpec } from "./video/media/containers";
export { encryptMedia, type EncryptedMedia } from "./video/media/encryption";
export { MediaStorageError, MEDIA_ERROR_CODES, storeMedia, type MediaDestination, type StoredMedia } from "./video/media/storage";
export { CloudMediaStore, type CloudMediaObject } from "./video/media/cloudMedia";
