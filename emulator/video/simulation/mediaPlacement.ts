/** Where a finished recording's or composition's bytes go: the account's settings at that moment decide. */
import type { SettingsRecord } from "../../core/state";
import type { MediaPlacement } from "../model";
import type { SimulationCore } from "./core";
import { MediaStorageError, storeMedia } from "../media/storage";

export type PlacementResult = MediaPlacement | { failure: { code: number; message: string } };

/** Store bytes where the account's settings say now; a storage refusal becomes a failure. */
export async function placeMedia(
  core: SimulationCore,
  accountSid: string,
  sid: string,
  ext: string,
  bytes: Buffer,
  kind: "recordingSettings" | "compositionSettings",
): Promise<PlacementResult> {
  const store = core.state.store(accountSid);
  const settings: SettingsRecord = store[kind] ?? {
    friendlyName: null,
    awsCredentialsSid: null,
    awsS3Url: null,
    awsStorageEnabled: false,
    encryptionKeySid: null,
    encryptionEnabled: false,
  };
  try {
    const stored = await storeMedia(
      accountSid,
      sid,
      ext,
      bytes,
      {
        settings,
        credential: store.awsCredentials.find((c) => c.sid === settings.awsCredentialsSid),
        publicKey: store.publicKeys.find((k) => k.sid === settings.encryptionKeySid),
        s3Endpoint: core.s3Endpoint,
      },
      core.cloud,
    );
    return {
      location: stored.location,
      bucket: stored.bucket,
      key: stored.key,
      size: stored.size,
      encrypted: stored.encrypted,
      externalLocation:
        stored.location === "s3" && settings.awsS3Url ? `${settings.awsS3Url.replace(/\/+$/, "")}/${sid}.${ext}` : undefined,
    };
  } catch (error) {
    if (error instanceof MediaStorageError) return { failure: { code: error.code, message: error.message } };
    throw error;
  }
}
