import { strict as assert } from "assert";
import { twilioWriterPolicy } from "../../provider/components/recordingBucket/policy";
import { ProgramRun, isSecretValue, only, redactSecrets, runRecordingBucketProgram } from "../fixtures/recordingBucketRunner";
import { withoutProvider } from "../helpers/serializeProvider";

const SECRET = "rb-mock-secret-Ns83kQ0vXz71LpWe";
const KMS_KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const COMPONENT = "twilio-video:index:RecordingBucket";

// The writer cannot abort its own multipart uploads, so S3 does it after a week.
const ABORT_RULE = {
  id: "abort-incomplete-uploads",
  status: "Enabled",
  filter: { prefix: "" },
  abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
};

describe("RecordingBucket: a new bucket (setMocks program in its own process)", () => {
  let run: ProgramRun;
  before(async () => {
    run = await runRecordingBucketProgram({
      args: {
        bucketName: "acme-media",
        region: "eu-west-1",
        tags: { team: "video" },
        recordingsExpireAfterDays: 30,
        compositionsExpireAfterDays: 90,
      },
      providerRegion: "eu-west-1",
      secret: SECRET,
      withSettings: true,
    });
  });

  it("runs without errors", () => {
    assert.deepEqual(run.report.errors, []);
    assert.equal(run.exitCode, 0);
  });

  it("registers the component and its children, each child parented to the component", () => {
    const children = run.report.registrations.filter((r) => r.urn.includes(`${COMPONENT}$`)).map((r) => `${r.type} ${r.name}`);
    assert.deepEqual(children.sort(), [
      "aws:iam/accessKey:AccessKey media-key",
      "aws:iam/user:User media-writer",
      "aws:iam/userPolicy:UserPolicy media-writer-policy",
      "aws:s3/bucket:Bucket media-bucket",
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration media-lifecycle",
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls media-ownership",
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock media-public-access",
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration media-encryption",
      "pulumi-nodejs:dynamic/twilio-video:AwsCredential media-credential",
    ]);
    assert.equal(only(run.report, "RecordingBucket").urn, `urn:pulumi:dev::rb-project::${COMPONENT}::media`);
  });

  it("creates the named bucket in the provider's region with the given tags", () => {
    assert.deepEqual(only(run.report, "Bucket").inputs, {
      bucket: "acme-media",
      region: "eu-west-1",
      forceDestroy: false,
      tags: { team: "video" },
    });
  });

  it("blocks every kind of public access and disables ACLs (bucket owner enforced)", () => {
    assert.deepEqual(only(run.report, "BucketPublicAccessBlock").inputs, {
      bucket: "acme-media",
      region: "eu-west-1",
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    assert.deepEqual(only(run.report, "BucketOwnershipControls").inputs, {
      bucket: "acme-media",
      region: "eu-west-1",
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
  });

  it("encrypts with SSE-S3 (AES256) when no KMS key is given", () => {
    assert.deepEqual(only(run.report, "BucketServerSideEncryptionConfiguration").inputs.rules, [
      { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
    ]);
  });

  it("expires each prefix (and only what is under it) after its own number of days", () => {
    assert.deepEqual(only(run.report, "BucketLifecycleConfiguration").inputs.rules, [
      ABORT_RULE,
      { id: "expire-recordings", status: "Enabled", filter: { prefix: "recordings/" }, expiration: { days: 30 } },
      { id: "expire-compositions", status: "Enabled", filter: { prefix: "compositions/" }, expiration: { days: 90 } },
    ]);
  });

  it("attaches exactly twilioWriterPolicy for the bucket and both prefixes to the writer user", () => {
    const policy = only(run.report, "UserPolicy").inputs;
    assert.equal(policy.user, "media-writer-x9y8z7w");
    assert.deepEqual(
      JSON.parse(String(policy.policy)),
      twilioWriterPolicy({ bucket: "acme-media", prefixes: ["recordings", "compositions"] }),
    );
    assert.deepEqual(only(run.report, "AccessKey").inputs, { user: "media-writer-x9y8z7w" });
  });

  it("makes the Twilio credential from the access key, its secret marked secret", () => {
    const credential = only(run.report, "AwsCredential").inputs;
    assert.equal(credential.accessKeyId, "AKIAMEDIAKEY00000000");
    assert.equal(credential.friendlyName, "media S3 writer");
    assert.ok(isSecretValue(credential.secretAccessKey), "secretAccessKey is sent as a secret");
    assert.equal((credential.secretAccessKey as { value: unknown }).value, SECRET);
  });

  it("marks the access key's secret as a secret output, and keeps the credential SID and URLs plain", () => {
    assert.deepEqual(only(run.report, "AccessKey").additionalSecretOutputs, ["secret", "sesSmtpPasswordV4"]);
    assert.deepEqual(run.report.secrets, {
      accessKeySecret: true,
      credentialSecretAccessKeyHash: true,
      bucketName: false,
      bucketArn: false,
      region: false,
      credentialSid: false,
      recordingsUrl: false,
      compositionsUrl: false,
    });
  });

  it("shows the secret nowhere outside a secret: inputs, stored state, component outputs, program output", () => {
    const everything = JSON.stringify(redactSecrets(run.report));
    for (const leak of [SECRET, `smtp-${SECRET}`]) assert.ok(!everything.includes(leak), `plain ${leak} in the report`);
    assert.ok(!run.stderr.includes(SECRET), "secret in the program's stderr");
    // The check above is meaningful: the secret is there, inside secret markers.
    assert.ok(JSON.stringify(run.report).includes(SECRET));
  });

  it("outputs the bucket, the credential SID and https://BUCKET.s3.REGION.amazonaws.com/PREFIX URLs", () => {
    const expected = {
      bucketName: "acme-media",
      bucketArn: "arn:aws:s3:::acme-media",
      region: "eu-west-1",
      credentialSid: "CR" + "c".repeat(32),
      recordingsUrl: "https://acme-media.s3.eu-west-1.amazonaws.com/recordings",
      compositionsUrl: "https://acme-media.s3.eu-west-1.amazonaws.com/compositions",
    };
    assert.deepEqual(run.report.componentOutputs, expected);
    assert.deepEqual(run.report.registeredOutputs, [{ urn: `urn:pulumi:dev::rb-project::${COMPONENT}::media`, outputs: expected }]);
  });

  it("wires RecordingSettings and CompositionSettings in one line each", () => {
    const recording = withoutProvider(only(run.report, "RecordingSettings").inputs);
    assert.deepEqual(recording, {
      friendlyName: "prod",
      awsCredentialsSid: "CR" + "c".repeat(32),
      awsS3Url: "https://acme-media.s3.eu-west-1.amazonaws.com/recordings",
      awsStorageEnabled: true,
    });
    const composition = withoutProvider(only(run.report, "CompositionSettings").inputs);
    assert.deepEqual(composition, {
      friendlyName: "media compositions",
      awsCredentialsSid: "CR" + "c".repeat(32),
      awsS3Url: "https://acme-media.s3.eu-west-1.amazonaws.com/compositions",
      awsStorageEnabled: true,
    });
  });
});

describe("RecordingBucket: variants", () => {
  let kms: ProgramRun;
  let existing: ProgramRun;
  let autoNamed: ProgramRun;
  before(async () => {
    [kms, existing, autoNamed] = await Promise.all([
      runRecordingBucketProgram({ args: { bucketName: "acme-kms", kmsKeyArn: KMS_KEY }, providerRegion: "eu-west-1", secret: SECRET }),
      runRecordingBucketProgram({
        args: { existingBucketName: "legacy-media", recordingsPrefix: "video/rec", compositionsPrefix: "video/comp" },
        providerRegion: "us-west-2",
        secret: SECRET,
      }),
      runRecordingBucketProgram({ args: {}, providerRegion: "ap-southeast-2", secret: SECRET }),
    ]);
  });

  it("encrypts with SSE-KMS and a bucket key, and lets the writer use that key", () => {
    assert.deepEqual(kms.report.errors, []);
    assert.deepEqual(only(kms.report, "BucketServerSideEncryptionConfiguration").inputs.rules, [
      { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KMS_KEY }, bucketKeyEnabled: true },
    ]);
    assert.deepEqual(
      JSON.parse(String(only(kms.report, "UserPolicy").inputs.policy)),
      twilioWriterPolicy({ bucket: "acme-kms", prefixes: ["recordings", "compositions"], kmsKeyArn: KMS_KEY }),
    );
  });

  it("only aborts abandoned multipart uploads when no expiry is asked for", () => {
    assert.deepEqual(only(kms.report, "BucketLifecycleConfiguration").inputs.rules, [ABORT_RULE]);
  });

  it("uses an existing bucket without registering any bucket resource", () => {
    assert.deepEqual(existing.report.errors, []);
    assert.deepEqual(
      existing.report.registrations.filter((r) => r.type.startsWith("aws:s3/")),
      [],
    );
    assert.deepEqual(existing.report.registrations.map((r) => r.type.split(":").pop()).sort(), [
      "AccessKey",
      "AwsCredential",
      "RecordingBucket",
      "User",
      "UserPolicy",
    ]);
    assert.deepEqual(
      JSON.parse(String(only(existing.report, "UserPolicy").inputs.policy)),
      twilioWriterPolicy({ bucket: "legacy-media", prefixes: ["video/rec", "video/comp"] }),
    );
    assert.deepEqual(existing.report.componentOutputs, {
      bucketName: "legacy-media",
      bucketArn: "arn:aws:s3:::legacy-media",
      region: "us-west-2",
      credentialSid: "CR" + "c".repeat(32),
      recordingsUrl: "https://legacy-media.s3.us-west-2.amazonaws.com/video/rec",
      compositionsUrl: "https://legacy-media.s3.us-west-2.amazonaws.com/video/comp",
    });
  });

  it("lets Pulumi auto-name the bucket and builds the URLs from the name it got", () => {
    assert.deepEqual(autoNamed.report.errors, []);
    assert.deepEqual(only(autoNamed.report, "Bucket").inputs, { region: "ap-southeast-2", forceDestroy: false });
    assert.equal(
      autoNamed.report.componentOutputs.recordingsUrl,
      "https://media-bucket-a1b2c3d.s3.ap-southeast-2.amazonaws.com/recordings",
    );
    assert.deepEqual(
      JSON.parse(String(only(autoNamed.report, "UserPolicy").inputs.policy)),
      twilioWriterPolicy({ bucket: "media-bucket-a1b2c3d", prefixes: ["recordings", "compositions"] }),
    );
  });
});

describe("RecordingBucket with { provider }: a Twilio Provider reaches its Twilio child only", () => {
  let run: ProgramRun;
  before(async () => {
    run = await runRecordingBucketProgram({
      args: { bucketName: "other-media", region: "eu-west-1" },
      providerRegion: "eu-west-1",
      secret: SECRET,
      twilioProvider: true,
    });
  });

  it("registers the AwsCredential under the Provider and every AWS child under AWS's default provider", () => {
    assert.deepEqual(run.report.errors, []);
    const credential = only(run.report, "AwsCredential");
    assert.match(String(credential.provider), /::pulumi:providers:pulumi-nodejs::other-account::/);
    const aws = run.report.registrations.filter((r) => r.type.startsWith("aws:"));
    assert.ok(aws.length >= 5);
    for (const child of aws) assert.doesNotMatch(String(child.provider ?? ""), /other-account/, `${child.type} ${child.name}`);
  });
});
