import * as pulumi from "@pulumi/pulumi";
import { providerValues, type ProviderValues } from "../resources/accounts/twilioProvider";
import { ProviderError } from "../resources/kit/errors";
import { ProgramRefusal } from "../resources/kit/refusal";
import { PROVIDER_NAME_KEY, readSettings, type ConfigSource, type TwilioSettings } from "../resources/kit/settings";

/**
 * Where a lookup's Twilio settings come from. Lookups run in the program (a dynamic provider has no
 * invokes), by the provider's own rules (kit/settings.ts `readSettings`): the stack's `twilio:*`
 * config, else the TWILIO_* environment, never mixed; or the values a `Provider` was given.
 */

/** A lookup's failure: thrown to the program, its message naming the lookup and never a secret. */
export function lookupError(lookup: string, message: string, cause?: unknown): ProgramRefusal {
  const error = new ProgramRefusal(`${lookup}: ${message}`);
  if (cause !== undefined) Object.defineProperty(error, "cause", { value: cause, enumerable: false });
  return error;
}

/** readSettings' ProviderError (it names the key, never quotes a secret) as the lookup's error. */
function settingsFrom(lookup: string, config: ConfigSource): TwilioSettings {
  try {
    return readSettings(config, process.env);
  } catch (e) {
    if (e instanceof ProviderError) throw lookupError(lookup, e.message);
    throw e;
  }
}

/**
 * The stack's settings, as a resource without a provider gets them. Values are read with
 * `pulumi.runtime.getConfig`, not `pulumi.Config`: the latter warns that a secret is read as plain
 * text, and the token is only handed to the client. Stack config never names a provider.
 */
export function stackSettings(lookup: string): TwilioSettings {
  return settingsFrom(lookup, { get: (key) => (key === PROVIDER_NAME_KEY ? undefined : pulumi.runtime.getConfig(key)) });
}

/** The settings of a Provider's resolved values (its name among them: messages name it). */
export function providerSettings(lookup: string, values: Record<string, string>): TwilioSettings {
  return settingsFrom(lookup, { get: (key) => values[key] });
}

/** The values of this package's Provider; any other provider is refused. */
export function givenValues(lookup: string, provider: unknown): ProviderValues {
  const given = providerValues(provider);
  if (given) return given;
  const kind = provider instanceof pulumi.ProviderResource ? "another package's provider" : `a ${typeof provider}`;
  throw lookupError(
    lookup,
    `opts.provider must be a Provider of pulumi-twilio-video (new Provider(name, { accountSid, ... })), not ${kind}`,
  );
}

/**
 * A Provider's values for a Promise-form lookup. Values that come from a resource not made yet (a
 * Subaccount created in this run, in a preview) are unknown until the update: the lookup is refused
 * at once rather than waiting for values that never come in a preview.
 */
export async function knownProviderSettings(lookup: string, provider: unknown): Promise<TwilioSettings> {
  const { name, values } = givenValues(lookup, provider);
  // Pulumi's Output has no public "is it known" test; its `isKnown` promise (settled once the
  // resources it depends on are registered) is the SDK's own answer. This is the one place it is read.
  const known = await (values as unknown as { isKnown: Promise<boolean> }).isKnown;
  if (!known) {
    throw lookupError(
      lookup,
      `the values of Provider "${name}" are not known until the update (they come from resources this run creates); ` +
        `use ${lookup}Output, which is unknown in a preview and answered in the update`,
    );
  }
  const resolved = await new Promise<Record<string, string>>((resolve) => values.apply(resolve));
  return providerSettings(lookup, resolved);
}
