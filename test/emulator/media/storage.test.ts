/**
 * storeMedia against a real local S3 server (s3rver behind the SigV4-verifying middleware of
 * test/helpers/localS3.ts), and the encryption envelope opened with the private key using Node's
 * crypto directly (test/helpers/mediaEnvelope.ts), not with the emulator's code.
 */
import { strict as assert } from "assert";
import aws4 from "aws4";
import { generateKeyPairSync } from "crypto";
import fetch from "node-fetch";
import { CloudMediaStore } from "../../../emulator/video/media/cloudMedia";
import { mediaFile } from "../../../emulator/video/media/containers";
import { MediaStorageError, storeMedia, type MediaDestination } from "../../../emulator/video/media/storage";
import type { AwsCredentialRecord, PublicKeyRecord, SettingsRecord } from "../../../emulator/core/state";
import { decryptEnvelope } from "../../helpers/mediaEnvelope";
import { LOCAL_S3_ACCESS_KEY_ID as KEY_ID, LOCAL_S3_SECRET_ACCESS_KEY as SECRET, startLocalS3, type LocalS3 } from "../../helpers/localS3";

const ACCOUNT = "AC00000000000000000000000000000001";
const RT = "RT" + "a".repeat(32);
const CJ = "CJ" + "b".repeat(32);

function settings(overrides: Partial<SettingsRecord>): SettingsRecord {
  return {
    friendlyName: "t",
    awsCredentialsSid: null,
    awsS3Url: null,
    awsStorageEnabled: false,
    encryptionKeySid: null,
    encryptionEnabled: false,
    ...overrides,
  };
}
function credential(accessKeyId: string, secretAccessKey: string): AwsCredentialRecord {
  return { sid: "CR" + "1".repeat(32), friendlyName: null, accessKeyId, secretAccessKey, dateCreated: "", dateUpdated: "" };
}
function publicKeyRecord(pem: string): PublicKeyRecord {
  return { sid: "CR" + "2".repeat(32), friendlyName: null, publicKey: pem, dateCreated: "", dateUpdated: "" };
}

describe("emulator media: storage in S3 or Twilio's cloud, encrypted or not", () => {
  let s3: LocalS3;
  const cloud = new CloudMediaStore();
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, publicExponent: 65537 });
  const PEM = publicKey.export({ type: "spki", format: "pem" }).toString();
  const S3_URL = "https://media-bucket.s3.eu-west-1.amazonaws.com/video/compositions";

  before(async () => {
    s3 = await startLocalS3({ buckets: ["media-bucket"] });
  });
  afterEach(() => cloud.clear());
  after(() => s3.close());

  async function getObject(bucket: string, key: string) {
    const url = new URL(s3.endpoint);
    const signed = aws4.sign(
      { host: url.host, path: `/${bucket}/${key}`, method: "GET", service: "s3", region: "eu-west-1" },
      { accessKeyId: KEY_ID, secretAccessKey: SECRET },
    );
    const res = await fetch(`${s3.endpoint}${signed.path}`, { headers: signed.headers as Record<string, string> });
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()), headers };
  }

  const s3Dest = (overrides: Partial<MediaDestination> = {}): MediaDestination => ({
    settings: settings({ awsStorageEnabled: true, awsS3Url: S3_URL, awsCredentialsSid: "CR" + "1".repeat(32) }),
    credential: credential(KEY_ID, SECRET),
    s3Endpoint: s3.endpoint,
    ...overrides,
  });

  it("writes a composition to <path>/<CJ sid>.mp4 in the bucket of AwsS3Url, unencrypted", async () => {
    const bytes = mediaFile({ container: "mp4", codec: "H264+AAC", durationMs: 30_000, seed: CJ });
    const stored = await storeMedia(ACCOUNT, CJ, "mp4", bytes, s3Dest(), cloud);
    assert.deepEqual(stored, {
      location: "s3",
      bucket: "media-bucket",
      key: `video/compositions/${CJ}.mp4`,
      size: bytes.length,
      encrypted: false,
      written: true,
    });
    const object = await getObject("media-bucket", `video/compositions/${CJ}.mp4`);
    assert.equal(object.status, 200);
    assert.ok(object.body.equals(bytes));
    assert.equal(object.headers["content-type"], "video/mp4");
    assert.equal(object.headers["x-amz-meta-x-amz-key"], undefined);
    assert.equal(cloud.size, 0, "nothing in Twilio's cloud");
  });

  it("encrypts with the stored public key: the private key opens x-amz-key, and x-amz-iv decrypts the body", async () => {
    const bytes = mediaFile({ container: "mp4", codec: "H264+AAC", durationMs: 30_000, seed: CJ });
    const dest = s3Dest({
      settings: { ...s3Dest().settings, encryptionEnabled: true, encryptionKeySid: "CR" + "2".repeat(32) },
      publicKey: publicKeyRecord(PEM),
    });
    const stored = await storeMedia(ACCOUNT, CJ, "mp4", bytes, dest, cloud);
    assert.equal(stored.encrypted, true);
    const object = await getObject("media-bucket", stored.key!);
    assert.equal(object.body.length, stored.size);
    assert.equal(object.body.length, (Math.floor(bytes.length / 16) + 1) * 16, "AES-CBC with PKCS#7 padding");
    assert.ok(!object.body.subarray(4, 8).equals(Buffer.from("ftyp")), "the stored bytes are not the plain file");
    assert.equal(object.headers["x-amz-meta-x-amz-unencrypted-content-length"], String(bytes.length));
    assert.ok(decryptEnvelope(privateKey, object.body, object.headers).equals(bytes));
  });

  it("a public key without its BEGIN/END lines (as Twilio accepts it) still encrypts", async () => {
    const bare = PEM.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, "").replace(/\s+/g, "");
    const bytes = mediaFile({ container: "mka", codec: "OPUS", durationMs: 1000, seed: RT });
    const dest: MediaDestination = { settings: settings({ encryptionEnabled: true }), publicKey: publicKeyRecord(bare) };
    const stored = await storeMedia(ACCOUNT, RT, "mka", bytes, dest, cloud);
    assert.deepEqual(stored, { location: "twilio", size: stored.size, encrypted: true, written: true });
    const object = cloud.get(ACCOUNT, RT)!;
    const headers = Object.fromEntries(Object.entries(object.metadata).map(([k, v]) => [`x-amz-meta-${k}`, v]));
    assert.ok(decryptEnvelope(privateKey, object.body, headers).equals(bytes));
    assert.equal(object.contentType, "audio/x-matroska");
  });

  it("keeps a recording in Twilio's cloud when S3 storage is off, untouched", async () => {
    const bytes = mediaFile({ container: "mkv", codec: "VP8", durationMs: 4000, seed: RT });
    const stored = await storeMedia(ACCOUNT, RT, "mkv", bytes, { settings: settings({}), s3Endpoint: s3.endpoint }, cloud);
    assert.deepEqual(stored, { location: "twilio", size: bytes.length, encrypted: false, written: true });
    assert.ok(cloud.get(ACCOUNT, RT)!.body.equals(bytes));
    assert.deepEqual(cloud.get(ACCOUNT, RT)!.metadata, {});
    assert.equal(cloud.get("AC" + "9".repeat(32), RT), undefined, "per account");
  });

  it("without an S3 endpoint, names the bucket and key but writes nothing", async () => {
    const stored = await storeMedia(
      ACCOUNT,
      RT,
      "mka",
      Buffer.from("x"),
      s3Dest({ s3Endpoint: undefined, settings: { ...s3Dest().settings, awsS3Url: "https://media-bucket.s3.amazonaws.com" } }),
      cloud,
    );
    assert.deepEqual(stored, { location: "s3", bucket: "media-bucket", key: `${RT}.mka`, size: 1, encrypted: false, written: false });
  });

  async function refusal(sid: string, dest: MediaDestination): Promise<MediaStorageError> {
    try {
      await storeMedia(ACCOUNT, sid, sid.startsWith("CJ") ? "mp4" : "mka", Buffer.from("media"), dest, cloud);
    } catch (error) {
      assert.ok(error instanceof MediaStorageError, String(error));
      return error;
    }
    assert.fail("storeMedia did not refuse");
  }

  it("a wrong secret: S3 refuses, the recording error is 53611 and names the S3 code, never the secret", async () => {
    const wrong = "WrongSecret0".padEnd(40, "x");
    const error = await refusal(RT, s3Dest({ credential: credential(KEY_ID, wrong) }));
    assert.equal(error.code, 53611);
    assert.equal(error.s3Code, "SignatureDoesNotMatch");
    assert.equal(
      error.message,
      `recording ${RT}: S3 refused the upload to bucket 'media-bucket' (S3 error SignatureDoesNotMatch, HTTP 403)`,
    );
    assert.ok(!JSON.stringify({ ...error, message: error.message }).includes("WrongSecret0"));
    assert.equal(cloud.size, 0);
  });

  it("composition codes: refused 53621, missing bucket 53623, unreachable endpoint 53624, missing credential 53620, missing public key 53668", async () => {
    assert.equal((await refusal(CJ, s3Dest({ credential: credential("AKIAUNKNOWN000000000", SECRET) }))).code, 53621);
    const missing = await refusal(
      CJ,
      s3Dest({ settings: { ...s3Dest().settings, awsS3Url: "https://missing-bucket.s3.amazonaws.com/x" } }),
    );
    assert.deepEqual([missing.code, missing.s3Code], [53623, "NoSuchBucket"]);
    assert.equal((await refusal(CJ, s3Dest({ s3Endpoint: "http://127.0.0.1:9" }))).code, 53624);
    assert.equal((await refusal(CJ, s3Dest({ credential: undefined }))).code, 53620);
    assert.equal((await refusal(CJ, { settings: settings({ encryptionEnabled: true }) })).code, 53668);
  });

  it("recording codes: missing public key 53612, missing credential 53610, missing bucket 53613, unreachable 53614", async () => {
    assert.equal((await refusal(RT, { settings: settings({ encryptionEnabled: true }) })).code, 53612);
    assert.equal((await refusal(RT, s3Dest({ credential: undefined }))).code, 53610);
    assert.equal(
      (await refusal(RT, s3Dest({ settings: { ...s3Dest().settings, awsS3Url: "https://missing-bucket.s3.amazonaws.com/x" } }))).code,
      53613,
    );
    assert.equal((await refusal(RT, s3Dest({ s3Endpoint: "http://127.0.0.1:9" }))).code, 53614);
  });
});
