// The quickstart: an AWS credential, recordings written to S3 with it, and a composition hook.
// Runs against the local emulator (see the README) or real Twilio, with stack config only.
import * as pulumi from "@pulumi/pulumi";
import { AwsCredential, CompositionHook, RecordingSettings } from "pulumi-twilio-video";

const config = new pulumi.Config("quickstart");
const bucketUrl = config.get("recordingsUrl") ?? "https://quickstart-recordings.s3.us-east-1.amazonaws.com/recordings";

const credential = new AwsCredential("recordings-writer", {
  friendlyName: "quickstart recordings writer",
  accessKeyId: config.get("accessKeyId") ?? "AKIAQUICKSTART000001",
  secretAccessKey: config.getSecret("secretAccessKey") ?? pulumi.secret("quickstartnotarealsecretKx7Qw2Zr9Lm4Tp0V"),
});

const recordings = new RecordingSettings("recordings", {
  friendlyName: "quickstart recordings",
  awsCredentialsSid: credential.sid,
  awsS3Url: bucketUrl,
  awsStorageEnabled: true,
});

const hook = new CompositionHook("all-rooms", {
  friendlyName: "quickstart: compose every room",
  audioSources: ["*"],
  videoLayout: { grid: { video_sources: ["*"], max_columns: 3 } },
  resolution: "1280x720",
  format: "mp4",
});

export const credentialSid = credential.sid;
export const recordingsStorage = recordings.awsS3Url;
export const hookSid = hook.sid;
