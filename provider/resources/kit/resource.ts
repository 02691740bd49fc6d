import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { secretKeys, storedOutputKeys, type InputField, type OutputField, type ResourceSpec } from "./fields";
import { providerFor } from "./shim";

/** The dynamic type-token module: resources register as `pulumi-nodejs:dynamic/twilio-video:<Name>`. */
export const TYPE_MODULE = "twilio-video";

/** Every input may be a Pulumi Input. */
export type ArgsOf<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/** An input's value as state holds it: a JSON field as its object, a default always present. */
type StoredInput<F extends InputField> =
  | (F["compare"] extends "json" | "layout" ? Record<string, unknown> : z.output<F["schema"]>)
  | (F extends { required: true } | { default: unknown } ? never : undefined);

type OutputValue<F extends OutputField> = {
  string: string;
  boolean: boolean;
  "string[]": string[];
  object: Record<string, unknown>;
}[F["type"]];

/**
 * The properties a resource class exposes, from its spec: every input but the secret ones (never
 * outputs), then every output. Each class merges it in (`interface X extends OutputsOf<...>`).
 */
export type OutputsOf<S extends ResourceSpec> = {
  readonly [K in keyof S["inputs"] as S["inputs"][K] extends { secret: true } ? never : K]: pulumi.Output<StoredInput<S["inputs"][K]>>;
} & { readonly [K in keyof S["outputs"]]: pulumi.Output<OutputValue<S["outputs"][K]>> };

/** One provider object per kind, so the SDK's serialization cache serializes each kind once per program. */
const shims = new Map<string, pulumi.dynamic.ResourceProvider>();

function shimFor(kind: string): pulumi.dynamic.ResourceProvider {
  let shim = shims.get(kind);
  if (!shim) shims.set(kind, (shim = providerFor(kind)));
  return shim;
}

/** The arguments of `pulumi.dynamic.Resource`'s constructor, in order. */
export type DynamicResourceArgs = [
  pulumi.dynamic.ResourceProvider,
  string,
  Record<string, unknown>,
  pulumi.CustomResourceOptions,
  string,
  string,
];

/**
 * What every resource class passes to `super` (each class extends `pulumi.dynamic.Resource`
 * directly: Pulumi records every constructor frame of a resource in its state, so no base class
 * stands in between). Registers every input and stored output name (so the engine's values, defaults
 * included, become properties), wraps secret inputs with `pulumi.secret` and lists every secret in
 * `additionalSecretOutputs`, so a plain string passed by a user is protected all the same.
 */
export function dynamicResourceArgs(
  spec: ResourceSpec,
  name: string,
  args: object,
  opts?: pulumi.CustomResourceOptions,
): DynamicResourceArgs {
  const props: Record<string, unknown> = {};
  for (const key of storedOutputKeys(spec)) props[key] = undefined;
  for (const [key, field] of Object.entries(spec.inputs)) {
    const value = (args as Record<string, unknown>)[key];
    props[key] = value !== undefined && field.secret ? pulumi.secret(value) : value;
  }
  const secrets = secretKeys(spec);
  const merged: pulumi.CustomResourceOptions = secrets.length
    ? { ...opts, additionalSecretOutputs: [...new Set([...(opts?.additionalSecretOutputs ?? []), ...secrets])] }
    : { ...opts };
  return [shimFor(spec.name), name, props, merged, TYPE_MODULE, spec.name];
}

/** The outputs state does not store because they are the resource id (`sid`, settings' `accountSid`). */
export function exposeIdOutputs(resource: pulumi.dynamic.Resource, spec: ResourceSpec): void {
  for (const [key, field] of Object.entries(spec.outputs)) {
    if (field.fromId) Object.defineProperty(resource, key, { get: () => resource.id, enumerable: true });
  }
}
