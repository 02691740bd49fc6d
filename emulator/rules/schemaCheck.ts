/**
 * A small checker of OpenAPI schemas (the subset Twilio's documents and ./documented.ts use):
 * `type` integer|string|array, `enum`, `minimum`/`maximum`, `minLength`, `items`, `nullable`, and
 * the `format`s below. It answers the sentence a refused value gets, or undefined.
 */
import type { RegionKeySchema } from "./documented";

/** What a value of each `format` must be. `uri`: an absolute http(s) URL without whitespace (our reading of format: uri). */
export const FORMATS: Record<string, { holds: (value: string) => boolean; rule: string }> = {
  uri: {
    holds: (value) =>
      !/\s/.test(value) && URL.canParse(value) && ["http:", "https:"].includes(new URL(value).protocol) && new URL(value).hostname !== "",
    rule: "must be an absolute http(s) URL",
  },
};

function holds(schema: RegionKeySchema, value: unknown): boolean {
  if (value === null) return schema.nullable === true;
  if (schema.type === "integer") {
    return (
      Number.isInteger(value) && (value as number) >= (schema.minimum ?? -Infinity) && (value as number) <= (schema.maximum ?? Infinity)
    );
  }
  if (schema.type === "array") return Array.isArray(value) && value.every((item) => holds(schema.items ?? {}, item));
  if (schema.type === "string") {
    if (typeof value !== "string" || value.length < (schema.minLength ?? 0)) return false;
    if (schema.enum && !schema.enum.includes(value)) return false;
    return schema.format === undefined || FORMATS[schema.format].holds(value);
  }
  return true;
}

function sentence(schema: RegionKeySchema): string {
  if (schema.rule) return schema.rule;
  if (schema.type === "integer")
    return `must be an integer from ${schema.minimum} to ${schema.maximum}${schema.nullable ? " (or null)" : ""}`;
  if (schema.enum) return `must be one of ${schema.enum.join(", ")}`;
  if (schema.format) return FORMATS[schema.format].rule;
  return `must be of type ${schema.type}`;
}

export function schemaProblem(schema: RegionKeySchema, value: unknown): string | undefined {
  return holds(schema, value) ? undefined : sentence(schema);
}
