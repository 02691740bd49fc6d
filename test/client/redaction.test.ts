import * as assert from "assert";
import { inspect } from "util";
import { TwilioClient, TwilioError, type ClientOptions } from "../../provider/twilio";
import { ACCOUNT_SID, API_KEY, startFakeTwilio, type FakeTwilio, type Responder } from "./fakeTwilio";

const AUTH_TOKEN = "authtok-4f3e2d1c0b9a8877-SECRET";
const API_SECRET = "apisecret+with/odd=chars-SECRET";
const AWS_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const CREDENTIALS = `AKIAIOSFODNN7EXAMPLE:${AWS_SECRET}`;

/** Every form a secret could leak in: raw, URI-encoded, form-encoded, inside the Basic header. */
function forbiddenStrings(): string[] {
  const raw = [AUTH_TOKEN, API_SECRET, AWS_SECRET, CREDENTIALS];
  return [
    ...raw,
    ...raw.map(encodeURIComponent),
    ...raw.map((s) => new URLSearchParams({ s }).toString().slice(2)),
    Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64"),
    Buffer.from(`${API_KEY}:${API_SECRET}`).toString("base64"),
  ];
}

/** A careless server that echoes the Authorization header and the request body in its errors. */
const echoing =
  (status: number): Responder =>
  (req) => ({
    status,
    body: { code: 20003, message: `Authenticate: ${req.headers.authorization} with ${req.body} / ${decodeURIComponent(req.body)}`, status },
  });

describe("client secret redaction", () => {
  let servers: FakeTwilio[] = [];
  let texts: string[];
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
  });
  beforeEach(() => {
    texts = [];
  });

  async function clientFor(respond: Responder | "refused", auth: Partial<ClientOptions>): Promise<TwilioClient> {
    const server = await startFakeTwilio(respond === "refused" ? () => ({ status: 200 }) : respond);
    const endpoint = server.url;
    if (respond === "refused") await server.close();
    else servers.push(server);
    return new TwilioClient({
      accountSid: ACCOUNT_SID,
      endpoint,
      ...auth,
      retry: { limit: 2 },
      sleep: async () => undefined,
      log: (line) => texts.push(line),
    });
  }

  /** Runs a failing call and keeps everything a user could see of the failure. */
  async function capture(call: Promise<unknown>): Promise<TwilioError> {
    try {
      await call;
    } catch (e) {
      assert.ok(e instanceof TwilioError, `expected a TwilioError, got ${String(e)}`);
      const cause = e.cause as Error | undefined;
      texts.push(e.message, String(e.stack), inspect(e, { depth: 5 }), String(cause?.message), String(cause?.stack));
      return e;
    }
    throw new assert.AssertionError({ message: "expected the call to fail" });
  }

  function assertNoSecrets(): void {
    assert.ok(texts.length > 0);
    for (const text of texts) {
      for (const secret of forbiddenStrings()) {
        assert.ok(!text.includes(secret), `a secret leaked into: ${text.slice(0, 300)}`);
      }
    }
  }

  // A create that finds nothing made by a lost attempt, so the client sends it again.
  const create = (client: TwilioClient) =>
    client.accounts.awsCredentials.create({ credentials: CREDENTIALS, friendlyName: "writer" }, { recover: async () => undefined });

  it("redacts a 401 that echoes the auth header and the AWS secret (auth token)", async () => {
    const e = await capture(create(await clientFor(echoing(401), { authToken: AUTH_TOKEN })));
    assert.strictEqual(
      e.message,
      "Twilio 401 (code 20003) on POST /v1/Credentials/AWS: Authenticate: [REDACTED] with " +
        "Credentials=[REDACTED]&FriendlyName=writer / Credentials=[REDACTED]&FriendlyName=writer",
    );
    assertNoSecrets();
  });

  it("redacts the same echo under API key auth", async () => {
    await capture(create(await clientFor(echoing(401), { apiKey: API_KEY, apiSecret: API_SECRET })));
    assertNoSecrets();
  });

  it("keeps secrets out of every retry log line and the final 500", async () => {
    await capture(create(await clientFor(echoing(500), { authToken: AUTH_TOKEN })));
    assert.strictEqual(texts.filter((t) => t.startsWith("POST /v1/Credentials/AWS -> 500")).length, 3);
    assertNoSecrets();
  });

  it("keeps secrets out of network errors and their cause", async () => {
    await capture(create(await clientFor("refused", { authToken: AUTH_TOKEN })));
    await capture(create(await clientFor(() => ({ status: 0, reset: true }), { apiKey: API_KEY, apiSecret: API_SECRET })));
    assert.strictEqual(texts.filter((t) => / -> (ECONNREFUSED|ECONNRESET) /.test(t)).length, 6);
    assertNoSecrets();
  });

  it("keeps secrets out of an unparseable success body", async () => {
    const e = await capture(
      create(
        await clientFor((req) => ({ status: 201, body: `not json ${req.body} ${req.headers.authorization}` }), { authToken: AUTH_TOKEN }),
      ),
    );
    assert.strictEqual(e.message, "Twilio 201 on POST /v1/Credentials/AWS returned an unexpected body: not JSON");
    await capture(create(await clientFor((req) => ({ status: 201, body: { echo: req.body } }), { authToken: AUTH_TOKEN })));
    assertNoSecrets();
  });
});
