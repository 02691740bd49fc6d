import { strict as assert } from "assert";
import { RecordingBucket, RecordingBucketArgs, RecordingBucketArgsError } from "../../provider/components/recordingBucket";
import { resolveRecordingBucketArgs } from "../../provider/components/recordingBucket/args";
import { ProviderError } from "../../provider/resources/kit/errors";

// Validation runs before the component registers anything, so these constructors never reach the
// Pulumi runtime and can run in the test process itself.
const cases: [string, RecordingBucketArgs, string][] = [
  [
    "an upper-case bucket name",
    { bucketName: "My_Bucket" },
    `bucketName "My_Bucket" may contain only lowercase letters, digits, dots and hyphens`,
  ],
  ["a two-letter bucket name", { bucketName: "ab" }, `bucketName "ab" must be 3 to 63 characters long`],
  [
    "an existing bucket named like an IP address",
    { existingBucketName: "192.168.1.10" },
    `existingBucketName "192.168.1.10" must not be formatted as an IP address`,
  ],
  [
    "both bucketName and existingBucketName",
    { bucketName: "new-media", existingBucketName: "old-media" },
    "bucketName and existingBucketName must not both be set (bucketName creates a bucket, existingBucketName uses one)",
  ],
  ["an empty prefix", { recordingsPrefix: "" }, `recordingsPrefix "" must not be empty`],
  ["a prefix with //", { recordingsPrefix: "a//b" }, `recordingsPrefix "a//b" must not contain "//"`],
  [
    "a prefix with a leading slash",
    { compositionsPrefix: "/compositions" },
    `compositionsPrefix "/compositions" must not start or end with "/"`,
  ],
  [
    "a prefix with a trailing slash",
    { compositionsPrefix: "compositions/" },
    `compositionsPrefix "compositions/" must not start or end with "/"`,
  ],
  [
    "a prefix with a space",
    { recordingsPrefix: "my recordings" },
    `recordingsPrefix "my recordings" may contain only letters, digits and !_.*'()/-`,
  ],
  ["a prefix with a .. segment", { recordingsPrefix: "a/../b" }, `recordingsPrefix "a/../b" must not have "." or ".." segments`],
  [
    "a prefix longer than 512 characters",
    { recordingsPrefix: "r".repeat(513) },
    `recordingsPrefix "${"r".repeat(513)}" must be at most 512 characters`,
  ],
  ["zero expiry days", { recordingsExpireAfterDays: 0 }, "recordingsExpireAfterDays 0 must be a positive whole number of days"],
  [
    "fractional expiry days",
    { compositionsExpireAfterDays: 1.5 },
    "compositionsExpireAfterDays 1.5 must be a positive whole number of days",
  ],
  [
    "a KMS alias instead of a key ARN",
    { kmsKeyArn: "alias/recordings" },
    `kmsKeyArn "alias/recordings" must be a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/KEY-ID)`,
  ],
  ["a rotation value with a slash", { keyRotation: "2025/01" }, `keyRotation "2025/01" must be 1 to 64 letters, digits, '.', '_' or '-'`],
  [
    "an expiry on an existing bucket",
    { existingBucketName: "old-media", recordingsExpireAfterDays: 7 },
    "recordingsExpireAfterDays applies only to a bucket this component creates, not to existingBucketName",
  ],
  [
    "forceDestroy on an existing bucket",
    { existingBucketName: "old-media", forceDestroy: true },
    "forceDestroy applies only to a bucket this component creates, not to existingBucketName",
  ],
];

describe("RecordingBucket rejects bad inputs at construction, naming the field and the rule", () => {
  for (const [what, args, rule] of cases) {
    it(`rejects ${what}`, () => {
      assert.throws(
        () => new RecordingBucket("media", args),
        (e: unknown) => {
          assert.ok(e instanceof RecordingBucketArgsError && e instanceof ProviderError, String(e));
          assert.equal(e.message, `RecordingBucket "media": ${rule}`);
          assert.equal(e.name, "RecordingBucketArgsError");
          assert.equal(e.component, "media");
          assert.ok(rule.startsWith(e.field), `field ${e.field}`);
          return true;
        },
      );
    });
  }

  it("fills in the documented defaults for valid inputs", () => {
    assert.deepEqual(resolveRecordingBucketArgs("media", { bucketName: "acme.media-01", keyRotation: "v2" }), {
      bucketName: "acme.media-01",
      existingBucketName: undefined,
      region: undefined,
      recordingsPrefix: "recordings",
      compositionsPrefix: "compositions",
      kmsKeyArn: undefined,
      recordingsExpireAfterDays: undefined,
      compositionsExpireAfterDays: undefined,
      keyRotation: "v2",
      forceDestroy: false,
      tags: undefined,
    });
  });
});
