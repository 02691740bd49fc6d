/** API v2010 Accounts and Keys through Twilio's official Node SDK (a real client), unmodified. */
import { strict as assert } from "assert";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { rejectsWith, twilioClient, type TwilioClient } from "./helpers";

describe("emulator: API v2010 Accounts and Keys through the twilio SDK", () => {
  let emulator: Emulator;
  let client: TwilioClient;
  before(async () => {
    emulator = await startEmulator();
    client = twilioClient(emulator);
  });
  afterEach(() => emulator.reset());
  after(() => emulator.close());

  it("creates, lists, fetches, renames, suspends and closes subaccounts", async () => {
    const sub = await client.api.v2010.accounts.create({ friendlyName: "sdk tenant" });
    assert.match(sub.sid, /^AC[0-9a-f]{32}$/);
    assert.equal(sub.ownerAccountSid, DEFAULT_ACCOUNT.accountSid);
    assert.deepEqual([sub.friendlyName, sub.status, sub.type], ["sdk tenant", "active", "Full"]);
    assert.ok(sub.dateCreated instanceof Date && Math.abs(sub.dateCreated.getTime() - Date.now()) < 60_000);
    assert.match(sub.authToken, /^[0-9a-f]{32}$/);

    for (let i = 0; i < 3; i++) await client.api.v2010.accounts.create();
    const all = await client.api.v2010.accounts.list({ pageSize: 2 });
    assert.equal(all.length, 5);
    assert.deepEqual(
      all.slice(0, 2).map((a) => a.sid),
      [DEFAULT_ACCOUNT.accountSid, sub.sid],
    );
    assert.deepEqual(
      (await client.api.v2010.accounts.list({ friendlyName: "sdk tenant" })).map((a) => a.sid),
      [sub.sid],
    );

    assert.equal((await client.api.v2010.accounts(sub.sid).update({ friendlyName: "renamed" })).friendlyName, "renamed");
    assert.equal((await client.api.v2010.accounts(sub.sid).update({ status: "suspended" })).status, "suspended");
    assert.deepEqual(
      (await client.api.v2010.accounts.list({ status: "suspended" })).map((a) => a.sid),
      [sub.sid],
    );
    const subClient = twilioClient(emulator, { user: sub.sid, password: sub.authToken });
    await assert.rejects(subClient.api.v2010.accounts(sub.sid).fetch(), rejectsWith(401, 20003));
    await client.api.v2010.accounts(sub.sid).update({ status: "active" });
    assert.equal((await subClient.api.v2010.accounts(sub.sid).fetch()).friendlyName, "renamed");

    assert.equal((await client.api.v2010.accounts(sub.sid).update({ status: "closed" })).status, "closed");
    await assert.rejects(client.api.v2010.accounts(sub.sid).update({ status: "active" }), rejectsWith(400, 21479));
    await assert.rejects(subClient.api.v2010.accounts(sub.sid).fetch(), rejectsWith(401, 20003));
    assert.equal((await client.api.v2010.accounts(sub.sid).fetch()).status, "closed");
  });

  it("keeps a subaccount client to its own account: the parent and siblings are 20003, a nested subaccount 21101", async () => {
    const sub = await client.api.v2010.accounts.create();
    const sibling = await client.api.v2010.accounts.create();
    const subClient = twilioClient(emulator, { user: sub.sid, password: sub.authToken });
    assert.equal((await subClient.api.v2010.accounts(sub.sid).fetch()).sid, sub.sid);
    await assert.rejects(subClient.api.v2010.accounts(DEFAULT_ACCOUNT.accountSid).fetch(), rejectsWith(401, 20003));
    await assert.rejects(subClient.api.v2010.accounts(sibling.sid).update({ friendlyName: "taken" }), rejectsWith(401, 20003));
    await assert.rejects(subClient.api.v2010.accounts(sibling.sid).newKeys.create(), rejectsWith(401, 20003));
    await assert.rejects(subClient.api.v2010.accounts.create({ friendlyName: "sibling or child" }), rejectsWith(400, 21101));
    assert.deepEqual(
      (await subClient.api.v2010.accounts.list()).map((a) => a.sid),
      [sub.sid],
    );
  });

  it("creates API keys that authenticate on Video v1 as their account; the secret is answered once; a removed key is refused", async () => {
    const key = await client.newKeys.create({ friendlyName: "sdk key" });
    assert.match(key.sid, /^SK[0-9a-f]{32}$/);
    assert.match(key.secret, /^[A-Za-z0-9]{32}$/);
    const fetched = await client.keys(key.sid).fetch();
    assert.deepEqual([fetched.friendlyName, "secret" in fetched.toJSON()], ["sdk key", false]);
    assert.equal((await client.keys(key.sid).update({ friendlyName: "renamed key" })).friendlyName, "renamed key");
    const listed = await client.keys.list();
    assert.deepEqual(
      listed.map((k) => [k.sid, "secret" in k.toJSON()]),
      [[key.sid, false]],
    );

    const keyClient = twilioClient(emulator, { user: key.sid, password: key.secret }, DEFAULT_ACCOUNT.accountSid);
    assert.equal((await keyClient.video.v1.compositionSettings().fetch()).accountSid, DEFAULT_ACCOUNT.accountSid);
    await assert.rejects(keyClient.api.v2010.accounts.create(), rejectsWith(401, 20003)); // a Standard key manages no accounts
    await assert.rejects(keyClient.newKeys.create(), rejectsWith(401, 20003)); // nor keys

    const sub = await client.api.v2010.accounts.create();
    const subKey = await client.api.v2010.accounts(sub.sid).newKeys.create();
    const subKeyClient = twilioClient(emulator, { user: subKey.sid, password: subKey.secret }, sub.sid);
    assert.equal((await subKeyClient.video.v1.compositionSettings().fetch()).accountSid, sub.sid);

    assert.equal(await client.keys(key.sid).remove(), true);
    await assert.rejects(keyClient.video.v1.compositionSettings().fetch(), rejectsWith(401, 20003));
    await assert.rejects(client.keys(key.sid).fetch(), rejectsWith(404, 20404));
  });
});
