/** The provider's validation facts (provider/twilio/rules.ts), value by value. */
import { strict as assert } from "assert";
import {
  AWS_ACCESS_KEY_ID,
  AWS_SECRET_ACCESS_KEY,
  awsS3UrlProblem,
  bucketNameProblem,
  layoutHasVideoSources,
  layoutWithDefaults,
  layoutWithoutDefaults,
  parseAwsS3Url,
  publicKeyProblem,
  resolutionProblem,
  SID,
  urlProblem,
  videoLayoutProblems,
} from "../../provider/twilio/rules";
import { AWS_DOCS_EXAMPLE } from "../fixtures/awsKeys";
import { EC_P256, ED25519, RSA_1024, RSA_2048, RSA_2048_EXPONENT_3, RSA_2048_PKCS1, RSA_4096 } from "../fixtures/publicKeys";
import { loadRecording } from "../fixtures/twilio-responses";

describe("rules: Twilio validation facts", () => {
  it("SID patterns take the prefix and 32 hex digits", () => {
    assert.ok(SID.hook.test("HK" + "aB".repeat(16)));
    assert.ok(!SID.hook.test("HK" + "a".repeat(31)));
    assert.ok(!SID.credential.test("HK" + "a".repeat(32)));
    assert.ok(SID.apiKey.test("SK" + "0".repeat(32)));
    assert.ok(SID.account.test("AC" + "f".repeat(32)));
  });

  it("resolution: 16..1280 each side and at most 921600 pixels", () => {
    for (const ok of ["640x480", "1280x720", "16x16", "720x1280", "960x960"]) assert.equal(resolutionProblem(ok), undefined, ok);
    for (const bad of ["15x480", "1281x16", "1280x721", "640X480", "640x", "x480", " 640x480", "640x480.0"]) {
      assert.equal(resolutionProblem(bad), "must be WIDTHxHEIGHT with 16..1280 each and WIDTH*HEIGHT <= 921600", bad);
    }
  });

  it("video layout: region keys with their ranges; unknown keys and wrong types are problems", () => {
    const valid = {
      main: {
        x_pos: 0,
        y_pos: 1280,
        z_pos: -99,
        width: 1280,
        height: 16,
        max_columns: 1000,
        max_rows: 1,
        cells_excluded: [0, 3],
        reuse: "none",
        video_sources: ["cam*"],
        video_sources_excluded: ["x"],
      },
      pip: { z_pos: 99, reuse: "show_newest" },
    };
    assert.deepEqual(videoLayoutProblems(valid), []);
    assert.deepEqual(
      videoLayoutProblems({
        a: { x_pos: -1, z_pos: 100, width: 15, max_rows: 1.5, cells_excluded: [-1], reuse: "all", video_sources: "cam", extra: 1 },
      }),
      [
        { path: "a.x_pos", rule: "must be an integer from 0 to 1280" },
        { path: "a.z_pos", rule: "must be an integer from -99 to 99" },
        { path: "a.width", rule: "must be an integer from 16 to 1280 (or null)" },
        { path: "a.max_rows", rule: "must be an integer from 1 to 1000 (or null)" },
        { path: "a.cells_excluded", rule: "must be an array of integers >= 0" },
        { path: "a.reuse", rule: "must be one of none, show_oldest, show_newest" },
        { path: "a.video_sources", rule: "must be an array of non-empty track name strings" },
        {
          path: "a.extra",
          rule: "is not a region property (allowed: x_pos, y_pos, z_pos, width, height, max_columns, max_rows, cells_excluded, reuse, video_sources, video_sources_excluded)",
        },
      ],
    );
    assert.deepEqual(videoLayoutProblems([]), [{ path: "", rule: "must be a JSON object of named regions" }]);
    assert.deepEqual(videoLayoutProblems({ r: 3 }), [{ path: "r", rule: "must be an object describing one region" }]);
    // A layout copied from Twilio's answer (null sizes) is valid input.
    assert.deepEqual(videoLayoutProblems(loadRecording("hook-complex-layout").response.video_layout), []);
  });

  it("layout defaults: Twilio's answer and the request it answered are the same layout, both ways", () => {
    for (const name of ["hook-complex-layout", "hook-grid-mixing"] as const) {
      const { request, response } = loadRecording(name);
      assert.deepEqual(layoutWithDefaults(request.form.VideoLayout), response.video_layout, name);
      assert.deepEqual(layoutWithoutDefaults(response.video_layout), request.form.VideoLayout, name);
    }
    // A value that differs from Twilio's default is kept, a null size is the default.
    assert.deepEqual(layoutWithoutDefaults({ a: { x_pos: 5, reuse: "none", width: null, cells_excluded: [] } }), {
      a: { x_pos: 5, reuse: "none" },
    });
    assert.deepEqual((layoutWithDefaults({ a: { width: null } }) as Record<string, Record<string, unknown>>).a.width, null);
  });

  it("AWS credentials follow Twilio's 70106 patterns", () => {
    assert.ok(AWS_ACCESS_KEY_ID.test(AWS_DOCS_EXAMPLE.accessKeyId) && AWS_SECRET_ACCESS_KEY.test(AWS_DOCS_EXAMPLE.secretAccessKey));
    for (const bad of ["AKIAIOSFODNN7EXAMPL", "AKIAIOSFODNN7EXAMPLE1", "akiaiosfodnn7example"])
      assert.ok(!AWS_ACCESS_KEY_ID.test(bad), bad);
    for (const bad of ["x".repeat(39), "x".repeat(41), "x".repeat(39) + "-", "x".repeat(39) + ":"])
      assert.ok(!AWS_SECRET_ACCESS_KEY.test(bad), bad);
  });

  it("public keys: Node's crypto reads type, size and exponent; each problem names Twilio's code", () => {
    assert.equal(publicKeyProblem(RSA_2048), undefined);
    assert.equal(publicKeyProblem(RSA_2048.replace(/-----[A-Z ]+-----/g, "").replace(/\n/g, "")), undefined);
    const codes = [EC_P256, ED25519, RSA_1024, RSA_4096, RSA_2048_EXPONENT_3, RSA_2048_PKCS1, "ssh-rsa AAAA"].map(
      (k) => /error (\d+)$/.exec(publicKeyProblem(k) ?? "")?.[1],
    );
    assert.deepEqual(codes, ["70101", "70101", "70102", "70102", "70103", "70104", "70104"]);
    assert.equal(publicKeyProblem(RSA_1024), "must be a 2048-bit RSA key, not 1024-bit; Twilio refuses it with error 70102");
  });

  it("a layout has video sources when some region lists at least one", () => {
    assert.equal(layoutHasVideoSources({ a: { video_sources: [] }, b: { video_sources: ["*"] } }), true);
    assert.equal(layoutHasVideoSources({ a: { video_sources: [] } }), false);
    assert.equal(layoutHasVideoSources(null), false);
  });

  it("URLs: absolute http(s) only", () => {
    assert.equal(urlProblem("https://example.com/cb?x=1"), undefined);
    assert.equal(urlProblem("http://127.0.0.1:8080/"), undefined);
    for (const bad of ["ftp://x/y", "/relative", "example.com", "https://"])
      assert.equal(urlProblem(bad), "must be an absolute http(s) URL", bad);
  });

  it("S3 URLs: the three virtual-hosted https forms of Twilio's material, a DNS-compliant bucket, a URI-valid prefix", () => {
    assert.deepEqual(parseAwsS3Url("https://my-bucket.s3-us-west-2.amazonaws.com/rec"), {
      bucket: "my-bucket",
      region: "us-west-2",
      prefix: "rec",
    });
    assert.deepEqual(parseAwsS3Url("https://my-bucket.s3.eu-west-1.amazonaws.com/a/b~c/"), {
      bucket: "my-bucket",
      region: "eu-west-1",
      prefix: "a/b~c",
    });
    assert.deepEqual(parseAwsS3Url("https://my.bucket.s3.amazonaws.com"), { bucket: "my.bucket", region: "us-east-1", prefix: "" });
    assert.equal(awsS3UrlProblem("https://my-bucket.s3.us-gov-west-1.amazonaws.com/p%20q"), undefined);
    for (const bad of [
      "http://my-bucket.s3.amazonaws.com/p",
      "https://s3.amazonaws.com/my-bucket/p",
      "https://s3-us-west-2.amazonaws.com/my-bucket/p",
      "https://my-bucket.example.com/p",
      "https://my-bucket.s3-accelerate.amazonaws.com/p",
      "https://my-bucket.s3.amazonaws.com/a b",
      "https://my-bucket.s3.amazonaws.com/p?x=1",
      "https://my-bucket.s3.amazonaws.com:444/p",
    ]) {
      assert.match(awsS3UrlProblem(bad) ?? "", /^must be https:\/\/BUCKET\.s3-REGION\.amazonaws\.com\/PREFIX/, bad);
    }
    assert.equal(
      awsS3UrlProblem("https://Upper.s3.amazonaws.com/p"),
      'bucket "Upper" may contain only lowercase letters, digits, dots and hyphens',
    );
  });

  it("bucket names follow S3's naming rules", () => {
    assert.equal(bucketNameProblem("my-bucket.logs1"), undefined);
    assert.deepEqual(
      [
        "ab",
        "a".repeat(64),
        "my_bucket",
        "-bucket",
        "bucket-",
        "my..bucket",
        "192.168.1.1",
        "xn--bucket",
        "bucket-s3alias",
        "b--ol-s3",
      ].map(bucketNameProblem),
      [
        "must be 3 to 63 characters long",
        "must be 3 to 63 characters long",
        "may contain only lowercase letters, digits, dots and hyphens",
        "must begin and end with a letter or digit",
        "must begin and end with a letter or digit",
        "must not contain two adjacent dots",
        "must not be formatted as an IP address",
        'must not start with "xn--"',
        'must not end with "-s3alias"',
        'must not end with "--ol-s3"',
      ],
    );
  });
});
