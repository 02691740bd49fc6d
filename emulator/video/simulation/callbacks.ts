/**
 * Status callbacks as Twilio sends them: form-encoded POST (or GET with the parameters in the
 * query), signed with `X-Twilio-Signature` = base64(HMAC-SHA1(authToken, URL + each POST parameter
 * name and value, sorted by name)) — Twilio's "Webhooks security" scheme, which twilio-node's
 * `validateRequest` checks. Deliveries run one at a time in the order they were raised, never
 * throw, and are recorded for `GET /__emulator/video/callbacks`.
 */
import { createHmac } from "crypto";
import fetch from "node-fetch";

export interface CallbackDelivery {
  seq: number;
  url: string;
  method: "GET" | "POST";
  event: string;
  params: Record<string, string>;
  /** HTTP status the receiver answered, or 0 when it could not be reached. */
  status: number;
  error?: string;
}

export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, name) => acc + name + params[name], url);
  return createHmac("sha1", authToken).update(Buffer.from(data, "utf8")).digest("base64");
}

const TIMEOUT_MS = 5000;
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** Where callbacks may go: loopback receivers only (the default, so tests stay on 127.0.0.1), or anywhere. */
export type CallbackReach = "loopback" | "any";

export class CallbackDispatcher {
  constructor(private readonly reach: CallbackReach = "loopback") {}

  private chain: Promise<void> = Promise.resolve();
  private seq = 0;
  private readonly sent: CallbackDelivery[] = [];

  /** Queue one callback; it leaves after every callback queued before it. */
  send(url: string | null, method: "GET" | "POST", params: Record<string, string>, authToken: string): void {
    if (!url) return;
    const delivery: CallbackDelivery = { seq: ++this.seq, url, method, event: params.StatusCallbackEvent ?? "", params, status: 0 };
    this.chain = this.chain.then(() => this.deliver(delivery, authToken));
  }

  /** Resolves once every queued callback has been answered (or has failed). */
  settled(): Promise<void> {
    return this.chain;
  }

  deliveries(): CallbackDelivery[] {
    return this.sent.map((d) => ({ ...d, params: { ...d.params } }));
  }

  clear(): void {
    this.sent.length = 0;
  }

  private async deliver(delivery: CallbackDelivery, authToken: string): Promise<void> {
    if (this.reach === "loopback" && !isLoopback(delivery.url)) {
      delivery.error = 'not sent: the emulator delivers callbacks to loopback hosts only (option callbackReach: "any")';
      this.sent.push(delivery);
      return;
    }
    const body = new URLSearchParams(delivery.params).toString();
    let target = delivery.url;
    if (delivery.method === "GET") target += (target.includes("?") ? "&" : "?") + body;
    const signature = twilioSignature(authToken, target, delivery.method === "POST" ? delivery.params : {});
    try {
      const response = await fetch(target, {
        method: delivery.method,
        headers: {
          "X-Twilio-Signature": signature,
          "User-Agent": "TwilioProxy/1.1",
          ...(delivery.method === "POST" ? { "Content-Type": "application/x-www-form-urlencoded; charset=utf-8" } : {}),
        },
        body: delivery.method === "POST" ? body : undefined,
        timeout: TIMEOUT_MS,
      });
      await response.arrayBuffer();
      delivery.status = response.status;
    } catch (error) {
      delivery.error = (error as Error).message;
    }
    this.sent.push(delivery);
  }
}

function isLoopback(url: string): boolean {
  try {
    return LOOPBACK_HOSTS.has(new URL(url).hostname);
  } catch {
    return false;
  }
}
