/**
 * The S3 storage check against a real local S3 server (s3rver behind a SigV4-verifying middleware,
 * see test/helpers/localS3.ts): a wrong secret is refused as real S3 refuses it.
 */
import { strict as assert } from "assert";
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { startEmulator, type Emulator } from "../../emulator";
import { LOCAL_S3_ACCESS_KEY_ID as KEY_ID, LOCAL_S3_SECRET_ACCESS_KEY as SECRET, startLocalS3, type LocalS3 } from "../helpers/localS3";
import { api } from "./helpers";

describe("emulator: S3 storage check against a local S3 server", () => {
  let dir: string;
  let s3: LocalS3;
  let emulator: Emulator;
  const S3_URL = "https://recordings-bucket.s3.us-east-1.amazonaws.com/video/compositions";

  before(async () => {
    s3 = await startLocalS3({ buckets: ["recordings-bucket"] });
    dir = s3.directory;
    emulator = await startEmulator({ s3Endpoint: s3.endpoint });
  });
  afterEach(() => emulator.reset());
  after(async () => {
    await emulator.close();
    await s3.close();
  });

  async function enableStorage(credentials: string, awsS3Url: string) {
    const cred = await api(emulator, "POST", "/v1/Credentials/AWS", { form: { Credentials: credentials } });
    return api(emulator, "POST", "/v1/CompositionSettings/Default", {
      form: { FriendlyName: "s3", AwsCredentialsSid: cred.body.sid, AwsS3Url: awsS3Url, AwsStorageEnabled: true },
    });
  }

  it("writes a signed test object under the prefix and accepts the settings", async () => {
    const res = await enableStorage(`${KEY_ID}:${SECRET}`, S3_URL);
    assert.equal(res.status, 200);
    assert.equal(res.body.aws_storage_enabled, true);
    const objects = readdirSync(join(dir, "recordings-bucket", "video", "compositions")).filter((f) => f.endsWith("._S3rver_object"));
    assert.equal(objects.length, 1);
    assert.match(objects[0], /^twilio-storage-check-\d+\.txt\._S3rver_object$/);
    const content = readFileSync(join(dir, "recordings-bucket", "video", "compositions", objects[0]), "utf8");
    assert.equal(content, "Twilio storage check: this object may be deleted.\n");
  });

  it("writes under the AwsS3Url path exactly as written, where media of those settings is written", async () => {
    // `%20` and `+` stay literal in the key (docs/twilio-behaviour.md): media storage uses the same prefix.
    const res = await enableStorage(`${KEY_ID}:${SECRET}`, "https://recordings-bucket.s3.us-east-1.amazonaws.com/video%20raw/a+b");
    assert.equal(res.status, 200);
    const objects = readdirSync(join(dir, "recordings-bucket"), { recursive: true, encoding: "utf8" }).filter(
      (f) => f.includes("twilio-storage-check-") && f.endsWith("._S3rver_object") && !f.startsWith("video/"),
    );
    assert.equal(objects.length, 1, objects.join(", "));
    assert.match(objects[0], /^video%20raw\/a\+b\/twilio-storage-check-\d+\.txt\._S3rver_object$/);
  });

  it("refuses the settings when the secret is wrong, naming the S3 error and never the secret", async () => {
    const res = await enableStorage(`${KEY_ID}:${"WrongSecret0".padEnd(40, "x")}`, S3_URL);
    assert.equal(res.status, 400);
    assert.equal(res.body.code, 53126);
    assert.equal(
      res.body.message,
      "Invalid parameters AwsS3Url and AwsCredentialsSid: the storage check could not write a test object to bucket 'recordings-bucket' (S3 error SignatureDoesNotMatch, HTTP 403)",
    );
    assert.ok(!JSON.stringify(res.body).includes("WrongSecret0"));
    assert.equal((await api(emulator, "GET", "/v1/CompositionSettings/Default")).body.aws_storage_enabled, false);
  });

  it("refuses the settings when the bucket does not exist", async () => {
    const res = await enableStorage(`${KEY_ID}:${SECRET}`, "https://missing-bucket.s3.us-east-1.amazonaws.com/x");
    assert.equal(res.status, 400);
    assert.equal(res.body.code, 53126);
    assert.ok(res.body.message.includes("S3 error NoSuchBucket, HTTP 404"), res.body.message);
  });

  it("refuses the settings when the access key id is unknown", async () => {
    const res = await enableStorage(`AKIAUNKNOWN000000000:${SECRET}`, S3_URL);
    assert.equal(res.status, 400);
    assert.ok(res.body.message.includes("S3 error InvalidAccessKeyId, HTTP 403"), res.body.message);
  });
});
