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

/** The arguments of `pulumi.dynamic.Resource`'s constructor, in order. */
export type DynamicResourceArgs = [pulumi.dynamic.ResourceProvider, string, Record<string, unknown>, pulumi.CustomResourceOptions, string, string];

/**
 * What every resource class passes to `super` (each class extends `pulumi.dynamic.Resource`
 * directly: Pulumi records every constructor frame of a resource in its state, so no base class
 * stands in between). Registers the args plus every stored output name (so the outputs exist as
 * properties), wraps secret inputs with `pulumi.secret` and lists every secret in
 * `additionalSecretOutputs`, so a plain string passed by a user is protected all the same.
 */
export function dynamicResourceArgs(spec: ResourceSpec, name: string, args: object, opts?: pulumi.CustomResourceOptions): DynamicResourceArgs {
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
  return [shimFor(spec.name), name, props, merged, TYPE_MODULE, spec.name];
}

/**
 * Completes a registered resource with what state does not store: `fromId` outputs (`sid`, settings'
 * `accountSid`) are the id, and inputs left at their default read as that default.
 */
export function exposeUnstoredOutputs(resource: pulumi.dynamic.Resource, spec: ResourceSpec): void {
  const self = resource as unknown as Record<string, pulumi.Output<unknown>>;
  for (const [key, field] of Object.entries(spec.outputs)) {
    if (field.fromId) Object.defineProperty(resource, key, { value: resource.id, enumerable: true });
  }
  for (const [key, field] of Object.entries(spec.inputs)) {
    const stored = self[key];
    if (field.default === undefined || !pulumi.Output.isInstance(stored)) continue;
    Object.defineProperty(resource, key, { value: stored.apply((v) => v ?? field.default), enumerable: true });
  }
}
