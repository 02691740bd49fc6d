import * as pulumi from "@pulumi/pulumi";
import { sharedClient } from "../resources/kit/context";
import { describeOrigins, type TwilioSettings } from "../resources/kit/settings";
import type { TwilioClient } from "../twilio";
import type { Inputs, LookupOptions } from "./types";
import { givenValues, knownProviderSettings, lookupError, providerSettings, stackSettings } from "./settings";

/** What a lookup's body gets: the client of the settings' account, and a guard for what it returns. */
export interface LookupContext {
  client: TwilioClient;
  accountSid: string;
  /** Refuses an object of another account than the settings name (naming both accounts). */
  own<T extends { accountSid: string }>(what: string, object: T): T;
}

export type LookupBody<A, R> = (args: A, ctx: LookupContext) => Promise<R>;

/**
 * One lookup in Pulumi's two forms: `promise(args, opts)` and `output(args, opts)`, whose args may
 * be Outputs and whose result is unknown while they (or the Provider's values) are. `validate`
 * runs before any settings are read, so bad input fails the same way everywhere, naming the field.
 */
export function lookup<A extends object, R>(name: string, validate: (args: A) => void, body: LookupBody<A, R>) {
  const promise = async (args: A = {} as A, opts: LookupOptions = {}): Promise<R> => {
    validate(args);
    const settings = opts.provider === undefined ? stackSettings(name) : await knownProviderSettings(name, opts.provider);
    return answer(name, settings, args, body);
  };
  const output = (args: Inputs<A> = {} as Inputs<A>, opts: LookupOptions = {}): pulumi.Output<R> => {
    const known = pulumi.output(args) as unknown as pulumi.Output<A>;
    if (opts.provider === undefined) return known.apply((a) => promise(a)) as unknown as pulumi.Output<R>;
    // The Provider's token makes its values secret; nothing of them is in the result (which holds
    // what Twilio answered), so the result is not secret unless the lookup's own args are.
    const values = pulumi.unsecret(givenValues(name, opts.provider).values);
    return pulumi.all([known, values]).apply(([a, v]) => {
      validate(a as A);
      return answer(name, providerSettings(name, v), a as A, body);
    }) as unknown as pulumi.Output<R>;
  };
  return { promise, output };
}

async function answer<A, R>(name: string, settings: TwilioSettings, args: A, body: LookupBody<A, R>): Promise<R> {
  const own = <T extends { accountSid: string }>(what: string, object: T): T => {
    if (object.accountSid === settings.accountSid) return object;
    throw lookupError(
      name,
      `Twilio answered with ${what} of account ${object.accountSid}, but the settings name account ${settings.accountSid} ` +
        `(${describeOrigins(settings)}); refusing to return an object of another account`,
    );
  };
  try {
    return await body(args, { client: sharedClient(settings), accountSid: settings.accountSid, own });
  } catch (e) {
    if (e instanceof pulumi.RunError) throw e; // ours, already naming the lookup
    // The client's errors are redacted (no token, secret or Authorization header in them).
    throw lookupError(name, e instanceof Error ? e.message : String(e), e);
  }
}
