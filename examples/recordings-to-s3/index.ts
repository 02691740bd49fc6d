// Recordings and compositions of every room go to an S3 bucket made for them: the RecordingBucket
// component creates the bucket, a writer IAM user that may only put objects under the two prefixes,
// and the Twilio AwsCredential of that user; the two settings singletons point Twilio at it, and a
// composition hook composes every completed room.
import * as pulumi from "@pulumi/pulumi";
import { CompositionHook, CompositionSettings, RecordingBucket, RecordingSettings } from "pulumi-twilio-video";

const config = new pulumi.Config();
const stack = pulumi.getStack();

const media = new RecordingBucket("media", {
  bucketName: config.require("bucketName"),
  recordingsExpireAfterDays: config.requireNumber("recordingsExpireAfterDays"),
  compositionsExpireAfterDays: config.requireNumber("compositionsExpireAfterDays"),
  tags: { stack, purpose: "twilio-video-media" },
});

const recordings = new RecordingSettings("recordings", media.recordingSettingsArgs({ friendlyName: `${stack} recordings to S3` }));
const compositions = new CompositionSettings("compositions", media.compositionSettingsArgs({ friendlyName: `${stack} compositions to S3` }));

// Compositions are written with the composition settings, so the hook waits for them.
const statusCallback = config.require("statusCallback");
const hook = new CompositionHook("every-room", {
  friendlyName: `${stack}: compose every room`,
  audioSources: ["*"],
  videoLayout: { grid: { video_sources: ["*"], max_columns: 3 } },
  resolution: "1280x720",
  format: "mp4",
  ...(statusCallback ? { statusCallback } : {}),
}, { dependsOn: [compositions] });

export const bucketName = media.bucketName;
export const credentialSid = media.credentialSid;
export const recordingsUrl = recordings.awsS3Url;
export const compositionsUrl = compositions.awsS3Url;
export const hookSid = hook.sid;
