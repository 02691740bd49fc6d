// The Twilio Video configuration of account AC00000000000000000000000000000001, as it was live when twilio-video-import read it.
// Each resource adopts its object ({ import }): while the program matches Twilio, `pulumi up` writes nothing there.
// Each is protected, as `pulumi import` writes it: `pulumi destroy` deletes nothing until you remove `protect: true`.
// What Twilio never returns (AWS key pairs, public key PEMs) is read from stack config.
import * as pulumi from "@pulumi/pulumi";
import * as twilio from "pulumi-twilio-video";

const config = new pulumi.Config();

// AWS credentials. Twilio never returns an access key or its secret: both come from stack config.
const mediaBucketWriter = new twilio.AwsCredential(
  "media-bucket-writer",
  {
    friendlyName: "media bucket writer",
    accessKeyId: config.require("mediaBucketWriterAccessKeyId"),
    secretAccessKey: config.requireSecret("mediaBucketWriterSecretAccessKey"),
  },
  { import: "CR00000000000000000000000000000a01", protect: true },
);

// Public keys. Twilio never returns the PEM: it comes from stack config (a public key is not a secret).
new twilio.PublicKey(
  "media-key",
  {
    friendlyName: "media key",
    publicKey: config.require("mediaKeyPublicKey"),
  },
  { import: "CR00000000000000000000000000000b01", protect: true },
);

// Recording settings: one per account, imported by the account SID.
new twilio.RecordingSettings(
  "recording-settings",
  {
    friendlyName: "recordings to S3",
    awsCredentialsSid: mediaBucketWriter.sid,
    awsS3Url: "https://console-media.s3.us-east-1.amazonaws.com/recordings",
    awsStorageEnabled: true,
    encryptionEnabled: false,
  },
  { import: "AC00000000000000000000000000000001", protect: true },
);

// Composition settings: one per account, imported by the account SID.
new twilio.CompositionSettings(
  "composition-settings",
  {
    friendlyName: "compositions to S3",
    awsCredentialsSid: mediaBucketWriter.sid,
    awsS3Url: "https://console-media.s3.us-east-1.amazonaws.com/compositions",
    awsStorageEnabled: true,
    encryptionEnabled: false,
  },
  { import: "AC00000000000000000000000000000001", protect: true },
);

// Composition hooks.
new twilio.CompositionHook(
  "screen-with-camera",
  {
    friendlyName: "screen with camera",
    enabled: true,
    // Twilio cannot compose recordings stored in S3 or encrypted, as this account's are: kept enabled, as it is configured today.
    allowUncomposableRecordings: true,
    videoLayout: {
      main: {
        z_pos: 1,
        video_sources: ["screen-*"],
      },
      pip: {
        x_pos: 960,
        y_pos: 540,
        z_pos: 2,
        width: 320,
        height: 180,
        video_sources: ["camera-*"],
      },
    },
    audioSources: ["*"],
    resolution: "1280x720",
    format: "mp4",
    trim: true,
    statusCallbackMethod: "POST",
  },
  { import: "HK00000000000000000000000000000c01", protect: true },
);

new twilio.CompositionHook(
  "audio-only-paused",
  {
    friendlyName: "audio only (paused)",
    enabled: false,
    audioSources: ["*"],
    resolution: "640x480",
    format: "webm",
    trim: true,
    statusCallbackMethod: "POST",
  },
  { import: "HK00000000000000000000000000000c02", protect: true },
);
