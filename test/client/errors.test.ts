import * as assert from "assert";
import { isNotFound, TwilioApiError, TwilioClient, TwilioError, TwilioNetworkError } from "../../provider/twilio";
import { ACCOUNT_SID, HOOK_SID, startFakeTwilio, twilioError, type CannedResponse, type FakeTwilio } from "./fakeTwilio";

describe("client API errors", () => {
  let server: FakeTwilio;
  afterEach(() => server.close());

  async function clientAnswering(canned: CannedResponse): Promise<TwilioClient> {
    server = await startFakeTwilio(() => canned);
    return new TwilioClient({ accountSid: ACCOUNT_SID, authToken: "test-auth-token", endpoint: server.url, retry: { limit: 0 } });
  }

  async function failure(promise: Promise<unknown>): Promise<TwilioApiError> {
    try {
      await promise;
    } catch (e) {
      assert.ok(e instanceof TwilioApiError, `expected TwilioApiError, got ${String(e)}`);
      return e;
    }
    throw new assert.AssertionError({ message: "expected the call to fail" });
  }

  it("turns Twilio's error body into a TwilioApiError with a one-sentence message", async () => {
    const client = await clientAnswering(twilioError(400, 53120, "Invalid Resolution: 2000x2000"));
    const e = await failure(client.video.compositionHooks.create({ friendlyName: "x" }));
    assert.strictEqual(e.message, "Twilio 400 (code 53120) on POST /v1/CompositionHooks: Invalid Resolution: 2000x2000");
    assert.deepStrictEqual(
      {
        status: e.status,
        code: e.code,
        moreInfo: e.moreInfo,
        method: e.method,
        path: e.path,
        twilioMessage: e.twilioMessage,
        name: e.name,
      },
      {
        status: 400,
        code: 53120,
        moreInfo: "https://www.twilio.com/docs/errors/53120",
        method: "POST",
        path: "/v1/CompositionHooks",
        twilioMessage: "Invalid Resolution: 2000x2000",
        name: "TwilioApiError",
      },
    );
    assert.ok(e instanceof TwilioError);
  });

  it("omits the code when Twilio sends none", async () => {
    const client = await clientAnswering({ status: 409, body: { message: "Conflict", status: 409 } });
    const e = await failure(client.video.compositionSettings.update({ friendlyName: "x" }));
    assert.strictEqual(e.message, "Twilio 409 on POST /v1/CompositionSettings/Default: Conflict");
    assert.strictEqual(e.code, undefined);
  });

  it("gives a clean TwilioApiError for a non-JSON error body", async () => {
    const client = await clientAnswering({ status: 502, body: "<html>\n  <h1>Bad   Gateway</h1>\n</html>" });
    const e = await failure(client.accounts.awsCredentials.list());
    assert.strictEqual(
      e.message,
      "Twilio 502 on GET /v1/Credentials/AWS: Bad Gateway (non-JSON body: <html> <h1>Bad Gateway</h1> </html>)",
    );
    assert.strictEqual(e.code, undefined);
  });

  it("gives a clean TwilioApiError for an empty error body", async () => {
    const client = await clientAnswering({ status: 403 });
    const e = await failure(client.accounts.publicKeys.remove("CR1"));
    assert.strictEqual(e.message, "Twilio 403 on DELETE /v1/Credentials/PublicKeys/CR1: Forbidden");
  });

  it("reports 404 through isNotFound", async () => {
    const client = await clientAnswering(twilioError(404, 20404, `The requested resource /v1/CompositionHooks/${HOOK_SID} was not found`));
    const e = await failure(client.video.compositionHooks.fetch(HOOK_SID));
    assert.strictEqual(isNotFound(e), true);
    assert.strictEqual(e.code, 20404);
    assert.strictEqual(isNotFound(new TwilioApiError({ status: 400, method: "GET", path: "/", twilioMessage: "x" })), false);
    assert.strictEqual(isNotFound(new Error("404")), false);
    assert.strictEqual(isNotFound(undefined), false);
  });

  it("wraps a refused connection in TwilioNetworkError with the original as cause", async () => {
    server = await startFakeTwilio(() => ({ status: 200 }));
    const url = server.url;
    await server.close();
    const client = new TwilioClient({ accountSid: ACCOUNT_SID, authToken: "test-auth-token", endpoint: url, retry: { limit: 0 } });
    await assert.rejects(client.video.recordingSettings.fetch(), (e: unknown) => {
      assert.ok(e instanceof TwilioNetworkError);
      assert.strictEqual(e.errorCode, "ECONNREFUSED");
      assert.match(e.message, /^Twilio request GET \/v1\/RecordingSettings\/Default failed: connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
      assert.strictEqual((e.cause as Error).name, "FetchError");
      return true;
    });
    server = await startFakeTwilio(() => ({ status: 200 })); // for afterEach
  });
});
