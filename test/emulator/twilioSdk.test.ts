/** Twilio's official Node SDK (a real client) pointed at the emulator: it must work unmodified. */
import { strict as assert } from "assert";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { AWS_DOCS_EXAMPLE, credentialsParam } from "../fixtures/awsKeys";
import { RSA_2048 as PEM } from "../fixtures/publicKeys";
import { twilioClient, type TwilioClient } from "./helpers";

describe("emulator: the official twilio SDK", () => {
  let emulator: Emulator;
  let client: TwilioClient;
  before(async () => {
    emulator = await startEmulator();
    client = twilioClient(emulator);
  });
  after(() => emulator.close());

  it("creates, updates, pages through and deletes composition hooks", async () => {
    const created = await client.video.v1.compositionHooks.create({
      friendlyName: "sdk hook",
      audioSources: ["alice", "bob"],
      videoLayout: { grid: { video_sources: ["*"], max_columns: 3 } },
      resolution: "1280x720",
      format: "mp4",
      statusCallback: "https://example.com/status",
    });
    assert.match(created.sid, /^HK[0-9a-f]{32}$/);
    assert.deepEqual(created.audioSources, ["alice", "bob"]);
    assert.deepEqual(created.videoLayout, {
      grid: {
        x_pos: 0,
        y_pos: 0,
        z_pos: 0,
        width: null,
        height: null,
        max_columns: 3,
        max_rows: null,
        cells_excluded: [],
        reuse: "show_oldest",
        video_sources: ["*"],
        video_sources_excluded: [],
      },
    });
    assert.equal(created.enabled, true);
    assert.ok(created.dateCreated instanceof Date && !Number.isNaN(created.dateCreated.getTime()));

    const updated = await client.video.v1
      .compositionHooks(created.sid)
      .update({ friendlyName: "sdk hook 2", enabled: false, audioSources: ["carol"] });
    assert.equal(updated.friendlyName, "sdk hook 2");
    assert.equal(updated.enabled, false);
    assert.equal(updated.format, "webm");

    for (let i = 0; i < 4; i++) await client.video.v1.compositionHooks.create({ friendlyName: `extra ${i}`, audioSources: ["*"] });
    const all = await client.video.v1.compositionHooks.list({ pageSize: 2 });
    assert.deepEqual(
      all.map((h) => h.friendlyName),
      ["extra 3", "extra 2", "extra 1", "extra 0", "sdk hook 2"],
    );
    const disabled = await client.video.v1.compositionHooks.list({ enabled: false });
    assert.deepEqual(
      disabled.map((h) => h.sid),
      [created.sid],
    );

    assert.equal(await client.video.v1.compositionHooks(created.sid).remove(), true);
    await assert.rejects(client.video.v1.compositionHooks(created.sid).fetch(), (error: { status: number; code: number }) => {
      assert.equal(error.status, 404);
      assert.equal(error.code, 20404);
      return true;
    });
  });

  it("reports validation errors with Twilio's code and message", async () => {
    await assert.rejects(
      client.video.v1.compositionHooks.create({ friendlyName: "no sources" }),
      (error: { status: number; code: number; message: string }) => {
        assert.equal(error.status, 400);
        assert.equal(error.code, 53121);
        assert.ok(error.message.includes("AudioSources"));
        return true;
      },
    );
  });

  it("creates, updates, lists and deletes AWS credentials and public keys, then configures both settings", async () => {
    const aws = await client.accounts.v1.credentials.aws.create({
      credentials: credentialsParam(AWS_DOCS_EXAMPLE),
      friendlyName: "sdk aws",
    });
    assert.match(aws.sid, /^CR[0-9a-f]{32}$/);
    assert.equal(aws.accountSid, DEFAULT_ACCOUNT.accountSid);
    assert.equal((await client.accounts.v1.credentials.aws(aws.sid).update({ friendlyName: "renamed" })).friendlyName, "renamed");
    assert.deepEqual(
      (await client.accounts.v1.credentials.aws.list()).map((c) => c.sid),
      [aws.sid],
    );
    const key = await client.accounts.v1.credentials.publicKey.create({ publicKey: PEM, friendlyName: "sdk key" });
    assert.deepEqual(
      (await client.accounts.v1.credentials.publicKey.list()).map((c) => c.friendlyName),
      ["sdk key"],
    );

    const composition = await client.video.v1.compositionSettings().create({
      friendlyName: "sdk settings",
      awsCredentialsSid: aws.sid,
      awsS3Url: "https://sdk-bucket.s3.us-east-1.amazonaws.com/compositions",
      awsStorageEnabled: true,
      encryptionKeySid: key.sid,
      encryptionEnabled: true,
    });
    assert.equal(composition.awsStorageEnabled, true);
    assert.equal((await client.video.v1.compositionSettings().fetch()).awsCredentialsSid, aws.sid);
    const recording = await client.video.v1.recordingSettings().create({ friendlyName: "sdk recording settings" });
    assert.equal(recording.awsStorageEnabled, false);
    assert.equal((await client.video.v1.recordingSettings().fetch()).friendlyName, "sdk recording settings");

    assert.equal(await client.accounts.v1.credentials.aws(aws.sid).remove(), true);
    assert.equal(await client.accounts.v1.credentials.publicKey(key.sid).remove(), true);
    assert.deepEqual(await client.accounts.v1.credentials.aws.list(), []);
  });
});
