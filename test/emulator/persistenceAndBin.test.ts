import { strict as assert } from "assert";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { awsKeyPair, credentialsParam } from "../fixtures/awsKeys";
import { api, hex32, hookForm, useBinPerTest } from "./helpers";

describe("emulator: persistence", () => {
  let dir: string;
  let emulator: Emulator | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "twilio-emulator-"));
  });
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps hooks, settings and credentials across a restart", async () => {
    const persistPath = join(dir, "state.json");
    emulator = await startEmulator({ persistPath });
    const hook = await api(emulator, "POST", "/v1/CompositionHooks", { form: hookForm({ FriendlyName: "kept" }) });
    const cred = await api(emulator, "POST", "/v1/Credentials/AWS", { form: { Credentials: credentialsParam(awsKeyPair("persisted")) } });
    await api(emulator, "POST", "/v1/RecordingSettings/Default", { form: { FriendlyName: "kept settings" } });
    await emulator.close();
    assert.equal(statSync(persistPath).mode & 0o777, 0o600);

    emulator = await startEmulator({ persistPath });
    const fetched = await api(emulator, "GET", `/v1/CompositionHooks/${hook.body.sid}`);
    assert.deepEqual(fetched.body, { ...hook.body, url: `${emulator.url}/v1/CompositionHooks/${hook.body.sid}` });
    assert.equal((await api(emulator, "GET", `/v1/Credentials/AWS/${cred.body.sid}`)).status, 200);
    assert.equal((await api(emulator, "GET", "/v1/RecordingSettings/Default")).body.friendly_name, "kept settings");
    const duplicate = await api(emulator, "POST", "/v1/CompositionHooks", { form: hookForm({ FriendlyName: "kept" }) });
    assert.equal(duplicate.body.code, 53123);
  });

  it("persists runtime-added accounts and resets", async () => {
    const persistPath = join(dir, "state.json");
    const added = { accountSid: "AC" + hex32(77), authToken: "t77" };
    emulator = await startEmulator({ persistPath });
    emulator.addAccount(added);
    await api(emulator, "POST", "/v1/CompositionHooks", { form: hookForm() });
    emulator.reset();
    await emulator.close();
    emulator = await startEmulator({ persistPath });
    assert.deepEqual((await api(emulator, "GET", "/v1/CompositionHooks")).body.composition_hooks, []);
    assert.equal(
      (await api(emulator, "GET", "/v1/CompositionHooks", { auth: { user: added.accountSid, password: added.authToken } })).status,
      200,
    );
  });
});

describe("emulator: bin", () => {
  const bins = useBinPerTest("twilio-emulator-bin-");

  it("prints its base URL as the first stdout line and serves DEFAULT_ACCOUNT with no args", async () => {
    const url = await bins.run([]).url;
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await api({ url } as Emulator, "GET", "/v1/CompositionHooks");
    assert.equal(res.status, 200);
    assert.equal(res.body.meta.url, `${url}/v1/CompositionHooks?PageSize=50&Page=0`);
  });

  it("takes accounts from --accounts and --account-sid/--auth-token, and exits 0 on SIGTERM", async () => {
    const fileAccount = { accountSid: "AC" + hex32(1), authToken: "from-file" };
    const flagAccount = { accountSid: "AC" + hex32(2), authToken: "from-flags" };
    const accountsFile = join(bins.dir(), "accounts.json");
    writeFileSync(accountsFile, JSON.stringify([fileAccount]));
    const bin = bins.run([
      "--port",
      "0",
      "--accounts",
      accountsFile,
      "--account-sid",
      flagAccount.accountSid,
      "--auth-token",
      flagAccount.authToken,
      "--persist",
      join(bins.dir(), "s.json"),
    ]);
    const url = await bin.url;
    for (const account of [fileAccount, flagAccount]) {
      const res = await api({ url } as Emulator, "POST", "/v1/CompositionHooks", {
        auth: { user: account.accountSid, password: account.authToken },
        form: hookForm(),
      });
      assert.equal(res.status, 201);
    }
    const defaultAuth = await api({ url } as Emulator, "GET", "/v1/CompositionHooks", {
      auth: { user: DEFAULT_ACCOUNT.accountSid, password: DEFAULT_ACCOUNT.authToken },
    });
    assert.equal(defaultAuth.status, 401);
    assert.equal(JSON.parse(readFileSync(join(bins.dir(), "s.json"), "utf8")).stores[fileAccount.accountSid].hooks.length, 1);
    bin.child.kill("SIGTERM");
    assert.equal(await bin.exit, 0);
  });
});
