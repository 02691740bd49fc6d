import * as http from "http";
import type { AddressInfo } from "net";

/** One request as the fake server saw it. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface CannedResponse {
  status: number;
  body?: unknown; // objects are sent as JSON, strings as-is
  headers?: Record<string, string>;
  /** Destroy the socket instead of answering (a connection reset). */
  reset?: boolean;
  /** Never answer (for timeouts). */
  hang?: boolean;
}

export type Responder = (req: RecordedRequest, index: number) => CannedResponse;

export interface FakeTwilio {
  url: string;
  port: number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A tiny Twilio stand-in on 127.0.0.1:0 that records requests and answers from `respond`. */
export async function startFakeTwilio(respond: Responder, port = 0): Promise<FakeTwilio> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const recorded = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(recorded);
      const canned = respond(recorded, requests.length - 1);
      if (canned.reset) return req.socket.destroy();
      if (canned.hang) return;
      const text = canned.body === undefined ? "" : typeof canned.body === "string" ? canned.body : JSON.stringify(canned.body);
      const type = typeof canned.body === "string" ? "text/html" : "application/json";
      res.writeHead(canned.status, { "Content-Type": type, ...canned.headers });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
export const API_KEY = "SKfedcba9876543210fedcba9876543210";
export const HOOK_SID = "HK00000000000000000000000000000001";
export const CREDENTIAL_SID = "CR00000000000000000000000000000001";

/** A hook as Twilio returns it (snake_case), with `overrides` merged in. */
export function hookJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sid: HOOK_SID,
    account_sid: ACCOUNT_SID,
    friendly_name: "Main hook",
    enabled: true,
    date_created: "2024-01-01T00:00:00Z",
    date_updated: null,
    audio_sources: ["student*"],
    audio_sources_excluded: [],
    video_layout: { grid: { video_sources: ["*"] } },
    resolution: "640x480",
    format: "webm",
    trim: true,
    status_callback: null,
    status_callback_method: "POST",
    url: `https://video.twilio.com/v1/CompositionHooks/${HOOK_SID}`,
    ...overrides,
  };
}

export function credentialJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sid: CREDENTIAL_SID,
    account_sid: ACCOUNT_SID,
    friendly_name: "bucket writer",
    date_created: "2024-01-01T00:00:00Z",
    date_updated: "2024-01-02T00:00:00Z",
    url: `https://accounts.twilio.com/v1/Credentials/AWS/${CREDENTIAL_SID}`,
    ...overrides,
  };
}

export function settingsJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    account_sid: ACCOUNT_SID,
    friendly_name: "recordings",
    aws_credentials_sid: CREDENTIAL_SID,
    aws_s3_url: "https://bucket.s3.us-east-1.amazonaws.com/recordings",
    aws_storage_enabled: true,
    encryption_key_sid: null,
    encryption_enabled: false,
    url: "https://video.twilio.com/v1/RecordingSettings/Default",
    ...overrides,
  };
}

/** Twilio's error body. */
export function twilioError(status: number, code: number, message: string): CannedResponse {
  return { status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } };
}

/** Options that record retry delays instead of sleeping. */
export function recordingSleep(): { delays: number[]; sleep: (ms: number) => Promise<void> } {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}
