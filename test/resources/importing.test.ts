// Pulumi's import option as the provider host serves it (the class turns `{ import }` into the
// import input): checked against the live object when the resource is new, taken over with no
// Twilio write, kept through a refresh, and dropped once the resource exists, so a later
// replacement creates as usual.
import { strict as assert } from "assert";
import { RSA_2048 } from "../fixtures/publicKeys";
import { ACCOUNT, resourceOps, useFixture, type Fixture } from "./fixture";

const HOOK = { friendlyName: "console hook", audioSources: ["*"], resolution: "1280x720", format: "mp4" };
const AWS_KEY_ID = "AKIAIMPORTHOST000001";
const AWS_SECRET = "importHostSecretAccessKey000000000000000";

describe("the import input through the provider host", () => {
  let fx: Fixture;
  useFixture((f) => (fx = f));
  const writes = () =>
    fx.emulator.log
      .entries()
      .filter((e) => e.method !== "GET")
      .map((e) => `${e.method} ${e.path}`);
  const consoleHook = async () =>
    (
      await fx.twilio<{ sid: string }>("POST", "/v1/CompositionHooks", {
        FriendlyName: "console hook",
        AudioSources: "*",
        Resolution: "1280x720",
        Format: "mp4",
      })
    ).body.sid;

  it("a new hook that matches is taken over with GETs only; refresh keeps the import; an existing resource drops it", async () => {
    const sid = await consoleHook();
    fx.emulator.log.clear();
    const ops = resourceOps(fx, "CompositionHook");
    const { inputs, created } = await ops.create({ ...HOOK, importId: sid });
    assert.equal(created.id, sid);
    assert.equal(created.properties.importId, sid);
    assert.equal(created.properties.accountSid, ACCOUNT.accountSid);
    assert.deepEqual(writes(), []);
    assert.ok(fx.emulator.log.entries().every((e) => e.method === "GET" && e.status === 200));

    const read = await fx.host.read(created.id, ops.urn, created.properties, inputs);
    assert.equal(read.properties.importId, sid);
    assert.equal(read.inputs?.importId, sid);

    // The resource exists now: the import is no longer the program's business, and nothing is fetched for it.
    fx.emulator.log.clear();
    const again = await fx.host.check(ops.urn, inputs, await fx.withProvider("CompositionHook", { ...HOOK, importId: sid }));
    assert.deepEqual(again.failures, []);
    assert.equal(again.inputs.importId, undefined);
    assert.deepEqual(fx.emulator.log.entries(), []);
  });

  it("a hook that differs, or does not exist, fails check naming the import and every differing field", async () => {
    const sid = await consoleHook();
    const ops = resourceOps(fx, "CompositionHook");
    const differs = await ops.check({ ...HOOK, format: "webm", trim: false, importId: sid });
    assert.deepEqual(
      differs.failures.map((f) => f.property),
      ["importId"],
    );
    assert.match(
      differs.failures[0].reason,
      /format is "mp4" at Twilio, "webm" in the program; trim is true at Twilio, false in the program/,
    );
    const missing = await ops.check({ ...HOOK, importId: "HK0000000000000000000000000000beef" });
    assert.match(missing.failures[0].reason, /no CompositionHook HK0{28}beef exists in account AC/);
    assert.deepEqual(writes(), [`POST /v1/CompositionHooks`]);
  });

  it("an AWS credential is imported on the program's key (Twilio never returns it), a public key on its name", async () => {
    const credential = (
      await fx.twilio<{ sid: string }>("POST", "/v1/Credentials/AWS", {
        FriendlyName: "writer",
        Credentials: `${AWS_KEY_ID}:${AWS_SECRET}`,
      })
    ).body.sid;
    const key = (await fx.twilio<{ sid: string }>("POST", "/v1/Credentials/PublicKeys", { FriendlyName: "key", PublicKey: RSA_2048 })).body
      .sid;
    fx.emulator.log.clear();
    const aws = resourceOps(fx, "AwsCredential");
    const { inputs, created } = await aws.create({
      friendlyName: "writer",
      accessKeyId: AWS_KEY_ID,
      secretAccessKey: AWS_SECRET,
      importId: credential,
    });
    assert.equal(created.id, credential);
    assert.match(String(created.properties.secretAccessKeyHash), /^[0-9a-f]{64}$/);
    assert.equal(JSON.stringify(created.properties).includes(AWS_SECRET), false);
    const diff = await fx.host.diff(created.id, aws.urn, created.properties, inputs);
    assert.equal(diff.changes, "none");
    const renamed = await resourceOps(fx, "PublicKey").check({ friendlyName: "other", publicKey: RSA_2048, importId: key });
    assert.match(renamed.failures[0]?.reason ?? "", /friendlyName is "key" at Twilio, "other" in the program/);
    assert.deepEqual(writes(), []);
  });

  it("settings take the account's SID; a Subaccount import must name a subaccount of this account", async () => {
    const settings = resourceOps(fx, "RecordingSettings");
    const unconfigured = await settings.check({ friendlyName: "recordings", importId: ACCOUNT.accountSid });
    assert.match(unconfigured.failures[0]?.reason ?? "", /friendlyName is not set at Twilio, "recordings" in the program/);
    const other = await settings.check({ friendlyName: "recordings", importId: "AC0000000000000000000000000000beef" });
    assert.match(other.failures[0]?.reason ?? "", /one per account, and its id is the account's SID: the stack's account is AC/);

    const main = await resourceOps(fx, "Subaccount").check({ friendlyName: "main", importId: ACCOUNT.accountSid });
    assert.match(main.failures[0]?.reason ?? "", new RegExp(`${ACCOUNT.accountSid} is not a subaccount of account ${ACCOUNT.accountSid}`));
  });
});
