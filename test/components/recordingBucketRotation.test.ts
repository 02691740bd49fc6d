import { strict as assert } from "assert";
import { ProgramRun, only, runRecordingBucketProgram } from "../fixtures/recordingBucketRunner";

const SECRET = "rb-rotation-secret-Ux72mBq0Lk93";
const PREFIX = "urn:pulumi:dev::rb-project::twilio-video:index:RecordingBucket";

describe("RecordingBucket key rotation", () => {
  let before1: ProgramRun;
  let after1: ProgramRun;
  before(async () => {
    [before1, after1] = await Promise.all(
      ["2025-01", "2025-06"].map((keyRotation) =>
        runRecordingBucketProgram({
          args: { bucketName: "acme-media", keyRotation },
          providerRegion: "eu-west-1",
          secret: SECRET,
          withSettings: true,
        }),
      ),
    );
  });

  it("a new keyRotation value gives the access key a new URN (created before the old one is deleted)", () => {
    assert.deepEqual(after1.report.errors, []);
    assert.equal(only(before1.report, "AccessKey").urn, `${PREFIX}$aws:iam/accessKey:AccessKey::media-key-2025-01`);
    assert.equal(only(after1.report, "AccessKey").urn, `${PREFIX}$aws:iam/accessKey:AccessKey::media-key-2025-06`);
  });

  it("keeps the user, its policy and the credential's URN, and feeds the credential the new key (a replacement)", () => {
    for (const type of ["User", "UserPolicy", "AwsCredential", "Bucket", "RecordingSettings"]) {
      assert.equal(only(after1.report, type).urn, only(before1.report, type).urn, type);
    }
    assert.equal(only(before1.report, "AwsCredential").inputs.accessKeyId, "AKIAMEDIAKEY20250100");
    assert.equal(only(after1.report, "AwsCredential").inputs.accessKeyId, "AKIAMEDIAKEY20250600");
    assert.equal(only(after1.report, "AwsCredential").inputs.friendlyName, "media S3 writer (2025-06)");
  });
});

describe("RecordingBucket inputs checked once their values are known", () => {
  it("fails preview naming `region` when it differs from the AWS provider's region, before anything is created", async () => {
    const run = await runRecordingBucketProgram({
      args: { bucketName: "acme-media", region: "us-east-1" },
      providerRegion: "eu-west-1",
      secret: SECRET,
      withSettings: true,
      preview: true,
    });
    const message = `RecordingBucket "media": region "us-east-1" must equal the AWS provider's region "eu-west-1"`;
    assert.ok(run.report.errors.length > 0 && run.report.errors.every((e) => e.endsWith(message)), run.report.errors.join("\n"));
    assert.notEqual(run.exitCode, 0);
    assert.deepEqual(
      run.report.registrations.map((r) => r.type),
      ["twilio-video:index:RecordingBucket"],
    );
  });

  it("fails preview naming `bucketName` when a bucket name given as an Output breaks S3's rules", async () => {
    const run = await runRecordingBucketProgram({
      args: { bucketName: "Acme_Media" },
      bucketNameAsOutput: true,
      providerRegion: "eu-west-1",
      secret: SECRET,
      preview: true,
    });
    const message = `RecordingBucket "media": bucketName "Acme_Media" may contain only lowercase letters, digits, dots and hyphens`;
    assert.ok(run.report.errors.length > 0 && run.report.errors.every((e) => e.endsWith(message)), run.report.errors.join("\n"));
    const registered = run.report.registrations.map((r) => r.type.split(":").pop());
    for (const never of ["Bucket", "UserPolicy", "AwsCredential"]) assert.ok(!registered.includes(never), `${never} was registered`);
  });
});
