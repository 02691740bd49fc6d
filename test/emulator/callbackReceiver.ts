/** A local status-callback receiver on 127.0.0.1: records each request's URL, method, headers and parameters. */
import { createServer, type Server } from "http";
import type { AddressInfo } from "net";

export interface ReceivedCallback {
  method: string;
  /** The full URL as the emulator addressed it (what Twilio signs). */
  url: string;
  path: string;
  contentType: string | undefined;
  signature: string | undefined;
  params: Record<string, string>;
}

export interface CallbackReceiver {
  url: string;
  received: ReceivedCallback[];
  events(path?: string): string[];
  close(): Promise<void>;
}

export async function startCallbackReceiver(): Promise<CallbackReceiver> {
  const received: ReceivedCallback[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
      const body = Buffer.concat(chunks).toString("utf8");
      const source = req.method === "GET" ? url.searchParams : new URLSearchParams(body);
      received.push({
        method: req.method ?? "",
        url: url.toString(),
        path: url.pathname,
        contentType: req.headers["content-type"],
        signature: req.headers["x-twilio-signature"] as string | undefined,
        params: Object.fromEntries(source.entries()),
      });
      res.writeHead(204);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    events: (path) => received.filter((r) => path === undefined || r.path === path).map((r) => r.params.StatusCallbackEvent),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Mocha hooks for a suite with one receiver: started before its tests and handed to `use`, emptied after each test, closed after the suite. */
export function useCallbackReceiver(use: (receiver: CallbackReceiver) => void): void {
  let receiver: CallbackReceiver | undefined;
  before(async () => {
    receiver = await startCallbackReceiver();
    use(receiver);
  });
  afterEach(() => {
    if (receiver) receiver.received.length = 0;
  });
  after(() => receiver?.close());
}
