import { z } from "zod";
import { SID, awsS3UrlProblem } from "../../twilio/rules";
import { CrossRule, failure } from "../kit/check";
import type { InputsOf, ResourceSpec } from "../kit/fields";
import { importField } from "../kit/importing";

const credentialSid = (what: string) =>
  z.string("must be a string").regex(SID.credential, `must be ${what} SID matching ^CR[0-9a-fA-F]{32}$`);

/**
 * The shared shape of CompositionSettings and RecordingSettings: the account-wide singleton that
 * says where `what` (compositions or recordings) are stored and whether they are encrypted.
 */
function settingsSpec<N extends string>(name: N, what: "compositions" | "recordings", path: string) {
  return {
    name,
    description:
      `The account's ${what} settings (${path}, one per account): external S3 storage and encryption of ${what}. ` +
      `Deleting the resource switches storage and encryption off again (${what} go back to Twilio's cloud).`,
    inputs: {
      friendlyName: {
        schema: z.string("must be a string").min(1, "must not be empty").max(255, "must be at most 255 characters"),
        type: "string",
        required: true,
        description: "A descriptive name shown in the console (Twilio requires it on every change).",
      },
      awsCredentialsSid: {
        schema: credentialSid("an AWS credential"),
        type: "string",
        description: `The AwsCredential (CR...) Twilio writes ${what} to S3 with.`,
      },
      awsS3Url: {
        schema: z.string("must be a string").superRefine((v, ctx) => {
          const problem = awsS3UrlProblem(v);
          if (problem) ctx.addIssue({ code: "custom", message: problem });
        }),
        type: "string",
        description:
          `Where ${what} are written: https://BUCKET.s3-REGION.amazonaws.com/PREFIX (the form Twilio's S3 guide shows), ` +
          "https://BUCKET.s3.REGION.amazonaws.com/PREFIX or https://BUCKET.s3.amazonaws.com/PREFIX.",
      },
      awsStorageEnabled: {
        schema: z.boolean("must be a boolean"),
        type: "boolean",
        default: false,
        description: `Whether ${what} are written to awsS3Url (false: Twilio's cloud).`,
      },
      encryptionKeySid: {
        schema: credentialSid("a public key"),
        type: "string",
        description: `The PublicKey (CR...) ${what} are encrypted with.`,
      },
      encryptionEnabled: {
        schema: z.boolean("must be a boolean"),
        type: "boolean",
        default: false,
        description: `Whether ${what} are stored encrypted with encryptionKeySid.`,
      },
      adoptExisting: {
        schema: z.boolean("must be a boolean"),
        type: "boolean",
        createOnly: true,
        description:
          "Take over settings that are already configured (by the console or another stack). " +
          "Without it, creating refuses to overwrite configured settings that differ. Ignored after creation.",
      },
      importId: importField("the account's SID", SID.account),
    },
    outputs: {
      accountSid: { type: "string", fromId: true, description: "The account these settings belong to: the resource id." },
    },
  } satisfies ResourceSpec;
}

export const compositionSettingsSpec = settingsSpec("CompositionSettings", "compositions", "/v1/CompositionSettings/Default");
export const recordingSettingsSpec = settingsSpec("RecordingSettings", "recordings", "/v1/RecordingSettings/Default");
export type VideoSettingsSpec = typeof compositionSettingsSpec | typeof recordingSettingsSpec;
export type VideoSettingsInputs = InputsOf<typeof compositionSettingsSpec>;

/** Storage needs a credential and a URL; encryption needs a key. Unknown values pass. */
export const videoSettingsRules: CrossRule[] = [
  (known, all) => {
    if (known.awsStorageEnabled !== true) return [];
    return (["awsCredentialsSid", "awsS3Url"] as const)
      .filter((key) => all[key] === undefined)
      .map((key) => failure(key, "is required when awsStorageEnabled is true"));
  },
  (known, all) =>
    known.encryptionEnabled === true && all.encryptionKeySid === undefined
      ? [failure("encryptionKeySid", "is required when encryptionEnabled is true")]
      : [],
];
