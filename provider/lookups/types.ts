/**
 * The lookups' public types, apart from their code: a program's type-check loads these, the
 * generated resource types and @pulumi/pulumi's declarations, not the Twilio client's or zod's.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Provider } from "../resources/accounts/twilioProvider";
import type {
  AwsCredentialConfiguration,
  CompositionHookConfiguration,
  CompositionSettingsConfiguration,
  PublicKeyConfiguration,
} from "../types";

/** How a lookup reaches Twilio. */
export interface LookupOptions {
  /**
   * The account to read: a `Provider` of this package (its values, as its resources use them).
   * @default the stack's account: `twilio:*` stack config, else the TWILIO_* environment
   */
  provider?: Provider;
}

/** A lookup's args as its Output form takes them: each may be a Pulumi Input. */
export type Inputs<A> = { [K in keyof A]: pulumi.Input<A[K]> };

export type Promised<A, R> = (args?: A, opts?: LookupOptions) => Promise<R>;
export type Outputted<A, R> = (args?: Inputs<A>, opts?: LookupOptions) => pulumi.Output<R>;

/** An object's SID and the account it lives in, as Twilio answers them. */
export interface Owned {
  sid: string;
  accountSid: string;
}

/** When Twilio made and last changed an object (ISO 8601, as Twilio answers). */
export interface Dates {
  dateCreated: string;
  dateUpdated?: string;
}

/**
 * A composition hook as Twilio has it, under the CompositionHook resource's input names (so it can
 * be passed into one): what Twilio says by "nothing" left out, layout regions without the keys
 * Twilio fills in by itself.
 */
export interface CompositionHookResult extends Owned, CompositionHookConfiguration, Dates {}

/** An account's composition or recording settings, under the settings resources' input names. */
export interface VideoSettingsResult extends Omit<CompositionSettingsConfiguration, "friendlyName"> {
  accountSid: string;
  /** Absent while the settings were never configured (Twilio answers `friendly_name` null). */
  friendlyName?: string;
  /** False for settings never configured: Twilio's defaults (Twilio's cloud, no encryption). */
  configured: boolean;
}
export type CompositionSettingsResult = VideoSettingsResult;
export type RecordingSettingsResult = VideoSettingsResult;

/**
 * An AWS credential stored in Twilio. Twilio never returns the access key id or the secret, so
 * neither is here: a program that needs them keeps them itself (as a stack-config secret).
 */
export interface AwsCredentialResult extends Owned, Pick<AwsCredentialConfiguration, "friendlyName">, Dates {}

/** A public key stored in Twilio. Twilio never returns the key itself (the PEM), so it is not here. */
export interface PublicKeyResult extends Owned, Pick<PublicKeyConfiguration, "friendlyName">, Dates {}

/** Exactly one of the two: the hook's SID, or its friendly name (unique in an account; matched exactly). */
export interface GetCompositionHookArgs {
  sid?: string;
  friendlyName?: string;
}

export interface GetCompositionHooksArgs {
  /** Twilio's filter: case-insensitive, `*` matches any run of characters. @default every hook */
  friendlyName?: string;
}

/** The settings and credential lookups take no arguments (`{}`, or leave them out). */
export type NoArgs = Record<string, never>;

export interface CompositionHooksResult {
  /** The account read. */
  accountSid: string;
  /** Newest first, as Twilio lists them. */
  hooks: CompositionHookResult[];
}
export interface AwsCredentialsResult {
  accountSid: string;
  credentials: AwsCredentialResult[];
}
export interface PublicKeysResult {
  accountSid: string;
  publicKeys: PublicKeyResult[];
}
