// Twilio's own recorded answers (test/fixtures/twilio-responses, with their sources) replayed
// through the provider over the real dynamic-provider host: for every resource kind, the program
// that made the recorded request sees no diff after create and none after a refresh, and the
// refreshed inputs are the program's own (a drift review lists nothing Twilio merely filled in).
import { strict as assert } from "assert";
import { shimProvider } from "../../provider/resources/kit/shim";
import { AWS_DOCS_EXAMPLE } from "../fixtures/awsKeys";
import { RSA_2048 } from "../fixtures/publicKeys";
import { loadRecording, type Recording, type RecordingName } from "../fixtures/twilio-responses";
import { makeProgramDir } from "../helpers/programDir";
import { dynamicUrn, startProviderHost, type PropertyBag, type ProviderHost } from "../helpers/providerHost";
import { startReplayTwilio, type ReplayTwilio } from "../helpers/replayTwilio";
import { serializeProvider } from "../helpers/serializeProvider";
import { ACCOUNT, stackConfig, withoutProvider } from "./fixture";

const HOOK_SID = "HK" + "0123456789abcdef".repeat(2);
const CREDENTIAL_SID = "CR" + "a".repeat(32);
const subs = { accountSid: ACCOUNT.accountSid, hookSid: HOOK_SID, credentialSid: CREDENTIAL_SID };
const recording = (name: RecordingName) => loadRecording(name, subs);

/** The program a user writes for a recorded hook request (names as the API's, in camelCase). */
function hookProgram(rec: Recording): PropertyBag {
  const f = rec.request.form as Record<string, unknown>;
  const program: PropertyBag = {
    friendlyName: f.FriendlyName,
    statusCallback: f.StatusCallback,
    audioSources: f.AudioSources,
    format: f.Format,
  };
  if (f.Resolution) program.resolution = f.Resolution;
  if (f.VideoLayout) program.videoLayout = f.VideoLayout;
  if (f.Enabled) program.enabled = f.Enabled === "true";
  return program;
}

describe("Twilio's recorded answers through the provider: no diff after create or refresh", () => {
  let replay: ReplayTwilio;
  let host: ProviderHost;
  let program: { dir: string; cleanup(): void };
  const texts = new Map<string, string>();

  before(async () => {
    replay = await startReplayTwilio();
    program = makeProgramDir();
    host = await startProviderHost({ cwd: program.dir });
    await host.configure(stackConfig(replay.url));
  });
  after(async () => {
    await host?.close();
    await replay?.close();
    program?.cleanup();
  });

  const urn = (kind: string) => dynamicUrn("test", "ptv", `twilio-video:${kind}`, kind.toLowerCase());
  async function checked(kind: string, news: PropertyBag): Promise<PropertyBag> {
    if (!texts.has(kind)) texts.set(kind, await serializeProvider(shimProvider(kind)));
    const res = await host.check(urn(kind), {}, { ...news, __provider: texts.get(kind) });
    assert.deepEqual(res.failures, []);
    return res.inputs;
  }

  /** Create answered by Twilio's recording, then the two diffs and the refresh a user would run. */
  async function createAndRefresh(kind: string, inputs: PropertyBag, readPath: string, readAnswer: unknown, secretInputs: string[] = []) {
    const created = await host.create(urn(kind), inputs);
    assert.equal((await host.diff(created.id, urn(kind), created.properties, inputs)).changes, "none", "diff right after create");
    replay.answer("GET", readPath, 200, readAnswer);
    const read = await host.read(created.id, urn(kind), created.properties);
    assert.equal(read.id, created.id);
    assert.deepEqual(withoutProvider(read.properties), withoutProvider(created.properties), "refresh changes no output");
    assert.equal((await host.diff(read.id, urn(kind), read.properties, inputs)).changes, "none", "diff after refresh");
    const programInputs = Object.fromEntries(Object.entries(withoutProvider(inputs)).filter(([k]) => !secretInputs.includes(k)));
    assert.deepEqual(withoutProvider(read.inputs), programInputs, "refreshed inputs are the program's");
    return { created, read };
  }

  /** The recorded request's parameters were all sent, with the recorded values. */
  function assertSent(rec: Recording, except: string[] = []) {
    const sent = replay
      .requests()
      .filter((r) => r.method === "POST")
      .pop();
    assert.ok(sent, "no POST reached the replay server");
    for (const [key, value] of Object.entries(rec.request.form)) {
      if (except.includes(key)) continue;
      if (key === "VideoLayout") assert.deepEqual(JSON.parse(sent.form.get(key) ?? "null"), value, key);
      else assert.deepEqual(Array.isArray(value) ? sent.form.getAll(key) : sent.form.get(key), value, key);
    }
  }

  /**
   * An enabled hook's create/update first reads the recording settings (the composition guard).
   * Twilio's recorded GET answer stores recordings in S3, encrypted; the hooks below answer it with
   * both switched off (our edit of that recording: the only change), the configuration Twilio composes.
   */
  function recordingsInTwilioCloud(): void {
    const fetched = recording("recording-settings").fetch!;
    replay.answer("GET", "/v1/RecordingSettings/Default", fetched.status, {
      ...fetched.response,
      aws_storage_enabled: false,
      encryption_enabled: false,
    });
  }

  it("CompositionHook: Twilio's recorded recording settings (S3, encrypted) make an enabled hook's create refuse, with no POST", async () => {
    const fetched = recording("recording-settings").fetch!;
    replay.answer("GET", "/v1/RecordingSettings/Default", fetched.status, fetched.response);
    const before = replay.requests().length;
    const inputs = await checked("CompositionHook", hookProgram(recording("hook-grid-mixing")));
    await assert.rejects(
      host.create(urn("CompositionHook"), inputs),
      /stores recordings in external S3 \(awsStorageEnabled\) and encrypts them \(encryptionEnabled\)/,
    );
    assert.deepEqual(
      replay
        .requests()
        .slice(before)
        .map((r) => `${r.method} ${r.path}`),
      ["GET /v1/RecordingSettings/Default"],
    );
  });

  for (const name of ["hook-complex-layout", "hook-grid-mixing", "hook-audio-mixing"] as const) {
    it(`CompositionHook, ${name}: Twilio's full layout echo and [] lists make no diff`, async () => {
      recordingsInTwilioCloud();
      const rec = recording(name);
      replay.answer("POST", "/v1/CompositionHooks", rec.status, rec.response);
      const inputs = await checked("CompositionHook", hookProgram(rec));
      await createAndRefresh("CompositionHook", inputs, `/v1/CompositionHooks/${HOOK_SID}`, rec.response);
      assertSent(rec);
    });
  }

  it("CompositionHook, hook-update: an update answered with Twilio's echo settles with no diff", async () => {
    recordingsInTwilioCloud();
    const grid = recording("hook-grid-mixing");
    replay.answer("POST", "/v1/CompositionHooks", grid.status, grid.response);
    const before = await checked("CompositionHook", hookProgram(grid));
    const created = await host.create(urn("CompositionHook"), before);
    const update = recording("hook-update");
    const after = await checked("CompositionHook", hookProgram(update));
    assert.equal((await host.diff(created.id, urn("CompositionHook"), created.properties, after)).changes, "some");
    replay.answer("POST", `/v1/CompositionHooks/${HOOK_SID}`, update.status, update.response);
    const updated = await host.update(created.id, urn("CompositionHook"), created.properties, after);
    assertSent(update);
    assert.equal((await host.diff(created.id, urn("CompositionHook"), updated.properties, after)).changes, "none");
  });

  for (const [kind, name, path] of [
    ["CompositionSettings", "composition-settings", "/v1/CompositionSettings/Default"],
    ["RecordingSettings", "recording-settings", "/v1/RecordingSettings/Default"],
  ] as const) {
    for (const status of [201, 200]) {
      it(`${kind}: settings answered ${status} (${status === 201 ? "the SDK's recorded status" : "the current spec"}) make no diff`, async () => {
        const rec = recording(name);
        const f = rec.request.form as Record<string, string>;
        // Settings configured before (Twilio's fetch example) are taken over, as adoptExisting says.
        replay.answer("GET", path, rec.fetch!.status, rec.fetch!.response);
        replay.answer("POST", path, status, rec.response);
        const inputs = await checked(kind, {
          friendlyName: f.FriendlyName,
          awsCredentialsSid: f.AwsCredentialsSid,
          awsS3Url: f.AwsS3Url,
          awsStorageEnabled: true,
          encryptionKeySid: f.EncryptionKeySid,
          encryptionEnabled: true,
          adoptExisting: true,
        });
        await createAndRefresh(kind, inputs, path, rec.response);
        assertSent(rec);
      });
    }
  }

  it("AwsCredential: Twilio's credential answer makes no diff; the secret never comes back", async () => {
    const rec = recording("aws-credential");
    replay.answer("POST", "/v1/Credentials/AWS", rec.status, rec.response);
    const inputs = await checked("AwsCredential", { ...AWS_DOCS_EXAMPLE, friendlyName: "friendly_name" });
    await createAndRefresh("AwsCredential", inputs, `/v1/Credentials/AWS/${CREDENTIAL_SID}`, rec.response, ["secretAccessKey"]);
    assertSent(rec);
  });

  it("PublicKey: Twilio's public key answer makes no diff", async () => {
    const rec = recording("public-key");
    replay.answer("POST", "/v1/Credentials/PublicKeys", rec.status, rec.response);
    const inputs = await checked("PublicKey", { publicKey: RSA_2048, friendlyName: "friendly_name" });
    await createAndRefresh("PublicKey", inputs, `/v1/Credentials/PublicKeys/${CREDENTIAL_SID}`, rec.response);
    assertSent(rec, ["PublicKey"]); // Twilio's example sends the placeholder "publickey"
  });
});
