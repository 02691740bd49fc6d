/**
 * The Twilio writer policy, proven by evaluation: moto (scripts/install-moto.sh) runs with IAM
 * authorization on, the policy is attached to a user, and that user's SigV4-signed S3/KMS calls are
 * allowed or refused by moto's policy engine. No AWS SDK: raw REST/query calls signed with aws4
 * (awsClient in test/helpers/moto.ts).
 *
 * What moto 5.2.5 evaluates (moto/iam/access_control.py, checked by the "moto limits" tests below):
 * Action and NotAction, wildcards, Resource for S3 (bucket and object ARNs), explicit Deny over Allow
 * across all of a user's policies. What it does not:
 * - NotResource: a statement without `Resource` is taken for a trust-policy statement and returns
 *   "permitted" whatever its Effect, so `Deny + NotResource` acts as an Allow of its actions on
 *   everything. The policy's NotResource statements are therefore left out of the evaluated copy.
 * - KMS resources: moto authorizes every KMS call against resource "*", so a statement scoped to a
 *   key ARN never matches, and KMS key scoping cannot be shown here.
 * - Condition blocks (outside trust policies moto has no request context for them), bucket policies,
 *   and S3 calling KMS on the caller's behalf for SSE-KMS uploads (moto's S3 never asks IAM about KMS).
 */
import { strict as assert } from "assert";
import { PolicyDocument, twilioWriterPolicy } from "../../provider/components/recordingBucket/policy";
import { AwsClient, AwsKeys, AwsResponse, MotoServer, ROOT_KEYS, awsClient, startMoto } from "../helpers/moto";

const BUCKET = "twilio-media";
const OTHER_BUCKET = "other-media";
const PREFIXES = ["recordings", "compositions"];
const BROAD_S3_ALLOW: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [{ Sid: "AllowAllOfS3", Effect: "Allow", Action: "s3:*", Resource: "*" }],
};
const BROAD_ALLOW: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [{ Sid: "AllowEverything", Effect: "Allow", Action: "*", Resource: "*" }],
};

let moto: MotoServer;
let iam: AwsClient["iam"];
let kms: AwsClient["kms"];
let s3: AwsClient["s3"];

/** Fails with the status and AWS error code only: bodies can echo request details. */
function expectOk(response: AwsResponse, what: string): AwsResponse {
  assert.ok(response.status < 300, `${what}: ${response.status} ${response.code}`);
  return response;
}

function xmlValue(body: string, tag: string): string {
  const value = new RegExp(`<${tag}>([^<]+)</${tag}>`).exec(body)?.[1];
  assert.ok(value, `no <${tag}> in the response`);
  return value;
}

let userCount = 0;

/** A new IAM user with these inline policies and an access key (created with authorization off). */
function userWithPolicies(...policies: PolicyDocument[]): Promise<AwsKeys> {
  const userName = `twilio-writer-${++userCount}`;
  return moto.asRoot(async () => {
    expectOk(await iam(ROOT_KEYS, "CreateUser", { UserName: userName }), "CreateUser");
    for (const [index, policy] of policies.entries()) {
      expectOk(
        await iam(ROOT_KEYS, "PutUserPolicy", {
          UserName: userName,
          PolicyName: `policy-${index}`,
          PolicyDocument: JSON.stringify(policy),
        }),
        "PutUserPolicy",
      );
    }
    const created = expectOk(await iam(ROOT_KEYS, "CreateAccessKey", { UserName: userName }), "CreateAccessKey");
    return { accessKeyId: xmlValue(created.body, "AccessKeyId"), secretAccessKey: xmlValue(created.body, "SecretAccessKey") };
  });
}

/** The policy minus what moto cannot evaluate (see the header comment). */
function evaluableByMoto(policy: PolicyDocument): PolicyDocument {
  return { ...policy, Statement: policy.Statement.filter((statement) => statement.NotResource === undefined) };
}

function withoutDenies(policy: PolicyDocument): PolicyDocument {
  return { ...policy, Statement: policy.Statement.filter((statement) => statement.Effect === "Allow") };
}

const writerPolicy = twilioWriterPolicy({ bucket: BUCKET, prefixes: PREFIXES });

describe("Twilio writer policy evaluated by moto with IAM authorization on", function () {
  before(async function () {
    moto = await startMoto();
    ({ iam, kms, s3 } = awsClient(moto.endpoint));
    await moto.asRoot(async () => {
      for (const bucket of [BUCKET, OTHER_BUCKET]) expectOk(await s3.createBucket(ROOT_KEYS, bucket), `CreateBucket ${bucket}`);
      expectOk(await s3.putObject(ROOT_KEYS, BUCKET, "recordings/existing.mka", "existing"), "seed object");
    });
  });
  after(async () => {
    await moto?.close();
  });

  it("leaves out exactly the NotResource statements, which moto cannot evaluate", function () {
    const leftOut = (policy: PolicyDocument) =>
      policy.Statement.filter((statement) => !evaluableByMoto(policy).Statement.includes(statement)).map((s) => s.Sid);
    assert.deepEqual(leftOut(writerPolicy), ["DenyPutObjectOutsidePrefix"]);
    const kmsKeyArn = "arn:aws:kms:us-east-1:123456789012:key/0d2a4c4e-0000-4000-8000-000000000000";
    assert.deepEqual(leftOut(twilioWriterPolicy({ bucket: BUCKET, prefixes: PREFIXES, kmsKeyArn })), [
      "DenyPutObjectOutsidePrefix",
      "DenyOtherKeys",
    ]);
  });

  it("authenticates every request: a wrong secret or an unknown key is refused", async function () {
    const writer = await userWithPolicies(evaluableByMoto(writerPolicy));
    const wrongSecret = await s3.putObject({ ...writer, secretAccessKey: `${writer.secretAccessKey}x` }, BUCKET, "recordings/a.mka");
    const unknownKey = await s3.putObject({ accessKeyId: "AKIAUNKNOWNUNKNOWN00", secretAccessKey: "x" }, BUCKET, "recordings/a.mka");
    assert.deepEqual([wrongSecret.status, wrongSecret.code], [403, "SignatureDoesNotMatch"]);
    assert.deepEqual([unknownKey.status, unknownKey.code], [403, "InvalidAccessKeyId"]);
  });

  describe("the writer user", function () {
    let writer: AwsKeys;
    before(async () => {
      writer = await userWithPolicies(evaluableByMoto(writerPolicy));
    });

    it("can PutObject under each prefix, and the object is stored", async function () {
      for (const prefix of PREFIXES) {
        const put = await s3.putObject(writer, BUCKET, `${prefix}/RT123/track.mka`, `bytes of ${prefix}`);
        assert.deepEqual([put.status, put.code], [200, undefined], `PutObject under ${prefix}/`);
        const stored = await moto.asRoot(() => s3.getObject(ROOT_KEYS, BUCKET, `${prefix}/RT123/track.mka`));
        assert.equal(stored.body, `bytes of ${prefix}`);
      }
    });

    for (const [where, bucket, key] of [
      ["under another prefix", BUCKET, "exports/RT123/track.mka"],
      ["at the bucket root", BUCKET, "track.mka"],
      ["under a longer name sharing the prefix", BUCKET, "recordings-old/track.mka"],
      ["in another bucket, same prefix", OTHER_BUCKET, "recordings/RT123/track.mka"],
    ]) {
      it(`is denied PutObject ${where}`, async function () {
        const put = await s3.putObject(writer, bucket, key);
        assert.deepEqual([put.status, put.code], [403, "AccessDenied"]);
      });
    }

    it("can upload in parts under a prefix (s3:PutObject covers multipart) but not abort an upload", async function () {
      const key = "compositions/CJ123/large.mp4";
      const upload = await s3.createMultipartUpload(writer, BUCKET, key);
      assert.deepEqual([upload.status, upload.code], [200, undefined], "CreateMultipartUpload");
      const uploadId = xmlValue(upload.body, "UploadId");
      const part = await s3.uploadPart(writer, BUCKET, key, uploadId, "the only part");
      assert.deepEqual([part.status, part.code], [200, undefined], "UploadPart");
      const etag = part.etag ?? "";
      const done = await s3.completeMultipartUpload(writer, BUCKET, key, uploadId, etag);
      assert.deepEqual([done.status, done.code], [200, undefined], "CompleteMultipartUpload");
      const stored = await moto.asRoot(() => s3.getObject(ROOT_KEYS, BUCKET, key));
      assert.equal(stored.body, "the only part");

      const abandoned = xmlValue((await s3.createMultipartUpload(writer, BUCKET, key)).body, "UploadId");
      const abort = await s3.abortMultipartUpload(writer, BUCKET, key, abandoned);
      assert.deepEqual([abort.status, abort.code], [403, "AccessDenied"], "AbortMultipartUpload needs its own action");
    });

    it("is denied GetObject, ListObjectsV2 and DeleteObject under its own prefix", async function () {
      const results = [
        await s3.getObject(writer, BUCKET, "recordings/existing.mka"),
        await s3.listObjectsV2(writer, BUCKET),
        await s3.deleteObject(writer, BUCKET, "recordings/existing.mka"),
      ];
      assert.deepEqual(
        results.map((r) => [r.status, r.code]),
        [
          [403, "AccessDenied"],
          [403, "AccessDenied"],
          [403, "AccessDenied"],
        ],
      );
    });
  });

  describe("a broad extra Allow (s3:* on *) attached to the same user", function () {
    it("does not widen reading, listing or deleting: the explicit Deny wins", async function () {
      const writer = await userWithPolicies(evaluableByMoto(writerPolicy), BROAD_S3_ALLOW);
      const results = [
        await s3.getObject(writer, BUCKET, "recordings/existing.mka"),
        await s3.listObjectsV2(writer, BUCKET),
        await s3.deleteObject(writer, BUCKET, "recordings/existing.mka"),
        await s3.putObject(writer, BUCKET, "recordings/RT456/track.mka"),
      ];
      assert.deepEqual(
        results.map((r) => [r.status, r.code]),
        [
          [403, "AccessDenied"],
          [403, "AccessDenied"],
          [403, "AccessDenied"],
          [200, undefined],
        ],
      );
    });

    it("control: without the policy's Deny statements the same Allow does grant them", async function () {
      const writer = await userWithPolicies(withoutDenies(writerPolicy), BROAD_S3_ALLOW);
      const read = await s3.getObject(writer, BUCKET, "recordings/existing.mka");
      const list = await s3.listObjectsV2(writer, BUCKET);
      const elsewhere = await s3.putObject(writer, OTHER_BUCKET, "exports/track.mka");
      assert.deepEqual([read.status, read.body], [200, "existing"]);
      assert.equal(list.status, 200);
      assert.ok(list.body.includes("<Key>recordings/existing.mka</Key>"), "the listing names the seeded object");
      assert.deepEqual([elsewhere.status, elsewhere.code], [200, undefined]);
    });
  });

  describe("the SSE-KMS variant under a broad Allow (* on *)", function () {
    let keyArn: string;
    before(async () => {
      keyArn = await moto.asRoot(async () => {
        const created = expectOk(await kms(ROOT_KEYS, "CreateKey", {}), "CreateKey");
        return (JSON.parse(created.body) as { KeyMetadata: { Arn: string } }).KeyMetadata.Arn;
      });
    });

    it("keeps the three KMS write actions and PutObject, and denies every other KMS and S3 action", async function () {
      const kmsPolicy = twilioWriterPolicy({ bucket: BUCKET, prefixes: PREFIXES, kmsKeyArn: keyArn });
      const writer = await userWithPolicies(evaluableByMoto(kmsPolicy), BROAD_ALLOW);
      const results = {
        generateDataKey: await kms(writer, "GenerateDataKey", { KeyId: keyArn, KeySpec: "AES_256" }),
        putObject: await s3.putObject(writer, BUCKET, "compositions/CJ123.mp4"),
        describeKey: await kms(writer, "DescribeKey", { KeyId: keyArn }),
        createKey: await kms(writer, "CreateKey", {}),
        getObject: await s3.getObject(writer, BUCKET, "recordings/existing.mka"),
      };
      assert.deepEqual(Object.fromEntries(Object.entries(results).map(([name, r]) => [name, [r.status, r.code]])), {
        generateDataKey: [200, undefined],
        putObject: [200, undefined],
        describeKey: [403, "AccessDenied"],
        createKey: [403, "AccessDenied"],
        getObject: [403, "AccessDenied"],
      });
    });

    it("control: without the policy's Deny statements the broad Allow grants DescribeKey", async function () {
      const kmsPolicy = twilioWriterPolicy({ bucket: BUCKET, prefixes: PREFIXES, kmsKeyArn: keyArn });
      const user = await userWithPolicies(withoutDenies(kmsPolicy), BROAD_ALLOW);
      const describeKey = await kms(user, "DescribeKey", { KeyId: keyArn });
      assert.deepEqual([describeKey.status, describeKey.code], [200, undefined]);
    });
  });

  describe("moto 5.2.5 limits (if one of these fails, moto changed: revisit evaluableByMoto)", function () {
    it("NotResource: a Deny with NotResource acts as an Allow of its action on every resource", async function () {
      const denyOnly: PolicyDocument = {
        Version: "2012-10-17",
        Statement: writerPolicy.Statement.filter((statement) => statement.Sid === "DenyPutObjectOutsidePrefix"),
      };
      const user = await userWithPolicies(denyOnly);
      const put = await s3.putObject(user, OTHER_BUCKET, "anything/track.mka");
      assert.deepEqual([put.status, put.code], [200, undefined], "AWS answers 403 AccessDenied here");
    });

    it('KMS: calls are authorized against resource "*", so a key-scoped Allow never matches', async function () {
      const { keyArn } = await moto.asRoot(async () => {
        const created = expectOk(await kms(ROOT_KEYS, "CreateKey", {}), "CreateKey");
        return { keyArn: (JSON.parse(created.body) as { KeyMetadata: { Arn: string } }).KeyMetadata.Arn };
      });
      const kmsPolicy = twilioWriterPolicy({ bucket: BUCKET, prefixes: PREFIXES, kmsKeyArn: keyArn });
      const user = await userWithPolicies(evaluableByMoto(kmsPolicy));
      const dataKey = await kms(user, "GenerateDataKey", { KeyId: keyArn, KeySpec: "AES_256" });
      assert.deepEqual([dataKey.status, dataKey.code], [403, "AccessDenied"], "AWS allows this call");
      assert.match(dataKey.body, /not authorized to perform: kms:GenerateDataKey/);
    });
  });
});
