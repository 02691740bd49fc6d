/** Raw HTTP helpers for sending requests no well-behaved client would send. */
import * as http from "http";
import * as net from "net";
import { DEFAULT_ACCOUNT } from "../../emulator";

export const VALID_AUTH = "Basic " + Buffer.from(`${DEFAULT_ACCOUNT.accountSid}:${DEFAULT_ACCOUNT.authToken}`).toString("base64");
export const FORM = "application/x-www-form-urlencoded";

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw answers of any shape; each test asserts the keys it reads
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One request through Node's http client; the body is written whole. */
export function send(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: parseJson(text) });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * Streams `totalBytes` of filler in 64 KiB chunks (with or without a Content-Length) and stops
 * as soon as the server answers or closes. Returns the answer and how much was actually sent, to
 * show the server refused early instead of reading everything.
 */
export function streamLargeBody(
  baseUrl: string,
  path: string,
  totalBytes: number,
  declareLength: boolean,
): Promise<{ response: RawResponse; bytesSent: number }> {
  const { hostname, port } = new URL(baseUrl);
  const chunk = Buffer.alloc(64 * 1024, "a");
  const headers: Record<string, string> = { Authorization: VALID_AUTH, "Content-Type": FORM };
  if (declareLength) headers["Content-Length"] = String(totalBytes);
  return new Promise((resolve, reject) => {
    let bytesSent = 0;
    let answered = false;
    const req = http.request({ host: hostname, port, method: "POST", path, headers, agent: false }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ response: { status: res.statusCode ?? 0, headers: res.headers, text, json: parseJson(text) }, bytesSent });
      });
    });
    // Writing after the server has answered and closed fails with EPIPE/ECONNRESET: expected.
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && !req.destroyed && bytesSent < totalBytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, totalBytes - bytesSent));
        bytesSent += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
      }
      if (!answered && !req.destroyed) req.end();
    };
    pump();
  });
}

/** Raw bytes over a socket, for requests Node's http client refuses to send; resolves at close. */
export function rawExchange(baseUrl: string, bytes: string | Buffer): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.end(bytes));
    const chunks: Buffer[] = [];
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", reject);
    socket.on("close", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const [head, ...rest] = raw.split("\r\n\r\n");
      const [statusLine, ...headerLines] = head.split("\r\n");
      const headers: http.IncomingHttpHeaders = {};
      for (const line of headerLines) {
        const colon = line.indexOf(":");
        if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      const text = rest.join("\r\n\r\n");
      resolve({ status: Number(statusLine.split(" ")[1] ?? 0), headers, text, json: parseJson(text) });
    });
  });
}
