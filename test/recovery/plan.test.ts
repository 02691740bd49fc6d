// The recovery planner of twilio-video-recover against the emulator: which pending creates of an
// interrupted run made their object in Twilio (import it), which made nothing (clear), and which
// cannot be decided (several candidates: never guessed).
import { strict as assert } from "assert";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { managedIds, pendingCreates, planRecovery, providerConfigs, recoveredState, recoveryClients } from "../../provider/recovery/plan";
import { TwilioClient } from "../../provider/twilio";
import type { DeploymentState } from "../helpers/exportedState";

const T = "pulumi-nodejs:dynamic/twilio-video:";
const urn = (kind: string, name: string) => `urn:pulumi:dev::p::${T}${kind}::${name}`;
const op = (kind: string, name: string, inputs: Record<string, unknown>) => ({
  type: "creating",
  resource: { urn: urn(kind, name), type: `${T}${kind}`, custom: true, inputs, parent: "urn:stack", provider: "urn:prov::id" },
});

describe("twilio-video-recover's plan for pending creates", () => {
  let emulator: Emulator;
  let client: TwilioClient;
  const post = async (path: string, form: Record<string, string>) => {
    const res = await fetch(`${emulator.url}${path}`, {
      method: "POST",
      body: new URLSearchParams(form).toString(),
      headers: {
        authorization: "Basic " + Buffer.from(`${DEFAULT_ACCOUNT.accountSid}:${DEFAULT_ACCOUNT.authToken}`).toString("base64"),
        "content-type": "application/x-www-form-urlencoded",
      },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return ((await res.json()) as { sid: string }).sid;
  };

  before(async () => {
    emulator = await startEmulator();
    client = new TwilioClient({ ...DEFAULT_ACCOUNT, endpoint: emulator.url });
  });
  beforeEach(() => emulator.reset());
  after(() => emulator.close());

  it("imports what exists, clears what does not, and never guesses between candidates", async () => {
    const made = await post("/v1/CompositionHooks", { FriendlyName: "made", AudioSources: "*" });
    const held = await post("/v1/CompositionHooks", { FriendlyName: "held", AudioSources: "*" });
    const writer = await post("/v1/Credentials/AWS", {
      Credentials: "AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      FriendlyName: "writer",
    });
    await post("/v1/Credentials/AWS", {
      Credentials: "AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      FriendlyName: "twin",
    });
    await post("/v1/Credentials/AWS", {
      Credentials: "AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      FriendlyName: "twin",
    });
    const exported = {
      deployment: {
        resources: [{ urn: "urn:stack" }, { urn: urn("CompositionHook", "other"), id: held }],
        pending_operations: [
          op("CompositionHook", "made", { friendlyName: "made" }),
          op("CompositionHook", "lost", { friendlyName: "never-sent" }),
          op("CompositionHook", "held", { friendlyName: "held" }),
          op("RecordingSettings", "rec", { friendlyName: "r" }),
          op("AwsCredential", "writer", { friendlyName: "writer" }),
          op("AwsCredential", "twin", { friendlyName: "twin" }),
          { type: "creating", resource: { urn: "urn:pulumi:dev::p::aws:s3/bucket:Bucket::b", type: "aws:s3/bucket:Bucket", inputs: {} } },
          { type: "updating", resource: { urn: urn("CompositionHook", "busy"), type: `${T}CompositionHook`, inputs: {} } },
        ],
      },
    };
    const pending = pendingCreates(exported);
    assert.equal(pending.length, 7, "only creating operations are pending creates");
    emulator.log.clear();
    const plan = await planRecovery(pending, managedIds(exported), () => client);
    assert.deepEqual(plan.imports, [
      { urn: urn("CompositionHook", "made"), id: made },
      { urn: urn("RecordingSettings", "rec"), id: DEFAULT_ACCOUNT.accountSid },
      { urn: urn("AwsCredential", "writer"), id: writer },
    ]);
    // "held" belongs to another resource of the stack: not this create's object.
    assert.deepEqual(plan.clears, [urn("CompositionHook", "lost"), urn("CompositionHook", "held")]);
    assert.equal(plan.problems.length, 1);
    assert.match(plan.problems[0], /AwsCredential::twin: 2 unmanaged AwsCredentials named "twin" exist \(CR[0-9a-f]{32}, CR[0-9a-f]{32}\)/);
    assert.deepEqual(plan.foreign, ["urn:pulumi:dev::p::aws:s3/bucket:Bucket::b"]);
    assert.ok(
      emulator.log.entries().every((e) => e.method === "GET"),
      "planning wrote to Twilio",
    );

    const state = recoveredState(exported, plan) as { deployment: Required<DeploymentState> };
    assert.deepEqual(
      state.deployment.resources.slice(2).map((r) => [r.urn, r.id, r.outputs]),
      plan.imports.map((i) => {
        const source = exported.deployment.pending_operations.find((o) => o.resource.urn === i.urn)!;
        return [i.urn, i.id, source.resource.inputs];
      }),
    );
    assert.deepEqual(
      state.deployment.pending_operations.map((o) => `${o.type} ${o.resource.urn.split("::").pop()}`),
      ["creating twin", "creating b", "updating busy"],
    );
    assert.equal(exported.deployment.pending_operations.length, 8, "the export it was given is left as it was");
  });

  it("asks each create's own account: an explicit Provider's, from its revealed inputs, else the stack's", async () => {
    const other = { accountSid: "AC0000000000000000000000000000e001", authToken: "recover-other-token-1" };
    emulator.addAccount(other);
    const res = await fetch(`${emulator.url}/v1/CompositionHooks`, {
      method: "POST",
      body: new URLSearchParams({ FriendlyName: "elsewhere", AudioSources: "*" }).toString(),
      headers: {
        authorization: "Basic " + Buffer.from(`${other.accountSid}:${other.authToken}`).toString("base64"),
        "content-type": "application/x-www-form-urlencoded",
      },
    });
    const sid = ((await res.json()) as { sid: string }).sid;
    const providerUrn = "urn:pulumi:dev::p::pulumi:providers:pulumi-nodejs::other";
    const revealed = {
      deployment: {
        resources: [
          {
            urn: providerUrn,
            id: "prov-id",
            type: "pulumi:providers:pulumi-nodejs",
            inputs: {
              "twilio:providerName": "other",
              "twilio:accountSid": other.accountSid,
              "twilio:authToken": {
                "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
                plaintext: JSON.stringify(other.authToken),
              },
              "twilio:endpoint": emulator.url,
            },
          },
        ],
      },
    };
    const configs = providerConfigs(revealed);
    assert.deepEqual([...configs.keys()], [`${providerUrn}::prov-id`]);
    assert.equal(configs.get(`${providerUrn}::prov-id`)!["twilio:authToken"], other.authToken);
    const inOther = { ...op("CompositionHook", "elsewhere", { friendlyName: "elsewhere" }).resource, provider: `${providerUrn}::prov-id` };
    const pending = pendingCreates({ deployment: { pending_operations: [{ type: "creating", resource: inOther }] } });
    const stackConfig: Record<string, string> = {
      "twilio:accountSid": DEFAULT_ACCOUNT.accountSid,
      "twilio:authToken": DEFAULT_ACCOUNT.authToken,
      "twilio:endpoint": emulator.url,
    };
    const clientFor = recoveryClients((k) => stackConfig[k], configs);
    const plan = await planRecovery(pending, new Set(), clientFor);
    assert.deepEqual(plan.imports, [{ urn: urn("CompositionHook", "elsewhere"), id: sid }]);
    // Without its provider the create is taken to the stack's account, which has no such hook.
    const underDefault = pendingCreates({
      deployment: { pending_operations: [{ type: "creating", resource: { ...inOther, provider: "urn:prov::default" } }] },
    });
    assert.deepEqual((await planRecovery(underDefault, new Set(), clientFor)).clears, [urn("CompositionHook", "elsewhere")]);
  });
});
