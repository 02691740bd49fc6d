/**
 * The emulator's Twilio facts (emulator/rules/), each case taken from the source the fact
 * cites: the spec, Twilio's error pages 70101-70106, its S3 guide and its captured answers.
 */
import { strict as assert } from "assert";
import { awsCredentialsProblem, publicKeyProblem } from "../../emulator/rules/accountsV1";
import { defaultSubaccountName, FRIENDLY_NAME_MAX, rfc2822, subresourceUris } from "../../emulator/rules/api2010";
import { awsS3UrlProblem, parseAwsS3Url, resolutionProblem, videoLayoutProblems, withRegionDefaults } from "../../emulator/rules/videoV1";
import { AWS_DOCS_EXAMPLE } from "../fixtures/awsKeys";
import { EC_P256, ED25519, RSA_1024, RSA_2048, RSA_2048_EXPONENT_3, RSA_2048_PKCS1, RSA_4096 } from "../fixtures/publicKeys";
import { loadRecording } from "../fixtures/twilio-responses";

describe("emulator rules: Twilio's facts from their sources", () => {
  it("resolution (spec): 16 <= width, height <= 1280 and width*height <= 921,600; the spec's typical values pass", () => {
    for (const ok of ["1280x720", "1024x576", "640x480", "320x240", "16x16", "720x1280"])
      assert.equal(resolutionProblem(ok), undefined, ok);
    for (const bad of ["15x480", "1281x16", "1280x721", "640X480", "640x", " 640x480"]) assert.ok(resolutionProblem(bad), bad);
  });

  it("layout echo (captured answers): the regions Twilio was sent come back exactly as Twilio answered them", () => {
    for (const name of ["hook-complex-layout", "hook-grid-mixing"] as const) {
      const recording = loadRecording(name);
      const sent = recording.request.form.VideoLayout as Record<string, Record<string, unknown>>;
      assert.deepEqual(withRegionDefaults(sent), recording.response.video_layout, name);
    }
  });

  it("layout keys (Specifying Video Layouts): Twilio's 11 keys are accepted, anything else is named", () => {
    const echoed = loadRecording("hook-complex-layout").response.video_layout;
    assert.deepEqual(videoLayoutProblems(echoed), []); // an echoed layout can be sent back as it is
    assert.deepEqual(videoLayoutProblems({ main: { reuse: "show_newest", colour: "red" } }), [
      "main.colour is not a region property (allowed: x_pos, y_pos, z_pos, width, height, max_columns, max_rows, cells_excluded, reuse, video_sources, video_sources_excluded)",
    ]);
    assert.deepEqual(videoLayoutProblems({ main: { reuse: "always" } }), ["main.reuse must be one of none, show_oldest, show_newest"]);
  });

  it("AWS credentials (error 70106): key [A-Z0-9]{20}, secret [A-Za-z0-9/+=]{40}; the documented example passes", () => {
    assert.equal(awsCredentialsProblem(AWS_DOCS_EXAMPLE.accessKeyId, AWS_DOCS_EXAMPLE.secretAccessKey), undefined);
    assert.match(
      awsCredentialsProblem("AKIAIOSFODNN7EXAMPL", AWS_DOCS_EXAMPLE.secretAccessKey) ?? "",
      /key id must match \[A-Z0-9\]\{20\}/,
    );
    assert.match(awsCredentialsProblem("akiaiosfodnn7example", AWS_DOCS_EXAMPLE.secretAccessKey) ?? "", /key id/);
    assert.match(
      awsCredentialsProblem(AWS_DOCS_EXAMPLE.accessKeyId, AWS_DOCS_EXAMPLE.secretAccessKey + "=") ?? "",
      /secret access key must match/,
    );
    assert.match(awsCredentialsProblem(AWS_DOCS_EXAMPLE.accessKeyId, AWS_DOCS_EXAMPLE.secretAccessKey.replace("/", "_")) ?? "", /secret/);
  });

  it("public keys (errors 70101-70104): parse, then RSA, then 2048 bits, then exponent 65537", () => {
    assert.equal(publicKeyProblem(RSA_2048), undefined);
    assert.equal(publicKeyProblem(RSA_2048.replace(/-----[A-Z ]+-----/g, "")), undefined); // "prefix and suffix ... not mandatory"
    assert.deepEqual(
      [
        EC_P256,
        ED25519,
        RSA_1024,
        RSA_4096,
        RSA_2048_EXPONENT_3,
        RSA_2048_PKCS1,
        "",
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
      ].map((k) => publicKeyProblem(k)?.code),
      [70101, 70101, 70102, 70102, 70103, 70104, 70104, 70104],
    );
  });

  it("accounts (API v2010 spec, a captured answer): Twilio's default name, RFC 2822 dates, 64-character names, 20 subresources", () => {
    assert.equal(defaultSubaccountName(new Date("2019-07-03T07:46:06Z")), "SubAccount Created at 2019-07-03 00:46 AM");
    assert.equal(defaultSubaccountName(new Date("2024-01-15T23:05:00Z")), "SubAccount Created at 2024-01-15 15:05 PM"); // PST, winter
    assert.equal(rfc2822("2015-07-30T20:00:00Z"), "Thu, 30 Jul 2015 20:00:00 +0000"); // the spec's example date
    assert.equal(rfc2822("2016-06-03T02:05:09Z"), "Fri, 03 Jun 2016 02:05:09 +0000");
    assert.deepEqual(FRIENDLY_NAME_MAX, { account: 64, key: 64 });
    const uris = subresourceUris("AC" + "b".repeat(32));
    assert.equal(Object.keys(uris).length, 20);
    assert.equal(uris.short_codes, `/2010-04-01/Accounts/AC${"b".repeat(32)}/SMS/ShortCodes.json`);
  });

  it("S3 URLs (Storing into AWS S3): the three virtual-host forms in Twilio's material, and nothing else", () => {
    assert.deepEqual(parseAwsS3Url("https://my-bucket.s3-us-west-2.amazonaws.com/video/recordings"), {
      bucket: "my-bucket",
      region: "us-west-2",
      prefix: "video/recordings",
    });
    assert.deepEqual(parseAwsS3Url("https://my-bucket.s3.eu-west-1.amazonaws.com/p"), {
      bucket: "my-bucket",
      region: "eu-west-1",
      prefix: "p",
    });
    assert.deepEqual(parseAwsS3Url("https://my-super-duper-bucket.s3.amazonaws.com/my/path/"), {
      bucket: "my-super-duper-bucket",
      region: "us-east-1",
      prefix: "my/path",
    });
    for (const bad of [
      "http://my-bucket.s3.amazonaws.com/p", // not https
      "https://s3.amazonaws.com/my-bucket/p", // path-style
      "https://s3.us-west-2.amazonaws.com/my-bucket/p", // path-style, regional
      "https://documentation-example-twilio-bucket/compositions", // the spec's illustration, no S3 host
      "https://my-bucket.s3-accelerate.amazonaws.com/p",
      "https://my-bucket.s3.amazonaws.com/a b",
      "https://my-bucket.s3.amazonaws.com/p?x=1",
    ]) {
      assert.match(awsS3UrlProblem(bad) ?? "", /^must be https:\/\/BUCKET\.s3-REGION\.amazonaws\.com\/PREFIX/, bad);
    }
    assert.match(awsS3UrlProblem("https://My_Bucket.s3.amazonaws.com/p") ?? "", /bucket "My_Bucket" may contain only lowercase/);
  });
});
