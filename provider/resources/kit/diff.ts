import { layoutWithDefaults } from "../../twilio/rules";
import type { Comparison, ResourceSpec } from "./fields";
import { containsUnknown } from "./unknown";

export interface DiffOutcome {
  changes: boolean;
  replaces: string[];
  stables: string[];
  deleteBeforeReplace: boolean;
  /** The properties that differ (for tests and error messages; the engine computes its own view). */
  changed: string[];
}

/** The comparable form of a value, so that equal configurations have equal text. */
export function canonical(kind: Comparison, value: unknown): string {
  switch (kind) {
    case "set":
      return JSON.stringify([...new Set(Array.isArray(value) ? value.map(String) : [])].sort());
    case "json":
      return stableJson(parseJsonish(value) ?? {});
    case "layout":
      return stableJson(layoutWithDefaults(parseJsonish(value) ?? {}));
    case "pem":
      return typeof value === "string" ? value.replace(/\r\n/g, "\n").trim() : "";
    case "value":
      return value === undefined || value === null ? "null" : stableJson(value);
  }
}

/** Accepts an object or its JSON text; returns undefined for absent or empty text. */
export function parseJsonish(value: unknown): unknown {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value; // check reports bad JSON; here it simply compares as text
  }
}

/** JSON with object keys sorted at every depth. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * Compares the desired inputs (`news`, after check) with the last known live state (`olds`, the
 * outputs from the last create/update/read), so refreshed drift shows up and `up` repairs it.
 * Only spec fields take part: `__provider` and creation-only inputs never cause a diff.
 */
export function diffInputs(spec: ResourceSpec, olds: Record<string, unknown>, news: Record<string, unknown>): DiffOutcome {
  const changed: string[] = [];
  const replaces: string[] = [];
  for (const [key, field] of Object.entries(spec.inputs)) {
    if (field.createOnly) continue;
    const compare = field.compare ?? "value";
    const differs = containsUnknown(news[key]) || canonical(compare, olds[key]) !== canonical(compare, news[key]);
    if (!differs) continue;
    changed.push(key);
    if (field.replaceOnChanges) replaces.push(key);
  }
  const stables = Object.keys(spec.inputs).filter((k) => !changed.includes(k));
  return { changes: changed.length > 0, replaces, stables, deleteBeforeReplace: false, changed };
}
