import type { ResourceSpec } from "./fields";
import { containsUnknown } from "./unknown";

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface CheckOutcome {
  inputs: Record<string, unknown>;
  failures: CheckFailure[];
}

/** Values a resource's cross-field rules may rely on: only the known ones are present. */
export type KnownInputs = Record<string, unknown>;

/** A rule spanning several fields; it sees known values only, so previews pass through. */
export type CrossRule = (known: KnownInputs, all: Record<string, unknown>) => CheckFailure[];

export function failure(property: string, rule: string): CheckFailure {
  return { property, reason: `${property} ${rule}` };
}

/**
 * Validates new inputs against a spec before any API call: checks each known field with its zod
 * schema, rejects unknown property names, then applies the cross-field rules. The inputs it returns
 * are the program's with every absent default filled in: the one place defaults are filled, so
 * state stores, `diff` compares and create/update send what the program means. Engine-reserved keys
 * (`__provider`) are passed through untouched.
 */
export function checkInputs(spec: ResourceSpec, news: Record<string, unknown>, rules: CrossRule[] = []): CheckOutcome {
  const inputs: Record<string, unknown> = {};
  const known: KnownInputs = {};
  const failures: CheckFailure[] = [];

  for (const [key, value] of Object.entries(news)) {
    if (key.startsWith("__")) inputs[key] = value;
    else if (!(key in spec.inputs)) failures.push(failure(key, `is not a property of ${spec.name}`));
  }

  for (const [key, field] of Object.entries(spec.inputs)) {
    let value = news[key];
    if (value === undefined || value === null) {
      if (field.default === undefined) {
        if (field.required) failures.push(failure(key, "is required"));
        continue;
      }
      value = structuredClone(field.default);
    }
    inputs[key] = value;
    if (containsUnknown(value)) continue;
    const parsed = field.schema.safeParse(value);
    if (parsed.success) {
      known[key] = parsed.data;
      continue;
    }
    for (const issue of parsed.error.issues) {
      const property = [key, ...issue.path.map(String)].join(".");
      failures.push(failure(property, issue.message));
    }
  }

  for (const rule of rules) failures.push(...rule(known, inputs));
  return { inputs, failures };
}
