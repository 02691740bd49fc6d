// Every example under examples/ runs under pulumi.runtime.setMocks, once per stack sample, each in
// its own process: the resources it registers, their wiring and key inputs, its stack exports, and
// that no secret of its stack config (or the AWS secret key) shows up in plain text anywhere.
import { strict as assert } from "assert";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { EXAMPLES_DIR, ExampleRun, Registered, runExample, runLimited } from "./runExample";
import { loadStackConfig, readProject, stackNames } from "./stackConfig";

const DYNAMIC = "pulumi-nodejs:dynamic/twilio-video:";
const COMPONENT = "twilio-video:index:RecordingBucket";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const EXAMPLES = ["adopt-existing", "promotion", "quickstart", "recordings-to-s3"];

// Test-only secrets, random per run so a match can only be a leak of this run's values.
const TWILIO_TOKEN = `test-twilio-token-${randomBytes(8).toString("hex")}`;
const AWS_SECRET = `test-aws-secret-${randomBytes(8).toString("hex")}`;
const QUICKSTART_SECRET = `test-quickstart-secret-${randomBytes(8).toString("hex")}`;
const SECRETS = [TWILIO_TOKEN, AWS_SECRET, QUICKSTART_SECRET];

/** Inputs without the serialized provider (checked by the shim tests). */
function inputsOf(run: ExampleRun, type: string, name?: string): Record<string, unknown> {
  const found = run.registered.find((r) => r.type === type && (name === undefined || r.name === name));
  assert.ok(found, `${run.example}/${run.stack}: no ${type}${name ? ` named ${name}` : ""} registered`);
  const { __provider, ...inputs } = found.inputs;
  return inputs;
}

/** The id the (mocked) engine gave the one resource of this type. */
function idOf(run: ExampleRun, type: string): string {
  // urn:pulumi:STACK::PROJECT::PARENT_TYPE$TYPE::NAME (a child's type is qualified by its parents').
  const found = run.states.filter((s) => s.urn.split("::")[2].split("$").pop() === type);
  assert.equal(found.length, 1, `${run.example}/${run.stack}: ${found.length} resources of ${type}`);
  return String(found[0].id);
}

const twilioKinds = (registered: Registered[]) =>
  registered.filter((r) => r.type.startsWith(DYNAMIC)).map((r) => `${r.type.slice(DYNAMIC.length)}::${r.name}`).sort();

/** recordings/ -> 7 from the bucket's lifecycle rules. */
function expiryDaysByPrefix(run: ExampleRun): Record<string, number> {
  const rules = inputsOf(run, LIFECYCLE).rules as { filter: { prefix: string }; expiration?: { days: number } }[];
  // The bucket also has a rule that only aborts abandoned uploads; it expires nothing.
  return Object.fromEntries(rules.filter((rule) => rule.expiration).map((rule) => [rule.filter.prefix, rule.expiration!.days]));
}

describe("examples under mocks", () => {
  // A run that failed keeps its error, so only the tests of that example fail.
  const runs = new Map<string, ExampleRun | Error>();
  const run = (example: string, stack: string): ExampleRun => {
    const result = runs.get(`${example}/${stack}`);
    if (result instanceof Error) throw result;
    assert.ok(result, `${example}/${stack} did not run`);
    return result;
  };

  before(async function () {
    this.timeout(240_000);
    const jobs = EXAMPLES.flatMap((example) => stackNames(path.join(EXAMPLES_DIR, example)).map((stack) => async () => {
      const secrets: Record<string, string> = { "twilio:authToken": TWILIO_TOKEN };
      if (example === "quickstart") secrets["quickstart:secretAccessKey"] = QUICKSTART_SECRET;
      const result = await runExample(example, stack, { secrets, awsSecret: AWS_SECRET }).catch((error: Error) => error);
      runs.set(`${example}/${stack}`, result);
    }));
    await runLimited(jobs, 2);
  });

  it("every example is a nodejs Pulumi project with a stack sample that sets every required key and holds no secret", () => {
    for (const example of EXAMPLES) {
      const dir = path.join(EXAMPLES_DIR, example);
      const project = readProject(dir);
      assert.deepEqual([typeof project.name, (project as { runtime?: { name?: string } }).runtime?.name], ["string", "nodejs"], example);
      // The CLI refuses a typed declaration of another namespace's key (e.g. twilio:accountSid).
      for (const [key, declared] of Object.entries(project.config ?? {})) {
        const foreign = key.includes(":") && !key.startsWith(`${project.name}:`);
        if (foreign) assert.ok(typeof declared !== "object" || declared === null || !("type" in declared), `${example}: ${key} has a type`);
      }
      const stacks = stackNames(dir);
      assert.ok(stacks.length > 0, `${example} has no Pulumi.<stack>.yaml`);
      for (const stack of stacks) {
        const config = loadStackConfig(dir, stack);
        assert.deepEqual([config.missing, config.secure], [[], []], `${example}/${stack}`);
        assert.match(config.values["twilio:accountSid"], /^AC[0-9a-f]{32}$/, `${example}/${stack}`);
        for (const secretKey of ["twilio:authToken", "twilio:apiSecret"]) assert.ok(!(secretKey in config.values), `${example}/${stack}: ${secretKey} in plain text`);
        assert.ok(!fs.readFileSync(path.join(dir, `Pulumi.${stack}.yaml`), "utf8").includes("encryptionsalt"), `${example}/${stack}`);
      }
    }
  });

  it("no run shows a plaintext secret in any registered input, state or stack export", () => {
    assert.deepEqual([...runs.keys()].sort(), [
      "adopt-existing/dev", "promotion/dev", "promotion/prod", "promotion/staging", "quickstart/dev", "recordings-to-s3/dev",
    ]);
    for (const key of runs.keys()) {
      const result = run(...(key.split("/") as [string, string]));
      for (const secret of SECRETS) assert.ok(!result.stdout.includes(secret), `${key}: a secret appears in plain text`);
      for (const credential of result.registered.filter((r) => r.type === `${DYNAMIC}AwsCredential`)) {
        assert.equal(credential.inputs.secretAccessKey, "[secret]", `${key}: ${credential.name}.secretAccessKey is not a secret`);
      }
    }
  });

  describe("recordings-to-s3", () => {
    it("builds the bucket component and points both settings and the hook at it", () => {
      const r = run("recordings-to-s3", "dev");
      assert.deepEqual(r.registered.filter((x) => x.type === COMPONENT).map((x) => x.name), ["media"]);
      assert.deepEqual(twilioKinds(r.registered), [
        "AwsCredential::media-credential", "CompositionHook::every-room", "CompositionSettings::compositions", "RecordingSettings::recordings",
      ]);
      const credentialSid = idOf(r, `${DYNAMIC}AwsCredential`);
      assert.match(credentialSid, /^CR[0-9a-f]{32}$/);
      const base = "https://example-video-media-dev.s3.us-east-1.amazonaws.com";
      assert.deepEqual(inputsOf(r, `${DYNAMIC}RecordingSettings`), {
        friendlyName: "dev recordings to S3", awsCredentialsSid: credentialSid, awsS3Url: `${base}/recordings`, awsStorageEnabled: true,
      });
      assert.deepEqual(inputsOf(r, `${DYNAMIC}CompositionSettings`), {
        friendlyName: "dev compositions to S3", awsCredentialsSid: credentialSid, awsS3Url: `${base}/compositions`, awsStorageEnabled: true,
      });
      assert.deepEqual(inputsOf(r, `${DYNAMIC}CompositionHook`), {
        friendlyName: "dev: compose every room", audioSources: ["*"], videoLayout: { grid: { video_sources: ["*"], max_columns: 3 } },
        resolution: "1280x720", format: "mp4",
      });
      assert.deepEqual(r.exports, {
        bucketName: "example-video-media-dev", credentialSid, recordingsUrl: `${base}/recordings`,
        compositionsUrl: `${base}/compositions`, hookSid: idOf(r, `${DYNAMIC}CompositionHook`),
      });
    });

    it("expires recordings after the stack's days and compositions after the project default", () => {
      assert.deepEqual(expiryDaysByPrefix(run("recordings-to-s3", "dev")), { "recordings/": 7, "compositions/": 365 });
    });
  });

  describe("promotion", () => {
    const expected = {
      dev: { account: "AC11111111111111111111111111111111", api: "http://127.0.0.1:4010", region: "us-east-1", days: 7, compose: false, resolution: "640x480" },
      staging: { account: "AC22222222222222222222222222222222", api: "http://127.0.0.1:4011", region: "us-east-1", days: 30, compose: true, resolution: "1280x720" },
      prod: { account: "AC33333333333333333333333333333333", api: "http://127.0.0.1:4012", region: "eu-west-1", days: 365, compose: true, resolution: "1280x720" },
    };

    for (const [stack, want] of Object.entries(expected)) {
      it(`the ${stack} stack registers its own account, bucket, retention and hook settings`, () => {
        const r = run("promotion", stack);
        const base = `https://example-video-media-${stack}.s3.${want.region}.amazonaws.com`;
        assert.deepEqual(r.exports, {
          twilioAccountSid: want.account, twilioApi: want.api, bucketName: `example-video-media-${stack}`,
          recordingsUrl: `${base}/recordings`, compositionsUrl: `${base}/compositions`, hookSid: idOf(r, `${DYNAMIC}CompositionHook`),
        });
        // Settings are the account's singletons: their id is the stack's account.
        assert.equal(idOf(r, `${DYNAMIC}RecordingSettings`), want.account);
        assert.equal(inputsOf(r, `${DYNAMIC}RecordingSettings`).awsS3Url, `${base}/recordings`);
        assert.equal(inputsOf(r, `${DYNAMIC}CompositionSettings`).awsS3Url, `${base}/compositions`);
        const hook = inputsOf(r, `${DYNAMIC}CompositionHook`);
        assert.deepEqual([hook.friendlyName, hook.enabled, hook.resolution], [`${stack}: compose every room`, want.compose, want.resolution]);
        assert.equal(expiryDaysByPrefix(r)["recordings/"], want.days);
      });
    }

    it("all three stacks run the same program: the same resources, with nothing shared between them", () => {
      const [dev, staging, prod] = ["dev", "staging", "prod"].map((stack) => run("promotion", stack));
      const shape = (r: ExampleRun) => r.registered.map((x) => `${x.type}::${x.name}`).sort();
      assert.deepEqual(shape(staging), shape(dev));
      assert.deepEqual(shape(prod), shape(dev));
      for (const key of ["twilioAccountSid", "twilioApi", "bucketName"]) {
        assert.equal(new Set([dev, staging, prod].map((r) => r.exports[key])).size, 3, key);
      }
    });
  });

  describe("adopt-existing", () => {
    it("takes over the hook by SID and both settings with adoptExisting, creating nothing else", () => {
      const r = run("adopt-existing", "dev");
      assert.deepEqual(twilioKinds(r.registered), [
        "CompositionHook::console-hook", "CompositionSettings::compositions", "RecordingSettings::recordings",
      ]);
      assert.equal(r.registered.length, 3);
      assert.deepEqual(inputsOf(r, `${DYNAMIC}CompositionHook`), {
        adoptSid: "HK00000000000000000000000000000000", friendlyName: "made in the console", audioSources: ["*"],
        videoLayout: { grid: { video_sources: ["*"] } }, resolution: "1280x720", format: "mp4",
      });
      for (const [type, what] of [["RecordingSettings", "recordings"], ["CompositionSettings", "compositions"]]) {
        assert.deepEqual(inputsOf(r, `${DYNAMIC}${type}`), {
          adoptExisting: true, friendlyName: `${what} to S3`, awsCredentialsSid: "CR00000000000000000000000000000000",
          awsS3Url: `https://example-console-media.s3.us-east-1.amazonaws.com/${what}`, awsStorageEnabled: true,
        });
      }
      assert.deepEqual(r.exports, {
        hookSid: "HK00000000000000000000000000000000",
        recordingsStorage: "https://example-console-media.s3.us-east-1.amazonaws.com/recordings",
        compositionsStorage: "https://example-console-media.s3.us-east-1.amazonaws.com/compositions",
      });
    });
  });

  describe("quickstart", () => {
    it("gets its bucket URL and access key id from the project defaults and keeps the AWS secret a secret", () => {
      const r = run("quickstart", "dev");
      const credential = inputsOf(r, `${DYNAMIC}AwsCredential`);
      assert.deepEqual(credential, {
        friendlyName: "quickstart recordings writer", accessKeyId: "AKIAQUICKSTART000001", secretAccessKey: "[secret]",
      });
      assert.equal(inputsOf(r, `${DYNAMIC}RecordingSettings`).awsS3Url, "https://quickstart-recordings.s3.us-east-1.amazonaws.com/recordings");
      assert.equal(r.exports.recordingsStorage, "https://quickstart-recordings.s3.us-east-1.amazonaws.com/recordings");
    });
  });
});
