// The three resources a typical stack starts with: an AWS credential, composition settings writing
// to S3 with it, and a composition hook.
import { AwsCredential, CompositionHook, CompositionSettings } from "pulumi-twilio-video";

const writer = new AwsCredential("credential", {
  accessKeyId: "AKIASMALLSTACK000001",
  secretAccessKey: "smallstackSecretKey00000000000000000000A",
  friendlyName: "writer",
});
new CompositionSettings("compositions", {
  friendlyName: "compositions",
  awsCredentialsSid: writer.sid,
  awsS3Url: "https://small-bench.s3.us-east-1.amazonaws.com/compositions",
  awsStorageEnabled: true,
});
new CompositionHook("hook", { friendlyName: "compose", audioSources: ["*"] });
