/**
 * API v2010 Accounts and Keys over raw HTTP: subaccounts and their reach, statuses, API keys and
 * Twilio's error codes (sources: emulator/rules/documented.ts, ACCOUNT_FACTS).
 */
import { strict as assert } from "assert";
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { api, DEFAULT_CREDENTIALS, hex32, type Credentials } from "./helpers";

const ACCOUNTS = "/2010-04-01/Accounts.json";
const account = (sid: string) => `/2010-04-01/Accounts/${sid}.json`;
const keys = (sid: string) => `/2010-04-01/Accounts/${sid}/Keys.json`;
const RFC_2822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/;
const SEEDED_KEY = { sid: "SK" + hex32(7), secret: "seeded-key-secret" };
const as = (body: { sid: string; auth_token: string }): Credentials => ({ user: body.sid, password: body.auth_token });

function assertTwilioError(
  res: { status: number; body: { code: number; status: number; more_info: string } },
  status: number,
  code: number,
): void {
  assert.equal(res.status, status);
  assert.equal(res.body.code, code);
  assert.equal(res.body.status, status);
  assert.equal(res.body.more_info, `https://www.twilio.com/docs/errors/${code}`);
}

describe("emulator: API v2010 Accounts and Keys", () => {
  let emulator: Emulator;
  const create = async (form = {}, auth: Credentials = DEFAULT_CREDENTIALS) => api(emulator, "POST", ACCOUNTS, { form, auth });
  before(async () => {
    emulator = await startEmulator({ accounts: [{ ...DEFAULT_ACCOUNT, apiKeys: [SEEDED_KEY] }] });
  });
  afterEach(() => emulator.reset());
  after(() => emulator.close());

  it("creates a subaccount in the api.v2010.account shape, whose credentials work on every API", async () => {
    const res = await create();
    assert.equal(res.status, 201);
    const sid = res.body.sid;
    assert.match(sid, /^AC[0-9a-f]{32}$/);
    assert.match(res.body.auth_token, /^[0-9a-f]{32}$/);
    assert.match(res.body.friendly_name, /^SubAccount Created at \d{4}-\d{2}-\d{2} \d{2}:\d{2} (AM|PM)$/);
    assert.match(res.body.date_created, RFC_2822);
    assert.equal(res.body.date_updated, res.body.date_created);
    assert.deepEqual(
      { owner: res.body.owner_account_sid, status: res.body.status, type: res.body.type, uri: res.body.uri },
      { owner: DEFAULT_ACCOUNT.accountSid, status: "active", type: "Full", uri: `/2010-04-01/Accounts/${sid}.json` },
    );
    assert.equal(res.body.subresource_uris.keys, `/2010-04-01/Accounts/${sid}/Keys.json`);
    assert.equal(Object.keys(res.body.subresource_uris).length, 20);
    assert.equal((await create({ FriendlyName: "named" })).body.friendly_name, "named");
    const settings = await api(emulator, "GET", "/v1/CompositionSettings/Default", { auth: as(res.body) });
    assert.equal(settings.body.account_sid, sid);
  });

  it("lists the caller, then its subaccounts, filtered exactly by FriendlyName and Status, paged with relative URIs", async () => {
    const a = (await create({ FriendlyName: "tenant a" })).body;
    const b = (await create({ FriendlyName: "tenant b" })).body;
    await api(emulator, "POST", account(b.sid), { form: { Status: "suspended" } });
    const all = await api(emulator, "GET", ACCOUNTS);
    assert.deepEqual(
      all.body.accounts.map((x: { sid: string }) => x.sid),
      [DEFAULT_ACCOUNT.accountSid, a.sid, b.sid],
    );
    assert.deepEqual(all.body.accounts[0].owner_account_sid, DEFAULT_ACCOUNT.accountSid);
    assert.equal(all.body.accounts[0].friendly_name, "My first Twilio account");
    const suspended = await api(emulator, "GET", `${ACCOUNTS}?Status=suspended`);
    assert.deepEqual(
      suspended.body.accounts.map((x: { sid: string }) => x.sid),
      [b.sid],
    );
    const named = await api(emulator, "GET", `${ACCOUNTS}?FriendlyName=tenant%20a`);
    assert.deepEqual(
      named.body.accounts.map((x: { sid: string }) => x.sid),
      [a.sid],
    );
    assert.deepEqual((await api(emulator, "GET", `${ACCOUNTS}?FriendlyName=TENANT%20A`)).body.accounts, []);
    const page = await api(emulator, "GET", `${ACCOUNTS}?PageSize=2`);
    assert.deepEqual(
      { ...page.body, accounts: page.body.accounts.length },
      {
        accounts: 2,
        first_page_uri: `${ACCOUNTS}?PageSize=2&Page=0`,
        uri: `${ACCOUNTS}?PageSize=2&Page=0`,
        previous_page_uri: null,
        next_page_uri: `${ACCOUNTS}?PageSize=2&Page=1&PageToken=PT2`,
        page: 0,
        page_size: 2,
        start: 0,
        end: 1,
      },
    );
    const next = await api(emulator, "GET", page.body.next_page_uri);
    assert.deepEqual([next.body.accounts[0].sid, next.body.start, next.body.end, next.body.next_page_uri], [b.sid, 2, 2, null]);
    assertTwilioError(await api(emulator, "GET", `${ACCOUNTS}?Status=open`), 400, 20002);
  });

  it("updates a subaccount: renames it, suspends it (its credentials stop), reactivates it, closes it for good", async () => {
    const sub = (await create()).body;
    const renamed = await api(emulator, "POST", account(sub.sid), { form: { FriendlyName: "renamed" } });
    assert.deepEqual([renamed.status, renamed.body.friendly_name, renamed.body.status], [200, "renamed", "active"]);
    assert.match(renamed.body.date_updated, RFC_2822);
    const key = (await api(emulator, "POST", keys(sub.sid), { auth: as(sub) })).body;
    const keyAuth = { user: key.sid, password: key.secret };
    for (const [status, authenticates] of [
      ["suspended", false],
      ["active", true],
      ["closed", false],
    ] as const) {
      const res = await api(emulator, "POST", account(sub.sid), { form: { Status: status } });
      assert.equal(res.body.status, status);
      for (const auth of [as(sub), keyAuth]) {
        const own = await api(emulator, "GET", "/v1/CompositionHooks", { auth });
        assert.equal(own.status, authenticates ? 200 : 401, `${status} ${auth.user}`);
        if (!authenticates) assertTwilioError(own, 401, 20003);
      }
    }
    for (const status of ["active", "suspended", "closed"]) {
      assertTwilioError(await api(emulator, "POST", account(sub.sid), { form: { Status: status } }), 400, 21479);
    }
    assert.equal((await api(emulator, "GET", account(sub.sid))).body.status, "closed");
    assert.equal((await api(emulator, "GET", `${ACCOUNTS}?Status=closed`)).body.accounts[0].sid, sub.sid);
  });

  it("keeps a subaccount's credentials to itself: no parent, no sibling, no subaccount of its own, no status change", async () => {
    const sub = (await create({ FriendlyName: "me" })).body;
    const sibling = (await create()).body;
    const self = await api(emulator, "GET", account(sub.sid), { auth: as(sub) });
    assert.deepEqual([self.status, self.body.owner_account_sid], [200, DEFAULT_ACCOUNT.accountSid]);
    assert.deepEqual(
      (await api(emulator, "GET", ACCOUNTS, { auth: as(sub) })).body.accounts.map((x: { sid: string }) => x.sid),
      [sub.sid],
    );
    assert.equal(
      (await api(emulator, "POST", account(sub.sid), { auth: as(sub), form: { FriendlyName: "mine" } })).body.friendly_name,
      "mine",
    );
    for (const other of [DEFAULT_ACCOUNT.accountSid, sibling.sid]) {
      assertTwilioError(await api(emulator, "GET", account(other), { auth: as(sub) }), 401, 20003);
      assertTwilioError(await api(emulator, "POST", account(other), { auth: as(sub), form: { FriendlyName: "x" } }), 401, 20003);
      assertTwilioError(await api(emulator, "POST", keys(other), { auth: as(sub) }), 401, 20003);
      assertTwilioError(await api(emulator, "GET", keys(other), { auth: as(sub) }), 401, 20003);
    }
    const nested = await create({}, as(sub));
    assertTwilioError(nested, 400, 21101);
    assert.equal(nested.body.message, "Subaccounts cannot contain subaccounts");
    assertTwilioError(await api(emulator, "POST", account(sub.sid), { auth: as(sub), form: { Status: "closed" } }), 401, 20003);
    assert.equal((await api(emulator, "GET", account(sub.sid))).body.status, "active");
  });

  it("answers Twilio's errors: main account status 21477, bad status 21475, long names, unknown and malformed SIDs, methods", async () => {
    assertTwilioError(await api(emulator, "POST", account(DEFAULT_ACCOUNT.accountSid), { form: { Status: "suspended" } }), 400, 21477);
    const sub = (await create()).body;
    assertTwilioError(await api(emulator, "POST", account(sub.sid), { form: { Status: "1" } }), 400, 21475);
    assertTwilioError(await create({ FriendlyName: "x".repeat(65) }), 400, 20002);
    assert.equal((await create({ FriendlyName: "x".repeat(64) })).status, 201);
    assertTwilioError(await api(emulator, "POST", keys(sub.sid), { form: { FriendlyName: "k".repeat(65) } }), 400, 20002);
    assertTwilioError(await api(emulator, "GET", account("AC" + hex32(404))), 401, 20003); // no such account
    const malformed = await api(emulator, "GET", account("AC123"));
    assertTwilioError(malformed, 404, 20404);
    assert.equal(malformed.body.message, "The requested resource /2010-04-01/Accounts/AC123.json was not found");
    assertTwilioError(await api(emulator, "GET", `${keys(sub.sid).replace(".json", "")}/SK${hex32(1)}.json`), 404, 20404);
    assertTwilioError(await api(emulator, "GET", `${keys(sub.sid).replace(".json", "")}/SK1.json`), 404, 20404);
    const method = await api(emulator, "DELETE", account(sub.sid));
    assertTwilioError(method, 405, 20004);
    assert.equal(method.headers.get("allow"), "GET, POST");
  });

  it("creates keys whose secret is answered once; a key authenticates on Video v1 as its account until deleted", async () => {
    const created = await api(emulator, "POST", keys(DEFAULT_ACCOUNT.accountSid), { form: { FriendlyName: "ci" } });
    assert.equal(created.status, 201);
    const key = created.body;
    assert.deepEqual(Object.keys(key).sort(), ["date_created", "date_updated", "friendly_name", "secret", "sid"]);
    assert.match(key.sid, /^SK[0-9a-f]{32}$/);
    assert.match(key.secret, /^[A-Za-z0-9]{32}$/);
    assert.match(key.date_created, RFC_2822);
    const keyAuth = { user: key.sid, password: key.secret };
    const settings = await api(emulator, "GET", "/v1/CompositionSettings/Default", { auth: keyAuth });
    assert.deepEqual([settings.status, settings.body.account_sid], [200, DEFAULT_ACCOUNT.accountSid]);

    const path = `/2010-04-01/Accounts/${DEFAULT_ACCOUNT.accountSid}/Keys/${key.sid}.json`;
    const fetched = await api(emulator, "GET", path);
    assert.deepEqual(fetched.body, { sid: key.sid, friendly_name: "ci", date_created: key.date_created, date_updated: key.date_updated });
    const renamed = await api(emulator, "POST", path, { form: { FriendlyName: "ci 2" } });
    assert.deepEqual([renamed.body.friendly_name, renamed.body.secret], ["ci 2", undefined]);
    const listed = await api(emulator, "GET", keys(DEFAULT_ACCOUNT.accountSid));
    assert.deepEqual(
      listed.body.keys.map((k: { sid: string }) => k.sid),
      [SEEDED_KEY.sid, key.sid],
    );
    assert.ok(listed.body.keys.every((k: object) => !("secret" in k)));
    assert.equal(listed.body.uri, `${keys(DEFAULT_ACCOUNT.accountSid)}?PageSize=50&Page=0`);

    assert.equal((await api(emulator, "DELETE", path)).status, 204);
    assertTwilioError(await api(emulator, "GET", "/v1/CompositionSettings/Default", { auth: keyAuth }), 401, 20003);
    assertTwilioError(await api(emulator, "GET", path), 404, 20404);
  });

  it("refuses API keys on Accounts and Keys (Standard keys), and lets the parent manage a subaccount's keys", async () => {
    const seeded = { user: SEEDED_KEY.sid, password: SEEDED_KEY.secret };
    assert.equal((await api(emulator, "GET", "/v1/CompositionHooks", { auth: seeded })).status, 200);
    for (const [method, path] of [
      ["GET", ACCOUNTS],
      ["POST", ACCOUNTS],
      ["GET", account(DEFAULT_ACCOUNT.accountSid)],
      ["GET", keys(DEFAULT_ACCOUNT.accountSid)],
      ["POST", keys(DEFAULT_ACCOUNT.accountSid)],
    ]) {
      assertTwilioError(await api(emulator, method, path, { auth: seeded }), 401, 20003);
    }
    const sub = (await create()).body;
    const key = (await api(emulator, "POST", keys(sub.sid))).body;
    const settings = await api(emulator, "GET", "/v1/CompositionSettings/Default", { auth: { user: key.sid, password: key.secret } });
    assert.equal(settings.body.account_sid, sub.sid);
    assert.deepEqual(
      (await api(emulator, "GET", keys(sub.sid), { auth: as(sub) })).body.keys.map((k: { sid: string }) => k.sid),
      [key.sid],
    );
    assertTwilioError(await api(emulator, "GET", `/2010-04-01/Accounts/${DEFAULT_ACCOUNT.accountSid}/Keys/${key.sid}.json`), 404, 20404);
  });

  it("reset removes the subaccounts and keys made through the API and returns seeded accounts to their seeds", async () => {
    const sub = (await create()).body;
    await api(emulator, "POST", keys(DEFAULT_ACCOUNT.accountSid));
    await api(emulator, "POST", account(DEFAULT_ACCOUNT.accountSid), { form: { FriendlyName: "renamed" } });
    await api(emulator, "DELETE", `/2010-04-01/Accounts/${DEFAULT_ACCOUNT.accountSid}/Keys/${SEEDED_KEY.sid}.json`);
    emulator.reset();
    assertTwilioError(await api(emulator, "GET", "/v1/CompositionHooks", { auth: as(sub) }), 401, 20003);
    const list = await api(emulator, "GET", ACCOUNTS);
    assert.deepEqual(
      list.body.accounts.map((x: { friendly_name: string }) => x.friendly_name),
      ["My first Twilio account"],
    );
    assert.deepEqual(
      (await api(emulator, "GET", keys(DEFAULT_ACCOUNT.accountSid))).body.keys.map((k: { sid: string }) => k.sid),
      [SEEDED_KEY.sid],
    );
  });
});

describe("emulator: API v2010 limits and persistence", () => {
  let emulator: Emulator | undefined;
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "twilio-emulator-2010-"));
  });
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps subaccounts (with status and name) and keys across a restart; the configured auth token still wins", async () => {
    const persistPath = join(dir, "state.json");
    emulator = await startEmulator({ persistPath });
    const sub = (await api(emulator, "POST", ACCOUNTS, { form: { FriendlyName: "kept" } })).body;
    const closed = (await api(emulator, "POST", ACCOUNTS)).body;
    await api(emulator, "POST", account(closed.sid), { form: { Status: "closed" } });
    const key = (await api(emulator, "POST", keys(DEFAULT_ACCOUNT.accountSid), { form: { FriendlyName: "kept key" } })).body;
    const subKey = (await api(emulator, "POST", keys(sub.sid))).body;
    await emulator.close();

    emulator = await startEmulator({ persistPath });
    assert.deepEqual((await api(emulator, "GET", account(sub.sid))).body, sub);
    assert.equal((await api(emulator, "GET", account(closed.sid))).body.status, "closed");
    for (const [auth, sid] of [
      [as(sub), sub.sid],
      [{ user: key.sid, password: key.secret }, DEFAULT_ACCOUNT.accountSid],
      [{ user: subKey.sid, password: subKey.secret }, sub.sid],
    ]) {
      assert.equal((await api(emulator, "GET", "/v1/CompositionSettings/Default", { auth: auth as Credentials })).body.account_sid, sid);
    }
    assertTwilioError(await api(emulator, "GET", "/v1/CompositionHooks", { auth: as(closed) }), 401, 20003);
    await emulator.close();

    emulator = await startEmulator({ persistPath, accounts: [{ ...DEFAULT_ACCOUNT, authToken: "rotated" }] });
    assertTwilioError(await api(emulator, "GET", ACCOUNTS), 401, 20003);
    const list = await api(emulator, "GET", ACCOUNTS, { auth: { user: DEFAULT_ACCOUNT.accountSid, password: "rotated" } });
    assert.deepEqual(
      list.body.accounts.map((x: { sid: string }) => x.sid),
      [DEFAULT_ACCOUNT.accountSid, sub.sid, closed.sid],
    );
    assert.equal((await api(emulator, "GET", "/v1/CompositionHooks", { auth: { user: key.sid, password: key.secret } })).status, 200);
  });

  it("refuses a main account's 1001st subaccount (21480)", async () => {
    const subaccounts = Array.from({ length: 1000 }, (_, i) => ({ accountSid: "AC" + hex32(0x1000 + i), authToken: `t${i}` }));
    emulator = await startEmulator({ accounts: [{ ...DEFAULT_ACCOUNT, subaccounts }] });
    assertTwilioError(await api(emulator, "POST", ACCOUNTS), 400, 21480);
  });
});
