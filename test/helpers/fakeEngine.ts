// A minimal stand-in for the Pulumi engine's gRPC `Engine` service. The dynamic-provider host only
// talks to it when a provider calls `pulumi.log.*` and PULUMI_NODEJS_ENGINE names this server; every
// message is recorded so tests can assert on it (e.g. that no secret was logged).
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { EngineService, IEngineServer } from "@pulumi/pulumi/proto/engine_grpc_pb";
import {
  GetRootResourceResponse,
  LogSeverity,
  RequirePulumiVersionResponse,
  SetRootResourceResponse,
} from "@pulumi/pulumi/proto/engine_pb";

export interface EngineLogEntry {
  severity: "debug" | "info" | "warning" | "error";
  message: string;
  /** The URN the message was attached to ("" for global messages). */
  urn: string;
}

export interface FakeEngine {
  /** host:port to hand to the provider host. */
  address: string;
  logs(): EngineLogEntry[];
  close(): Promise<void>;
}

const severityNames: Record<LogSeverity, EngineLogEntry["severity"]> = {
  [LogSeverity.DEBUG]: "debug",
  [LogSeverity.INFO]: "info",
  [LogSeverity.WARNING]: "warning",
  [LogSeverity.ERROR]: "error",
};

export async function startFakeEngine(): Promise<FakeEngine> {
  const logs: EngineLogEntry[] = [];
  let rootUrn = "";
  const engine: IEngineServer = {
    log: (call, callback) => {
      const req = call.request;
      logs.push({ severity: severityNames[req.getSeverity()], message: req.getMessage(), urn: req.getUrn() });
      callback(null, new Empty());
    },
    getRootResource: (_call, callback) => callback(null, new GetRootResourceResponse().setUrn(rootUrn)),
    setRootResource: (call, callback) => {
      rootUrn = call.request.getUrn();
      callback(null, new SetRootResourceResponse());
    },
    startDebugging: (_call, callback) => callback(null, new Empty()),
    requirePulumiVersion: (_call, callback) => callback(null, new RequirePulumiVersionResponse()),
  };

  const server = new grpc.Server();
  server.addService(EngineService, engine);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );

  return {
    address: `127.0.0.1:${port}`,
    logs: () => logs.map((entry) => ({ ...entry })),
    close: () =>
      new Promise<void>((resolve) => {
        // tryShutdown waits for in-flight calls; a stuck client must not hang the test run.
        const timer = setTimeout(() => server.forceShutdown(), 2000);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}
