// The same program for every environment: everything that differs between dev, staging and prod is
// stack config (the Twilio subaccount and its token, the bucket, retention, whether rooms are
// composed), so a pipeline promotes one reviewed commit by running `pulumi up` stack after stack.
import * as pulumi from "@pulumi/pulumi";
import { CompositionHook, CompositionSettings, RecordingBucket } from "pulumi-twilio-video";

const config = new pulumi.Config();
const environment = config.require("environment");

const media = new RecordingBucket("media", {
  bucketName: config.require("bucketName"),
  compositionsExpireAfterDays: config.requireNumber("compositionsExpireAfterDays"),
  tags: { environment },
});

// Compositions go to the bucket; recordings stay in Twilio's cloud, unencrypted, because Twilio can
// compose only those (no RecordingSettings: an S3 one would leave the hook without compositions).
const compositions = new CompositionSettings(
  "compositions",
  media.compositionSettingsArgs({ friendlyName: `${environment} compositions` }),
);

const hook = new CompositionHook(
  "every-room",
  {
    friendlyName: `${environment}: compose every room`,
    enabled: config.requireBoolean("composeRooms"),
    audioSources: ["*"],
    videoLayout: { grid: { video_sources: ["*"] } },
    resolution: config.require("compositionResolution"),
    format: "mp4",
  },
  { dependsOn: [compositions] },
);

// What this stack is aimed at, for the pipeline log: the Twilio account and API, and the bucket.
const twilio = new pulumi.Config("twilio");
export const twilioAccountSid = twilio.require("accountSid");
export const twilioApi = twilio.get("endpoint") ?? "https://video.twilio.com";
export const bucketName = media.bucketName;
export const compositionsUrl = media.compositionsUrl;
export const hookSid = hook.sid;
