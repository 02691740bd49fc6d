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

/**
 * The account `accountSid`'s configuration. Every object must be of that account: a credential that
 * reaches another one (an API key of another account, say) would write a program importing the
 * wrong account's objects, so it is refused, naming both.
 */
export async function readSnapshot(client: TwilioClient, accountSid: string): Promise<AccountSnapshot> {
  const [compositionHooks, recordingSettings, compositionSettings, awsCredentials, publicKeys] = await Promise.all([
    client.video.compositionHooks.list(),
    client.video.recordingSettings.fetch(),
    client.video.compositionSettings.fetch(),
    client.accounts.awsCredentials.list(),
    client.accounts.publicKeys.list(),
  ]);
  const objects = [...compositionHooks, recordingSettings, compositionSettings, ...awsCredentials, ...publicKeys];
  const foreign = objects.find((o) => o.accountSid !== accountSid);
  if (foreign) {
    throw new Error(
      `Twilio answered with an object of account ${foreign.accountSid}, but the credential names account ${accountSid}; nothing was written`,
    );
  }
  return { accountSid, compositionHooks, recordingSettings, compositionSettings, awsCredentials, publicKeys };
}
