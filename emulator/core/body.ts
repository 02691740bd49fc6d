/**
 * Request bodies: read with a size limit (refused early from Content-Length, or as soon as the
 * stream passes the limit, never buffering more), and accepted as form parameters only when they
 * are x-www-form-urlencoded.
 */
import type { IncomingMessage } from "http";
import { EmulatorError, ERROR_CODES } from "./errors";

/** Twilio's API takes small forms; anything bigger is a client bug or an attack. */
export const MAX_BODY_BYTES = 1024 * 1024;

function tooLarge(): EmulatorError {
  // Connection: close, so the rest of an oversized upload is not read (nor kept) by the server.
  return new EmulatorError(413, ERROR_CODES.payloadTooLarge, `Request body must be at most ${MAX_BODY_BYTES} bytes`, {
    Connection: "close",
  });
}

export function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      req.off("data", onData);
      chunks.length = 0;
      reject(tooLarge());
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/**
 * The POST body as form text. Twilio reads only x-www-form-urlencoded bodies; a JSON, text or
 * multipart body would silently lose every parameter there, so the emulator says so instead.
 * A missing Content-Type is read as a form (what curl -d and most clients mean).
 */
export function formText(req: IncomingMessage, body: string): string {
  const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (body === "" || type === "" || type === "application/x-www-form-urlencoded") return body;
  throw new EmulatorError(
    415,
    ERROR_CODES.unsupportedMediaType,
    `Unsupported Content-Type ${type}: send parameters as application/x-www-form-urlencoded`,
  );
}
