import fetch, { Response } from "node-fetch";
import type { z } from "zod";
import { z as zod } from "zod";
import {
  TwilioAccountMismatchError,
  TwilioApiError,
  TwilioError,
  TwilioNetworkError,
  TwilioResponseError,
  TwilioTimeoutError,
} from "./errors";
import { encodeForm } from "./form";
import type { NormalizedOptions, TwilioHost } from "./options";
import { makeRedactor, redactErrorInPlace, type Redactor } from "./redact";
import { type AttemptOutcome, isRetryable, retryDelayMs } from "./retry";

export type HttpMethod = "GET" | "POST" | "DELETE";

export interface TwilioRequest<T> {
  method: HttpMethod;
  host: TwilioHost;
  /** Path on the host, e.g. `/v1/CompositionHooks/HK...`; also what errors and logs show. */
  path: string;
  /** An absolute URL Twilio gave us (a next page); overrides `path` + `query` for the request. */
  url?: string;
  query?: object;
  form?: object;
  /** A POST that creates an object: repeating it after an unknown outcome could duplicate it. */
  creates?: boolean;
  /**
   * For a creating POST: finds the object an attempt of unknown outcome (a lost response, a
   * timeout, a 5xx) may have made, or returns undefined when it made none. With it, such a create
   * is sent again, but only after this has looked; without it, never. `firstSentAt` is when the
   * first attempt went out (ms since the epoch).
   */
  recover?: (firstSentAt: number) => Promise<T | undefined>;
  /** Request values to keep out of errors and logs (e.g. the AWS secret in `Credentials`). */
  secrets?: readonly string[];
  /** Parses a 2xx body; omitted for calls answered with 204. */
  schema?: z.ZodType<T>;
}

type Attempt = { outcome: AttemptOutcome; response: Response; body: string } | { outcome: AttemptOutcome; error: TwilioError };

/** Sends requests with auth, timeouts, retries and response parsing. One per client. */
export class HttpEngine {
  private readonly authorization: string;
  /** The account check's outcome, once it has succeeded or proved a mismatch. */
  private accountCheck?: Promise<void>;

  constructor(private readonly options: NormalizedOptions) {
    const basic = Buffer.from(`${options.username}:${options.password}`).toString("base64");
    this.authorization = `Basic ${basic}`;
  }

  async request<T>(req: TwilioRequest<T>): Promise<T> {
    if (this.options.verifyAccount) await this.verifyAccount();
    return this.send(req);
  }

  /**
   * Once per engine: one GET of a Video resource whose body carries `account_sid`, compared with
   * the configured account. A mismatch is remembered (every later call fails the same way without
   * a request); any other failure is reported and the check runs again on the next call.
   */
  private verifyAccount(): Promise<void> {
    this.accountCheck ??= this.send({
      method: "GET",
      host: "video",
      path: "/v1/CompositionSettings/Default",
      schema: zod.object({ account_sid: zod.string() }),
    }).then(
      ({ account_sid }) => {
        const { accountSid, apiKey, credentialOrigin } = this.options;
        if (account_sid !== accountSid) {
          throw new TwilioAccountMismatchError(accountSid, account_sid, apiKey ? `API key ${apiKey}` : "the credential", credentialOrigin);
        }
      },
      (e) => {
        this.accountCheck = undefined;
        throw e;
      },
    );
    return this.accountCheck;
  }

  private async send<T>(req: TwilioRequest<T>): Promise<T> {
    const redact = makeRedactor([this.options.password, this.authorization, ...(req.secrets ?? [])]);
    const { retry } = this.options;
    // Updates, GETs and DELETEs converge when repeated; a create only when it can find what a
    // lost attempt made.
    const repeatable = !req.creates || req.recover !== undefined;
    const firstSentAt = Date.now();
    let spentMs = 0; // request time plus waiting; compared with retry.totalTimeMs
    let ambiguous = false; // an earlier attempt may have been acted on by Twilio
    let unsettled = false; // ... and `recover` has not looked for what it made since
    let failures = 0; // failed attempts other than 429, limited by retry.limit
    let rateLimited = 0; // 429 answers, limited by retry.rateLimitLimit

    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      const result = await this.attempt(req, redact);
      const tookMs = Date.now() - started;
      spentMs += tookMs;
      const summary = `${req.method} ${req.path} -> ${describe(result)} (${tookMs} ms)`;

      if ("response" in result && result.response.ok) {
        this.log(summary, redact);
        return this.parse(req, result.response.status, result.body, redact);
      }
      // A DELETE that finds nothing after an attempt of unknown outcome: that attempt deleted it.
      if (req.method === "DELETE" && ambiguous && "response" in result && result.response.status === 404) {
        this.log(`${summary}; already deleted by an earlier attempt`, redact);
        return undefined as T;
      }

      const error = "error" in result ? result.error : apiError(req, result.response, result.body, redact);
      const retryAfter = "response" in result ? result.response.headers.get("retry-after") : null;
      const delayMs = retryDelayMs(attempt, retryAfter, retry, this.options.random, Date.now());
      const isRateLimit = isStatus(result.outcome, 429);
      const used = isRateLimit ? ++rateLimited : ++failures;
      const limit = isRateLimit ? retry.rateLimitLimit : retry.limit;
      const canRetry = isRetryable(result.outcome, repeatable) && used <= limit && spentMs + delayMs <= retry.totalTimeMs;
      if (!canRetry) {
        this.log(attempt > 1 ? `${summary}; giving up after ${attempt} attempts` : summary, redact);
        throw error;
      }
      this.log(`${summary}; ${isRateLimit ? "rate-limit retry" : "retry"} ${used}/${limit} in ${delayMs} ms`, redact);
      const unknownOutcome = result.outcome.kind !== "refused" && !isRateLimit;
      ambiguous ||= unknownOutcome;
      unsettled ||= unknownOutcome;
      await this.options.sleep(delayMs);
      spentMs += delayMs;
      if (req.creates && unsettled && req.recover) {
        unsettled = false;
        const made = await req.recover(firstSentAt);
        if (made !== undefined) {
          this.log(`${req.method} ${req.path}: an earlier attempt made it; not sent again`, redact);
          return made;
        }
      }
    }
  }

  /** One HTTP exchange, including reading the body, under the per-request timeout. */
  private async attempt<T>(req: TwilioRequest<T>, redact: Redactor): Promise<Attempt> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    try {
      const response = await fetch(this.urlFor(req), {
        method: req.method,
        headers: this.headersFor(req),
        body: req.form ? encodeForm(req.form) : undefined,
        signal: controller.signal as never, // node-fetch@2 accepts the global AbortSignal
        redirect: "manual",
      });
      const body = await response.text();
      return { outcome: { kind: "status", status: response.status }, response, body };
    } catch (cause) {
      redactErrorInPlace(cause, redact);
      if (controller.signal.aborted) {
        return { outcome: { kind: "timeout" }, error: new TwilioTimeoutError(req.method, req.path, this.options.timeoutMs, cause) };
      }
      const code = systemErrorCode(cause);
      const reason = redact(networkReason(cause, code));
      const error = new TwilioNetworkError(req.method, req.path, reason, cause, code);
      return { outcome: { kind: code === "ECONNREFUSED" ? "refused" : "network" }, error };
    } finally {
      clearTimeout(timer);
    }
  }

  private urlFor(req: TwilioRequest<unknown>): string {
    const base = this.options.baseUrls[req.host];
    if (req.url) return rebase(req.url, base);
    const query = req.query ? encodeForm(req.query) : "";
    return `${base}${req.path}${query ? `?${query}` : ""}`;
  }

  private headersFor(req: TwilioRequest<unknown>): Record<string, string> {
    const headers: Record<string, string> = {
      Authorization: this.authorization,
      Accept: "application/json",
      "User-Agent": this.options.userAgent,
    };
    if (req.form) headers["Content-Type"] = "application/x-www-form-urlencoded";
    return headers;
  }

  private parse<T>(req: TwilioRequest<T>, status: number, body: string, redact: Redactor): T {
    if (!req.schema) return undefined as T;
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new TwilioResponseError(req.method, req.path, status, "not JSON");
    }
    const parsed = req.schema.safeParse(json);
    if (parsed.success) return parsed.data;
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`);
    throw new TwilioResponseError(req.method, req.path, status, redact(problems.slice(0, 5).join("; ")));
  }

  private log(line: string, redact: Redactor): void {
    try {
      this.options.log(redact(line));
    } catch {
      // a failing logger must not fail the Twilio call
    }
  }
}

/**
 * Follows a URL Twilio returned (next_page_url). Same origin as our base: used as-is. Another
 * origin (the real twilio.com behind a proxy, or anything else): its path and query are sent to
 * the configured base, so credentials only ever go to the host the user configured.
 */
function rebase(absolute: string, base: string): string {
  const target = new URL(absolute, `${base}/`);
  const baseUrl = new URL(base);
  if (target.origin === baseUrl.origin) return target.toString();
  return `${base}${target.pathname}${target.search}`;
}

function apiError(req: TwilioRequest<unknown>, response: Response, body: string, redact: Redactor): TwilioApiError {
  const parsed = parseErrorBody(body);
  const fallback = body.trim()
    ? `${response.statusText || "error"} (non-JSON body: ${oneLine(body).slice(0, 200)})`
    : response.statusText || "no response body";
  return new TwilioApiError({
    status: response.status,
    code: parsed.code,
    moreInfo: parsed.moreInfo,
    method: req.method,
    path: req.path,
    twilioMessage: redact(parsed.message ?? fallback),
    retryAfter: response.headers.get("retry-after") ?? undefined,
  });
}

/** Twilio's error body: `{code, message, more_info, status}`; anything else yields no fields. */
function parseErrorBody(body: string): { code?: number; message?: string; moreInfo?: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return {};
  }
  if (typeof json !== "object" || json === null) return {};
  const record = json as Record<string, unknown>;
  return {
    code: typeof record.code === "number" ? record.code : undefined,
    message: typeof record.message === "string" ? record.message : undefined,
    moreInfo: typeof record.more_info === "string" ? record.more_info : undefined,
  };
}

function describe(result: Attempt): string {
  if ("response" in result) return String(result.response.status);
  if (result.outcome.kind === "timeout") return "timeout";
  return result.error instanceof TwilioNetworkError ? (result.error.errorCode ?? "network error") : "error";
}

function isStatus(outcome: AttemptOutcome, status: number): boolean {
  return outcome.kind === "status" && outcome.status === status;
}

function systemErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

// node-fetch says "request to <url> failed, reason: connect ECONNREFUSED 127.0.0.1:443"; the
// path is already in our message, so keep only the reason.
function networkReason(cause: unknown, code: string | undefined): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  const reason = /reason: (.*)$/s.exec(message)?.[1] ?? message;
  return oneLine(reason) || code || "network error";
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
