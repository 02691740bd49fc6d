/**
 * The S3 storage check against a real local S3 server (s3rver). s3rver 3.7 checks that the access
 * key exists but does not verify SigV4 signatures, so the test puts a small SigV4-verifying
 * middleware in front of it: a wrong secret is then refused as real S3 refuses it.
 */
import { strict as assert } from "assert";
import aws4 from "aws4";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { startEmulator, type Emulator } from "../../emulator";
import { api } from "./helpers";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require("s3rver");

const S3RVER_SECRETS: Record<string, string> = { S3RVER: "S3RVER" };

interface KoaContext {
  method: string;
  url: string;
  headers: Record<string, string>;
  status: number;
  body: unknown;
  type: string;
}

/** Recompute the SigV4 signature with the known secret; refuse a mismatch like S3 does. */
async function verifySigV4(ctx: KoaContext, next: () => Promise<void>): Promise<void> {
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/([^/]+)\/s3\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]+)$/.exec(
    ctx.headers.authorization ?? "",
  );
  const secret = match ? S3RVER_SECRETS[match[1]] : undefined;
  if (match && secret) {
    const headers: Record<string, string> = {};
    for (const name of match[3].split(";")) if (name !== "host") headers[name] = ctx.headers[name];
    const expected = aws4.sign(
      { host: ctx.headers.host, method: ctx.method, path: ctx.url, service: "s3", region: match[2], headers },
      { accessKeyId: match[1], secretAccessKey: secret },
    );
    if (!String(expected.headers?.Authorization).endsWith(`Signature=${match[4]}`)) {
      ctx.status = 403;
      ctx.type = "application/xml";
      ctx.body = "<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message></Error>";
      return;
    }
  }
  await next();
}

describe("emulator: S3 storage check against a local S3 server", () => {
  let dir: string;
  let s3: { run(): Promise<{ port: number }>; close(): Promise<void>; middleware: unknown[] };
  let emulator: Emulator;
  const S3_URL = "https://recordings-bucket.s3.us-east-1.amazonaws.com/video/compositions";

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "s3rver-"));
    s3 = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: dir, configureBuckets: [{ name: "recordings-bucket" }] });
    s3.middleware.unshift(verifySigV4);
    const { port } = await s3.run();
    emulator = await startEmulator({ s3Endpoint: `http://127.0.0.1:${port}` });
  });
  afterEach(() => emulator.reset());
  after(async () => {
    await emulator.close();
    await s3.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function enableStorage(credentials: string, awsS3Url: string) {
    const cred = await api(emulator, "POST", "/v1/Credentials/AWS", { form: { Credentials: credentials } });
    return api(emulator, "POST", "/v1/CompositionSettings/Default", {
      form: { FriendlyName: "s3", AwsCredentialsSid: cred.body.sid, AwsS3Url: awsS3Url, AwsStorageEnabled: true },
    });
  }

  it("writes a signed test object under the prefix and accepts the settings", async () => {
    const res = await enableStorage("S3RVER:S3RVER", S3_URL);
    assert.equal(res.status, 201);
    assert.equal(res.body.aws_storage_enabled, true);
    const objects = readdirSync(join(dir, "recordings-bucket", "video", "compositions")).filter((f) => f.endsWith("._S3rver_object"));
    assert.equal(objects.length, 1);
    assert.match(objects[0], /^twilio-storage-check-\d+\.txt\._S3rver_object$/);
    const content = readFileSync(join(dir, "recordings-bucket", "video", "compositions", objects[0]), "utf8");
    assert.equal(content, "Twilio storage check: this object may be deleted.\n");
  });

  it("refuses the settings when the secret is wrong, naming the S3 error and never the secret", async () => {
    const res = await enableStorage("S3RVER:WrongSecretValue123", S3_URL);
    assert.equal(res.status, 400);
    assert.equal(res.body.code, 53126);
    assert.equal(
      res.body.message,
      "Invalid parameters AwsS3Url and AwsCredentialsSid: the storage check could not write a test object to bucket 'recordings-bucket' (S3 error SignatureDoesNotMatch, HTTP 403)",
    );
    assert.ok(!JSON.stringify(res.body).includes("WrongSecretValue123"));
    assert.equal((await api(emulator, "GET", "/v1/CompositionSettings/Default")).body.aws_storage_enabled, false);
  });

  it("refuses the settings when the bucket does not exist", async () => {
    const res = await enableStorage("S3RVER:S3RVER", "https://missing-bucket.s3.us-east-1.amazonaws.com/x");
    assert.equal(res.status, 400);
    assert.equal(res.body.code, 53126);
    assert.ok(res.body.message.includes("S3 error NoSuchBucket, HTTP 404"), res.body.message);
  });

  it("refuses the settings when the access key id is unknown", async () => {
    const res = await enableStorage("AKIAUNKNOWN:S3RVER", S3_URL);
    assert.equal(res.status, 400);
    assert.ok(res.body.message.includes("S3 error InvalidAccessKeyId, HTTP 403"), res.body.message);
  });
});
