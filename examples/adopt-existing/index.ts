// Takes over objects that were configured in the Twilio console: one composition hook (by SID) and
// the account's recording and composition settings. Adoption reads each object, then updates it to
// the configuration below; nothing is recreated, and an object that already matches is not written.
import * as pulumi from "@pulumi/pulumi";
import { CompositionHook, CompositionSettings, RecordingSettings } from "pulumi-twilio-video";

const config = new pulumi.Config();
const credentialSid = config.require("credentialSid");

// Adopted objects were there before this stack: by default `pulumi destroy` hands them back
// untouched instead of deleting the hook and switching S3 storage off.
const opts: pulumi.CustomResourceOptions = { retainOnDelete: config.requireBoolean("retainOnDestroy") };

// The hook composes only recordings Twilio stores itself, unencrypted: adopting the recording
// settings switches S3 storage of recordings off (compositions still go to S3 below).
const recordings = new RecordingSettings(
  "recordings",
  {
    adoptExisting: true,
    friendlyName: "recordings in Twilio's cloud",
    awsStorageEnabled: false,
    encryptionEnabled: false,
  },
  opts,
);

// Saved after the recording settings: the hook's create checks the live ones.
const hook = new CompositionHook(
  "console-hook",
  {
    adoptSid: config.require("hookSid"),
    friendlyName: config.require("hookFriendlyName"),
    audioSources: ["*"],
    videoLayout: { grid: { video_sources: ["*"] } },
    resolution: "1280x720",
    format: "mp4",
  },
  { ...opts, dependsOn: [recordings] },
);

const compositions = new CompositionSettings(
  "compositions",
  {
    adoptExisting: true,
    friendlyName: "compositions to S3",
    awsCredentialsSid: credentialSid,
    awsS3Url: config.require("compositionsUrl"),
    awsStorageEnabled: true,
  },
  opts,
);

export const hookSid = hook.sid;
export const recordingsStorageEnabled = recordings.awsStorageEnabled;
export const compositionsStorage = compositions.awsS3Url;
