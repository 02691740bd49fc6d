// An HTTP proxy that records every exchange, so a test can prove what went over the wire (the
// emulator's own log keeps no bodies).
import * as http from "http";
import type { AddressInfo } from "net";

/** One request that went through the recording proxy. */
export interface Exchange {
  method: string;
  path: string;
  requestBody: string;
  status: number;
  responseBody: string;
}

/**
 * A pass-through HTTP proxy in front of `target` that keeps every request and response body.
 * `onRequest` hears of each request as it arrives, before it is forwarded (e.g. to act while it is
 * in flight).
 */
export async function startRecordingProxy(
  target: string,
  opts: { onRequest?: (method: string, path: string) => void } = {},
): Promise<{ url: string; exchanges: Exchange[]; close(): Promise<void> }> {
  const exchanges: Exchange[] = [];
  const server = http.createServer((req, res) => {
    opts.onRequest?.(req.method ?? "", req.url ?? "");
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const requestBody = Buffer.concat(chunks).toString("utf8");
      const upstream = http.request(
        target + req.url,
        { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
        (up) => {
          const body: Buffer[] = [];
          up.on("data", (c: Buffer) => body.push(c));
          up.on("end", () => {
            const responseBody = Buffer.concat(body).toString("utf8");
            exchanges.push({ method: req.method ?? "", path: req.url ?? "", requestBody, status: up.statusCode ?? 0, responseBody });
            res.writeHead(up.statusCode ?? 502, up.headers);
            res.end(responseBody);
          });
        },
      );
      upstream.on("error", () => res.destroy());
      upstream.end(requestBody);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
