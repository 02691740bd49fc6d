// Drives Pulumi's REAL dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`) over gRPC, the
// way the engine does, so resource providers are tested through the exact code that runs them in
// `pulumi up` (serialization via `__provider`, Struct marshalling, error mapping).
//
// Behaviour of the host in @pulumi/pulumi 3.248.0, read from its source and pinned by
// test/host/harness.test.ts:
// - argv[0] (the engine address) is required but unused; the host prints its port as the first
//   stdout line. `pulumi.log.*` inside a provider reaches an engine only when PULUMI_NODEJS_ENGINE is
//   set; this harness sets it to a fake engine that records messages (the real CLI does not set it
//   for provider plugins, so in `pulumi up` those calls print "info: [runtime] ..." to the plugin's
//   stdout instead, which the CLI shows).
// - Configure reads `args` (not `variables`), unwraps top-level secrets, answers acceptSecrets=false
//   and supportsPreview=false. A provider's `configure(req)` runs once per provider text, lazily, on
//   the first resource call; `req.config.get("twilio:accountSid")` returns args["twilio:accountSid"]
//   (the engine sends dynamic providers the WHOLE stack config with namespaced keys); a key without
//   ":" is prefixed with PULUMI_NODEJS_PROJECT (default "project").
// - Check/Diff/Create/Read/Update/Delete load `requireFromString(props.__provider).handler()`,
//   resolving `require` from the host's cwd. Secret-wrapped values inside resource properties are
//   NOT unwrapped: the provider receives the raw `{ [SECRET_SIG]: ..., value }` object (the engine
//   never sends them because Configure said acceptSecrets=false).
// - Diff forwards only changes/replaces/deleteBeforeReplace; `stables` and detailed diffs are
//   dropped. Create ignores `preview` and calls the provider's create anyway (the engine never asks,
//   since supportsPreview=false). Read ignores the request's `inputs`.
import { ChildProcess, spawn } from "child_process";
import * as grpc from "@grpc/grpc-js";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import { EngineLogEntry, startFakeEngine } from "./fakeEngine";
import { fromStruct, toStruct } from "./structs";

/** Key whose presence marks a special Pulumi value in a Struct. */
export const SECRET_SIG = "4dabf18193072939515e22adb298388d";
/** Value under SECRET_SIG that marks a secret (`{ [SECRET_SIG]: SECRET_VALUE_SIG, value }`). */
export const SECRET_VALUE_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** The string the engine sends for a value not known yet (preview before a dependency exists). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** Property holding the serialized provider in every payload and in state. */
export const PROVIDER_KEY = "__provider";

export type PropertyBag = Record<string, unknown>;

export interface ProviderHostOptions {
  /** Working directory of the host; `require` in a provider resolves from here. @default process.cwd() */
  cwd?: string;
  /** Extra environment for the host; `undefined` removes a variable inherited from this process. */
  env?: Record<string, string | undefined>;
}

export interface ProviderHost {
  /** 127.0.0.1:PORT the host serves gRPC on (the port is the first line of its stdout). */
  address: string;
  configure(variables: Record<string, string>, args?: PropertyBag): Promise<{ acceptSecrets: boolean; supportsPreview: boolean }>;
  check(
    urn: string,
    olds: PropertyBag,
    news: PropertyBag,
  ): Promise<{ inputs: PropertyBag; failures: { property: string; reason: string }[] }>;
  diff(id: string, urn: string, olds: PropertyBag, news: PropertyBag): Promise<DiffOutcome>;
  create(urn: string, props: PropertyBag, opts?: { preview?: boolean }): Promise<{ id: string; properties: PropertyBag }>;
  read(
    id: string,
    urn: string,
    props: PropertyBag,
    inputs?: PropertyBag,
  ): Promise<{ id: string; properties: PropertyBag; inputs: PropertyBag }>;
  update(id: string, urn: string, olds: PropertyBag, news: PropertyBag, opts?: { preview?: boolean }): Promise<{ properties: PropertyBag }>;
  delete(id: string, urn: string, props: PropertyBag): Promise<void>;
  /** Messages the provider sent through `pulumi.log.*`, in order. */
  engineLogs(): EngineLogEntry[];
  /** Everything the host process wrote so far (the first stdout line is its port). */
  output(): { stdout: string; stderr: string };
  /** Kills the host and stops the fake engine. Safe to call twice. */
  close(): Promise<void>;
}

export interface DiffOutcome {
  changes: "none" | "some" | "unknown";
  replaces: string[];
  deleteBeforeReplace: boolean;
  diffs: string[];
  stables: string[];
}

/** A gRPC call to the host failed; `details` is the provider's error message as the engine sees it. */
export class ProviderHostError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    readonly details: string,
  ) {
    super(`${method} failed with gRPC status ${grpc.status[code] ?? code}: ${details}`);
    this.name = "ProviderHostError";
  }
}

/** Wraps a value the way the engine marks a secret on the wire. */
export function secret(value: unknown): { [SECRET_SIG]: string; value: unknown } {
  return { [SECRET_SIG]: SECRET_VALUE_SIG, value };
}

/**
 * The type token `pulumi.dynamic.Resource` registers: `pulumi-nodejs:dynamic:Resource` by default,
 * `pulumi-nodejs:dynamic/<module>:<type>` when the subclass passes module and type.
 */
export function dynamicTypeToken(module?: string, type = "Resource"): string {
  return `pulumi-nodejs:dynamic${module ? `/${module}` : ""}:${type}`;
}

/**
 * URN of a top-level dynamic resource. `typeName` is either a full token
 * ("pulumi-nodejs:dynamic/twilio:CompositionHook") or the SDK's `module:type` / `type` pair
 * ("twilio:CompositionHook", "Resource") as passed to `pulumi.dynamic.Resource`.
 */
export function dynamicUrn(stack: string, project: string, typeName: string, name: string): string {
  let token = typeName;
  if (!typeName.startsWith("pulumi-nodejs:")) {
    const [module, type] = typeName.includes(":") ? typeName.split(":", 2) : [undefined, typeName];
    token = dynamicTypeToken(module, type);
  }
  return `urn:pulumi:${stack}::${project}::${token}::${name}`;
}

/** Splits a URN into the name and type fields newer requests carry beside it. */
function urnParts(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  const name = parts[parts.length - 1] ?? "";
  const qualifiedType = parts[parts.length - 2] ?? "";
  return { name, type: qualifiedType.split("$").pop() ?? qualifiedType };
}

const hostScript = require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js");

function childEnv(engineAddress: string, extra: ProviderHostOptions["env"]): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PULUMI_NODEJS_ENGINE: engineAddress };
  for (const [key, value] of Object.entries(extra ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Resolves with the port the host prints first; rejects with its stderr if it dies before. */
function waitForPort(child: ChildProcess, output: { stdout: string; stderr: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const onData = () => {
      const newline = output.stdout.indexOf("\n");
      if (newline < 0) return;
      cleanup();
      const port = Number(output.stdout.slice(0, newline).trim());
      if (Number.isInteger(port) && port > 0) resolve(port);
      else
        reject(
          new ProviderHostError(
            "start",
            grpc.status.UNAVAILABLE,
            `host printed ${JSON.stringify(output.stdout.slice(0, newline))} instead of a port`,
          ),
        );
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      reject(
        new ProviderHostError(
          "start",
          grpc.status.UNAVAILABLE,
          `host exited (${code ?? signal}) before printing its port: ${output.stderr}`,
        ),
      );
    };
    const cleanup = () => {
      child.stdout?.off("data", onData);
      child.off("exit", onExit);
    };
    child.stdout?.on("data", onData);
    child.on("exit", onExit);
  });
}

/** Spawns the real dynamic-provider host with a fake engine beside it. */
export async function startProviderHost(opts: ProviderHostOptions = {}): Promise<ProviderHost> {
  const engine = await startFakeEngine();
  const output = { stdout: "", stderr: "" };
  const child = spawn(process.execPath, [hostScript, engine.address], {
    cwd: opts.cwd ?? process.cwd(),
    env: childEnv(engine.address, opts.env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output.stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output.stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  let port: number;
  try {
    port = await waitForPort(child, output);
  } catch (err) {
    child.kill("SIGKILL");
    await engine.close();
    throw err;
  }
  const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());

  // One promise-returning wrapper for every unary method; errors keep the host's details text.
  function unary<Req, Res>(method: string, req: Req): Promise<Res> {
    type UnaryCall = (req: Req, callback: (err: grpc.ServiceError | null, res: Res) => void) => unknown;
    const fn = (client as unknown as Record<string, UnaryCall>)[method];
    return new Promise((resolve, reject) => {
      fn.call(client, req, (err: grpc.ServiceError | null, res: Res) => {
        if (err) reject(new ProviderHostError(method, err.code, err.details));
        else resolve(res);
      });
    });
  }

  let closed: Promise<void> | undefined;
  return {
    address: `127.0.0.1:${port}`,
    async configure(variables, args) {
      const req = new proto.ConfigureRequest()
        .setArgs(toStruct(args ?? variables))
        .setAcceptsecrets(true)
        .setAcceptresources(true);
      for (const [key, value] of Object.entries(variables)) req.getVariablesMap().set(key, value);
      const res = await unary<proto.ConfigureRequest, proto.ConfigureResponse>("configure", req);
      return { acceptSecrets: res.getAcceptsecrets(), supportsPreview: res.getSupportspreview() };
    },
    async check(urn, olds, news) {
      const { name, type } = urnParts(urn);
      const req = new proto.CheckRequest().setUrn(urn).setName(name).setType(type).setOlds(toStruct(olds)).setNews(toStruct(news));
      const res = await unary<proto.CheckRequest, proto.CheckResponse>("check", req);
      const failures = res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() }));
      return { inputs: fromStruct(res.getInputs()), failures };
    },
    async diff(id, urn, olds, news) {
      const { name, type } = urnParts(urn);
      const req = new proto.DiffRequest().setId(id).setUrn(urn).setName(name).setType(type).setOlds(toStruct(olds)).setNews(toStruct(news));
      const res = await unary<proto.DiffRequest, proto.DiffResponse>("diff", req);
      const changeNames = {
        [proto.DiffResponse.DiffChanges.DIFF_NONE]: "none",
        [proto.DiffResponse.DiffChanges.DIFF_SOME]: "some",
        [proto.DiffResponse.DiffChanges.DIFF_UNKNOWN]: "unknown",
      } as const;
      return {
        changes: changeNames[res.getChanges()],
        replaces: res.getReplacesList(),
        deleteBeforeReplace: res.getDeletebeforereplace(),
        diffs: res.getDiffsList(),
        stables: res.getStablesList(),
      };
    },
    async create(urn, props, createOpts) {
      const { name, type } = urnParts(urn);
      const req = new proto.CreateRequest()
        .setUrn(urn)
        .setName(name)
        .setType(type)
        .setProperties(toStruct(props))
        .setPreview(createOpts?.preview ?? false);
      const res = await unary<proto.CreateRequest, proto.CreateResponse>("create", req);
      return { id: res.getId(), properties: fromStruct(res.getProperties()) };
    },
    async read(id, urn, props, inputs) {
      const { name, type } = urnParts(urn);
      const req = new proto.ReadRequest().setId(id).setUrn(urn).setName(name).setType(type).setProperties(toStruct(props));
      if (inputs) req.setInputs(toStruct(inputs));
      const res = await unary<proto.ReadRequest, proto.ReadResponse>("read", req);
      return { id: res.getId(), properties: fromStruct(res.getProperties()), inputs: fromStruct(res.getInputs()) };
    },
    async update(id, urn, olds, news, updateOpts) {
      const { name, type } = urnParts(urn);
      const req = new proto.UpdateRequest()
        .setId(id)
        .setUrn(urn)
        .setName(name)
        .setType(type)
        .setOlds(toStruct(olds))
        .setNews(toStruct(news))
        .setPreview(updateOpts?.preview ?? false);
      const res = await unary<proto.UpdateRequest, proto.UpdateResponse>("update", req);
      return { properties: fromStruct(res.getProperties()) };
    },
    async delete(id, urn, props) {
      const { name, type } = urnParts(urn);
      const req = new proto.DeleteRequest().setId(id).setUrn(urn).setName(name).setType(type).setProperties(toStruct(props));
      await unary<proto.DeleteRequest, unknown>("delete", req);
    },
    engineLogs: () => engine.logs(),
    output: () => ({ ...output }),
    close() {
      closed ??= (async () => {
        client.close();
        if (child.exitCode === null && child.signalCode === null) {
          child.kill("SIGTERM");
          const killTimer = setTimeout(() => child.kill("SIGKILL"), 2000);
          await exited;
          clearTimeout(killTimer);
        }
        await engine.close();
      })();
      return closed;
    },
  };
}
