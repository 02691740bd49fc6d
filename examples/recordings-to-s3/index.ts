// The recordings of every room go to an S3 bucket made for them: the RecordingBucket component
// creates the bucket, a writer IAM user that may only put objects under its prefixes, and the Twilio
// AwsCredential of that user; the recording settings point Twilio at it. No composition hook:
// Twilio cannot compose recordings stored in S3 (for composed videos in S3, see the quickstart and
// promotion examples, which keep recordings in Twilio's cloud and send compositions to S3).
import * as pulumi from "@pulumi/pulumi";
import { RecordingBucket, RecordingSettings } from "pulumi-twilio-video";

const config = new pulumi.Config();
const stack = pulumi.getStack();

const media = new RecordingBucket("media", {
  bucketName: config.require("bucketName"),
  recordingsExpireAfterDays: config.requireNumber("recordingsExpireAfterDays"),
  tags: { stack, purpose: "twilio-video-media" },
});

const recordings = new RecordingSettings("recordings", media.recordingSettingsArgs({ friendlyName: `${stack} recordings to S3` }));

export const bucketName = media.bucketName;
export const credentialSid = media.credentialSid;
export const recordingsUrl = recordings.awsS3Url;
