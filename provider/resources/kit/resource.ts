import * as pulumi from "@pulumi/pulumi";
import { secretKeys, storedOutputKeys, type ResourceSpec } from "./fields";
import { shimProvider } from "./shim";

/** The dynamic type-token module: resources register as `pulumi-nodejs:dynamic/twilio-video:<Name>`. */
export const TYPE_MODULE = "twilio-video";

/** Every input may be a Pulumi Input. */
export type ArgsOf<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/** One shim per kind, so the SDK's serialization cache serializes each kind once per program. */
const shims = new Map<string, pulumi.dynamic.ResourceProvider>();

function shimFor(kind: string): pulumi.dynamic.ResourceProvider {
  let shim = shims.get(kind);
  if (!shim) shims.set(kind, (shim = shimProvider(kind)));
  return shim;
}

/**
 * The base of every resource class: registers the args plus every stored output name (so the
 * outputs exist as properties; `fromId` outputs such as `sid` are the id itself, never stored twice), wraps secret inputs with `pulumi.secret` and lists every secret in
 * `additionalSecretOutputs`, so a plain string passed by a user is protected all the same.
 */
export abstract class TwilioVideoResource extends pulumi.dynamic.Resource {
  protected constructor(spec: ResourceSpec, name: string, args: object, opts?: pulumi.CustomResourceOptions) {
    const props: Record<string, unknown> = {};
    for (const key of storedOutputKeys(spec)) props[key] = undefined;
    for (const [key, field] of Object.entries(spec.inputs)) {
      const value = (args as Record<string, unknown>)[key];
      props[key] = field.secret && value !== undefined ? pulumi.secret(value) : value;
    }
    const secrets = secretKeys(spec);
    const merged: pulumi.CustomResourceOptions = secrets.length
      ? { ...opts, additionalSecretOutputs: [...new Set([...(opts?.additionalSecretOutputs ?? []), ...secrets])] }
      : { ...opts };
    super(shimFor(spec.name), name, props, merged, TYPE_MODULE, spec.name);
    const self = this as unknown as Record<string, pulumi.Output<unknown>>;
    for (const [key, field] of Object.entries(spec.outputs)) {
      if (field.fromId) Object.defineProperty(this, key, { value: this.id, enumerable: true });
    }
    // State leaves out inputs at their default (diff fills them back); the program still sees them.
    for (const [key, field] of Object.entries(spec.inputs)) {
      const stored = self[key];
      if (field.default === undefined || !pulumi.Output.isInstance(stored)) continue;
      Object.defineProperty(this, key, { value: stored.apply((v) => v ?? field.default), enumerable: true });
    }
  }
}
