// The AWS secret key goes over the wire once, in the create that stores it, and nowhere else: not
// in outputs, responses, errors, host output or engine logs, through a whole credential lifecycle.
import { strict as assert } from "assert";
import { DEFAULT_RETRY } from "../../provider/twilio/options";
import { startProviderHost, type ProviderHost } from "../helpers/providerHost";
import { startRecordingProxy } from "../helpers/recordingProxy";
import { Fixture, resourceOps, stackConfig, useFixture, withoutProvider } from "./fixture";

const ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
/** The client's attempts per call: one plus its retries. */
const ATTEMPTS = 1 + DEFAULT_RETRY.limit;
// '/', '+' and '=' make the form encoding differ from the raw text: both must stay hidden.
const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKE=";

describe("the AWS secret never leaves the request that stores it", () => {
  let fx: Fixture;
  useFixture((f) => (fx = f));
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  let debugHost: ProviderHost;
  before(async () => {
    proxy = await startRecordingProxy(fx.emulator.url);
    // A second real host whose Twilio client logs every call, sending through the recording proxy.
    debugHost = await startProviderHost({ cwd: fx.dir, env: { PULUMI_TWILIO_VIDEO_DEBUG: "1" } });
    await debugHost.configure(stackConfig(proxy.url));
  });
  after(async () => {
    await debugHost?.close();
    await proxy?.close();
  });

  it("is absent from outputs, responses, host output and engine logs through a whole lifecycle", async () => {
    const o = resourceOps(fx, "AwsCredential", { name: "cred", host: debugHost });
    const { inputs, created } = await o.create({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, friendlyName: "writer" });
    const renamed = await o.checked({ ...withoutProvider(inputs), friendlyName: "writer-2" });
    const diff = await debugHost.diff(created.id, o.urn, created.properties, renamed);
    const updated = await debugHost.update(created.id, o.urn, created.properties, renamed);
    const read = await debugHost.read(created.id, o.urn, updated.properties);
    // A failed create (Twilio errors on the attempt and on every retry) must not echo the secret.
    fx.emulator.faults.add({ kind: "status", status: 500, times: ATTEMPTS, match: { method: "POST", path: "/v1/Credentials/AWS" } });
    const refused = await debugHost.create(o.urn, await o.checked({ ...withoutProvider(inputs), friendlyName: "failing" })).then(
      () => assert.fail("a create that Twilio answers with 500 every time must fail"),
      (e: Error) => e.message,
    );
    assert.match(refused, /Twilio 500/);
    await debugHost.delete(created.id, o.urn, read.properties);

    // The update sent only the name; the secret went over the wire once, in the create.
    const formKeys = (body: string) => [...new URLSearchParams(body).keys()].sort().join(",");
    const wire = proxy.exchanges.map((x) => `${x.method} ${x.path} ${x.status} ${formKeys(x.requestBody)}`.trim());
    assert.deepEqual(wire, [
      "POST /v1/Credentials/AWS 201 Credentials,FriendlyName",
      `POST /v1/Credentials/AWS/${created.id} 200 FriendlyName`,
      `GET /v1/Credentials/AWS/${created.id} 200`,
      // Before each retry, the client looks for a credential the failed attempt may have made.
      ...Array(ATTEMPTS - 1)
        .fill(["POST /v1/Credentials/AWS 500 Credentials,FriendlyName", "GET /v1/Credentials/AWS 200"])
        .flat(),
      "POST /v1/Credentials/AWS 500 Credentials,FriendlyName",
      `DELETE /v1/Credentials/AWS/${created.id} 204`,
    ]);
    assert.equal(proxy.exchanges[1].requestBody, "FriendlyName=writer-2");
    assert.ok(
      proxy.exchanges[0].requestBody.includes(encodeURIComponent(SECRET)),
      "the create carried the secret (so the checks below mean something)",
    );

    const logged = [debugHost, fx.host].map((h) => JSON.stringify([h.output(), h.engineLogs()])).join("\n");
    assert.match(debugHost.output().stderr, /\[twilio\] POST .*\/v1\/Credentials\/AWS/);
    const places: Record<string, string> = {
      outputs: JSON.stringify([created, updated, read, diff]),
      responses: JSON.stringify(proxy.exchanges.map((x) => x.responseBody)),
      error: refused,
      "host output and engine logs": logged,
    };
    for (const [where, text] of Object.entries(places)) {
      for (const form of [SECRET, encodeURIComponent(SECRET), `${ACCESS_KEY_ID}:${SECRET}`]) {
        assert.ok(!text.includes(form), `the secret appears in ${where}`);
      }
    }
  });
});
