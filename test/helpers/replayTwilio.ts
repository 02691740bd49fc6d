/**
 * A stand-in for Twilio that answers only what a test told it to, with recorded bodies (Twilio's
 * own answers, test/fixtures/twilio-responses), and records every request it gets. Nothing is
 * modelled: an unexpected request gets a 404 in Twilio's error shape, so the test sees it.
 */
import { createServer, type IncomingMessage } from "http";
import type { AddressInfo } from "net";

export interface ReplayedRequest {
  method: string;
  path: string;
  form: URLSearchParams;
}

export interface ReplayTwilio {
  url: string;
  /** The answer to every later `METHOD path` request (until replaced). */
  answer(method: string, path: string, status: number, body?: unknown): void;
  requests(): ReplayedRequest[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    req
      .setEncoding("utf8")
      .on("data", (chunk: string) => (text += chunk))
      .on("end", () => resolve(text))
      .on("error", reject);
  });
}

export async function startReplayTwilio(): Promise<ReplayTwilio> {
  const answers = new Map<string, { status: number; body?: unknown }>();
  const seen: ReplayedRequest[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((text) => {
      const path = new URL(req.url ?? "/", "http://replay.invalid").pathname;
      seen.push({ method: req.method ?? "GET", path, form: new URLSearchParams(text) });
      const answer = answers.get(`${req.method} ${path}`) ?? {
        status: 404,
        body: { code: 20404, message: `no recorded answer for ${req.method} ${path}`, more_info: "", status: 404 },
      };
      const payload = answer.body === undefined ? "" : JSON.stringify(answer.body);
      res.writeHead(answer.status, payload ? { "Content-Type": "application/json" } : {});
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answer: (method, path, status, body) => void answers.set(`${method} ${path}`, { status, body }),
    requests: () => [...seen],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
