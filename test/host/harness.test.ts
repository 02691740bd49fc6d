// Pins how @pulumi/pulumi's real dynamic-provider host treats providers, through test/helpers/providerHost.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  PROVIDER_KEY,
  ProviderHost,
  ProviderHostError,
  SECRET_SIG,
  SECRET_VALUE_SIG,
  UNKNOWN,
  dynamicUrn,
  secret,
  startProviderHost,
} from "../helpers/providerHost";
import { serializeProvider } from "../helpers/serializeProvider";

/** A `__provider` text in the shape the host loads: a module whose `handler()` returns the provider. */
const providerText = (body: string) => `exports.handler = function () { return ${body}; };`;

const urn = dynamicUrn("dev", "proj", "twilio:Thing", "thing");

/** Calls `run` and returns the ProviderHostError it must throw. */
async function hostError(run: () => Promise<unknown>): Promise<ProviderHostError> {
  try {
    await run();
  } catch (err) {
    assert.ok(err instanceof ProviderHostError, `expected ProviderHostError, got ${err}`);
    return err;
  }
  assert.fail("expected the host call to fail");
}

describe("dynamic-provider host harness", () => {
  let host: ProviderHost;
  before(async () => {
    host = await startProviderHost();
    await host.configure({ "twilio:accountSid": "AC123" });
  });
  after(() => host.close());

  it("builds URNs with the type token pulumi.dynamic.Resource registers", () => {
    assert.equal(dynamicUrn("dev", "proj", "Resource", "r"), "urn:pulumi:dev::proj::pulumi-nodejs:dynamic:Resource::r");
    assert.equal(urn, "urn:pulumi:dev::proj::pulumi-nodejs:dynamic/twilio:Thing::thing");
    assert.equal(dynamicUrn("s", "p", "pulumi-nodejs:dynamic/m:T", "n"), "urn:pulumi:s::p::pulumi-nodejs:dynamic/m:T::n");
  });

  it("round-trips values exactly through check, diff, create, read, update and delete", async () => {
    const lifecycle = providerText(`(() => {
      const deleted = [];
      return {
        check: async (olds, news) => ({ inputs: { ...news, enabled: news.enabled ?? true } }),
        diff: async (id, olds, news) => ({ changes: olds.name !== news.name, replaces: olds.region !== news.region ? ["region"] : [] }),
        create: async (inputs) => ({ id: "id-1", outs: { ...inputs, made: true } }),
        read: async (id, props) => ({ id, props: { ...props, readBack: id }, inputs: { name: props.name, deleted } }),
        update: async (id, olds, news) => ({ outs: { ...news, previous: olds.name } }),
        delete: async (id, props) => { deleted.push(id + ":" + props.name); },
      };
    })()`);
    const values = {
      name: "héllo ✓",
      count: 3,
      ratio: -0.25,
      zero: 0,
      empty: "",
      nothing: null,
      flags: [true, false],
      nested: { list: [1, "two", null, { deep: [] }], obj: {} },
    };
    const news = { ...values, region: "us1", dropped: undefined, [PROVIDER_KEY]: lifecycle };

    const checked = await host.check(urn, {}, news);
    assert.deepEqual(checked, { inputs: { ...values, region: "us1", enabled: true, [PROVIDER_KEY]: lifecycle }, failures: [] });

    const created = await host.create(urn, checked.inputs);
    assert.deepEqual(created, { id: "id-1", properties: { ...checked.inputs, made: true } });

    assert.deepEqual(await host.diff("id-1", urn, created.properties, checked.inputs), {
      changes: "none",
      replaces: [],
      deleteBeforeReplace: false,
      diffs: [],
      stables: [],
    });
    const renamed = { ...checked.inputs, name: "renamed", region: "ie1" };
    assert.deepEqual(await host.diff("id-1", urn, created.properties, renamed), {
      changes: "some",
      replaces: ["region"],
      deleteBeforeReplace: false,
      diffs: [],
      stables: [],
    });

    const updated = await host.update("id-1", urn, created.properties, renamed);
    assert.deepEqual(updated, { properties: { ...renamed, previous: "héllo ✓" } });

    await host.delete("id-1", urn, updated.properties);
    const read = await host.read("id-1", urn, updated.properties);
    assert.deepEqual(read, {
      id: "id-1",
      properties: { ...updated.properties, readBack: "id-1" },
      inputs: { name: "renamed", deleted: ["id-1:renamed"], [PROVIDER_KEY]: lifecycle },
    });
  });

  it("runs a provider serialized the way pulumi.dynamic.Resource stores it", async () => {
    const text = await serializeProvider({
      create: async (inputs: { n: number }) => ({ id: `n-${inputs.n}`, outs: { doubled: inputs.n * 2 } }),
    });
    assert.match(text, /^exports\.handler = __f0;/);
    assert.deepEqual(await host.create(urn, { n: 21, [PROVIDER_KEY]: text }), {
      id: "n-21",
      properties: { doubled: 42, [PROVIDER_KEY]: text },
    });
  });

  it("surfaces a provider's thrown message as the gRPC details of every method", async () => {
    const failing = providerText(`{
      check: async () => { throw new Error("check says no"); },
      diff: async () => { throw new Error("diff says no"); },
      create: async () => { throw new Error("create says no"); },
      read: async () => { throw new Error("read says no"); },
      update: async () => { throw new Error("update says no"); },
      delete: async () => { throw new Error("delete says no"); },
    }`);
    const props = { [PROVIDER_KEY]: failing };
    const calls: [string, () => Promise<unknown>][] = [
      ["check", () => host.check(urn, {}, props)],
      ["diff", () => host.diff("x", urn, props, props)],
      ["create", () => host.create(urn, props)],
      ["read", () => host.read("x", urn, props)],
      ["update", () => host.update("x", urn, props, props)],
      ["delete", () => host.delete("x", urn, props)],
    ];
    for (const [method, call] of calls) {
      const err = await hostError(call);
      assert.equal(err.details, `${method} says no`);
      assert.equal(err.message, `${method} failed with gRPC status UNKNOWN: ${method} says no`);
    }
  });

  it("returns check failures as property/reason pairs", async () => {
    const strict = providerText(
      `{ create: async () => ({ id: "x" }), check: async (olds, news) => ({ inputs: news, failures: [{ property: "resolution", reason: "must be WxH" }] }) }`,
    );
    const { failures } = await host.check(urn, {}, { resolution: "big", [PROVIDER_KEY]: strict });
    assert.deepEqual(failures, [{ property: "resolution", reason: "must be WxH" }]);
  });

  it("fails a create whose outputs contain undefined, and reports a read of a missing resource with a blank id", async () => {
    const sloppy = providerText(`{ create: async () => ({ id: "x", outs: { sid: undefined } }), read: async () => ({}) }`);
    const err = await hostError(() => host.create(urn, { [PROVIDER_KEY]: sloppy }));
    assert.equal(err.details, "Unexpected struct type.");
    assert.deepEqual(await host.read("x", urn, { [PROVIDER_KEY]: sloppy }), { id: "", properties: { [PROVIDER_KEY]: sloppy }, inputs: {} });
  });

  it("hands secret-wrapped resource inputs to the provider unchanged, at any depth", async () => {
    const echo = providerText(
      `{ create: async () => ({ id: "x" }), check: async (olds, news) => ({ inputs: { seen: JSON.stringify({ token: news.token, nested: news.nested }) } }) }`,
    );
    const { inputs } = await host.check(urn, {}, { token: secret("s3cr3t"), nested: { key: secret(7) }, [PROVIDER_KEY]: echo });
    const marker = (value: unknown) => ({ [SECRET_SIG]: SECRET_VALUE_SIG, value });
    assert.deepEqual(JSON.parse(inputs.seen as string), { token: marker("s3cr3t"), nested: { key: marker(7) } });
  });

  it("passes unknown values through and falls back to the old provider when __provider is unknown", async () => {
    const passthrough = providerText(
      `{ create: async () => ({ id: "x" }), check: async (olds, news) => ({ inputs: { ...news, checkedBy: "old" } }) }`,
    );
    const checked = await host.check(urn, { [PROVIDER_KEY]: passthrough }, { sid: UNKNOWN, [PROVIDER_KEY]: UNKNOWN });
    assert.deepEqual(checked.inputs, { sid: UNKNOWN, checkedBy: "old", [PROVIDER_KEY]: UNKNOWN });
  });

  it("drops stables from diff results and ignores create's preview flag", async () => {
    const text = providerText(
      `{ diff: async () => ({ changes: true, stables: ["sid"], replaces: ["accountSid"], deleteBeforeReplace: true }), create: async () => ({ id: "made-anyway" }) }`,
    );
    assert.deepEqual(await host.diff("x", urn, { [PROVIDER_KEY]: text }, { [PROVIDER_KEY]: text }), {
      changes: "some",
      replaces: ["accountSid"],
      deleteBeforeReplace: true,
      diffs: [],
      stables: [],
    });
    assert.equal((await host.create(urn, { [PROVIDER_KEY]: text }, { preview: true })).id, "made-anyway");
  });

  it("records pulumi.log messages in the fake engine and the host's console output", async () => {
    const chatty = providerText(`{ create: async () => {
      const pulumi = require("@pulumi/pulumi");
      await pulumi.log.info("creating thing");
      await pulumi.log.warn("careful");
      console.log("plain stdout line");
      return { id: "x" };
    } }`);
    await host.create(urn, { [PROVIDER_KEY]: chatty });
    assert.deepEqual(host.engineLogs(), [
      { severity: "info", message: "creating thing", urn: "" },
      { severity: "warning", message: "careful", urn: "" },
    ]);
    const port = host.address.split(":")[1];
    assert.equal(host.output().stdout, `${port}\nplain stdout line\n`);
    // The host itself prints errors from check/diff/read/delete (not create/update) with their stack.
    const noisy = providerText(`{ create: async () => ({ id: "x" }), check: async () => { throw new Error("noisy check"); } }`);
    await hostError(() => host.check(urn, {}, { [PROVIDER_KEY]: noisy }));
    // The child's stderr may arrive after the gRPC answer: wait (bounded) for it to be read.
    const expected = /^Error: noisy check: Error: noisy check\n {4}at Object\.check/m;
    for (let i = 0; i < 100 && !expected.test(host.output().stderr); i++) await new Promise((r) => setTimeout(r, 20));
    assert.match(host.output().stderr, expected);
  });
});

describe("dynamic-provider host configuration", () => {
  let host: ProviderHost;
  beforeEach(async () => {
    host = await startProviderHost({ env: { PULUMI_NODEJS_PROJECT: "myproj" } });
  });
  afterEach(() => host.close());

  const configReader = (tag: string) =>
    providerText(`(() => {
      let seen;
      return {
        configure: async (req) => { seen = { sid: req.config.get("twilio:accountSid") ?? null, token: req.config.get("twilio:authToken") ?? null, bare: req.config.get("region") ?? null }; },
        create: async () => ({ id: "${tag}", outs: { seen } }),
      };
    })()`);

  it("hands Configure args to provider.configure via req.config.get, unwrapping top-level secrets", async () => {
    const answer = await host.configure(
      { "twilio:config:accountSid": "ignored-variable" },
      { "twilio:accountSid": "AC123", "twilio:authToken": secret("tok-1"), "myproj:region": "ie1" },
    );
    assert.deepEqual(answer, { acceptSecrets: false, supportsPreview: false });
    const text = configReader("a");
    const created = await host.create(urn, { [PROVIDER_KEY]: text });
    assert.deepEqual(created.properties.seen, { sid: "AC123", token: "tok-1", bare: "ie1" });
  });

  it("configures each provider text once, with the config current at its first use", async () => {
    await host.configure({}, { "twilio:accountSid": "AC-first" });
    const first = configReader("first");
    assert.deepEqual((await host.create(urn, { [PROVIDER_KEY]: first })).properties.seen, { sid: "AC-first", token: null, bare: null });
    await host.configure({}, { "twilio:accountSid": "AC-second" });
    assert.deepEqual((await host.create(urn, { [PROVIDER_KEY]: first })).properties.seen, { sid: "AC-first", token: null, bare: null });
    const second = configReader("second");
    assert.deepEqual((await host.create(urn, { [PROVIDER_KEY]: second })).properties.seen, { sid: "AC-second", token: null, bare: null });
  });
});

describe("dynamic-provider host module resolution", () => {
  let programDir: string;
  const hosts: ProviderHost[] = [];
  before(() => {
    programDir = fs.mkdtempSync(path.join(os.tmpdir(), "provider-host-"));
    const moduleDir = path.join(programDir, "node_modules", "fake-mod");
    fs.mkdirSync(moduleDir, { recursive: true });
    fs.writeFileSync(path.join(moduleDir, "index.js"), `exports.where = __dirname;\n`);
  });
  after(async () => {
    await Promise.all(hosts.map((h) => h.close()));
    fs.rmSync(programDir, { recursive: true, force: true });
  });

  const requiresFakeMod = providerText(`{ create: async () => ({ id: "x", outs: { where: require("fake-mod").where } }) }`);

  it("resolves require() inside a provider from the host's working directory", async () => {
    const host = await startProviderHost({ cwd: programDir });
    hosts.push(host);
    await host.configure({});
    const created = await host.create(urn, { [PROVIDER_KEY]: requiresFakeMod });
    assert.equal(created.properties.where, path.join(fs.realpathSync(programDir), "node_modules", "fake-mod"));
  });

  it("cannot find that module from another working directory", async () => {
    const host = await startProviderHost();
    hosts.push(host);
    await host.configure({});
    const err = await hostError(() => host.create(urn, { [PROVIDER_KEY]: requiresFakeMod }));
    assert.match(err.details, /^Cannot find module 'fake-mod'/);
  });
});
