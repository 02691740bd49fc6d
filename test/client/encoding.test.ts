import * as assert from "assert";
import { encodeForm, formPairs, TwilioClient } from "../../provider/twilio";
import { ACCOUNT_SID, hookJson, settingsJson, startFakeTwilio, type FakeTwilio, HOOK_SID } from "./fakeTwilio";

describe("client form encoding", () => {
  it("PascalCases names, writes booleans as true/false and repeats array keys", () => {
    assert.deepStrictEqual(formPairs({ friendlyName: "a", enabled: false, trim: true, audioSources: ["x", "y*"], pageSize: 20 }), [
      ["FriendlyName", "a"],
      ["Enabled", "false"],
      ["Trim", "true"],
      ["AudioSources", "x"],
      ["AudioSources", "y*"],
      ["PageSize", "20"],
    ]);
  });

  it("sends videoLayout as JSON text and leaves out undefined fields and empty arrays", () => {
    const layout = { grid: { video_sources: ["*"], max_rows: 2 } };
    assert.deepStrictEqual(formPairs({ friendlyName: "a", videoLayout: layout, statusCallback: undefined, audioSourcesExcluded: [] }), [
      ["FriendlyName", "a"],
      ["VideoLayout", '{"grid":{"video_sources":["*"],"max_rows":2}}'],
    ]);
  });

  it("encodes spaces as + and a literal + as %2B", () => {
    assert.strictEqual(
      encodeForm({ friendlyName: "a b+c&d=e", awsS3Url: "https://b.s3.amazonaws.com/x y" }),
      "FriendlyName=a+b%2Bc%26d%3De&AwsS3Url=https%3A%2F%2Fb.s3.amazonaws.com%2Fx+y",
    );
  });

  describe("on the wire", () => {
    let server: FakeTwilio;
    afterEach(() => server.close());

    it("creates a hook with a urlencoded body Twilio can parse back to the same values", async () => {
      server = await startFakeTwilio(() => ({ status: 201, body: hookJson() }));
      const client = new TwilioClient({ accountSid: ACCOUNT_SID, authToken: "t0ken", endpoint: server.url });
      await client.video.compositionHooks.create({
        friendlyName: "My hook + more",
        enabled: false,
        audioSources: ["alice", "bob*"],
        audioSourcesExcluded: [],
        videoLayout: { grid: { video_sources: ["alice"] } },
        format: "mp4",
        trim: true,
        statusCallback: undefined,
      });
      const [req] = server.requests;
      assert.strictEqual(req.method, "POST");
      assert.strictEqual(req.url, "/v1/CompositionHooks");
      assert.strictEqual(req.headers["content-type"], "application/x-www-form-urlencoded");
      assert.strictEqual(
        req.body,
        "FriendlyName=My+hook+%2B+more&Enabled=false&AudioSources=alice&AudioSources=bob*" +
          "&VideoLayout=%7B%22grid%22%3A%7B%22video_sources%22%3A%5B%22alice%22%5D%7D%7D&Format=mp4&Trim=true",
      );
      const parsed = new URLSearchParams(req.body);
      assert.strictEqual(parsed.get("FriendlyName"), "My hook + more");
      assert.deepStrictEqual(parsed.getAll("AudioSources"), ["alice", "bob*"]);
      assert.strictEqual(parsed.has("AudioSourcesExcluded"), false);
      assert.strictEqual(parsed.has("StatusCallback"), false);
    });

    it("sends list filters as a query string and settings as a form", async () => {
      server = await startFakeTwilio((req) =>
        req.method === "GET"
          ? { status: 200, body: { composition_hooks: [], meta: { next_page_url: null } } }
          : { status: 201, body: settingsJson() },
      );
      const client = new TwilioClient({ accountSid: ACCOUNT_SID, authToken: "t0ken", endpoint: server.url });
      await client.video.compositionHooks.list({
        enabled: true,
        friendlyName: "My hook*",
        dateCreatedAfter: "2024-01-01T00:00:00Z",
        pageSize: 2,
      });
      await client.video.recordingSettings.update({ friendlyName: "rec", awsStorageEnabled: false, encryptionEnabled: false });
      assert.strictEqual(
        server.requests[0].url,
        "/v1/CompositionHooks?Enabled=true&FriendlyName=My+hook*&DateCreatedAfter=2024-01-01T00%3A00%3A00Z&PageSize=2",
      );
      assert.strictEqual(server.requests[0].body, "");
      assert.strictEqual(server.requests[1].url, "/v1/RecordingSettings/Default");
      assert.strictEqual(server.requests[1].body, "FriendlyName=rec&AwsStorageEnabled=false&EncryptionEnabled=false");
    });

    it("updates a hook at its own path and deletes with 204", async () => {
      server = await startFakeTwilio((req) => (req.method === "DELETE" ? { status: 204 } : { status: 200, body: hookJson() }));
      const client = new TwilioClient({ accountSid: ACCOUNT_SID, authToken: "t0ken", endpoint: server.url });
      await client.video.compositionHooks.update(HOOK_SID, { friendlyName: "x", audioSources: ["*"] });
      const removed = await client.video.compositionHooks.remove(HOOK_SID);
      assert.strictEqual(removed, undefined);
      assert.deepStrictEqual(
        server.requests.map((r) => `${r.method} ${r.url} ${r.body}`),
        [`POST /v1/CompositionHooks/${HOOK_SID} FriendlyName=x&AudioSources=*`, `DELETE /v1/CompositionHooks/${HOOK_SID} `],
      );
    });
  });
});
