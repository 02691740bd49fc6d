/**
 * The emulator answers Twilio's own recorded requests as Twilio answered them
 * (test/fixtures/twilio-responses: api-snippets captures and twilio-python's response examples).
 * Only what differs by nature is mapped: SIDs, the account, dates the server sets, the host of `url`.
 */
import { strict as assert } from "assert";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { AWS_DOCS_EXAMPLE, credentialsParam } from "../fixtures/awsKeys";
import { RSA_2048 } from "../fixtures/publicKeys";
import { formOf, loadRecording, type RecordingName } from "../fixtures/twilio-responses";
import { api } from "./helpers";

const ISO_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

describe("emulator: answers as Twilio's recorded responses", () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  afterEach(() => emulator.reset());
  after(() => emulator.close());

  /** The recorded answer with this emulator's account, SID, dates and host put in. */
  function expected(name: RecordingName, live: Record<string, unknown>, sid?: string): Record<string, unknown> {
    const recording = loadRecording(name, { accountSid: DEFAULT_ACCOUNT.accountSid, hookSid: sid, credentialSid: sid });
    const answer = { ...recording.response };
    answer.url = String(answer.url).replace(/^https:\/\/(video|accounts)\.twilio\.com/, emulator.url);
    if ("date_created" in answer) answer.date_created = live.date_created;
    if (typeof answer.date_updated === "string") answer.date_updated = live.date_updated;
    return answer;
  }

  for (const name of ["hook-complex-layout", "hook-grid-mixing", "hook-audio-mixing"] as const) {
    it(`${name}: the create answer equals Twilio's, every layout region with all 11 keys`, async () => {
      const res = await api(emulator, "POST", "/v1/CompositionHooks", { form: formOf(loadRecording(name)) });
      assert.equal(res.status, 201);
      assert.deepEqual(res.body, expected(name, res.body, res.body.sid));
      assert.equal(res.body.date_updated, null);
      assert.match(String(res.body.date_created), ISO_SECONDS);
      assert.deepEqual((await api(emulator, "GET", `/v1/CompositionHooks/${res.body.sid}`)).body, res.body);
    });
  }

  it("hook-update: a full-replacement update answers as Twilio's, with date_updated set", async () => {
    const created = await api(emulator, "POST", "/v1/CompositionHooks", { form: formOf(loadRecording("hook-grid-mixing")) });
    const update = loadRecording("hook-update");
    const res = await api(emulator, "POST", `/v1/CompositionHooks/${created.body.sid}`, { form: formOf(update) });
    assert.equal(res.status, update.status);
    assert.deepEqual(res.body, expected("hook-update", res.body, created.body.sid));
    assert.match(String(res.body.date_updated), ISO_SECONDS);
  });

  for (const [name, path] of [
    ["composition-settings", "/v1/CompositionSettings/Default"],
    ["recording-settings", "/v1/RecordingSettings/Default"],
  ] as const) {
    it(`${name}: the POST answers 200 (current spec) with Twilio's body`, async () => {
      // Twilio's example points storage and encryption at one CR SID; here two real credentials.
      const aws = await api(emulator, "POST", "/v1/Credentials/AWS", { form: { Credentials: credentialsParam(AWS_DOCS_EXAMPLE) } });
      const key = await api(emulator, "POST", "/v1/Credentials/PublicKeys", { form: { PublicKey: RSA_2048 } });
      const form = { ...formOf(loadRecording(name)), AwsCredentialsSid: aws.body.sid, EncryptionKeySid: key.body.sid };
      const res = await api(emulator, "POST", path, { form });
      assert.equal(res.status, 200);
      const answer = expected(name, res.body);
      assert.deepEqual(res.body, { ...answer, aws_credentials_sid: aws.body.sid, encryption_key_sid: key.body.sid });
    });
  }

  for (const [name, path, secretForm] of [
    ["aws-credential", "/v1/Credentials/AWS", { Credentials: credentialsParam(AWS_DOCS_EXAMPLE) }],
    ["public-key", "/v1/Credentials/PublicKeys", { PublicKey: RSA_2048 }],
  ] as const) {
    it(`${name}: the create answer has Twilio's fields, date_updated equal to date_created`, async () => {
      const res = await api(emulator, "POST", path, { form: { ...formOf(loadRecording(name)), ...secretForm } });
      assert.equal(res.status, 201);
      assert.deepEqual(res.body, expected(name, res.body, res.body.sid));
      assert.equal(res.body.date_updated, res.body.date_created);
    });
  }
});
