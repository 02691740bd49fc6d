// How the provider reads its Twilio settings: stack config or the TWILIO_*
// environment, the account SID and its credential always from one of them, never mixed.
import { strict as assert } from "assert";
import { readSettings } from "../../provider/resources/kit/settings";

const DEV = "AC" + "d".repeat(32);
const PROD = "AC" + "9".repeat(32);
const PROD_KEY = "SK" + "9".repeat(32);
const DEV_KEY = "SK" + "d".repeat(32);

const SECRET = "refused-secret-value-7Qk2";

const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });
const NONE = config({});

describe("provider settings (stack config and TWILIO_* environment)", () => {
  it("reads every TWILIO_* variable when stack config names no credential", () => {
    const s = readSettings(NONE, {
      TWILIO_ACCOUNT_SID: DEV,
      TWILIO_API_KEY: DEV_KEY,
      TWILIO_API_SECRET: "env-secret",
      TWILIO_ENDPOINT: "http://127.0.0.1:4010",
    });
    assert.deepEqual(
      [s.accountSid, s.apiKey, s.apiSecret, s.endpoint, s.credentialSource],
      [DEV, DEV_KEY, "env-secret", "http://127.0.0.1:4010", "environment"],
    );
    assert.deepEqual(s.origins, {
      accountSid: "TWILIO_ACCOUNT_SID (environment)",
      apiKey: "TWILIO_API_KEY (environment)",
      apiSecret: "TWILIO_API_SECRET (environment)",
      endpoint: "TWILIO_ENDPOINT (environment)",
    });
  });

  it("ignores another account's TWILIO_API_KEY/SECRET when stack config names the account and its token", () => {
    const s = readSettings(config({ "twilio:accountSid": DEV, "twilio:authToken": "dev-token" }), {
      TWILIO_ACCOUNT_SID: PROD,
      TWILIO_API_KEY: PROD_KEY,
      TWILIO_API_SECRET: "prod-secret",
      TWILIO_AUTH_TOKEN: "prod-token",
    });
    assert.deepEqual(
      [s.accountSid, s.authToken, s.apiKey, s.apiSecret, s.credentialSource],
      [DEV, "dev-token", undefined, undefined, "stack config"],
    );
  });

  it("does not complete a stack-config account with a token from the environment", () => {
    assert.throws(
      () => readSettings(config({ "twilio:accountSid": DEV }), { TWILIO_AUTH_TOKEN: "prod-token" }),
      /^ProviderError: no Twilio credential in stack config \(TWILIO_\* environment variables are ignored when stack config names any Twilio credential\)/,
    );
  });

  it("does not take the account SID from the environment for a stack-config API key", () => {
    assert.throws(
      () => readSettings(config({ "twilio:apiKey": DEV_KEY, "twilio:apiSecret": "s" }), { TWILIO_ACCOUNT_SID: PROD }),
      /^ProviderError: twilio:accountSid is not set in stack config/,
    );
  });

  it("takes the endpoint from stack config first, then TWILIO_ENDPOINT, whatever the credential's source", () => {
    const env = { TWILIO_ACCOUNT_SID: DEV, TWILIO_AUTH_TOKEN: "t", TWILIO_ENDPOINT: "http://127.0.0.1:1" };
    assert.equal(readSettings(NONE, env).endpoint, "http://127.0.0.1:1");
    assert.equal(readSettings(config({ "twilio:endpoint": "http://127.0.0.1:2" }), env).endpoint, "http://127.0.0.1:2");
  });

  it("prefers the API key over an auth token from the same source, and names where each came from", () => {
    const s = readSettings(
      config({ "twilio:accountSid": DEV, "twilio:authToken": "t", "twilio:apiKey": DEV_KEY, "twilio:apiSecret": "k" }),
      {},
    );
    assert.deepEqual(
      [s.apiKey, s.origins.accountSid, s.origins.apiKey],
      [DEV_KEY, "twilio:accountSid (stack config)", "twilio:apiKey (stack config)"],
    );
  });

  const refusals: [string, Record<string, string>, NodeJS.ProcessEnv, RegExp][] = [
    [
      "an API key without its secret (stack config)",
      { "twilio:accountSid": DEV, "twilio:apiKey": DEV_KEY },
      {},
      /^ProviderError: twilio:apiKey and twilio:apiSecret must be set together in stack config/,
    ],
    [
      "a secret without its API key (environment)",
      {},
      { TWILIO_ACCOUNT_SID: DEV, TWILIO_API_SECRET: SECRET },
      /^ProviderError: TWILIO_API_KEY and TWILIO_API_SECRET must be set together in stack config or the TWILIO_\* environment variables$/,
    ],
    [
      "an API key that is not an SK SID",
      { "twilio:accountSid": DEV, "twilio:apiKey": "key-1", "twilio:apiSecret": SECRET },
      {},
      /^ProviderError: twilio:apiKey \(stack config\) must match \^SK\[0-9a-fA-F\]\{32\}\$$/,
    ],
    [
      "an account SID that is not an AC SID",
      {},
      { TWILIO_ACCOUNT_SID: "AC123", TWILIO_AUTH_TOKEN: SECRET },
      /^ProviderError: TWILIO_ACCOUNT_SID \(environment\) must match \^AC\[0-9a-fA-F\]\{32\}\$$/,
    ],
    [
      "an endpoint that is not a URL",
      { "twilio:accountSid": DEV, "twilio:authToken": SECRET, "twilio:endpoint": "localhost:4010" },
      {},
      /^ProviderError: twilio:endpoint \(stack config\) must be an absolute http\(s\) URL$/,
    ],
    [
      "no account at all",
      {},
      {},
      /^ProviderError: twilio:accountSid is not set: run 'pulumi config set twilio:accountSid AC\.\.\.' or set TWILIO_ACCOUNT_SID$/,
    ],
    ["an account with no credential", {}, { TWILIO_ACCOUNT_SID: DEV }, /^ProviderError: no Twilio credential: set twilio:authToken/],
  ];
  for (const [what, values, env, message] of refusals) {
    it(`refuses ${what}, naming the key`, () => {
      assert.throws(
        () => readSettings(config(values), env),
        (e: Error) => {
          assert.match(String(e), message);
          assert.ok(!String(e).includes(SECRET), "the message quotes a secret");
          return true;
        },
      );
    });
  }

  it("treats empty values as unset (an exported but empty variable)", () => {
    const s = readSettings(config({ "twilio:apiKey": "" }), {
      TWILIO_ACCOUNT_SID: DEV,
      TWILIO_AUTH_TOKEN: "t",
      TWILIO_API_KEY: "",
      TWILIO_API_SECRET: "",
    });
    assert.deepEqual([s.credentialSource, s.authToken, s.apiKey], ["environment", "t", undefined]);
  });
});
