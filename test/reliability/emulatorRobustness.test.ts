import { strict as assert } from "assert";
import { startEmulator, type Emulator } from "../../emulator";
import { FORM, VALID_AUTH, rawExchange, send, streamLargeBody, type RawResponse } from "./rawHttp";
import { awsKeyPair, credentialsParam } from "../fixtures/awsKeys";

const HOOKS = "/v1/CompositionHooks";
const VALID_HOOK_FORM = "FriendlyName=robust&AudioSources=*";

/** Twilio's error body, exactly: these four keys and no others. */
function assertTwilioError(res: RawResponse, status: number, code: number, message: RegExp): void {
  assert.equal(res.status, status, res.text);
  assert.match(String(res.headers["content-type"]), /^application\/json/);
  assert.deepEqual(Object.keys(res.json ?? {}).sort(), ["code", "message", "more_info", "status"]);
  assert.equal(res.json.status, status);
  assert.equal(res.json.code, code);
  assert.equal(res.json.more_info, `https://www.twilio.com/docs/errors/${code}`);
  assert.match(res.json.message, message);
}

describe("reliability: the emulator refuses malformed requests in Twilio's error shape and stays up", () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.close());
  afterEach(async () => {
    // The server is still up and serving after every abuse: a valid create and list succeed.
    const created = await send(emulator.url, "POST", HOOKS, { Authorization: VALID_AUTH, "Content-Type": FORM }, VALID_HOOK_FORM);
    assert.equal(created.status, 201, created.text);
    const list = await send(emulator.url, "GET", HOOKS, { Authorization: VALID_AUTH });
    assert.deepEqual(
      list.json.composition_hooks.map((h: { friendly_name: string }) => h.friendly_name),
      ["robust"],
    );
    emulator.reset();
  });

  const postForm = (path: string, body: string | Buffer, contentType = FORM) =>
    send(emulator.url, "POST", path, { Authorization: VALID_AUTH, "Content-Type": contentType }, body);

  describe("malformed form bodies", () => {
    for (const [label, body] of [
      ["an invalid escape", "FriendlyName=%ZZ&AudioSources=*"],
      ["a lone percent sign", "FriendlyName=100%&AudioSources=*"],
      ["a truncated UTF-8 escape", "FriendlyName=%E0%A4%A&AudioSources=*"],
      ["an escape that is not UTF-8", "FriendlyName=%FF%FE&AudioSources=*"],
    ] as const) {
      it(`refuses ${label} with 400 20002 and creates nothing`, async () => {
        const res = await postForm(HOOKS, body);
        assertTwilioError(res, 400, 20002, /^Invalid parameter \(post body\): is not valid application\/x-www-form-urlencoded text$/);
        assert.equal(emulator.log.count({ method: "POST" }), 1);
        const list = await send(emulator.url, "GET", HOOKS, { Authorization: VALID_AUTH });
        assert.deepEqual(list.json.composition_hooks, []);
      });
    }

    it("reads binary garbage as a form without the required parameters: 400 20001", async () => {
      const garbage = Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x3d, 0x26, 0xc3, 0x28, 0x0a, 0x0d, 0x3d, 0x3d]);
      assertTwilioError(await postForm(HOOKS, garbage), 400, 20001, /^Missing required parameter FriendlyName in the post body$/);
    });

    it("names the bad query string too (GET with a broken escape): 400 20002", async () => {
      const res = await send(emulator.url, "GET", `${HOOKS}?FriendlyName=%G1`, { Authorization: VALID_AUTH });
      assertTwilioError(res, 400, 20002, /^Invalid parameter \(query\): is not valid application\/x-www-form-urlencoded text$/);
    });
  });

  describe("wrong content types on POST endpoints", () => {
    const bodies = {
      "application/json": JSON.stringify({ FriendlyName: "json", AudioSources: ["*"] }),
      "text/plain": "FriendlyName=plain&AudioSources=*",
      "multipart/form-data; boundary=XyZ": '--XyZ\r\nContent-Disposition: form-data; name="FriendlyName"\r\n\r\nmultipart\r\n--XyZ--\r\n',
    };
    for (const [contentType, body] of Object.entries(bodies)) {
      const type = contentType.split(";")[0];
      it(`refuses ${type} with 415 20415 on every POST endpoint and changes nothing`, async () => {
        const credential = await postForm(
          "/v1/Credentials/AWS",
          `Credentials=${encodeURIComponent(credentialsParam(awsKeyPair("robust")))}&FriendlyName=keep`,
        );
        assert.equal(credential.status, 201);
        const sid = credential.json.sid as string;
        for (const path of [
          HOOKS,
          "/v1/CompositionSettings/Default",
          "/v1/RecordingSettings/Default",
          "/v1/Credentials/AWS",
          `/v1/Credentials/AWS/${sid}`,
          "/v1/Credentials/PublicKeys",
        ]) {
          const res = await postForm(path, body, contentType);
          assertTwilioError(
            res,
            415,
            20415,
            new RegExp(`^Unsupported Content-Type ${type.replace("/", "\\/")}: send parameters as application/x-www-form-urlencoded$`),
          );
        }
        const hooks = await send(emulator.url, "GET", HOOKS, { Authorization: VALID_AUTH });
        assert.deepEqual(hooks.json.composition_hooks, []);
        const credentials = await send(emulator.url, "GET", "/v1/Credentials/AWS", { Authorization: VALID_AUTH });
        assert.deepEqual(
          credentials.json.credentials.map((c: { sid: string; friendly_name: string }) => [c.sid, c.friendly_name]),
          [[sid, "keep"]],
        );
        const settings = await send(emulator.url, "GET", "/v1/RecordingSettings/Default", { Authorization: VALID_AUTH });
        assert.equal(settings.json.friendly_name, null);
        emulator.reset();
      });
    }

    it("accepts the form type with a charset parameter, in any case", async () => {
      const res = await postForm(HOOKS, "FriendlyName=charset&AudioSources=*", "Application/X-WWW-Form-Urlencoded; charset=UTF-8");
      assert.equal(res.status, 201, res.text);
      assert.equal(res.json.friendly_name, "charset");
      emulator.reset();
    });
  });

  describe("huge bodies", () => {
    for (const megabytes of [5, 50]) {
      for (const declareLength of [true, false]) {
        it(`refuses ${megabytes} MB ${declareLength ? "with Content-Length" : "chunked"} with 413 20413 before reading it all`, async () => {
          const total = megabytes * 1024 * 1024;
          const { response, bytesSent } = await streamLargeBody(emulator.url, HOOKS, total, declareLength);
          assertTwilioError(response, 413, 20413, /^Request body must be at most 1048576 bytes$/);
          assert.equal(response.headers.connection, "close");
          console.log(
            `      ${megabytes} MB ${declareLength ? "declared" : "chunked"}: answered 413 after the client sent ${(bytesSent / 1048576).toFixed(2)} MB`,
          );
          if (megabytes === 50) assert.ok(bytesSent < total, `the server read all ${total} bytes before answering`);
          assert.equal(emulator.log.count(), 0, "a refused body never reaches the pipeline");
        });
      }
    }

    it("still takes a body of exactly the limit", async () => {
      const prefix = "FriendlyName=big&AudioSources=*&Pad=";
      const body = prefix + "p".repeat(1024 * 1024 - prefix.length);
      const res = await postForm(HOOKS, body);
      assert.equal(res.status, 201, res.text.slice(0, 200));
      assert.equal(res.json.friendly_name, "big");
      emulator.reset();
    });
  });

  describe("bad auth headers", () => {
    const cases: [string, string | undefined][] = [
      ["missing", undefined],
      ["not Basic", "Bearer eyJhbGciOiJub25lIn0.e30."],
      ["Basic without credentials", "Basic"],
      ["bad base64", "Basic !!!***###"],
      ["no colon", "Basic " + Buffer.from("AC00000000000000000000000000000001").toString("base64")],
      ["unknown account", "Basic " + Buffer.from(`AC${"9".repeat(32)}:whatever`).toString("base64")],
      ["wrong token", "Basic " + Buffer.from("AC00000000000000000000000000000001:wrong-token").toString("base64")],
      ["binary after decoding", "Basic " + Buffer.from([0xff, 0x00, 0x3a, 0xfe]).toString("base64")],
      ["long but under Node's header limit", "Basic " + "QUFB".repeat(3000)],
    ];
    for (const [label, authorization] of cases) {
      it(`answers 401 20003 with WWW-Authenticate: ${label}`, async () => {
        const headers: Record<string, string> = { "Content-Type": FORM };
        if (authorization !== undefined) headers.Authorization = authorization;
        const res = await send(emulator.url, "POST", HOOKS, headers, VALID_HOOK_FORM);
        assertTwilioError(res, 401, 20003, /^Authenticate$/);
        assert.equal(res.headers["www-authenticate"], 'Basic realm="Twilio API"');
        assert.equal(emulator.log.count({ method: "POST" }), 1);
        assert.equal(emulator.log.entries()[0].accountSid, undefined);
      });
    }

    it("answers an oversized header with 431 20431 in Twilio's shape", async () => {
      const res = await rawExchange(
        emulator.url,
        `GET ${HOOKS} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic ${"A".repeat(70 * 1024)}\r\n\r\n`,
      );
      assertTwilioError(res, 431, 20431, /^Request headers are too large$/);
    });
  });

  describe("malformed HTTP", () => {
    it("answers a garbage request line with 400 20400", async () => {
      assertTwilioError(await rawExchange(emulator.url, "HELLO THERE\r\n\r\n"), 400, 20400, /^Malformed HTTP request$/);
    });

    it("answers a bad Content-Length with 400 20400", async () => {
      const res = await rawExchange(emulator.url, `POST ${HOOKS} HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n`);
      assertTwilioError(res, 400, 20400, /^Malformed HTTP request$/);
    });

    for (const target of ["////", "http://["]) {
      it(`answers a request target that is no URL (${target}) with 400 20400`, async () => {
        const res = await rawExchange(emulator.url, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
        assertTwilioError(res, 400, 20400, /^Malformed request URL$/);
      });
    }

    it("answers a SID segment with a broken escape with 404 20404", async () => {
      const res = await send(emulator.url, "GET", `${HOOKS}/%E0%A4%A`, { Authorization: VALID_AUTH });
      assertTwilioError(res, 404, 20404, /^The requested resource \/v1\/CompositionHooks\/%E0%A4%A was not found$/);
    });
  });
});
