import { strict as assert } from "assert";
import { TwilioApiError } from "../../provider/twilio";
import { Fixture, startFixture, withoutProvider } from "./fixture";

const AWS_SECRET = "lifecycleAwsSecret9Hq2Lk7Pz1Xc4Vb8/+0000";

/**
 * Drives a whole credential + settings lifecycle with a known auth token and AWS secret, including
 * failures, and fails if either appears in plain text anywhere it could leak.
 */
describe("secrets never leak through a lifecycle", () => {
  let fx: Fixture;
  const seen: string[] = [];
  before(async () => {
    fx = await startFixture();
  });
  after(async () => {
    await fx?.close();
  });

  it("keeps the auth token and the AWS secret out of outputs, errors, logs and host output", async () => {
    const urn = fx.urn("AwsCredential", "writer");
    const news = await fx.withProvider("AwsCredential", {
      accessKeyId: "AKIALIFECYCLE0000001",
      secretAccessKey: AWS_SECRET,
      friendlyName: "writer",
    });
    const checked = await fx.host.check(urn, {}, news);
    const created = await fx.host.create(urn, checked.inputs);
    seen.push(JSON.stringify(withoutProvider(created.properties)));
    const read = await fx.host.read(created.id, urn, created.properties);
    seen.push(JSON.stringify(withoutProvider(read.properties)), JSON.stringify(withoutProvider(read.inputs)));
    const rotated = await fx.withProvider("AwsCredential", {
      ...withoutProvider(checked.inputs),
      secretAccessKey: AWS_SECRET.slice(1) + "x",
    });
    const diff = await fx.host.diff(created.id, urn, created.properties, rotated);
    assert.deepEqual(diff.replaces, ["secretAccessKey"]);

    // Failures: Twilio refusing the settings (unknown credential), and a provider configured with a wrong token.
    const settingsUrn = fx.urn("RecordingSettings", "recordings");
    const bad = await fx.withProvider("RecordingSettings", {
      friendlyName: "r",
      awsStorageEnabled: true,
      awsCredentialsSid: "CR" + "0".repeat(32),
      awsS3Url: "https://bucket-b.s3.us-east-1.amazonaws.com/r",
    });
    await assert.rejects(fx.host.create(settingsUrn, (await fx.host.check(settingsUrn, {}, bad)).inputs), (e: Error) => {
      seen.push(e.message);
      return /AwsCredentialsSid/.test(e.message);
    });
    const direct = await fx.twilio("GET", `/v1/Credentials/AWS/${created.id}`);
    seen.push(JSON.stringify(direct.body));
    await fx.host.delete(created.id, urn, created.properties);

    for (const text of [
      ...seen,
      fx.host.output().stdout,
      fx.host.output().stderr,
      JSON.stringify(fx.host.engineLogs()),
      JSON.stringify(fx.emulator.log.entries()),
    ]) {
      assert.ok(!text.includes(AWS_SECRET), `AWS secret leaked: ${text.slice(0, 200)}`);
      assert.ok(!text.includes(fx.token), `auth token leaked: ${text.slice(0, 200)}`);
    }
    assert.ok(seen.length >= 5);
  });

  it("a wrong token gives a 401 error that does not quote it", async () => {
    const { TwilioClient } = await import("../../provider/twilio");
    const wrong = "wrong-token-Jd82Hs61Ka09";
    const client = new TwilioClient({ accountSid: "AC00000000000000000000000000000001", authToken: wrong, endpoint: fx.emulator.url });
    await assert.rejects(client.video.compositionHooks.list(), (e: unknown) => {
      assert.ok(e instanceof TwilioApiError);
      assert.equal(e.status, 401);
      assert.ok(!e.message.includes(wrong) && !String(e.stack).includes(wrong));
      return true;
    });
  });
});
