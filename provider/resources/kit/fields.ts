import { z } from "zod";

/**
 * How a property compares in `diff`:
 * - `value`: plain equality, with undefined and null alike;
 * - `set`: an array of track-name patterns whose order and repeats carry no meaning;
 * - `json`: a JSON object (or its text) compared by content, never by key order or whitespace;
 * - `layout`: a video layout compared as `json`, each region with Twilio's defaults filled in (Twilio
 *   answers every region with all 11 keys, so a region with and without defaults is the same);
 * - `pem`: key material compared with line endings and surrounding blank space normalised.
 */
export type Comparison = "value" | "set" | "json" | "layout" | "pem";

/**
 * One input property: the single source of its validation, docs and diff behaviour. Its name is the
 * Twilio field's in camelCase (`friendlyName` is sent as `FriendlyName` and read from
 * `friendly_name`), so the parameters sent and the outputs stored follow from the list of fields
 * (kit/twilioFields.ts); a `createOnly` field is an instruction to the provider, never sent.
 */
export interface InputField {
  /** Validates a known value. Messages are rules ("must be at most 100 characters"). */
  schema: z.ZodType;
  description: string;
  /** TypeScript/JSON-schema shape for docs and schema.json. */
  type: "string" | "boolean" | "string[]" | "object|string";
  required?: boolean;
  /** Twilio's default: filled in by `check` when absent, then stored, compared and sent as it is. */
  default?: unknown;
  compare?: Comparison;
  /** A change replaces the Twilio object instead of updating it. */
  replaceOnChanges?: boolean;
  secret?: boolean;
  /** Creation-time instruction (adoption, an opt-out): never sent to Twilio, never part of a diff. */
  createOnly?: boolean;
  /**
   * A standing instruction to the provider (e.g. what delete does): never sent to Twilio, but
   * stored and compared, so a change is an update that writes nothing to Twilio.
   */
  providerOnly?: boolean;
}

/** One computed output property. */
export interface OutputField {
  description: string;
  type: "string" | "boolean" | "string[]" | "object";
  secret?: boolean;
  /** The resource id under its Twilio name: the class exposes `id` as it, so state never holds it twice. */
  fromId?: true;
}

/** The outputs a provider writes to state (every output but those the class derives from the id). */
export function storedOutputKeys(spec: ResourceSpec): string[] {
  return Object.entries(spec.outputs)
    .filter(([, f]) => !f.fromId)
    .map(([k]) => k);
}

export interface ResourceSpec {
  /** The resource's type name (also the last part of its Pulumi type token). */
  name: string;
  description: string;
  inputs: Record<string, InputField>;
  outputs: Record<string, OutputField>;
  /** Why Pulumi's `import` option cannot bring in an existing object of this kind (kinds without an import input). */
  cannotImport?: string;
}

type ShapeOf<F extends Record<string, InputField>> = {
  [K in keyof F]: F[K]["required"] extends true ? F[K]["schema"] : z.ZodOptional<F[K]["schema"]>;
};

/** The TypeScript type of a spec's inputs, as zod infers it from the field schemas. */
export type InputsOf<S extends ResourceSpec> = z.infer<z.ZodObject<ShapeOf<S["inputs"]>>>;

/** The zod object of a spec's inputs, for `z.infer` and whole-object validation. */
export function inputObject(spec: ResourceSpec): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(spec.inputs)) {
    shape[key] = field.required ? field.schema : field.schema.optional();
  }
  return z.object(shape);
}

/** The names of the inputs whose change forces a replacement. */
export function replaceKeys(spec: ResourceSpec): string[] {
  return Object.entries(spec.inputs)
    .filter(([, f]) => f.replaceOnChanges)
    .map(([k]) => k);
}

/** The names of every secret property, input or output. */
export function secretKeys(spec: ResourceSpec): string[] {
  const inputs = Object.entries(spec.inputs)
    .filter(([, f]) => f.secret)
    .map(([k]) => k);
  const outputs = Object.entries(spec.outputs)
    .filter(([, f]) => f.secret)
    .map(([k]) => k);
  return [...new Set([...inputs, ...outputs])];
}
