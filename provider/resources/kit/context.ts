import { createHash } from "crypto";
import { TwilioClient } from "../../twilio";
import { ProviderError } from "./errors";
import { readSettings, describeOrigins, TwilioSettings, ConfigSource } from "./settings";

/**
 * What `configure` leaves behind for the CRUD methods: the settings read from stack config, or the
 * reason they could not be read (reported when a method needs them, so `check` still works
 * without credentials). Clients are shared per process and credential, so the account check an
 * API key needs (one GET) is made once per run, not once per resource kind.
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

  /** The account the stack (or the resource's explicit Provider) is configured for. */
  get accountSid(): string {
    return this.require().accountSid;
  }

  /** The explicit provider's name when one configured this host; undefined under stack config. */
  get providerName(): string | undefined {
    const source = this.require().credentialSource;
    return source.startsWith("Provider ") ? source.slice("Provider ".length) : undefined;
  }

  /**
   * Refuses a kind Twilio serves only to an auth token (the 2010 Accounts and Keys API refuses
   * standard API keys, error 20003): at `check`, so a preview says so. Silent while the settings
   * cannot be read (the CRUD methods report that).
   */
  requireAuthToken(kind: string): void {
    if (!this.settings?.apiKey) return;
    const where = this.providerName ? `its Provider ${this.providerName}` : "the stack";
    throw new ProviderError(
      `${kind} needs the account's auth token, but ${where} authenticates with API key ${this.settings.apiKey}: ` +
        `Twilio lets no standard API key manage accounts or API keys (error 20003). Give ${where} the auth token instead.`,
    );
  }

  get client(): TwilioClient {
    this.cachedClient ??= sharedClient(this.require());
    return this.cachedClient;
  }

  private require(): TwilioSettings {
    if (this.settings) return this.settings;
    throw this.problem ?? new ProviderError("the Twilio provider was not configured");
  }
}

const clients = new Map<string, TwilioClient>();

/**
 * The client for these settings, one per process and credential: the provider's hosts, the
 * package's command-line tools and the lookups a program makes (provider/lookups) build theirs here.
 */
export function sharedClient(s: TwilioSettings): TwilioClient {
  // The secret is part of the key only as a hash: a rotated secret gets a client of its own.
  const secret = createHash("sha256")
    .update(s.apiSecret ?? s.authToken ?? "")
    .digest("hex");
  const key = [s.accountSid, s.apiKey ?? "", s.endpoint ?? "", secret].join("|");
  let client = clients.get(key);
  if (!client) {
    client = new TwilioClient({
      accountSid: s.accountSid,
      authToken: s.authToken,
      apiKey: s.apiKey,
      apiSecret: s.apiSecret,
      endpoint: s.endpoint,
      credentialOrigin: describeOrigins(s),
      log: process.env.PULUMI_TWILIO_VIDEO_DEBUG ? (line) => console.error(`[twilio] ${line}`) : undefined,
    });
    clients.set(key, client);
  }
  return client;
}

/**
 * Refuses to act on an object that lives in another account than the one the stack (or its explicit
 * Provider) is configured for: a changed account must never silently write into, or delete from,
 * the wrong place.
 */
export function assertSameAccount(kind: string, id: string, recorded: unknown, ctx: ProviderContext): void {
  const configured = ctx.accountSid;
  // Credentials made in a subaccount are managed by the account that made them.
  if (typeof recorded !== "string" || recorded === "" || recorded === configured) return;
  const provider = ctx.providerName;
  const now = provider
    ? `its Provider ${provider} now names account ${configured}`
    : `the stack is now configured for account ${configured}`;
  const back = provider ? `set the Provider's accountSid and credential back` : `set twilio:accountSid and its credential back`;
  throw new ProviderError(
    `${kind} ${id} lives in account ${recorded}, but ${now}. ` +
      `Moving it is not done silently: to remove it from ${recorded}, ${back} ` +
      `and run 'pulumi up' (an 'up' records the provider's configuration, which destroy uses), then 'pulumi destroy'; ` +
      `or abandon it with 'pulumi state delete'. Then run 'pulumi up' with the new account.`,
  );
}
