import * as path from "path";

/**
 * A warning through the engine that started this provider host, which the CLI prints with the
 * run's other diagnostics. Pulumi's dynamic-provider host is given the engine's address as its
 * first argument but connects no logger to it (`pulumi.log` there falls back to the host's stderr,
 * which the CLI does not show), so this makes the one `Log` call itself, with the SDK's own gRPC
 * client. Best effort: no engine, a failure or 2 s without an answer change nothing.
 */
export async function warnThroughEngine(message: string): Promise<void> {
  const address = process.argv[2];
  if (!address || !/^[\w.[\]:-]+:\d+$/.test(address)) return;
  try {
    /* eslint-disable @typescript-eslint/no-require-imports -- the SDK's own modules, resolved where it is installed */
    const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    const grpc = require(require.resolve("@grpc/grpc-js", { paths: [sdkDir] }));
    const engineRpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
    const engineProto = require("@pulumi/pulumi/proto/engine_pb");
    /* eslint-enable @typescript-eslint/no-require-imports */
    const client = new engineRpc.EngineClient(address, grpc.credentials.createInsecure());
    const request = new engineProto.LogRequest();
    request.setSeverity(engineProto.LogSeverity.WARNING);
    request.setMessage(message);
    await Promise.race([
      new Promise<void>((resolve) => client.log(request, () => resolve())),
      new Promise<void>((resolve) => setTimeout(resolve, 2000).unref()),
    ]);
    client.close();
  } catch {
    // a warning must never fail the operation it describes
  }
}
