/**
 * The Twilio side of RecordingBucket: what the component registers (run under mocks, with the mocked
 * access key made known to a real local S3 server) is fed to the real providers over the
 * dynamic-provider host, against the emulator. Switching storage on makes the emulator, like Twilio,
 * write a test object with the stored credential under the component's prefix.
 */
import { strict as assert } from "assert";
import { readdirSync } from "fs";
import { join } from "path";
import type { PropertyBag } from "../helpers/providerHost";
import { startLocalS3, type LocalS3 } from "../helpers/localS3";
import { isSecretValue, only, runRecordingBucketProgram, type ProgramRun } from "../fixtures/recordingBucketRunner";
import { resourceOps, startFixture, withoutProvider, type Fixture } from "../resources/fixture";

const BUCKET = "acme-media-writes";
// The mocked AccessKey's id for a component named "media" (see recordingBucketProgram.ts).
const ACCESS_KEY_ID = "AKIAMEDIAKEY00000000";
const AWS_SECRET = "component/Writer+Secret=2026".padEnd(40, "0"); // shaped as AWS secrets are (Twilio 70106)

/** The registered value of a secret input, unwrapped. */
function plain(value: unknown): unknown {
  return isSecretValue(value) ? (value as { value: unknown }).value : value;
}

describe("RecordingBucket: Twilio writes with the component's credential into a real local S3", function () {
  this.timeout(120_000);
  let run: ProgramRun;
  let s3: LocalS3;
  let fx: Fixture;

  before(async () => {
    run = await runRecordingBucketProgram({
      args: { bucketName: BUCKET },
      providerRegion: "us-east-1",
      secret: AWS_SECRET,
      withSettings: true,
    });
    assert.deepEqual(run.report.errors, []);
    s3 = await startLocalS3({ buckets: [BUCKET], keyPairs: { [ACCESS_KEY_ID]: AWS_SECRET } });
    fx = await startFixture({ s3Endpoint: s3.endpoint });
  });
  after(async () => {
    await fx?.close();
    await s3?.close();
  });

  const create = async (kind: string, props: PropertyBag) => (await resourceOps(fx, kind).create(props)).created;

  const objectsUnder = (prefix: string) =>
    readdirSync(join(s3.directory, BUCKET, prefix)).filter((name) => name.endsWith("._S3rver_object"));

  it("stores the component's key in Twilio and switches storage on for recordings and compositions", async () => {
    const credentialInputs = only(run.report, "AwsCredential").inputs;
    assert.equal(credentialInputs.accessKeyId, ACCESS_KEY_ID);
    assert.ok(isSecretValue(credentialInputs.secretAccessKey), "the credential's secret input is a secret");
    const credential = await create("AwsCredential", {
      accessKeyId: credentialInputs.accessKeyId,
      // The engine unwraps secrets for the dynamic-provider host (it does not accept secrets).
      secretAccessKey: plain(credentialInputs.secretAccessKey),
      friendlyName: credentialInputs.friendlyName,
    });
    assert.ok(!JSON.stringify(credential.properties).includes(AWS_SECRET));

    for (const [kind, prefix] of [
      ["RecordingSettings", "recordings"],
      ["CompositionSettings", "compositions"],
    ]) {
      const registered = withoutProvider(only(run.report, kind).inputs);
      assert.equal(registered.awsS3Url, `https://${BUCKET}.s3.us-east-1.amazonaws.com/${prefix}`);
      assert.equal(registered.awsStorageEnabled, true);
      fx.emulator.log.clear();
      const settings = await create(kind, { ...registered, awsCredentialsSid: credential.id });
      assert.equal(settings.properties.awsStorageEnabled, true);
      assert.equal(settings.properties.awsCredentialsSid, credential.id);
      assert.deepEqual(fx.calls(), [`GET /v1/${kind}/Default`, `POST /v1/${kind}/Default`]);
      const written = objectsUnder(prefix);
      assert.equal(written.length, 1, `one storage-check object under ${prefix}/`);
      assert.match(written[0], /^twilio-storage-check-\d+\.txt\._S3rver_object$/);
    }
  });
});
