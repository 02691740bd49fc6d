// Preview catches what Twilio refuses: `check` (over the real dynamic-provider host, zero Twilio
// calls) fails on the inputs Twilio's documented rules refuse, naming the field, the rule and
// Twilio's error code, and passes every form Twilio accepts. Sources: error pages 70101-70104 and
// 70106, the "Storing into AWS S3" guide (docs/twilio-behaviour.md).
import { strict as assert } from "assert";
import { AWS_DOCS_EXAMPLE } from "../fixtures/awsKeys";
import { EC_P256, ED25519, RSA_1024, RSA_2048, RSA_2048_EXPONENT_3, RSA_2048_PKCS1, RSA_4096 } from "../fixtures/publicKeys";
import { Fixture, resourceOps, useFixture } from "./fixture";

describe("preview refuses what Twilio refuses, naming the field, the rule and Twilio's code", () => {
  let fx: Fixture;
  useFixture((f) => (fx = f));
  afterEach(() => assert.equal(fx.emulator.log.count(), 0, "check called Twilio"));

  const failuresOf = async (kind: string, news: Record<string, unknown>) =>
    (await resourceOps(fx, kind).check(news)).failures.map((f) => [f.property, f.reason]);

  describe("AwsCredential (Twilio's error 70106)", () => {
    const KEY_RULE = "accessKeyId must match [A-Z0-9]{20} (an AWS access key id); Twilio refuses any other with error 70106";
    const SECRET_RULE =
      "secretAccessKey must match [A-Za-z0-9/+=]{40} (an AWS secret access key); Twilio refuses any other with error 70106";

    it("passes the documented example pair and every character Twilio allows", async () => {
      assert.deepEqual(await failuresOf("AwsCredential", { ...AWS_DOCS_EXAMPLE }), []);
      assert.deepEqual(
        await failuresOf("AwsCredential", { accessKeyId: "0123456789ABCDEFGHIJ", secretAccessKey: "aZ09/+=".repeat(5) + "aZ09/" }),
        [],
      );
    });

    for (const accessKeyId of ["AKIAIOSFODNN7EXAMPL", "AKIAIOSFODNN7EXAMPLE0", "akiaiosfodnn7example", "AKIA_OSFODNN7EXAMPLE", "AKIA1"]) {
      it(`refuses the key id ${JSON.stringify(accessKeyId)}`, async () => {
        assert.deepEqual(await failuresOf("AwsCredential", { ...AWS_DOCS_EXAMPLE, accessKeyId }), [["accessKeyId", KEY_RULE]]);
      });
    }

    const secrets: [string, string][] = [
      ["39 characters", AWS_DOCS_EXAMPLE.secretAccessKey.slice(1)],
      ["41 characters", AWS_DOCS_EXAMPLE.secretAccessKey + "A"],
      ["a hyphen", AWS_DOCS_EXAMPLE.secretAccessKey.slice(1) + "-"],
      ["a colon", AWS_DOCS_EXAMPLE.secretAccessKey.slice(1) + ":"],
      ["a space", AWS_DOCS_EXAMPLE.secretAccessKey.slice(1) + " "],
    ];
    for (const [title, secretAccessKey] of secrets) {
      it(`refuses a secret with ${title}, never quoting it`, async () => {
        const failures = await failuresOf("AwsCredential", { ...AWS_DOCS_EXAMPLE, secretAccessKey });
        assert.deepEqual(failures, [["secretAccessKey", SECRET_RULE]]);
        assert.ok(!JSON.stringify(failures).includes(secretAccessKey.slice(0, 16)));
      });
    }
  });

  describe("PublicKey (Twilio's errors 70101-70104, read with Node's crypto)", () => {
    it("passes a 2048-bit RSA key with exponent 65537, with or without its BEGIN/END lines", async () => {
      assert.deepEqual(await failuresOf("PublicKey", { publicKey: RSA_2048 }), []);
      assert.deepEqual(await failuresOf("PublicKey", { publicKey: RSA_2048.replace(/-----[A-Z ]+-----/g, "").trim() }), []);
    });

    const keys: [string, string, string][] = [
      ["an EC P-256 key", EC_P256, "publicKey must be an RSA key, not ec; Twilio refuses it with error 70101"],
      ["an Ed25519 key", ED25519, "publicKey must be an RSA key, not ed25519; Twilio refuses it with error 70101"],
      ["a 1024-bit key", RSA_1024, "publicKey must be a 2048-bit RSA key, not 1024-bit; Twilio refuses it with error 70102"],
      ["a 4096-bit key", RSA_4096, "publicKey must be a 2048-bit RSA key, not 4096-bit; Twilio refuses it with error 70102"],
      ["exponent 3", RSA_2048_EXPONENT_3, "publicKey must have the RSA exponent 65537, not 3; Twilio refuses it with error 70103"],
      [
        "a PKCS#1 key",
        RSA_2048_PKCS1,
        "publicKey must be an X.509 PEM public key (-----BEGIN PUBLIC KEY----- ...) that parses; Twilio refuses it with error 70104",
      ],
      [
        "a cut-off key",
        RSA_2048.slice(0, 200),
        "publicKey must be an X.509 PEM public key (-----BEGIN PUBLIC KEY----- ...) that parses; Twilio refuses it with error 70104",
      ],
    ];
    for (const [title, publicKey, reason] of keys) {
      it(`refuses ${title}`, async () => {
        assert.deepEqual(await failuresOf("PublicKey", { publicKey }), [["publicKey", reason]]);
      });
    }
  });

  describe("settings' awsS3Url: every form Twilio accepts, and nothing more", () => {
    for (const kind of ["CompositionSettings", "RecordingSettings"]) {
      for (const awsS3Url of [
        "https://media-bucket.s3-us-west-2.amazonaws.com/video", // what Twilio's S3 guide shows
        "https://media-bucket.s3.us-west-2.amazonaws.com/video",
        "https://media-bucket.s3.amazonaws.com/video",
      ]) {
        it(`${kind} passes ${awsS3Url}`, async () => {
          assert.deepEqual(await failuresOf(kind, { friendlyName: "media", awsS3Url }), []);
        });
      }
      for (const awsS3Url of [
        "https://s3.us-west-2.amazonaws.com/media-bucket/video",
        "https://s3.amazonaws.com/media-bucket/video",
        "http://media-bucket.s3.amazonaws.com/video",
        "https://media-bucket.s3.us-west-2.amazonaws.com.example.com/video",
        "s3://media-bucket/video",
      ]) {
        it(`${kind} refuses ${awsS3Url}`, async () => {
          const failures = await failuresOf(kind, { friendlyName: "media", awsS3Url });
          assert.deepEqual(
            failures.map(([property]) => property),
            ["awsS3Url"],
          );
          assert.match(
            failures[0][1],
            /^awsS3Url must be https:\/\/BUCKET\.s3-REGION\.amazonaws\.com\/PREFIX \(the form Twilio's S3 guide shows\)/,
          );
        });
      }
    }
  });
});
