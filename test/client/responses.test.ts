import * as assert from "assert";
import { TwilioClient, TwilioResponseError } from "../../provider/twilio";
import {
  ACCOUNT_SID,
  CREDENTIAL_SID,
  HOOK_SID,
  credentialJson,
  hookJson,
  settingsJson,
  startFakeTwilio,
  type FakeTwilio,
} from "./fakeTwilio";

describe("client response parsing", () => {
  let server: FakeTwilio;
  afterEach(() => server.close());

  async function clientAnswering(status: number, body: unknown): Promise<TwilioClient> {
    server = await startFakeTwilio(() => ({ status, body }));
    return new TwilioClient({ accountSid: ACCOUNT_SID, authToken: "test-auth-token", endpoint: server.url, retry: { limit: 0 } });
  }

  it("maps a hook's snake_case JSON to camelCase, ignoring unknown fields", async () => {
    const client = await clientAnswering(200, hookJson({ links: { x: 1 }, brand_new_field: "?" }));
    assert.deepStrictEqual(await client.video.compositionHooks.fetch(HOOK_SID), {
      sid: HOOK_SID,
      accountSid: ACCOUNT_SID,
      friendlyName: "Main hook",
      enabled: true,
      dateCreated: "2024-01-01T00:00:00Z",
      dateUpdated: null,
      audioSources: ["student*"],
      audioSourcesExcluded: [],
      videoLayout: { grid: { video_sources: ["*"] } },
      resolution: "640x480",
      format: "webm",
      trim: true,
      statusCallback: null,
      statusCallbackMethod: "POST",
      url: `https://video.twilio.com/v1/CompositionHooks/${HOOK_SID}`,
    });
  });

  it("accepts documented nulls and a JSON-text video_layout", async () => {
    const client = await clientAnswering(
      200,
      hookJson({
        audio_sources: null,
        audio_sources_excluded: null,
        video_layout: '{"a":{"video_sources":["x"]}}',
        status_callback_method: null,
      }),
    );
    const hook = await client.video.compositionHooks.fetch(HOOK_SID);
    assert.deepStrictEqual(
      [hook.audioSources, hook.audioSourcesExcluded, hook.videoLayout, hook.statusCallbackMethod],
      [[], [], { a: { video_sources: ["x"] } }, "POST"],
    );
  });

  it("reads settings answered with 201 to a POST", async () => {
    const client = await clientAnswering(201, settingsJson({ encryption_enabled: null, friendly_name: null }));
    assert.deepStrictEqual(await client.video.compositionSettings.update({ friendlyName: "x" }), {
      accountSid: ACCOUNT_SID,
      friendlyName: "",
      awsCredentialsSid: CREDENTIAL_SID,
      awsS3Url: "https://bucket.s3.us-east-1.amazonaws.com/recordings",
      awsStorageEnabled: true,
      encryptionKeySid: null,
      encryptionEnabled: false,
      url: "https://video.twilio.com/v1/RecordingSettings/Default",
    });
  });

  it("maps a credential and sends only FriendlyName on update", async () => {
    const client = await clientAnswering(200, credentialJson({ friendly_name: null }));
    const credential = await client.accounts.awsCredentials.update(CREDENTIAL_SID, { friendlyName: "renamed" });
    assert.deepStrictEqual(credential, {
      sid: CREDENTIAL_SID,
      accountSid: ACCOUNT_SID,
      friendlyName: null,
      dateCreated: "2024-01-01T00:00:00Z",
      dateUpdated: "2024-01-02T00:00:00Z",
      url: `https://accounts.twilio.com/v1/Credentials/AWS/${CREDENTIAL_SID}`,
    });
    assert.strictEqual(server.requests[0].body, "FriendlyName=renamed");
  });

  it("reports a 2xx body of the wrong shape as TwilioResponseError naming the field", async () => {
    const client = await clientAnswering(200, hookJson({ format: "avi", enabled: "yes" }));
    await assert.rejects(client.video.compositionHooks.fetch(HOOK_SID), (e: unknown) => {
      assert.ok(e instanceof TwilioResponseError);
      assert.match(e.message, new RegExp(`^Twilio 200 on GET /v1/CompositionHooks/${HOOK_SID} returned an unexpected body: `));
      assert.match(e.message, /enabled: /);
      assert.match(e.message, /format: /);
      return true;
    });
  });

  it("reports a 2xx body that is not JSON as TwilioResponseError", async () => {
    const client = await clientAnswering(200, "<html>gateway</html>");
    await assert.rejects(
      client.video.recordingSettings.fetch(),
      (e: unknown) =>
        e instanceof TwilioResponseError &&
        e.message === "Twilio 200 on GET /v1/RecordingSettings/Default returned an unexpected body: not JSON",
    );
  });
});
