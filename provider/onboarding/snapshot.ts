/**
 * The Twilio reads of twilio-video-import: one account's Video configuration as it is live. Five
 * read calls (the hook and credential lists follow their pages), through the client and its retry
 * layer; nothing is ever written.
 */
import type { CompositionHook, Credential, TwilioClient, VideoSettings } from "../twilio";

export interface AccountSnapshot {
  /** The account the credential reached (the settings' `account_sid`). */
  accountSid: string;
  compositionHooks: CompositionHook[];
  recordingSettings: VideoSettings;
  compositionSettings: VideoSettings;
  awsCredentials: Credential[];
  publicKeys: Credential[];
}

export async function readSnapshot(client: TwilioClient): Promise<AccountSnapshot> {
  const [compositionHooks, recordingSettings, compositionSettings, awsCredentials, publicKeys] = await Promise.all([
    client.video.compositionHooks.list(),
    client.video.recordingSettings.fetch(),
    client.video.compositionSettings.fetch(),
    client.accounts.awsCredentials.list(),
    client.accounts.publicKeys.list(),
  ]);
  return { accountSid: recordingSettings.accountSid, compositionHooks, recordingSettings, compositionSettings, awsCredentials, publicKeys };
}
