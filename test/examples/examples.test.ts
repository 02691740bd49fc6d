// Every example under examples/ runs under pulumi.runtime.setMocks, once per stack sample, each in
// its own process: the resources it registers, their wiring and key inputs, its stack exports, and
// that no secret of its stack config (or the AWS secret key) shows up in plain text anywhere.
// Expectations come from the examples' own files (their sources, stack samples) and from Twilio's and
// AWS's rules; ids and computed fields are the mock's (test/fixtures/examplesMocks.js), so they are
// only ever followed through the wiring, never checked as facts.
import { RSA_2048 } from "../fixtures/publicKeys";
import { strict as assert } from "assert";
import { createHash, randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { withoutProvider } from "../helpers/serializeProvider";
import { EXAMPLES_DIR, ExampleRun, Registered, runExample, runLimited } from "./runExample";
import { loadStackConfig, readProject, stackNames } from "./stackConfig";

const DYNAMIC = "pulumi-nodejs:dynamic/twilio-video:";
const COMPONENT = "twilio-video:index:RecordingBucket";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const BUCKET = "aws:s3/bucket:Bucket";
const USER_POLICY = "aws:iam/userPolicy:UserPolicy";
const ACCESS_KEY = "aws:iam/accessKey:AccessKey";
const EXAMPLES = ["adopt-existing", "promotion", "quickstart", "recordings-to-s3"];
/**
 * Run through the CLI only (test/cli/examples.test.ts): its resources are named per environment
 * in config, and its providers are configured from a subaccount made in the same run.
 */
const CLI_ONLY = ["subaccounts"];
const TWILIO_KINDS = ["AwsCredential", "CompositionHook", "CompositionSettings", "PublicKey", "RecordingSettings"];

// Test-only secrets, random per run so a match can only be a leak of this run's values.
const TWILIO_TOKEN = `test-twilio-token-${randomBytes(8).toString("hex")}`;
const AWS_SECRET = `test-aws-secret-${randomBytes(8).toString("hex")}`;
const QUICKSTART_SECRET = `test-quickstart-secret-${randomBytes(8).toString("hex")}`;
const ADOPT_SECRET = `test-adopt-secret-${randomBytes(8).toString("hex")}`;
const SECRETS = [TWILIO_TOKEN, AWS_SECRET, QUICKSTART_SECRET, ADOPT_SECRET];
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Inputs without the serialized provider (checked by the shim tests). */
function inputsOf(run: ExampleRun, type: string, name?: string): Record<string, unknown> {
  const found = run.registered.find((r) => r.type === type && (name === undefined || r.name === name));
  assert.ok(found, `${run.example}/${run.stack}: no ${type}${name ? ` named ${name}` : ""} registered`);
  return withoutProvider(found.inputs);
}

/** The id the (mocked) engine gave the one resource of this type. */
function idOf(run: ExampleRun, type: string): string {
  // urn:pulumi:STACK::PROJECT::PARENT_TYPE$TYPE::NAME (a child's type is qualified by its parents').
  const found = run.states.filter((s) => s.urn.split("::")[2].split("$").pop() === type);
  assert.equal(found.length, 1, `${run.example}/${run.stack}: ${found.length} resources of ${type}`);
  return String(found[0].id);
}

/** The id the (mocked) engine gave a resource by name: for following wiring, never as a fact. */
function idByName(run: ExampleRun, type: string, name: string): string {
  const found = run.states.filter((s) => s.urn.endsWith(`$${type}::${name}`) || s.urn.endsWith(`::${type}::${name}`));
  assert.equal(found.length, 1, `${run.example}/${run.stack}: ${found.length} resources ${type}::${name}`);
  return String(found[0].id);
}

const twilioKinds = (registered: Registered[]) =>
  registered
    .filter((r) => r.type.startsWith(DYNAMIC))
    .map((r) => `${r.type.slice(DYNAMIC.length)}::${r.name}`)
    .sort();

/**
 * The Twilio resources an example's index.ts declares, read from its source rather than from a run:
 * each `new Kind("name"`, and the `NAME-credential` AwsCredential each `new RecordingBucket("NAME"`
 * makes.
 */
function declaredTwilioResources(example: string): string[] {
  const source = fs.readFileSync(path.join(EXAMPLES_DIR, example, "index.ts"), "utf8");
  const kinds = [...TWILIO_KINDS, "RecordingBucket"].join("|");
  // `new Kind(` or, with the namespace import the import tool writes, `new twilio.Kind(`.
  const constructions = source.match(new RegExp(`\\bnew (?:twilio\\.)?(?:${kinds})\\(`, "g")) ?? [];
  const named = [...source.matchAll(new RegExp(`\\bnew (?:twilio\\.)?(${kinds})\\(\\s*"([^"]+)"`, "g"))];
  // A name that is not a string literal would be missed: fail rather than expect too little.
  assert.equal(named.length, constructions.length, `${example}/index.ts: a resource name that is not a string literal`);
  return named.map(([, kind, name]) => (kind === "RecordingBucket" ? `AwsCredential::${name}-credential` : `${kind}::${name}`)).sort();
}

/** The examples as the repository holds them: every folder of examples/ with a Pulumi.yaml. */
const exampleDirs = () =>
  fs
    .readdirSync(EXAMPLES_DIR)
    .filter((name) => fs.existsSync(path.join(EXAMPLES_DIR, name, "Pulumi.yaml")))
    .sort();

/** Twilio's forms of awsS3Url: https://BUCKET.s3[.-]REGION.amazonaws.com/PATH or BUCKET.s3.amazonaws.com. */
const S3_URL = /^https:\/\/([^/]+)\.s3(?:[.-]([a-z0-9-]+))?\.amazonaws\.com\/(.+)$/;
/** S3's bucket naming rules: 3-63 characters, lowercase letters, digits, dots and hyphens, a letter or digit at each end. */
const S3_BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** The S3 bucket, region and object key prefix a settings resource sends Twilio's media to. */
function storageOf(run: ExampleRun, kind: "RecordingSettings" | "CompositionSettings") {
  const settings = inputsOf(run, `${DYNAMIC}${kind}`);
  const match = S3_URL.exec(String(settings.awsS3Url));
  assert.ok(match, `${run.example}/${run.stack}: ${kind}.awsS3Url ${settings.awsS3Url} is not a URL form Twilio accepts`);
  const [, bucket, region, prefix] = match;
  return { settings, bucket, region, prefix };
}

/** "recordings" -> 7: the days after which objects under each settings' prefix expire. */
function expiryDaysBySettings(run: ExampleRun): Record<string, number> {
  const rules = inputsOf(run, LIFECYCLE).rules as { filter: { prefix: string }; expiration?: { days: number } }[];
  // The bucket also has a rule that only aborts abandoned uploads; it expires nothing.
  const expiring = rules.filter((rule) => rule.expiration);
  const days: Record<string, number> = {};
  for (const [what, kind] of [
    ["recordings", "RecordingSettings"],
    ["compositions", "CompositionSettings"],
  ] as const) {
    if (!run.registered.some((x) => x.type === `${DYNAMIC}${kind}`)) continue;
    // Twilio writes PREFIX/<sid>.<ext>, and an S3 lifecycle filter is a key prefix.
    const keys = `${storageOf(run, kind).prefix}/`;
    const rule = expiring.filter((r) => r.filter.prefix === keys);
    assert.ok(rule.length <= 1, `${run.example}/${run.stack}: ${rule.length} expiry rules for ${keys}`);
    if (rule.length === 1) days[what] = rule[0].expiration!.days;
  }
  assert.equal(Object.keys(days).length, expiring.length, `${run.example}/${run.stack}: an expiry rule matches no prefix Twilio writes to`);
  return days;
}

/** The CompositionHook rules of Twilio's API (the Video v1 OpenAPI and the documented behaviour in docs/twilio-behaviour.md), as broken rules. */
function hookProblems(hook: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const name = hook.friendlyName;
  if (typeof name !== "string" || name.length < 1 || name.length > 100) problems.push("friendlyName must be 1 to 100 characters");
  if (hook.format !== undefined && !["mp4", "webm"].includes(String(hook.format))) problems.push("format must be mp4 or webm");
  if (hook.resolution !== undefined) {
    const size = /^(\d+)x(\d+)$/.exec(String(hook.resolution));
    const [w, h] = size ? [Number(size[1]), Number(size[2])] : [0, 0];
    if (!(w >= 16 && w <= 1280 && h >= 16 && h <= 1280 && w * h <= 921600))
      problems.push("resolution must be WxH, 16..1280 each, W*H <= 921600");
  }
  const regions = Object.values((hook.videoLayout ?? {}) as Record<string, { video_sources?: unknown[] }>);
  const hasVideo = regions.some((region) => (region.video_sources ?? []).length > 0);
  if (!((hook.audioSources as unknown[] | undefined)?.length || hasVideo))
    problems.push("audioSources or a videoLayout with video_sources is required");
  return problems;
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
  /** "example/stack" of every stack sample of every example, from the files: what must have run. */
  const expectedRuns = () =>
    EXAMPLES.flatMap((example) => stackNames(path.join(EXAMPLES_DIR, example)).map((stack) => `${example}/${stack}`)).sort();
  /** Every run, after checking that each stack sample ran (so no loop below can pass by being empty). */
  const allRuns = (): ExampleRun[] => {
    const keys = expectedRuns();
    assert.deepEqual([...runs.keys()].sort(), keys);
    assert.equal(keys.length, 6);
    return keys.map((key) => run(...(key.split("/") as [string, string])));
  };

  before(async function () {
    this.timeout(240_000);
    const jobs = EXAMPLES.flatMap((example) =>
      stackNames(path.join(EXAMPLES_DIR, example)).map((stack) => async () => {
        const secrets: Record<string, string> = { "twilio:authToken": TWILIO_TOKEN };
        if (example === "quickstart") secrets["quickstart:secretAccessKey"] = QUICKSTART_SECRET;
        if (example === "adopt-existing") secrets["adopt-existing:mediaBucketWriterSecretAccessKey"] = ADOPT_SECRET;
        const result = await runExample(example, stack, { secrets, awsSecret: AWS_SECRET }).catch((error: Error) => error);
        runs.set(`${example}/${stack}`, result);
      }),
    );
    await runLimited(jobs, 2);
  });

  it("every example is a nodejs Pulumi project with a stack sample that sets every required key and holds no secret", () => {
    assert.deepEqual(exampleDirs(), [...EXAMPLES, ...CLI_ONLY].sort(), "an example folder this suite does not run, or one that is gone");
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
        for (const secretKey of ["twilio:authToken", "twilio:apiSecret"])
          assert.ok(!(secretKey in config.values), `${example}/${stack}: ${secretKey} in plain text`);
        assert.ok(!fs.readFileSync(path.join(dir, `Pulumi.${stack}.yaml`), "utf8").includes("encryptionsalt"), `${example}/${stack}`);
      }
    }
  });

  it("every run registers exactly the Twilio resources its source declares", () => {
    for (const r of allRuns()) {
      const declared = declaredTwilioResources(r.example);
      assert.ok(declared.length > 0, `${r.example}/index.ts declares no Twilio resource`);
      assert.deepEqual(twilioKinds(r.registered), declared, `${r.example}/${r.stack}`);
    }
  });

  it("no run shows a plaintext secret in any registered input, state or stack export", () => {
    // The AWS secret keys that reach a credential, by run: the mocked access key's secret where a
    // RecordingBucket makes the key, the stack's secret config in the quickstart. So the plaintext
    // searched for below is one that really went through the program.
    const expectedSecrets: Record<string, string> = {
      "adopt-existing/dev": ADOPT_SECRET,
      "promotion/dev": AWS_SECRET,
      "promotion/prod": AWS_SECRET,
      "promotion/staging": AWS_SECRET,
      "quickstart/dev": QUICKSTART_SECRET,
      "recordings-to-s3/dev": AWS_SECRET,
    };
    assert.deepEqual(
      allRuns().map((r) => `${r.example}/${r.stack}`),
      Object.keys(expectedSecrets),
    );
    for (const [key, secret] of Object.entries(expectedSecrets)) {
      const result = run(...(key.split("/") as [string, string]));
      for (const leaked of SECRETS) assert.ok(!result.stdout.includes(leaked), `${key}: a secret appears in plain text`);
      const credentials = result.registered.filter((r) => r.type === `${DYNAMIC}AwsCredential`);
      assert.equal(credentials.length, declaredTwilioResources(result.example).filter((r) => r.startsWith("AwsCredential::")).length, key);
      assert.equal(credentials.length, secret ? 1 : 0, key);
      for (const credential of credentials) {
        assert.equal(credential.inputs.secretAccessKey, "[secret]", `${key}: ${credential.name}.secretAccessKey is not a secret`);
        assert.equal(
          result.secretDigests[`${credential.type}::${credential.name}.secretAccessKey`],
          sha256(secret),
          `${key}: ${credential.name} got another secret`,
        );
      }
    }
  });

  it("every run's Twilio inputs follow Twilio's rules, with at most one of each settings singleton", () => {
    for (const r of allRuns()) {
      const key = `${r.example}/${r.stack}`;
      // Settings are the account's singletons: two in one stack would fight.
      for (const kind of ["RecordingSettings", "CompositionSettings"]) {
        assert.ok(r.registered.filter((x) => x.type === `${DYNAMIC}${kind}`).length <= 1, `${key}: more than one ${kind}`);
      }
      const hooks = r.registered.filter((x) => x.type === `${DYNAMIC}CompositionHook`);
      // recordings-to-s3 stores recordings in S3, which Twilio cannot compose: it has no hook; the others compose.
      assert.equal(hooks.length > 0, r.example !== "recordings-to-s3", `${key}: ${hooks.length} hooks`);
      for (const hook of hooks) assert.deepEqual(hookProblems(hook.inputs), [], `${key}: ${hook.name}`);
      // Twilio composes only recordings kept in its cloud, unencrypted ("Storing into AWS S3" and
      // "Encrypting your stored media" guides): no enabled hook beside recordings in S3 or encrypted.
      const recordingSettings = r.registered.find((x) => x.type === `${DYNAMIC}RecordingSettings`)?.inputs ?? {};
      // (A hook that says allowUncomposableRecordings knowingly mirrors such an account: the import tool writes it so.)
      if (hooks.some((hook) => hook.inputs.enabled !== false && hook.inputs.allowUncomposableRecordings !== true)) {
        assert.ok(
          recordingSettings.awsStorageEnabled !== true && recordingSettings.encryptionEnabled !== true,
          `${key}: an enabled hook with recordings Twilio cannot compose`,
        );
      }
      // Accounts API (error 70106): a key id the program writes itself must be one AWS issues.
      // (A key id taken from an aws.iam.AccessKey is the mock's, so only the wiring is checked for it.)
      const mockedKeyIds = r.states.filter((x) => x.urn.includes(`${ACCESS_KEY}::`)).map((x) => x.id);
      for (const credential of r.registered.filter((x) => x.type === `${DYNAMIC}AwsCredential`)) {
        assert.ok(String(credential.inputs.friendlyName ?? "").length <= 64, `${key}: ${credential.name}.friendlyName over 64 characters`);
        const keyId = String(credential.inputs.accessKeyId);
        if (!mockedKeyIds.includes(keyId)) assert.match(keyId, /^[A-Z0-9]{20}$/, `${key}: ${credential.name}.accessKeyId`);
      }
      for (const kind of ["RecordingSettings", "CompositionSettings"] as const) {
        const declared = r.registered.find((x) => x.type === `${DYNAMIC}${kind}`);
        if (!declared || (declared.inputs.awsS3Url === undefined && declared.inputs.awsStorageEnabled !== true)) continue;
        const { settings, bucket } = storageOf(r, kind);
        // Storage enabled needs a credential and a URL; the bucket must be one S3 can name in a URL.
        if (settings.awsStorageEnabled) assert.ok(settings.awsCredentialsSid, `${key}: ${kind} stores to S3 without a credential`);
        assert.match(bucket, S3_BUCKET_NAME, `${key}: ${kind} bucket`);
      }
    }
  });

  it("where a program makes the bucket, Twilio is pointed at it with a key that may write exactly there", () => {
    const withBucket = allRuns().filter((r) => r.registered.some((x) => x.type === BUCKET));
    // The examples whose source makes a RecordingBucket, one run per stack sample.
    const bucketExamples = EXAMPLES.filter((example) =>
      /\bnew RecordingBucket\(/.test(fs.readFileSync(path.join(EXAMPLES_DIR, example, "index.ts"), "utf8")),
    );
    assert.deepEqual(
      withBucket.map((r) => `${r.example}/${r.stack}`),
      expectedRuns().filter((key) => bucketExamples.includes(key.split("/")[0])),
    );
    assert.equal(withBucket.length, 4);
    for (const r of withBucket) {
      const key = `${r.example}/${r.stack}`;
      const bucket = inputsOf(r, BUCKET).bucket;
      const policy = JSON.parse(String(inputsOf(r, USER_POLICY).policy)) as {
        Statement: { Effect: string; Action?: string | string[]; Resource?: string | string[] }[];
      };
      const writable = policy.Statement.filter((s) => s.Effect === "Allow" && [s.Action].flat().includes("s3:PutObject")).flatMap((s) =>
        [s.Resource].flat(),
      );
      const writer = r.registered.find((x) => x.type === ACCESS_KEY)!;
      const credential = r.registered.find((x) => x.type === `${DYNAMIC}AwsCredential`)!;
      // The credential is made from the key of the user the policy is attached to.
      assert.equal(writer.inputs.user, inputsOf(r, USER_POLICY).user, `${key}: the policy is on another user than the key's`);
      assert.equal(
        credential.inputs.accessKeyId,
        idByName(r, ACCESS_KEY, writer.name),
        `${key}: the credential is not made from the writer's key`,
      );
      const storing = (["RecordingSettings", "CompositionSettings"] as const).filter((kind) =>
        r.registered.some((x) => x.type === `${DYNAMIC}${kind}`),
      );
      assert.ok(storing.length > 0, `${key}: no settings point Twilio at the bucket`);
      for (const kind of storing) {
        const storage = storageOf(r, kind);
        assert.equal(storage.bucket, bucket, `${key}: ${kind} writes to another bucket`);
        // AWS: the bucket is in the AWS provider's region (aws:region), and a regional URL must name it.
        assert.equal(storage.region, r.config["aws:region"], `${key}: ${kind} names another region`);
        assert.equal(
          storage.settings.awsCredentialsSid,
          idByName(r, `${DYNAMIC}AwsCredential`, credential.name),
          `${key}: ${kind} uses another credential`,
        );
        // AWS: an object ARN is arn:aws:s3:::BUCKET/KEY; Twilio writes PREFIX/<sid>.<ext>.
        assert.ok(
          writable.includes(`arn:aws:s3:::${bucket}/${storage.prefix}/*`),
          `${key}: the writer may not put objects under ${storage.prefix}/`,
        );
      }
    }
  });

  describe("recordings-to-s3", () => {
    it("builds the bucket component and points the recording settings at it, with no hook", () => {
      const r = run("recordings-to-s3", "dev");
      assert.deepEqual(
        r.registered.filter((x) => x.type === COMPONENT).map((x) => x.name),
        ["media"],
      );
      assert.deepEqual(twilioKinds(r.registered), ["AwsCredential::media-credential", "RecordingSettings::recordings"]);
      const credentialSid = idOf(r, `${DYNAMIC}AwsCredential`);
      const base = "https://example-video-media-dev.s3.us-east-1.amazonaws.com";
      assert.deepEqual(inputsOf(r, `${DYNAMIC}RecordingSettings`), {
        friendlyName: "dev recordings to S3",
        awsCredentialsSid: credentialSid,
        awsS3Url: `${base}/recordings`,
        awsStorageEnabled: true,
      });
      assert.deepEqual(r.exports, { bucketName: "example-video-media-dev", credentialSid, recordingsUrl: `${base}/recordings` });
    });

    it("expires recordings after the stack's days, and has no other expiry rule", () => {
      assert.deepEqual(expiryDaysBySettings(run("recordings-to-s3", "dev")), { recordings: 7 });
    });
  });

  describe("promotion", () => {
    const expected = {
      dev: {
        account: "AC11111111111111111111111111111111",
        api: "http://127.0.0.1:4010",
        region: "us-east-1",
        days: 7,
        compose: false,
        resolution: "640x480",
      },
      staging: {
        account: "AC22222222222222222222222222222222",
        api: "http://127.0.0.1:4011",
        region: "us-east-1",
        days: 30,
        compose: true,
        resolution: "1280x720",
      },
      prod: {
        account: "AC33333333333333333333333333333333",
        api: "http://127.0.0.1:4012",
        region: "eu-west-1",
        days: 365,
        compose: true,
        resolution: "1280x720",
      },
    };

    it("covers every stack sample of the example", () => {
      assert.deepEqual(Object.keys(expected).sort(), stackNames(path.join(EXAMPLES_DIR, "promotion")));
    });

    for (const [stack, want] of Object.entries(expected)) {
      it(`the ${stack} stack registers its own account, bucket, retention and hook settings`, () => {
        const r = run("promotion", stack);
        const base = `https://example-video-media-${stack}.s3.${want.region}.amazonaws.com`;
        assert.deepEqual(r.exports, {
          twilioAccountSid: want.account,
          twilioApi: want.api,
          bucketName: `example-video-media-${stack}`,
          compositionsUrl: `${base}/compositions`,
          hookSid: idOf(r, `${DYNAMIC}CompositionHook`),
        });
        // Recordings stay in Twilio's cloud (the only ones Twilio composes): no RecordingSettings.
        assert.equal(r.registered.filter((x) => x.type === `${DYNAMIC}RecordingSettings`).length, 0);
        assert.equal(inputsOf(r, `${DYNAMIC}CompositionSettings`).awsS3Url, `${base}/compositions`);
        const hook = inputsOf(r, `${DYNAMIC}CompositionHook`);
        assert.deepEqual(
          [hook.friendlyName, hook.enabled, hook.resolution],
          [`${stack}: compose every room`, want.compose, want.resolution],
        );
        assert.deepEqual(expiryDaysBySettings(r), { compositions: want.days }, "compositions expire after the stack's days");
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
    it("imports each object of its account by id (the import input, never the engine's import), secrets from config", () => {
      const r = run("adopt-existing", "dev");
      assert.deepEqual(twilioKinds(r.registered), [
        "AwsCredential::media-bucket-writer",
        "CompositionHook::audio-only-paused",
        "CompositionHook::screen-with-camera",
        "CompositionSettings::composition-settings",
        "PublicKey::media-key",
        "RecordingSettings::recording-settings",
      ]);
      const hook = inputsOf(r, `${DYNAMIC}CompositionHook`, "audio-only-paused");
      assert.deepEqual(hook, {
        importId: "HK00000000000000000000000000000c02",
        friendlyName: "audio only (paused)",
        enabled: false,
        audioSources: ["*"],
        resolution: "640x480",
        format: "webm",
        trim: true,
        statusCallbackMethod: "POST",
      });
      assert.equal(inputsOf(r, `${DYNAMIC}RecordingSettings`).importId, "AC00000000000000000000000000000001");
      assert.equal(String(inputsOf(r, `${DYNAMIC}PublicKey`).publicKey).trim(), RSA_2048.trim());
      assert.equal(inputsOf(r, `${DYNAMIC}AwsCredential`).accessKeyId, "AKIAIOSFODNN7EXAMPLE");
    });
  });

  describe("quickstart", () => {
    it("gets its compositions URL and access key id from its defaults and keeps the AWS secret a secret", () => {
      const r = run("quickstart", "dev");
      const credential = inputsOf(r, `${DYNAMIC}AwsCredential`);
      assert.deepEqual(credential, {
        friendlyName: "quickstart compositions writer",
        accessKeyId: "AKIAQUICKSTART000001",
        secretAccessKey: "[secret]",
      });
      assert.equal(
        inputsOf(r, `${DYNAMIC}CompositionSettings`).awsS3Url,
        "https://quickstart-media.s3.us-east-1.amazonaws.com/compositions",
      );
      assert.equal(r.exports.compositionsStorage, "https://quickstart-media.s3.us-east-1.amazonaws.com/compositions");
      // Recordings stay in Twilio's cloud, so the hook's compositions can be made.
      assert.equal(r.registered.filter((x) => x.type === `${DYNAMIC}RecordingSettings`).length, 0);
    });
  });
});
