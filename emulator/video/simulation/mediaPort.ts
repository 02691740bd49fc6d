/** What the simulation uses of the media helpers (emulator/media): one import site. */
export { CloudMediaStore } from "../media/cloudMedia";
export { mediaFile, type MediaContainer } from "../media/containers";
export { MediaStorageError, storeMedia } from "../media/storage";
