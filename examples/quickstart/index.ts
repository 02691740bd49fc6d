// The quickstart: an AWS credential, compositions written to S3 with it, and a composition hook.
// Recordings stay in Twilio's cloud: Twilio composes only recordings it stores itself, unencrypted.
// Runs against the local emulator (see the README) or real Twilio, with stack config only.
import * as pulumi from "@pulumi/pulumi";
import { AwsCredential, CompositionHook, CompositionSettings } from "pulumi-twilio-video";

const config = new pulumi.Config("quickstart");
const compositionsUrl = config.get("compositionsUrl") ?? "https://quickstart-media.s3.us-east-1.amazonaws.com/compositions";

const credential = new AwsCredential("compositions-writer", {
  friendlyName: "quickstart compositions writer",
  accessKeyId: config.get("accessKeyId") ?? "AKIAQUICKSTART000001",
  secretAccessKey: config.getSecret("secretAccessKey") ?? pulumi.secret("quickstartnotarealsecretKx7Qw2Zr9Lm4Tp0V"),
});

const compositions = new CompositionSettings("compositions", {
  friendlyName: "quickstart compositions",
  awsCredentialsSid: credential.sid,
  awsS3Url: compositionsUrl,
  awsStorageEnabled: true,
});

// Saved after the composition settings, so no composition lands in Twilio's cloud by accident.
const hook = new CompositionHook(
  "all-rooms",
  {
    friendlyName: "quickstart: compose every room",
    audioSources: ["*"],
    videoLayout: { grid: { video_sources: ["*"], max_columns: 3 } },
    resolution: "1280x720",
    format: "mp4",
  },
  { dependsOn: [compositions] },
);

export const credentialSid = credential.sid;
export const compositionsStorage = compositions.awsS3Url;
export const hookSid = hook.sid;
