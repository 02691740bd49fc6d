export { RecordingBucket, RECORDING_BUCKET_TYPE, s3PrefixUrl, WriterAccessKey, WriterUser } from "./recordingBucket";
export { RecordingBucketArgs, RECORDING_BUCKET_DEFAULTS } from "./args";
export { RecordingBucketArgsError } from "./errors";
export { twilioWriterPolicy, WriterPolicyArgs, PolicyDocument, PolicyStatement } from "./policy";
