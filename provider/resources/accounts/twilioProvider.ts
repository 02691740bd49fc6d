import * as pulumi from "@pulumi/pulumi";
import { ProviderError } from "../kit/errors";
import { refuse } from "../kit/refusal";
import { CONFIG_KEYS, PROVIDER_NAME_KEY, readSettings, type SettingName } from "../kit/settings";

/** One Twilio account and the credential that acts on it. Each value may be an Output. */
export interface ProviderArgs {
  /** The account (AC...) the resources under this provider live in. */
  accountSid: pulumi.Input<string>;
  /** The account's auth token (stored as a secret). Use it, or apiKey + apiSecret. */
  authToken?: pulumi.Input<string>;
  /** An API key (SK...) of the account, with apiSecret; proven to belong to accountSid before the first write. */
  apiKey?: pulumi.Input<string>;
  /** The API key's secret (stored as a secret). */
  apiSecret?: pulumi.Input<string>;
  /**
   * Base URL replacing Twilio's hosts (e.g. the local emulator).
   * @default the stack's `twilio:endpoint`, else TWILIO_ENDPOINT where the provider runs, else Twilio
   */
  endpoint?: pulumi.Input<string>;
}

const ARG_NAMES: SettingName[] = ["accountSid", "authToken", "apiKey", "apiSecret", "endpoint"];
const SECRET_ARGS: SettingName[] = ["authToken", "apiSecret"];

/**
 * An explicit provider for one Twilio account: pass it as `{ provider }` to any resource of this
 * package, or to a `RecordingBucket` (its Twilio children inherit it). Resources without one use
 * the stack's configuration. Each provider runs its own provider host, configured with exactly
 * these values; a new token or key is a provider update (no Twilio write, no replacement).
 *
 *     const dev = new Provider("dev", { accountSid: sub.sid, authToken: sub.authToken });
 *     new CompositionHook("hook", { friendlyName: "dev", audioSources: ["*"] }, { provider: dev });
 */
export class Provider extends pulumi.ProviderResource {
  constructor(name: string, args: ProviderArgs, opts?: pulumi.ResourceOptions) {
    const values: Partial<Record<SettingName, pulumi.Input<string>>> = {
      ...args,
      endpoint: args.endpoint ?? new pulumi.Config("twilio").get("endpoint"),
    };
    const config: Record<string, pulumi.Input<string>> = { [PROVIDER_NAME_KEY]: name };
    for (const arg of ARG_NAMES) {
      const value = values[arg];
      if (value !== undefined) config[CONFIG_KEYS[arg].key] = SECRET_ARGS.includes(arg) ? pulumi.secret(value) : value;
    }
    // The dynamic-provider plugin's package: resources of this package run under it.
    super("pulumi-nodejs", name, config, opts);
    checkWhenKnown(this, name, values);
    givenValues.set(this, { name, values: pulumi.output(config) });
  }
}

/** What a Provider was given, as its host sees it: the `twilio:*` keys, its name included. */
export interface ProviderValues {
  name: string;
  /** Secret where the token or API secret is; unknown while a value comes from a resource not made yet. */
  values: pulumi.Output<Record<string, string>>;
}

// Kept beside each Provider (not as a property: nothing new on the resource, nothing serialized)
// for the lookups the program itself makes with `{ provider }` (provider/lookups).
const givenValues = new WeakMap<Provider, ProviderValues>();

/** The values a Provider of this package was given; undefined for any other provider. */
export function providerValues(provider: unknown): ProviderValues | undefined {
  return provider instanceof Provider ? givenValues.get(provider) : undefined;
}

/**
 * The settings rules a provider host applies (kit/settings.ts), applied in the program as soon as
 * the values are known, so a bad value fails the preview naming the argument (values unknown at
 * preview, such as a subaccount made in this run, are checked by the host when it is configured).
 */
function checkWhenKnown(provider: Provider, name: string, values: Partial<Record<SettingName, pulumi.Input<string>>>): void {
  const inputs = ARG_NAMES.map((arg) => values[arg]);
  pulumi.all(inputs).apply((known) => {
    const config = new Map<string, string | undefined>(ARG_NAMES.map((arg, i) => [CONFIG_KEYS[arg].key, known[i]]));
    config.set(PROVIDER_NAME_KEY, name);
    try {
      readSettings({ get: (key) => config.get(key) }, {});
    } catch (e) {
      if (e instanceof ProviderError) refuse(provider, e.message);
      throw e;
    }
  });
}
