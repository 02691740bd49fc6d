import * as pulumi from "@pulumi/pulumi";
import { secretKeys, storedOutputKeys, type ResourceSpec } from "./fields";
import { providerFor } from "./shim";

/** The dynamic type-token module: resources register as `pulumi-nodejs:dynamic/twilio-video:<Name>`. */
export const TYPE_MODULE = "twilio-video";

/** Every input may be a Pulumi Input. */
export type ArgsOf<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/** One provider object per kind, so the SDK's serialization cache serializes each kind once per program. */
const shims = new Map<string, pulumi.dynamic.ResourceProvider>();

function shimFor(kind: string): pulumi.dynamic.ResourceProvider {
  let shim = shims.get(kind);
  if (!shim) shims.set(kind, (shim = providerFor(kind)));
  return shim;
}

/** The arguments of `pulumi.dynamic.Resource`'s constructor, in order. */
export type DynamicResourceArgs = [pulumi.dynamic.ResourceProvider, string, Record<string, unknown>, pulumi.CustomResourceOptions, string, string];

/**
 * What every resource class passes to `super` (each class extends `pulumi.dynamic.Resource`
 * directly: Pulumi records every constructor frame of a resource in its state, so no base class
 * stands in between). Registers the inputs the program set plus every stored output name (so the
 * engine's values become properties), wraps secret inputs with `pulumi.secret` and lists every
 * secret in `additionalSecretOutputs`, so a plain string passed by a user is protected all the same.
 * Inputs the program left out are not registered: the SDK makes four stack traces per registered
 * name (source-mapped under ts-node), the largest cost of a resource in the program, and what such
 * an input reads is known without the engine (see `exposeUnstoredOutputs`).
 */
export function dynamicResourceArgs(spec: ResourceSpec, name: string, args: object, opts?: pulumi.CustomResourceOptions): DynamicResourceArgs {
  const props: Record<string, unknown> = {};
  for (const key of storedOutputKeys(spec)) props[key] = undefined;
  for (const [key, field] of Object.entries(spec.inputs)) {
    const value = (args as Record<string, unknown>)[key];
    if (value !== undefined) props[key] = field.secret ? pulumi.secret(value) : value;
  }
  const secrets = secretKeys(spec);
  const merged: pulumi.CustomResourceOptions = secrets.length
    ? { ...opts, additionalSecretOutputs: [...new Set([...(opts?.additionalSecretOutputs ?? []), ...secrets])] }
    : { ...opts };
  return [shimFor(spec.name), name, props, merged, TYPE_MODULE, spec.name];
}

/**
 * Completes a registered resource with what state does not store: `fromId` outputs (`sid`, settings'
 * `accountSid`) are the id; an input at its default reads as that default; an input the program
 * left out reads as its default (or undefined) once the resource is registered, which is what `up`
 * makes of it (diff repairs any other value, short of `ignoreChanges`). Each is made on first read:
 * a program of many resources reads few of them.
 */
export function exposeUnstoredOutputs(resource: pulumi.dynamic.Resource, spec: ResourceSpec): void {
  const self = resource as unknown as Record<string, pulumi.Output<unknown> | undefined>;
  const define = (key: string, make: () => pulumi.Output<unknown>) => {
    let made: pulumi.Output<unknown> | undefined;
    Object.defineProperty(resource, key, { get: () => (made ??= make()), enumerable: true });
  };
  for (const [key, field] of Object.entries(spec.outputs)) {
    if (field.fromId) define(key, () => resource.id);
  }
  for (const [key, field] of Object.entries(spec.inputs)) {
    const stored = self[key];
    const fallback = () => (field.default === undefined ? undefined : structuredClone(field.default));
    if (!pulumi.Output.isInstance(stored)) define(key, () => resource.urn.apply(fallback));
    else if (field.default !== undefined) define(key, () => stored.apply((v) => v ?? fallback()));
  }
}
