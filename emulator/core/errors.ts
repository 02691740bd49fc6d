/**
 * The emulator's one error class and one renderer, in Twilio's error body shape
 * `{"code","message","more_info","status"}`.
 *
 * Codes used (one table, so tests, clients and docs agree; docs/twilio-behaviour.md gives each
 * code's source and says which uses are our assumption):
 *
 * | code  | status | when                                                                     |
 * |-------|--------|--------------------------------------------------------------------------|
 * | 20001 | 400    | a required parameter is missing                                          |
 * | 20002 | 400    | a parameter is malformed: SID pattern, enum, boolean, URL, length, JSON  |
 * | 20003 | 401    | missing, wrong or inactive credentials; v2010: an unreachable account    |
 * | 20004 | 405    | the path exists but not with this method                                 |
 * | 20400 | 400    | the HTTP request itself is malformed (request line, URL, headers)        |
 * | 20403 | 403    | AccountSid is not the authenticated account or one of its subaccounts    |
 * | 20404 | 404    | unknown route, unknown SID, or an object of another account              |
 * | 20413 | 413    | the body is larger than 1 MiB                                            |
 * | 20415 | 415    | a non-empty POST body that is not application/x-www-form-urlencoded      |
 * | 20429 | 429    | injected fault: too many requests (with Retry-After)                     |
 * | 20431 | 431    | the request headers are larger than Node's limit (16 KiB)                |
 * | 20500 | 500    | injected fault or unexpected emulator failure                            |
 * | 20503 | 503    | injected fault: service unavailable                                      |
 * | 21101 | 400    | POST /2010-04-01/Accounts.json by a subaccount (no nested subaccounts)   |
 * | 21475 | 400    | Account update: Status is not active, suspended or closed                |
 * | 21477 | 400    | Account update: Status of a main account                                 |
 * | 21479 | 400    | Account update: Status of a closed account (closing is final)            |
 * | 21480 | 400    | POST /2010-04-01/Accounts.json past 1000 subaccounts                     |
 * | 53120 | 400    | VideoLayout breaks a region rule                                         |
 * | 53121 | 400    | hook has neither AudioSources nor a VideoLayout with video_sources      |
 * | 53122 | 400    | Resolution breaks the WIDTHxHEIGHT rule                                  |
 * | 53123 | 400    | FriendlyName already used by another hook of the account                 |
 * | 53124 | 400    | storage/encryption enabled without the SID or URL it needs               |
 * | 53125 | 400    | AwsCredentialsSid / EncryptionKeySid is not a credential of this account |
 * | 53126 | 400    | the S3 storage check (test object write) failed                          |
 * | 53120 | 400    | RecordingRules / SubscribeRules: Invalid Recording Rule(s) (Twilio code)  |
 * | 53113 | 400    | a room with this UniqueName is already in progress (Twilio: Room exists)  |
 * | 53112 | 400    | Room update: Status not `completed`, or the room is not in-progress       |
 * | 53106 | 404    | POST /v1/Compositions: RoomSid names no room of the account (Room not found) |
 * | 53127 | -      | composition failed: a source recording is in external S3 or encrypted    |
 * | 53128 | -      | composition failed: no completed recording matches its sources           |
 * | 53140 | 400    | PlaybackGrant for a PlayerStreamer that ended or failed (Media v1)       |
 * | 70101 | 400    | PublicKey is not an RSA key                                              |
 * | 70102 | 400    | PublicKey is not 2048 bits long                                          |
 * | 70103 | 400    | PublicKey's exponent is not 65537                                        |
 * | 70104 | 400    | PublicKey is not an X.509 PEM public key that parses                     |
 * | 70106 | 400    | Credentials: key not [A-Z0-9]{20} or secret not [A-Za-z0-9/+=]{40}       |
 */
import type { ServerResponse } from "http";
import { STATUS_CODES } from "http";

export const ERROR_CODES = {
  missingParameter: 20001,
  invalidParameter: 20002,
  unauthenticated: 20003,
  methodNotAllowed: 20004,
  malformedRequest: 20400,
  forbidden: 20403,
  notFound: 20404,
  payloadTooLarge: 20413,
  unsupportedMediaType: 20415,
  tooManyRequests: 20429,
  headersTooLarge: 20431,
  internal: 20500,
  unavailable: 20503,
  nestedSubaccount: 21101,
  accountStatusInvalid: 21475,
  mainAccountStatus: 21477,
  accountClosed: 21479,
  subaccountLimit: 21480,
  invalidVideoLayout: 53120,
  noMediaSources: 53121,
  invalidResolution: 53122,
  duplicateFriendlyName: 53123,
  storageIncomplete: 53124,
  unknownCredential: 53125,
  storageCheckFailed: 53126,
  invalidRecordingRules: 53120,
  roomExists: 53113,
  roomStatusInvalid: 53112,
  roomNotFound: 53106,
  uncomposableRecordings: 53127,
  noComposableRecordings: 53128,
  playerStreamerNotActive: 53140,
  publicKeyAlgorithm: 70101,
  publicKeyLength: 70102,
  publicKeyExponent: 70103,
  publicKeyInvalid: 70104,
  invalidAwsCredentials: 70106,
} as const;

export class EmulatorError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    /** Extra response headers, e.g. Retry-After on an injected 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "EmulatorError";
  }

  static badRequest(code: number, message: string): EmulatorError {
    return new EmulatorError(400, code, message);
  }

  static missing(parameter: string): EmulatorError {
    return new EmulatorError(400, ERROR_CODES.missingParameter, `Missing required parameter ${parameter} in the post body`);
  }

  static invalid(parameter: string, rule: string): EmulatorError {
    return new EmulatorError(400, ERROR_CODES.invalidParameter, `Invalid parameter ${parameter}: ${rule}`);
  }

  /** 401 with the Basic challenge: wrong, unknown, inactive or insufficient credentials. */
  static unauthenticated(): EmulatorError {
    return new EmulatorError(401, ERROR_CODES.unauthenticated, "Authenticate", { "WWW-Authenticate": 'Basic realm="Twilio API"' });
  }

  static notFound(what: string): EmulatorError {
    return new EmulatorError(404, ERROR_CODES.notFound, `The requested resource ${what} was not found`);
  }
}

export function errorBody(error: EmulatorError): { code: number; message: string; more_info: string; status: number } {
  return {
    code: error.code,
    message: error.message,
    more_info: `https://www.twilio.com/docs/errors/${error.code}`,
    status: error.status,
  };
}

/** The single place that turns any failure into a Twilio error response. */
export function renderError(res: ServerResponse, failure: unknown): number {
  const error =
    failure instanceof EmulatorError ? failure : new EmulatorError(500, ERROR_CODES.internal, "The emulator failed to handle this request");
  const payload = JSON.stringify(errorBody(error));
  res.writeHead(error.status, {
    ...error.headers,
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(payload),
  });
  res.end(payload);
  return error.status;
}

/**
 * The same error as a complete HTTP/1.1 response, for failures Node's parser reports before any
 * request object exists (`clientError`): the connection is closed after it.
 */
export function rawErrorResponse(error: EmulatorError): string {
  const payload = JSON.stringify(errorBody(error));
  return (
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? "Error"}\r\n` +
    "Content-Type: application/json\r\n" +
    `Content-Length: ${Buffer.byteLength(payload)}\r\n` +
    "Connection: close\r\n\r\n" +
    payload
  );
}
