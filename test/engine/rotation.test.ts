/**
 * AWS key rotation through the real engine: a new key replaces the
 * AwsCredential create-before-delete, so the settings are repointed at the new SID before the old
 * credential is deleted, and there is no moment in which Twilio could not write recordings.
 *
 * An observing proxy sits between the provider and the emulator: it reads which credential each
 * settings POST names and, just before forwarding the old credential's DELETE, fetches both
 * settings from the emulator, so the test sees the live state at the one moment that matters.
 */
import { strict as assert } from "assert";
import * as http from "http";
import type { AddressInfo } from "net";
import fetch from "node-fetch";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { AwsCredential, CompositionSettings, RecordingSettings } from "../../provider";
import { TestStack, createTestStack, twilioStackConfig } from "../helpers/pulumiCli";
import type { CredentialListJson, SettingsJson } from "../helpers/twilioConsole";

const OLD_KEY = { id: "AKIAROTATE0000000001", secret: "rotationoldsecretKd83Jq0LwKx7Qw2Zr9Lm4Tp" };
const NEW_KEY = { id: "AKIAROTATE0000000002", secret: "rotationnewsecretTn27Vb4XeKx7Qw2Zr9Lm4Tp" };
const SETTINGS = { recordings: "/v1/RecordingSettings/Default", compositions: "/v1/CompositionSettings/Default" };
/** Marks the proxy's own snapshot reads, so they can be told apart from the provider's calls. */
const SNAPSHOT_QUERY = "observer=snapshot";

async function program(): Promise<Record<string, unknown>> {
  const config = new pulumi.Config();
  const writer = new AwsCredential("writer", {
    accessKeyId: config.require("accessKeyId"),
    secretAccessKey: config.requireSecret("secretAccessKey"),
    friendlyName: "rotating writer",
  });
  const storage = (kind: keyof typeof SETTINGS) => ({
    friendlyName: `rotation ${kind}`,
    awsCredentialsSid: writer.sid,
    awsStorageEnabled: true,
    awsS3Url: `https://rotation-bucket.s3.us-east-1.amazonaws.com/${kind}`,
  });
  new RecordingSettings("recordings", storage("recordings"));
  new CompositionSettings("compositions", storage("compositions"));
  return { writerSid: writer.sid };
}

interface Observation {
  method: string;
  path: string;
  /** AwsCredentialsSid sent by a settings POST. */
  namedCredential?: string;
  /** Live settings' credential SIDs, read just before a credential DELETE was forwarded. */
  settingsBeforeDelete?: { recordings: string; compositions: string };
}

/** Forwards every request to the emulator and records what rotation correctness depends on. */
async function startObservingProxy(target: string): Promise<{ url: string; seen: Observation[]; close(): Promise<void> }> {
  const seen: Observation[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = (req.url ?? "").split("?")[0];
    const observation: Observation = { method: req.method ?? "", path };
    const authorization = String(req.headers.authorization ?? "");
    if (req.method === "POST" && Object.values(SETTINGS).includes(path)) {
      observation.namedCredential = new URLSearchParams(body.toString()).get("AwsCredentialsSid") ?? undefined;
    }
    if (req.method === "DELETE" && path.startsWith("/v1/Credentials/AWS/")) {
      const sidOf = async (p: string) =>
        ((await (await fetch(`${target}${p}?${SNAPSHOT_QUERY}`, { headers: { authorization } })).json()) as { aws_credentials_sid: string })
          .aws_credentials_sid;
      observation.settingsBeforeDelete = { recordings: await sidOf(SETTINGS.recordings), compositions: await sidOf(SETTINGS.compositions) };
    }
    seen.push(observation);
    const headers = { ...req.headers } as Record<string, string>;
    delete headers.host;
    const upstream = await fetch(`${target}${req.url}`, { method: req.method, headers, body: body.length > 0 ? body : undefined });
    res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" });
    res.end(await upstream.buffer());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("AWS key rotation through the real engine", function () {
  this.timeout(180_000);
  let emulator: Emulator;
  let proxy: Awaited<ReturnType<typeof startObservingProxy>>;
  let test: TestStack;
  const authorization = "Basic " + Buffer.from(`${DEFAULT_ACCOUNT.accountSid}:${DEFAULT_ACCOUNT.authToken}`).toString("base64");
  const get = async <T>(p: string) => (await fetch(`${emulator.url}${p}`, { headers: { authorization } })).json() as Promise<T>;
  /** The provider's calls as the emulator answered them, in order (the proxy's snapshot reads left out). */
  const providerCalls = () =>
    emulator.log
      .entries()
      .filter((e) => !e.query.includes(SNAPSHOT_QUERY))
      .map((e) => `${e.method} ${e.path} ${e.status}`);

  before(async () => {
    emulator = await startEmulator();
    proxy = await startObservingProxy(emulator.url);
    test = await createTestStack({
      stackName: "rotation",
      program,
      config: {
        ...twilioStackConfig(proxy.url, DEFAULT_ACCOUNT),
        "twilio-video-test:accessKeyId": { value: OLD_KEY.id },
        "twilio-video-test:secretAccessKey": { value: OLD_KEY.secret, secret: true },
      },
    });
  });
  after(async () => {
    await test?.cleanup();
    await proxy?.close();
    await emulator?.close();
  });

  it("the first preview of the new stack plans every create with the credential SID unknown, and calls nothing", async () => {
    const preview = await test.stack.preview({ diff: true });
    assert.deepEqual(preview.changeSummary, { create: 4 });
    // The settings' credential is the new credential's SID, not known before it exists.
    assert.equal(preview.stdout.match(/awsCredentialsSid: \[unknown\]/g)?.length, 2, preview.stdout);
    assert.deepEqual(providerCalls(), []);
  });

  it("a new key creates the new credential, repoints both settings, then deletes the old one", async () => {
    const first = await test.stack.up();
    assert.deepEqual(first.summary.resourceChanges, { create: 4 });
    const oldSid = String(first.outputs.writerSid.value);
    assert.match(oldSid, /^CR[0-9a-f]{32}$/);

    await test.stack.setAllConfig({
      "twilio-video-test:accessKeyId": { value: NEW_KEY.id },
      "twilio-video-test:secretAccessKey": { value: NEW_KEY.secret, secret: true },
    });
    emulator.log.clear();
    const planned = await test.stack.preview();
    assert.deepEqual(planned.changeSummary, { replace: 1, update: 2, same: 1 });
    assert.deepEqual(providerCalls(), []);
    proxy.seen.length = 0;
    const rotated = await test.stack.up();
    assert.equal(rotated.summary.result, "succeeded");
    assert.deepEqual(rotated.summary.resourceChanges, { replace: 1, update: 2, same: 1 });
    const newSid = String(rotated.outputs.writerSid.value);
    assert.match(newSid, /^CR[0-9a-f]{32}$/);
    assert.notEqual(newSid, oldSid);

    // Exactly these calls, in this order (the two settings POSTs may run in either order).
    const calls = providerCalls();
    assert.deepEqual(calls[0], "POST /v1/Credentials/AWS 201");
    assert.deepEqual(calls.slice(1, 3).sort(), [`POST ${SETTINGS.compositions} 200`, `POST ${SETTINGS.recordings} 200`]);
    assert.deepEqual(calls.slice(3), [`DELETE /v1/Credentials/AWS/${oldSid} 204`]);

    // Both settings POSTs named the new credential, and it was live when the old one went.
    const settingsPosts = proxy.seen
      .filter((o) => o.namedCredential !== undefined)
      .map((o) => `${o.path} ${o.namedCredential}`)
      .sort();
    assert.deepEqual(settingsPosts, [`${SETTINGS.compositions} ${newSid}`, `${SETTINGS.recordings} ${newSid}`]);
    const deletes = proxy.seen.filter((o) => o.method === "DELETE");
    assert.deepEqual(deletes, [
      { method: "DELETE", path: `/v1/Credentials/AWS/${oldSid}`, settingsBeforeDelete: { recordings: newSid, compositions: newSid } },
    ]);

    // Afterwards: only the new credential exists, and both settings still write through it.
    assert.deepEqual(
      (await get<CredentialListJson>("/v1/Credentials/AWS")).credentials.map((c) => c.sid),
      [newSid],
    );
    for (const path of Object.values(SETTINGS)) {
      const live = await get<SettingsJson>(path);
      assert.deepEqual([live.aws_credentials_sid, live.aws_storage_enabled], [newSid, true], path);
    }
  });

  it("after the rotation a preview expects no changes and makes no Twilio calls", async () => {
    emulator.log.clear();
    await test.stack.preview({ expectNoChanges: true });
    assert.deepEqual(providerCalls(), []);
  });
});
