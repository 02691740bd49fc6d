/**
 * Console seeds (`AccountSpec.console`): an emulator that starts holding an account configured by
 * hand, each object held to the rules of the POST that would have made it.
 */
import { strict as assert } from "assert";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { startEmulator, type AccountSpec, type ConsoleSeed, type Emulator } from "../../emulator";
import { awsKeyPair, credentialsParam } from "../fixtures/awsKeys";
import { RSA_1024, RSA_2048 } from "../fixtures/publicKeys";
import { api, hex32, useBinPerTest, type ApiResponse, type Credentials, type Form } from "./helpers";

const ACCOUNT = "AC" + hex32(0x5eed);
const TOKEN = "seeded-account-token";
const AUTH: Credentials = { user: ACCOUNT, password: TOKEN };
const SUBACCOUNT = "AC" + hex32(0x5eed2);
const SUB_AUTH: Credentials = { user: SUBACCOUNT, password: "seeded-subaccount-token" };

const KEYS = awsKeyPair("console seed");
const CREDENTIAL_SID = "CR" + hex32(0xc0de1);
const KEY_SID = "CR" + hex32(0xc0de2);
const DISABLED_HOOK_SID = "HK" + hex32(0xc0de3);
const TWO_REGIONS = {
  main: { z_pos: 1, video_sources: ["screen-*"] },
  pip: { x_pos: 960, y_pos: 540, z_pos: 2, width: 320, height: 180, video_sources: ["camera-*"] },
};

/** A hook's parameters, as a seed or (with VideoLayout as JSON text) as a POSTed form. */
const LAYOUT_HOOK = {
  FriendlyName: "screen with camera",
  VideoLayout: TWO_REGIONS,
  AudioSources: ["*"],
  Resolution: "1280x720",
  Format: "mp4" as const,
  Trim: false,
  StatusCallback: "https://example.com/hooks",
  StatusCallbackMethod: "GET" as const,
};

const CONSOLE: ConsoleSeed = {
  awsCredentials: [
    { Sid: CREDENTIAL_SID, FriendlyName: "recordings bucket", Credentials: credentialsParam(KEYS), DateCreated: "2024-03-01T09:30:00Z" },
  ],
  publicKeys: [{ Sid: KEY_SID, FriendlyName: "media key", PublicKey: RSA_2048, DateCreated: "2024-03-02T10:00:00.000Z" }],
  recordingSettings: {
    FriendlyName: "to S3",
    AwsCredentialsSid: CREDENTIAL_SID,
    AwsS3Url: "https://my-recordings.s3.us-east-1.amazonaws.com/rooms",
    AwsStorageEnabled: true,
  },
  compositionSettings: { FriendlyName: "encrypted", EncryptionKeySid: KEY_SID, EncryptionEnabled: true },
  compositionHooks: [
    { Sid: DISABLED_HOOK_SID, FriendlyName: "paused", Enabled: false, AudioSources: ["*"], DateCreated: "2024-03-03T08:00:00Z" },
    { ...LAYOUT_HOOK, DateCreated: "2024-03-04T08:00:00Z" },
  ],
};

const SPEC: AccountSpec = {
  accountSid: ACCOUNT,
  authToken: TOKEN,
  console: CONSOLE,
  subaccounts: [
    {
      accountSid: SUBACCOUNT,
      authToken: SUB_AUTH.password,
      console: { compositionHooks: [{ FriendlyName: "sub hook", AudioSources: ["mic"] }] },
    },
  ],
};

/** A response body without what differs between two objects made the same way. */
function withoutIdentity(body: Record<string, unknown>): Record<string, unknown> {
  const { sid, date_created, date_updated, url, ...rest } = body; // eslint-disable-line @typescript-eslint/no-unused-vars
  return rest;
}

/** The configuration objects an account's API answers with, as a client sees them (URLs without the emulator's address). */
async function configOf(emulator: Emulator, auth: Credentials): Promise<Record<string, ApiResponse["body"]>> {
  const paths = [
    "/v1/CompositionHooks",
    "/v1/Credentials/AWS",
    "/v1/Credentials/PublicKeys",
    "/v1/RecordingSettings/Default",
    "/v1/CompositionSettings/Default",
  ];
  const answers = await Promise.all(paths.map((path) => api(emulator, "GET", path, { auth })));
  return JSON.parse(
    JSON.stringify(Object.fromEntries(paths.map((path, i) => [path, answers[i].body])))
      .split(emulator.url)
      .join("EMULATOR"),
  );
}

describe("emulator: console seeds", () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ accounts: [SPEC] });
  });
  afterEach(() => emulator.reset());
  after(() => emulator.close());

  it("serves the seeded objects through GET and list, with the SIDs and dates the seed fixed", async () => {
    const credential = await api(emulator, "GET", `/v1/Credentials/AWS/${CREDENTIAL_SID}`, { auth: AUTH });
    assert.deepEqual(credential.body, {
      sid: CREDENTIAL_SID,
      account_sid: ACCOUNT,
      friendly_name: "recordings bucket",
      date_created: "2024-03-01T09:30:00Z",
      date_updated: "2024-03-01T09:30:00Z",
      url: `${emulator.url}/v1/Credentials/AWS/${CREDENTIAL_SID}`,
    });
    const key = await api(emulator, "GET", `/v1/Credentials/PublicKeys/${KEY_SID}`, { auth: AUTH });
    assert.equal(key.body.friendly_name, "media key");
    assert.equal(key.body.date_created, "2024-03-02T10:00:00Z");

    const recording = await api(emulator, "GET", "/v1/RecordingSettings/Default", { auth: AUTH });
    assert.deepEqual(recording.body, {
      account_sid: ACCOUNT,
      friendly_name: "to S3",
      aws_credentials_sid: CREDENTIAL_SID,
      aws_s3_url: "https://my-recordings.s3.us-east-1.amazonaws.com/rooms",
      aws_storage_enabled: true,
      encryption_key_sid: null,
      encryption_enabled: false,
      url: `${emulator.url}/v1/RecordingSettings/Default`,
    });
    const composition = await api(emulator, "GET", "/v1/CompositionSettings/Default", { auth: AUTH });
    assert.equal(composition.body.encryption_key_sid, KEY_SID);
    assert.equal(composition.body.encryption_enabled, true);
    assert.equal(composition.body.aws_storage_enabled, false);

    const hooks = (await api(emulator, "GET", "/v1/CompositionHooks", { auth: AUTH })).body.composition_hooks;
    assert.deepEqual(
      hooks.map((hook: Record<string, unknown>) => [hook.friendly_name, hook.enabled, hook.date_created, hook.date_updated]),
      [
        ["screen with camera", true, "2024-03-04T08:00:00Z", null],
        ["paused", false, "2024-03-03T08:00:00Z", null],
      ],
    );
    assert.match(hooks[0].sid, /^HK[0-9a-f]{32}$/);
    const disabled = await api(emulator, "GET", `/v1/CompositionHooks/${DISABLED_HOOK_SID}`, { auth: AUTH });
    assert.deepEqual(disabled.body, { ...hooks[1], url: `${emulator.url}/v1/CompositionHooks/${DISABLED_HOOK_SID}` });

    const answers = JSON.stringify(await configOf(emulator, AUTH));
    assert.ok(!answers.includes(KEYS.secretAccessKey), "the AWS secret appears in no answer");
  });

  it("fills a seeded hook's layout regions with Twilio's defaults exactly as a POSTed hook's", async () => {
    const seeded = (await api(emulator, "GET", "/v1/CompositionHooks?FriendlyName=screen*", { auth: AUTH })).body.composition_hooks[0];
    const other = await startEmulator({ accounts: [{ accountSid: ACCOUNT, authToken: TOKEN }] });
    try {
      const form: Form = { ...LAYOUT_HOOK, VideoLayout: JSON.stringify(TWO_REGIONS) };
      const posted = await api(other, "POST", "/v1/CompositionHooks", { auth: AUTH, form });
      assert.equal(posted.status, 201);
      assert.deepEqual(withoutIdentity(seeded), withoutIdentity(posted.body));
      assert.deepEqual(seeded.video_layout.pip, {
        ...TWO_REGIONS.pip,
        max_columns: null,
        max_rows: null,
        cells_excluded: [],
        reuse: "show_oldest",
        video_sources_excluded: [],
      });
    } finally {
      await other.close();
    }
  });

  it("seeds a subaccount's own objects, reached with its own credentials", async () => {
    const sub = (await api(emulator, "GET", "/v1/CompositionHooks", { auth: SUB_AUTH })).body.composition_hooks;
    assert.deepEqual(
      sub.map((hook: Record<string, unknown>) => [hook.account_sid, hook.friendly_name, hook.audio_sources]),
      [[SUBACCOUNT, "sub hook", ["mic"]]],
    );
    assert.equal((await api(emulator, "GET", "/v1/Credentials/AWS", { auth: SUB_AUTH })).body.credentials.length, 0);
  });

  it("makes no request-log entries: after start the log is empty", async () => {
    const started = await startEmulator({ accounts: [SPEC] });
    try {
      assert.deepEqual(started.log.entries(), []);
      await api(started, "GET", "/v1/CompositionHooks", { auth: AUTH });
      assert.deepEqual(
        started.log.entries().map((entry) => [entry.method, entry.path, entry.status]),
        [["GET", "/v1/CompositionHooks", 200]],
      );
    } finally {
      await started.close();
    }
  });

  it("reset returns each account to its seeded objects, not to empty", async () => {
    const seeded = { main: await configOf(emulator, AUTH), sub: await configOf(emulator, SUB_AUTH) };
    assert.equal((await api(emulator, "DELETE", `/v1/CompositionHooks/${DISABLED_HOOK_SID}`, { auth: AUTH })).status, 204);
    await api(emulator, "POST", "/v1/RecordingSettings/Default", { auth: AUTH, form: { FriendlyName: "back to Twilio" } });
    await api(emulator, "POST", "/v1/Credentials/PublicKeys", { auth: AUTH, form: { PublicKey: RSA_2048 } });
    await api(emulator, "DELETE", `/v1/CompositionHooks/${seeded.sub["/v1/CompositionHooks"].composition_hooks[0].sid}`, {
      auth: SUB_AUTH,
    });
    assert.notDeepEqual(await configOf(emulator, AUTH), seeded.main);

    assert.equal((await api(emulator, "POST", "/__emulator/reset", { auth: null })).status, 204);
    assert.deepEqual({ main: await configOf(emulator, AUTH), sub: await configOf(emulator, SUB_AUTH) }, seeded);
  });
});

describe("emulator: console seeds that break the API's rules", () => {
  /** The seed's message for an object, which must carry what the API answers for the same POST. */
  const cases: { title: string; seed: ConsoleSeed; object: string; post?: { path: string; form: Form }; names: string[] }[] = [
    {
      title: "a hook's Resolution",
      seed: {
        compositionHooks: [
          { FriendlyName: "ok", AudioSources: ["*"] },
          { FriendlyName: "tiny", AudioSources: ["*"], Resolution: "8x8" },
        ],
      },
      object: "compositionHooks[1]",
      post: { path: "/v1/CompositionHooks", form: { FriendlyName: "tiny", AudioSources: ["*"], Resolution: "8x8" } },
      names: ["Resolution"],
    },
    {
      title: "a hook's layout region",
      seed: { compositionHooks: [{ FriendlyName: "wide", VideoLayout: { main: { video_sources: ["*"], width: 4000 } } }] },
      object: "compositionHooks[0]",
      post: {
        path: "/v1/CompositionHooks",
        form: { FriendlyName: "wide", VideoLayout: JSON.stringify({ main: { video_sources: ["*"], width: 4000 } }) },
      },
      names: ["VideoLayout", "main.width"],
    },
    {
      title: "a duplicate hook name",
      seed: {
        compositionHooks: [
          { FriendlyName: "same", AudioSources: ["*"] },
          { FriendlyName: "same", AudioSources: ["a"] },
        ],
      },
      object: "compositionHooks[1]",
      names: ["FriendlyName", "already exists"],
    },
    {
      title: "an AWS secret of the wrong shape",
      seed: { awsCredentials: [{ Credentials: `${KEYS.accessKeyId}:short-secret` }] },
      object: "awsCredentials[0]",
      post: { path: "/v1/Credentials/AWS", form: { Credentials: `${KEYS.accessKeyId}:short-secret` } },
      names: ["Credentials"],
    },
    {
      title: "a 1024-bit public key",
      seed: { publicKeys: [{ PublicKey: RSA_1024 }] },
      object: "publicKeys[0]",
      post: { path: "/v1/Credentials/PublicKeys", form: { PublicKey: RSA_1024 } },
      names: ["PublicKey", "2048"],
    },
    {
      title: "storage naming a credential the account does not hold",
      seed: {
        recordingSettings: {
          FriendlyName: "s3",
          AwsCredentialsSid: CREDENTIAL_SID,
          AwsS3Url: "https://my-recordings.s3.amazonaws.com",
          AwsStorageEnabled: true,
        },
      },
      object: "recordingSettings",
      post: {
        path: "/v1/RecordingSettings/Default",
        form: {
          FriendlyName: "s3",
          AwsCredentialsSid: CREDENTIAL_SID,
          AwsS3Url: "https://my-recordings.s3.amazonaws.com",
          AwsStorageEnabled: true,
        },
      },
      names: ["AwsCredentialsSid"],
    },
    {
      title: "a Sid of the wrong kind",
      seed: { compositionHooks: [{ Sid: CREDENTIAL_SID, FriendlyName: "h", AudioSources: ["*"] }] },
      object: "compositionHooks[0]",
      names: ["Sid", "^HK"],
    },
    {
      title: "a Sid used twice",
      seed: {
        awsCredentials: [{ Sid: CREDENTIAL_SID, Credentials: credentialsParam(KEYS) }],
        publicKeys: [{ Sid: CREDENTIAL_SID, PublicKey: RSA_2048 }],
      },
      object: "publicKeys[0]",
      names: ["Sid", CREDENTIAL_SID, "already"],
    },
    {
      title: "a DateCreated that is no date",
      seed: { publicKeys: [{ PublicKey: RSA_2048, DateCreated: "last spring" }] },
      object: "publicKeys[0]",
      names: ["DateCreated", "ISO 8601"],
    },
    {
      title: "a parameter name the API does not take (camelCase)",
      seed: { compositionHooks: [{ FriendlyName: "h", AudioSources: ["*"], enabled: false } as never] },
      object: "compositionHooks[0]",
      names: ["enabled", "Enabled"],
    },
  ];

  for (const { title, seed, object, post, names } of cases) {
    it(`refuses ${title}, naming the account, ${object} and the parameter`, async () => {
      const accountSid = "AC" + hex32(0xbad);
      await assert.rejects(startEmulator({ accounts: [{ accountSid, authToken: "t", console: seed }] }), (error: Error) => {
        assert.ok(error.message.startsWith(`Console seed of account ${accountSid}, ${object}: `), error.message);
        for (const name of names) assert.ok(error.message.includes(name), `${error.message} names ${name}`);
        assert.ok(!error.message.includes(KEYS.secretAccessKey) && !error.message.includes("short-secret"), "no secret in the message");
        return true;
      });
      if (!post) return;
      const emulator = await startEmulator({ accounts: [{ accountSid, authToken: "t" }] });
      try {
        const answer = await api(emulator, "POST", post.path, { auth: { user: accountSid, password: "t" }, form: post.form });
        assert.equal(answer.status, 400);
        const seeded = startEmulator({ accounts: [{ accountSid, authToken: "t", console: seed }] });
        await assert.rejects(seeded, { message: `Console seed of account ${accountSid}, ${object}: ${answer.body.message}` });
      } finally {
        await emulator.close();
      }
    });
  }

  it("names the subaccount whose seed is bad, and an account added at runtime with a bad seed changes nothing", async () => {
    const sub = { accountSid: "AC" + hex32(0xbad2), authToken: "sub", console: { recordingSettings: {} as never } };
    await assert.rejects(startEmulator({ accounts: [{ accountSid: ACCOUNT, authToken: TOKEN, subaccounts: [sub] }] }), {
      message: `Console seed of account ${sub.accountSid}, recordingSettings: Missing required parameter FriendlyName in the post body`,
    });
    const emulator = await startEmulator();
    try {
      const added = await api(emulator, "POST", "/__emulator/accounts", {
        auth: null,
        body: JSON.stringify({ accountSid: ACCOUNT, authToken: TOKEN, subaccounts: [sub] }),
      });
      assert.equal(added.status, 400);
      assert.match(added.body.message, /recordingSettings: Missing required parameter FriendlyName/);
      assert.equal((await api(emulator, "GET", "/v1/CompositionHooks", { auth: AUTH })).status, 401);
    } finally {
      await emulator.close();
    }
  });
});

describe("emulator: console seeds with persistence", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "twilio-emulator-seed-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps what the API changed across a restart, and reset still returns the seeded objects", async () => {
    const persistPath = join(dir, "state.json");
    let emulator = await startEmulator({ accounts: [SPEC], persistPath });
    const seeded = await configOf(emulator, AUTH);
    await api(emulator, "DELETE", `/v1/CompositionHooks/${DISABLED_HOOK_SID}`, { auth: AUTH });
    await emulator.close();

    emulator = await startEmulator({ accounts: [SPEC], persistPath });
    try {
      assert.equal((await api(emulator, "GET", `/v1/CompositionHooks/${DISABLED_HOOK_SID}`, { auth: AUTH })).status, 404);
      emulator.reset();
      assert.deepEqual(await configOf(emulator, AUTH), seeded);
    } finally {
      await emulator.close();
    }
  });

  it("takes a changed seed for reset after a restart, while the objects stay as the file left them", async () => {
    const persistPath = join(dir, "state.json");
    let emulator = await startEmulator({ accounts: [SPEC], persistPath });
    await api(emulator, "DELETE", `/v1/CompositionHooks/${DISABLED_HOOK_SID}`, { auth: AUTH });
    await emulator.close();

    const changed: AccountSpec = {
      accountSid: ACCOUNT,
      authToken: TOKEN,
      console: { compositionHooks: [{ FriendlyName: "new seed", AudioSources: ["*"] }] },
    };
    emulator = await startEmulator({ accounts: [changed], persistPath });
    try {
      const names = async () =>
        (await api(emulator, "GET", "/v1/CompositionHooks", { auth: AUTH })).body.composition_hooks.map(
          (hook: { friendly_name: string }) => hook.friendly_name,
        );
      assert.deepEqual(await names(), ["screen with camera"]);
      emulator.reset();
      assert.deepEqual(await names(), ["new seed"]);
      assert.equal((await api(emulator, "GET", "/v1/Credentials/AWS", { auth: AUTH })).body.credentials.length, 0);
    } finally {
      await emulator.close();
    }
  });

  it("keeps the seed of an account added at runtime, so reset after a restart returns its objects", async () => {
    const persistPath = join(dir, "state.json");
    let emulator = await startEmulator({ persistPath });
    emulator.addAccount({ accountSid: ACCOUNT, authToken: TOKEN, console: CONSOLE });
    const seeded = await configOf(emulator, AUTH);
    await api(emulator, "DELETE", `/v1/Credentials/PublicKeys/${KEY_SID}`, { auth: AUTH });
    await emulator.close();

    emulator = await startEmulator({ persistPath });
    try {
      assert.equal((await api(emulator, "GET", `/v1/Credentials/PublicKeys/${KEY_SID}`, { auth: AUTH })).status, 404);
      emulator.reset();
      assert.deepEqual(await configOf(emulator, AUTH), seeded);
    } finally {
      await emulator.close();
    }
  });
});

describe("emulator: bin with a console seed", () => {
  const bins = useBinPerTest("twilio-emulator-seed-bin-");

  it("takes console seeds in the --accounts file and logs no request for them", async () => {
    const accountsFile = join(bins.dir(), "accounts.json");
    writeFileSync(accountsFile, JSON.stringify([SPEC]));
    const url = await bins.run(["--accounts", accountsFile]).url;
    const emulator = { url } as Emulator;
    assert.deepEqual((await api(emulator, "GET", "/__emulator/log", { auth: null })).body.entries, []);
    const disabled = await api(emulator, "GET", `/v1/CompositionHooks/${DISABLED_HOOK_SID}`, { auth: AUTH });
    assert.equal(disabled.body.enabled, false);
    assert.equal((await api(emulator, "GET", "/v1/RecordingSettings/Default", { auth: AUTH })).body.aws_credentials_sid, CREDENTIAL_SID);
  });

  it("exits 2 on a bad seed, naming the parameter and never the secret", async () => {
    const accountsFile = join(bins.dir(), "accounts.json");
    const badSecret = KEYS.secretAccessKey.slice(0, 39) + "!";
    writeFileSync(
      accountsFile,
      JSON.stringify([
        { accountSid: ACCOUNT, authToken: TOKEN, console: { awsCredentials: [{ Credentials: `${KEYS.accessKeyId}:${badSecret}` }] } },
      ]),
    );
    const bin = bins.run(["--accounts", accountsFile]);
    let stderr = "";
    const stderrEnd = new Promise((resolve) =>
      bin.child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString())).once("end", resolve),
    );
    assert.equal(await bin.exit, 2);
    await stderrEnd;
    assert.match(stderr, new RegExp(`^Console seed of account ${ACCOUNT}, awsCredentials\\[0\\]: Invalid parameter Credentials: `));
    assert.ok(!stderr.includes(badSecret), "the secret stays out of stderr");
  });
});
