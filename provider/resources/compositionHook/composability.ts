/**
 * Twilio cannot compose recordings stored in external S3 or stored encrypted (its "Storing into AWS
 * S3" and "Encrypting your stored media" guides; docs/twilio-behaviour.md). An enabled hook in an
 * account whose recording settings do either never produces a composition: this module says so.
 * Pure: used by the program-side guard (preview) and by the hook's create/update (live settings).
 */

/** The opt-out input: the hook's owner knows compositions will not be produced, and means it. */
export const OPT_OUT = "allowUncomposableRecordings";

export interface HookFacts {
  /** Twilio's default is true. */
  enabled?: boolean;
  allowUncomposableRecordings?: boolean;
}

export interface RecordingStorageFacts {
  awsStorageEnabled?: boolean;
  encryptionEnabled?: boolean;
}

/** Why recordings stored this way cannot be composed, or undefined when they can. */
export function uncomposableBecause(settings: RecordingStorageFacts): string | undefined {
  const reasons = [
    settings.awsStorageEnabled === true ? "stores recordings in external S3 (awsStorageEnabled)" : undefined,
    settings.encryptionEnabled === true ? "encrypts them (encryptionEnabled)" : undefined,
  ].filter((r): r is string => r !== undefined);
  if (reasons.length === 0) return undefined;
  return reasons.length === 2 ? `${reasons[0]} and ${reasons[1]}` : reasons[0].replace("them", "recordings");
}

/** Whether this hook must be checked: it is enabled and its owner did not opt out. */
export function hookNeedsComposableRecordings(hook: HookFacts): boolean {
  return hook.enabled !== false && hook.allowUncomposableRecordings !== true;
}

const PATTERNS =
  "Twilio cannot compose recordings stored in external S3 or stored encrypted, so this hook would never produce a composition. " +
  "Use one of the two patterns Twilio can execute: " +
  "(a) recordings stay in Twilio's cloud, unencrypted (RecordingSettings awsStorageEnabled and encryptionEnabled false, or no RecordingSettings), " +
  "while compositions go to S3 through CompositionSettings (RecordingBucket's compositionSettingsArgs()); or " +
  "(b) recordings go to S3, optionally encrypted (RecordingBucket's recordingSettingsArgs()), with no enabled CompositionHook (enabled: false, or remove it). " +
  `If you really want this hook anyway, set ${OPT_OUT}: true on it.`;

/** The preview refusal: both resources are declared in the program. */
export function programRefusal(hookName: string, settingsName: string, because: string): string {
  return `CompositionHook "${hookName}" is enabled while RecordingSettings "${settingsName}" ${because}: ${PATTERNS}`;
}

/** The create/update refusal: the account's live recording settings (set elsewhere) are the problem. */
export function liveRefusal(friendlyName: string, accountSid: string, because: string): string {
  return (
    `CompositionHook "${friendlyName}" was not saved: account ${accountSid}'s recording settings ` +
    `(/v1/RecordingSettings/Default, set by the console or another stack) ${because}. ${PATTERNS} ` +
    `If a RecordingSettings in this program switches that off, make the hook depend on it ({ dependsOn: [settings] }).`
  );
}
