import { TwilioClient } from "../../twilio";
import { ProviderError } from "./errors";
import { readSettings, TwilioSettings, ConfigSource } from "./settings";

/**
 * What `configure` leaves behind for the CRUD methods: the settings read from stack config, or the
 * reason they could not be read (reported when a method needs them, so `check` still works
 * without credentials). The client is made once, on first use.
 */
export class ProviderContext {
  private settings?: TwilioSettings;
  private problem?: Error;
  private cachedClient?: TwilioClient;

  configure(config: ConfigSource, env: NodeJS.ProcessEnv = process.env): void {
    try {
      this.settings = readSettings(config, env);
      this.problem = undefined;
    } catch (e) {
      this.settings = undefined;
      this.problem = e as Error;
    }
    this.cachedClient = undefined;
  }

  /** The account the stack is configured for. */
  get accountSid(): string {
    return this.require().accountSid;
  }

  get client(): TwilioClient {
    if (!this.cachedClient) {
      const s = this.require();
      this.cachedClient = new TwilioClient({
        accountSid: s.accountSid,
        authToken: s.authToken,
        apiKey: s.apiKey,
        apiSecret: s.apiSecret,
        endpoint: s.endpoint,
        log: process.env.PULUMI_TWILIO_VIDEO_DEBUG ? (line) => console.error(`[twilio] ${line}`) : undefined,
      });
    }
    return this.cachedClient;
  }

  private require(): TwilioSettings {
    if (this.settings) return this.settings;
    throw this.problem ?? new ProviderError("the Twilio provider was not configured");
  }
}

/**
 * Refuses to act on an object that lives in another account than the one the stack is configured
 * for: a changed `twilio:accountSid` must never silently write into, or delete from, the wrong place.
 */
export function assertSameAccount(kind: string, id: string, recorded: unknown, configured: string): void {
  // Credentials made in a subaccount are managed by the account that made them.
  if (typeof recorded !== "string" || recorded === "" || recorded === configured) return;
  throw new ProviderError(
    `${kind} ${id} lives in account ${recorded}, but the stack is now configured for account ${configured}. ` +
    `Moving it is not done silently: run 'pulumi destroy' with the old twilio:accountSid first, ` +
    `or 'pulumi state delete' to abandon it, then run 'pulumi up' with the new account.`,
  );
}
