import { TwilioConfigError, normalizeOptions } from "../../twilio";
import { ProviderError } from "./errors";

/** Where the provider's Twilio settings come from, and where each value was found. */
export interface TwilioSettings {
  accountSid: string;
  authToken?: string;
  apiKey?: string;
  apiSecret?: string;
  endpoint?: string;
  /**
   * Where the credential values were read (never mixed): stack config, the environment, or the
   * inputs of an explicit `Provider` (what its host is configured with), e.g. `Provider "dev"`.
   */
  credentialSource: "stack config" | "environment" | `Provider "${string}"`;
  /** Human-readable origin of each value, e.g. `twilio:accountSid (stack config)`; for messages. */
  origins: Partial<Record<SettingName, string>>;
}

/** The config keys, their environment fallbacks and docs: the source of Pulumi.yaml's `config:`. */
export const CONFIG_KEYS = {
  accountSid: {
    key: "twilio:accountSid",
    env: "TWILIO_ACCOUNT_SID",
    secret: false,
    description: "The Twilio Account SID (AC...) the resources live in.",
  },
  authToken: {
    key: "twilio:authToken",
    env: "TWILIO_AUTH_TOKEN",
    secret: true,
    description: "The account's auth token. Use this or apiKey + apiSecret.",
  },
  apiKey: {
    key: "twilio:apiKey",
    env: "TWILIO_API_KEY",
    secret: false,
    description: "An API key SID (SK...) of the account, used with apiSecret instead of the auth token.",
  },
  apiSecret: { key: "twilio:apiSecret", env: "TWILIO_API_SECRET", secret: true, description: "The API key's secret." },
  endpoint: {
    key: "twilio:endpoint",
    env: "TWILIO_ENDPOINT",
    secret: false,
    description:
      "Base URL replacing https://video.twilio.com, https://accounts.twilio.com and https://api.twilio.com (e.g. the local emulator).",
  },
} as const;

export type SettingName = keyof typeof CONFIG_KEYS;

/**
 * Set by the `Provider` class beside the keys above: its name. A host configured with it was
 * configured by that provider's inputs alone, and its messages name the provider, not stack config.
 */
export const PROVIDER_NAME_KEY = "twilio:providerName";

/** The account and its credential: one unit, read from one source. */
const CREDENTIAL_SETTINGS = ["accountSid", "authToken", "apiKey", "apiSecret"] as const;

export interface ConfigSource {
  get(key: string): string | undefined;
}

const present = (v: string | undefined): v is string => v !== undefined && v !== "";

/**
 * Reads the settings, or throws a ProviderError naming the missing or malformed key. The error
 * never quotes a token or secret.
 *
 * The account SID and its credential are one unit. When stack config names any of them, the
 * environment's are ignored entirely: a CI runner often carries another account's TWILIO_API_KEY
 * for application tests, and Video URLs carry no account SID, so a mixed pair would write into
 * whichever account the key belongs to.
 */
export function readSettings(config: ConfigSource, env: NodeJS.ProcessEnv = process.env): TwilioSettings {
  const providerName = config.get(PROVIDER_NAME_KEY);
  if (present(providerName)) return readProviderSettings(config, providerName, env);
  const fromConfig = CREDENTIAL_SETTINGS.some((name) => present(config.get(CONFIG_KEYS[name].key)));
  const credentialSource = fromConfig ? "stack config" : "environment";
  const origins: TwilioSettings["origins"] = {};
  const value = (name: SettingName, useConfig: boolean): string | undefined => {
    const { key, env: envName } = CONFIG_KEYS[name];
    const found = useConfig ? config.get(key) : env[envName];
    if (!present(found)) return undefined;
    origins[name] = useConfig ? `${key} (stack config)` : `${envName} (environment)`;
    return found;
  };
  const credential = (name: SettingName) => value(name, fromConfig);
  // The endpoint is not a credential: stack config first, then TWILIO_ENDPOINT.
  const endpoint = value("endpoint", true) ?? value("endpoint", false);

  const where = fromConfig
    ? "in stack config (TWILIO_* environment variables are ignored when stack config names any Twilio credential)"
    : "in stack config or the TWILIO_* environment variables";
  const settings = {
    accountSid: credential("accountSid"),
    authToken: credential("authToken"),
    apiKey: credential("apiKey"),
    apiSecret: credential("apiSecret"),
    endpoint,
    credentialSource,
    origins,
  } as const;
  const names = fromConfig ? ["twilio:apiKey", "twilio:apiSecret"] : ["TWILIO_API_KEY", "TWILIO_API_SECRET"];
  return complete(settings, {
    noAccount: fromConfig
      ? `twilio:accountSid is not set ${where}: run 'pulumi config set twilio:accountSid AC...'`
      : `twilio:accountSid is not set: run 'pulumi config set twilio:accountSid AC...' or set TWILIO_ACCOUNT_SID`,
    halfKey: `${names[0]} and ${names[1]} must be set together ${where}`,
    noCredential: fromConfig
      ? `no Twilio credential ${where}: set twilio:authToken (secret), or twilio:apiKey + twilio:apiSecret (secret)`
      : "no Twilio credential: set twilio:authToken (secret), or twilio:apiKey + twilio:apiSecret, or the TWILIO_* environment variables",
  });
}

/**
 * An explicit provider's inputs: its account and credential only (the environment's are never
 * consulted: the provider names its account), the endpoint from its inputs, else TWILIO_ENDPOINT.
 */
function readProviderSettings(config: ConfigSource, providerName: string, env: NodeJS.ProcessEnv): TwilioSettings {
  const label = `Provider "${providerName}"`;
  const origins: TwilioSettings["origins"] = {};
  const value = (name: SettingName): string | undefined => {
    const found = config.get(CONFIG_KEYS[name].key);
    if (!present(found)) return undefined;
    origins[name] = `${label} ${name}`;
    return found;
  };
  const endpoint = value("endpoint") ?? (present(env.TWILIO_ENDPOINT) ? env.TWILIO_ENDPOINT : undefined);
  if (endpoint !== undefined) origins.endpoint ??= `${CONFIG_KEYS.endpoint.env} (environment)`;
  const settings = {
    accountSid: value("accountSid"),
    authToken: value("authToken"),
    apiKey: value("apiKey"),
    apiSecret: value("apiSecret"),
    endpoint,
    credentialSource: label as TwilioSettings["credentialSource"],
    origins,
  };
  return complete(settings, {
    noAccount: `${label} has no accountSid`,
    halfKey: `${label} needs apiKey and apiSecret together`,
    noCredential: `${label} has no credential: set authToken, or apiKey + apiSecret`,
  });
}

/** The rules every source shares: an account, one whole credential, values the client accepts. */
function complete(
  settings: Omit<TwilioSettings, "accountSid"> & { accountSid?: string },
  messages: { noAccount: string; halfKey: string; noCredential: string },
): TwilioSettings {
  const { accountSid } = settings;
  if (!accountSid) throw new ProviderError(messages.noAccount);
  if (settings.apiKey !== undefined || settings.apiSecret !== undefined) {
    if (!settings.apiKey || !settings.apiSecret) throw new ProviderError(messages.halfKey);
  } else if (!settings.authToken) {
    throw new ProviderError(messages.noCredential);
  }
  const checked = { ...settings, accountSid };
  validateWithClient(checked);
  return checked;
}

/**
 * The values' rules (SID patterns, the endpoint URL) are the client's: one validation, reported
 * under the key each value came from.
 */
function validateWithClient(settings: TwilioSettings): void {
  try {
    normalizeOptions(settings);
  } catch (e) {
    if (!(e instanceof TwilioConfigError)) throw e;
    const origin = settings.origins[e.field as SettingName] ?? CONFIG_KEYS[e.field as SettingName]?.key ?? e.field;
    throw new ProviderError(`${origin} ${e.problem}`);
  }
}

/** Where the account and the credential came from, for messages that must say so. */
export function describeOrigins(settings: TwilioSettings): string {
  const o = settings.origins;
  const credential = settings.apiKey ? `API key ${settings.apiKey} from ${o.apiKey}` : `auth token from ${o.authToken}`;
  return `account from ${o.accountSid}; ${credential}`;
}
