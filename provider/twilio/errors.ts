/**
 * Every error the Twilio client throws extends {@link TwilioError}, so callers can tell "the
 * Twilio call failed" from their own bugs with one `instanceof`. Messages read as one sentence and
 * never contain credentials: the engine redacts them before constructing any of these.
 */
export class TwilioError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The client was constructed with missing or malformed options; `field` names the option. */
export class TwilioConfigError extends TwilioError {
  readonly field: string;
  /** The rule the option breaks, e.g. "must match ^AC[0-9a-fA-F]{32}$". */
  readonly problem: string;
  constructor(field: string, problem: string) {
    super(`Twilio client option '${field}' ${problem}`);
    this.field = field;
    this.problem = problem;
  }
}

/**
 * The credential authenticates as another account than the configured one; no other request was
 * sent. Both SIDs are identifiers, not secrets.
 */
export class TwilioAccountMismatchError extends TwilioError {
  constructor(
    readonly configured: string,
    readonly authenticated: string,
    credential: string,
    origin?: string,
  ) {
    super(
      `${credential} belongs to account ${authenticated}, not to the configured account ${configured}` +
        `${origin ? ` (${origin})` : ""}: nothing was sent to Twilio, so nothing was read from or written to ` +
        `the wrong account. Configure a credential of ${configured}, or the account SID the credential belongs to.`,
    );
  }
}

export interface TwilioApiErrorDetails {
  status: number;
  code?: number;
  moreInfo?: string;
  method: string;
  path: string;
  twilioMessage: string;
  /** The raw Retry-After header, when the response carried one. */
  retryAfter?: string;
}

/**
 * Twilio answered with a non-2xx status. The message reads
 * `Twilio 400 (code 53120) on POST /v1/CompositionHooks: <Twilio's message>`.
 */
export class TwilioApiError extends TwilioError {
  readonly status: number;
  readonly code?: number;
  readonly moreInfo?: string;
  readonly method: string;
  readonly path: string;
  readonly twilioMessage: string;
  readonly retryAfter?: string;

  constructor(details: TwilioApiErrorDetails) {
    const code = details.code === undefined ? "" : `(code ${details.code}) `;
    super(`Twilio ${details.status} ${code}on ${details.method} ${details.path}: ${details.twilioMessage}`);
    this.status = details.status;
    this.code = details.code;
    this.moreInfo = details.moreInfo;
    this.method = details.method;
    this.path = details.path;
    this.twilioMessage = details.twilioMessage;
    this.retryAfter = details.retryAfter;
  }
}

/** The request never produced an HTTP response (refused, reset, DNS...). `cause` is the original. */
export class TwilioNetworkError extends TwilioError {
  readonly method: string;
  readonly path: string;
  /** The system error code, e.g. `ECONNREFUSED`, when known. */
  readonly errorCode?: string;
  constructor(method: string, path: string, reason: string, cause: unknown, errorCode?: string) {
    super(`Twilio request ${method} ${path} failed: ${reason}`, { cause });
    this.method = method;
    this.path = path;
    this.errorCode = errorCode;
  }
}

/** No complete response arrived within `timeoutMs`. */
export class TwilioTimeoutError extends TwilioError {
  readonly method: string;
  readonly path: string;
  readonly timeoutMs: number;
  constructor(method: string, path: string, timeoutMs: number, cause?: unknown) {
    super(`Twilio request ${method} ${path} timed out after ${timeoutMs} ms`, { cause });
    this.method = method;
    this.path = path;
    this.timeoutMs = timeoutMs;
  }
}

/** Twilio answered 2xx but the body was not JSON or did not match the expected shape. */
export class TwilioResponseError extends TwilioError {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  constructor(method: string, path: string, status: number, problem: string, cause?: unknown) {
    super(`Twilio ${status} on ${method} ${path} returned an unexpected body: ${problem}`, { cause });
    this.method = method;
    this.path = path;
    this.status = status;
  }
}

/** True when `e` is Twilio saying the object does not exist (HTTP 404). */
export function isNotFound(e: unknown): boolean {
  return e instanceof TwilioApiError && e.status === 404;
}
