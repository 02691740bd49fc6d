import * as pulumi from "@pulumi/pulumi";
import { secretKeys, storedOutputKeys, type ResourceSpec } from "./fields";
import { IMPORT_KEY } from "./importing";
import { ProgramRefusal } from "./refusal";
import { providerFor } from "./shim";

/** The dynamic type-token module: resources register as `pulumi-nodejs:dynamic/twilio-video:<Name>`. */
export const TYPE_MODULE = "twilio-video";

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
 * `additionalSecretOutputs`, so a plain string passed by a user is protected all the same. Pulumi's
 * `import` option becomes the import input (kit/importing.ts): the engine never sees it.
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
  const { import: importId, ...options } = opts ?? {};
  if (importId !== undefined) props[IMPORT_KEY] = importInput(spec, name, importId);
  const secrets = secretKeys(spec);
  const merged: pulumi.CustomResourceOptions = secrets.length
    ? { ...options, additionalSecretOutputs: [...new Set([...(options.additionalSecretOutputs ?? []), ...secrets])] }
    : options;
  return [shimFor(spec.name), name, props, merged, TYPE_MODULE, spec.name];
}

/** The `import` option's id, refused in the program (so at preview) when the kind cannot take it or it is no id of the kind. */
function importInput(spec: ResourceSpec, name: string, id: string): string {
  const field = spec.inputs[IMPORT_KEY];
  if (!field)
    throw new ProgramRefusal(`${spec.name} "${name}": the import option cannot bring in an existing ${spec.name}: ${spec.cannotImport}`);
  const parsed = field.schema.safeParse(id);
  if (!parsed.success) throw new ProgramRefusal(`${spec.name} "${name}": import ${parsed.error.issues[0].message}, not "${id}"`);
  return id;
}

/** A resource's registration in its constructor: `end` once `super` returns, a thrown error through `failed`. */
export interface Registration {
  /** Puts the limit back and gives an error thrown while registering the stack it could not take there, from the constructor down. */
  failed(error: unknown): unknown;
  /** Puts the stack trace limit back. */
  end(): void;
}

/**
 * Registers with `Error.stackTraceLimit` at 0. Pulumi's SDK formats a stack trace for each of the
 * four promises of every registered property (`debuggablePromise`), read only by its promise-leak
 * report (which names the resource and property without it), and under ts-node every frame of each
 * trace is source-mapped; a resource here registers every input and stored output name, so those
 * traces were most of a many-resource program's run (200 hooks' no-change preview: 2.5 s of the
 * program's 9.8 s of CPU, before this). The resource's source
 * position and the stack its state records are not affected: the SDK lifts the limit itself to take them.
 */
export function beginRegistration(): Registration {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const registration: Registration = {
    failed(error) {
      Error.stackTraceLimit = limit;
      if (error instanceof Error) Error.captureStackTrace(error, registration.failed);
      return error;
    },
    end() {
      Error.stackTraceLimit = limit;
    },
  };
  return registration;
}

/** The outputs state does not store because they are the resource id (`sid`, settings' `accountSid`). */
export function exposeIdOutputs(resource: pulumi.dynamic.Resource, spec: ResourceSpec): void {
  for (const [key, field] of Object.entries(spec.outputs)) {
    if (field.fromId) Object.defineProperty(resource, key, { get: () => resource.id, enumerable: true });
  }
}
