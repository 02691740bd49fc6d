import { SID } from "../../twilio/rules";
import { ProviderError } from "./errors";

/** Where the provider's Twilio credentials come from: stack config first, then the environment. */
export interface TwilioSettings {
  accountSid: string;
  authToken?: string;
  apiKey?: string;
  apiSecret?: string;
  endpoint?: string;
}

/** The config keys, their environment fallbacks and docs: the source of Pulumi.yaml's `config:`. */
export const CONFIG_KEYS = {
  accountSid: { key: "twilio:accountSid", env: "TWILIO_ACCOUNT_SID", secret: false,
    description: "The Twilio Account SID (AC...) the resources live in." },
  authToken: { key: "twilio:authToken", env: "TWILIO_AUTH_TOKEN", secret: true,
    description: "The account's auth token. Use this or apiKey + apiSecret." },
  apiKey: { key: "twilio:apiKey", env: "TWILIO_API_KEY", secret: false,
    description: "An API key SID (SK...) of the account, used with apiSecret instead of the auth token." },
  apiSecret: { key: "twilio:apiSecret", env: "TWILIO_API_SECRET", secret: true,
    description: "The API key's secret." },
  endpoint: { key: "twilio:endpoint", env: "TWILIO_ENDPOINT", secret: false,
    description: "Base URL replacing https://video.twilio.com and https://accounts.twilio.com (e.g. the local emulator)." },
} as const;

export interface ConfigSource {
  get(key: string): string | undefined;
}

/**
 * Reads the settings, or throws a ProviderError naming the missing or malformed key. The error
 * never quotes a token or secret.
 */
export function readSettings(config: ConfigSource, env: NodeJS.ProcessEnv = process.env): TwilioSettings {
  const value = (name: keyof typeof CONFIG_KEYS): string | undefined => {
    const { key, env: envName } = CONFIG_KEYS[name];
    const found = config.get(key) ?? env[envName];
    return found === undefined || found === "" ? undefined : found;
  };
  const accountSid = value("accountSid");
  if (!accountSid) throw new ProviderError(`twilio:accountSid is not set: run 'pulumi config set twilio:accountSid AC...' or set TWILIO_ACCOUNT_SID`);
  if (!SID.account.test(accountSid)) throw new ProviderError(`twilio:accountSid must match ^AC[0-9a-fA-F]{32}$ (got "${accountSid}")`);
  const settings: TwilioSettings = {
    accountSid,
    authToken: value("authToken"),
    apiKey: value("apiKey"),
    apiSecret: value("apiSecret"),
    endpoint: value("endpoint"),
  };
  if (settings.apiKey !== undefined || settings.apiSecret !== undefined) {
    if (!settings.apiKey || !settings.apiSecret) {
      throw new ProviderError("twilio:apiKey and twilio:apiSecret must be set together (or TWILIO_API_KEY and TWILIO_API_SECRET)");
    }
    if (!SID.apiKey.test(settings.apiKey)) throw new ProviderError(`twilio:apiKey must match ^SK[0-9a-fA-F]{32}$`);
  } else if (!settings.authToken) {
    throw new ProviderError("no Twilio credential: set twilio:authToken (secret), or twilio:apiKey + twilio:apiSecret, or the TWILIO_* environment variables");
  }
  return settings;
}
