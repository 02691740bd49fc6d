// Subaccount and ApiKey through the real dynamic-provider host against the emulator: what destroy
// does with a subaccount, adoption, a subaccount closed outside Pulumi, lost create responses, and
// the refusal of a provider that authenticates with an API key.
import { strict as assert } from "assert";
import { startProviderHost, type ProviderHostError } from "../helpers/providerHost";
import { ACCOUNT, resourceOps, stackConfig, useFixture, type Fixture } from "./fixture";

interface Account {
  sid: string;
  friendly_name: string;
  status: string;
  auth_token: string;
}
const ACCOUNTS = "/2010-04-01/Accounts.json";
const KEYS = `/2010-04-01/Accounts/${ACCOUNT.accountSid}/Keys.json`;

describe("Subaccount and ApiKey through the provider host", () => {
  let fx: Fixture;
  useFixture((f) => (fx = f));
  const subaccounts = async () =>
    (await fx.twilio<{ accounts: Account[] }>("GET", ACCOUNTS)).body.accounts.filter((a) => a.sid !== ACCOUNT.accountSid);
  const keys = async () => (await fx.twilio<{ keys: { sid: string }[] }>("GET", KEYS)).body.keys.map((k) => k.sid);

  it("destroy leaves a subaccount active unless closeOnDelete, which closes it, and says which", async () => {
    const kept = resourceOps(fx, "Subaccount", { name: "kept" });
    const { created } = await kept.create({ friendlyName: "video kept" });
    assert.match(created.id, /^AC[0-9a-f]{32}$/);
    assert.equal(created.properties.ownerAccountSid, ACCOUNT.accountSid);
    await fx.host.delete(created.id, kept.urn, created.properties);
    // The CLI shows what destroy left behind: the host has no logger of its own, so the warning goes to the engine directly.
    assert.deepEqual(
      fx.host.engineLogs().filter((l) => l.message.includes(created.id)),
      [
        {
          severity: "warning",
          urn: "",
          message:
            `Subaccount ${created.id} ("video kept") is left active at Twilio and removed from the stack: ` +
            `closing is irreversible, so it happens only with closeOnDelete: true (set it and run 'pulumi up' first).`,
        },
      ],
    );

    const closing = resourceOps(fx, "Subaccount", { name: "closing" });
    const made = await closing.create({ friendlyName: "video closing", closeOnDelete: true });
    await fx.host.delete(made.created.id, closing.urn, made.created.properties);

    assert.deepEqual(
      (await subaccounts()).map((a) => [a.friendly_name, a.status]),
      [
        ["video kept", "active"],
        ["video closing", "closed"],
      ],
    );
  });

  it("adoptSid takes over an open subaccount of this account, renamed in place; the main account itself is refused", async () => {
    const existing = (await fx.twilio<Account>("POST", ACCOUNTS, { FriendlyName: "made in the console" })).body;
    const ops = resourceOps(fx, "Subaccount");
    const { created } = await ops.create({ friendlyName: "video adopted", adoptSid: existing.sid });
    assert.equal(created.id, existing.sid);
    assert.equal(created.properties.authToken, existing.auth_token);
    assert.deepEqual(
      (await subaccounts()).map((a) => [a.sid, a.friendly_name]),
      [[existing.sid, "video adopted"]],
    );

    const inputs = await ops.checked({ friendlyName: "x", adoptSid: ACCOUNT.accountSid });
    await assert.rejects(fx.host.create(ops.urn, inputs), (e: ProviderHostError) => {
      assert.equal(e.details, `adoptSid: ${ACCOUNT.accountSid} is not a subaccount of account ${ACCOUNT.accountSid}`);
      return true;
    });
  });

  it("a subaccount closed outside Pulumi reads as deleted", async () => {
    const ops = resourceOps(fx, "Subaccount");
    const { created } = await ops.create({ friendlyName: "video closed elsewhere" });
    await fx.twilio("POST", `/2010-04-01/Accounts/${created.id}.json`, { Status: "closed" });
    assert.equal((await fx.host.read(created.id, ops.urn, created.properties)).id, "");
  });

  it("a lost subaccount create is found by name, not made twice", async () => {
    fx.emulator.faults.add({ kind: "drop", match: { method: "POST", path: ACCOUNTS } });
    const { created } = await resourceOps(fx, "Subaccount").create({ friendlyName: "video lost" });
    assert.deepEqual(
      (await subaccounts()).map((a) => a.sid),
      [created.id],
    );
  });

  it("a lost ApiKey create deletes the key it made (its secret is unknown) and makes one whose secret works", async () => {
    fx.emulator.faults.add({ kind: "drop", match: { method: "POST", path: KEYS } });
    const { created } = await resourceOps(fx, "ApiKey").create({ friendlyName: "tokens" });
    const calls = fx.calls().filter((c) => c.includes("/Keys"));
    assert.deepEqual(await keys(), [created.id]);
    const asKey = "Basic " + Buffer.from(`${created.id}:${created.properties.secret}`).toString("base64");
    const res = await fetch(`${fx.emulator.url}/v1/CompositionSettings/Default`, { headers: { authorization: asKey } });
    assert.equal(((await res.json()) as { account_sid: string }).account_sid, ACCOUNT.accountSid);
    assert.equal(calls.length, 4, calls.join("\n"));
    assert.deepEqual([calls[0], calls[1], calls[3]], [`POST ${KEYS}`, `GET ${KEYS}`, `POST ${KEYS}`]);
    const orphan = /^DELETE \/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Keys\/(SK[0-9a-f]{32})\.json$/.exec(calls[2])?.[1];
    assert.ok(orphan && orphan !== created.id, calls[2]);
  });

  it("check refuses both kinds when the provider authenticates with an API key (Twilio's error 20003)", async () => {
    const key = (await fx.twilio<{ sid: string; secret: string }>("POST", KEYS, { FriendlyName: "deploy" })).body;
    const host = await startProviderHost({ cwd: fx.dir });
    try {
      const config: Record<string, string> = { ...stackConfig(fx.emulator.url), "twilio:apiKey": key.sid, "twilio:apiSecret": key.secret };
      delete config["twilio:authToken"];
      await host.configure(config);
      for (const kind of ["Subaccount", "ApiKey"]) {
        await assert.rejects(resourceOps(fx, kind, { host }).check({ friendlyName: "x" }), (e: ProviderHostError) => {
          assert.equal(
            e.details,
            `${kind} needs the account's auth token, but the stack authenticates with API key ${key.sid}: ` +
              `Twilio lets no standard API key manage accounts or API keys (error 20003). Give the stack the auth token instead.`,
          );
          return true;
        });
      }
    } finally {
      await host.close();
    }
  });
});
