/**
 * Reads Twilio's Media v1 OpenAPI excerpt (twilio-oai 1.52.0, test/fixtures/twilio-spec/media-v1.openapi-1.52.0.txt:
 * YAML with its line breaks folded into spaces) so the tests check the emulator against the spec's
 * own lists: schema properties, enums, required parameters, each operation's success status.
 * Independent of emulator/: nothing here reads the emulator's rules.
 */
import { readFileSync } from "fs";
import { join } from "path";

export const SPEC = readFileSync(join(__dirname, "..", "fixtures", "twilio-spec", "media-v1.openapi-1.52.0.txt"), "utf8");

/** A schema keyword, never a property name. */
const KEYWORDS = new Set([
  "type",
  "nullable",
  "format",
  "description",
  "minLength",
  "maxLength",
  "pattern",
  "enum",
  "$ref",
  "x-twilio",
  "pii",
  "handling",
  "deleteSla",
  "items",
  "properties",
  "required",
  "minimum",
  "maximum",
]);
/**
 * Where the next top-level schema starts (`name: type: object required|properties:` or
 * `name: type: string enum:`); a list response's nested `meta` object has the same form.
 */
const NEXT_SCHEMA = /\s(?!meta:)[A-Za-z_.]+: type: (?:string enum|object required|object properties):/g;

/** The text of a top-level schema, from its name to the next schema. */
function schemaText(name: string): string {
  const start = SPEC.indexOf(` ${name}: type: `);
  if (start < 0) throw new Error(`the Media v1 OpenAPI has no schema ${name}`);
  NEXT_SCHEMA.lastIndex = start + name.length + 2;
  const next = NEXT_SCHEMA.exec(SPEC);
  return SPEC.slice(start, next ? next.index : SPEC.indexOf(" securitySchemes:"));
}

/**
 * Property names of an object (schema) text: each is a name followed by a schema keyword. A keyword
 * followed by `type:` is a property too (media_recording has one called `format`): as a keyword its
 * value would be a word such as `date-time`, never `type:`.
 */
function propertyNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/(?:^|\s)([A-Za-z_]+): (type|nullable|\$ref|format|description):/g)) {
    const [, name, next] = match;
    const isProperty = !KEYWORDS.has(name) || (next === "type" && name !== "items");
    if (isProperty && !names.includes(name)) names.push(name);
  }
  return names;
}

/** The property names the spec lists for a resource schema, e.g. `media.v1.media_processor`. */
export function schemaProperties(name: string): string[] {
  const text = schemaText(name);
  return propertyNames(text.slice(text.indexOf("properties:")));
}

/** The keys of a list response's `meta` object, e.g. `ListMediaProcessorResponse`. */
export function listMetaProperties(name: string): string[] {
  const text = schemaText(name);
  return propertyNames(text.slice(text.indexOf("meta: type: object properties:") + "meta: type: object".length));
}

/** The array key of a list response (the property that is not `meta`). */
export function listKey(name: string): string {
  const text = schemaText(name);
  const match = /properties: ([a-z_]+): type: array/.exec(text);
  if (!match) throw new Error(`${name} has no array property`);
  return match[1];
}

/** The values of an enum schema, e.g. `media_processor_enum_status`. */
export function enumValues(name: string): string[] {
  const match = new RegExp(` ${name}: type: string enum: ((?:- [^\\s]+ ?)+)`).exec(SPEC);
  if (!match) throw new Error(`the Media v1 OpenAPI has no enum ${name}`);
  return match[1]
    .trim()
    .split(/\s*-\s+/)
    .filter(Boolean);
}

/** The `required` list of a request schema, e.g. `CreateMediaProcessorRequest`. */
export function requiredParameters(name: string): string[] {
  const match = new RegExp(` ${name}: type: object required: ((?:- [A-Za-z]+ )+)properties:`).exec(SPEC);
  return match
    ? match[1]
        .trim()
        .split(/\s*-\s+/)
        .filter(Boolean)
    : [];
}

/** The `pattern` of a schema's property, e.g. (`media.v1.media_processor`, `sid`). */
export function propertyPattern(schema: string, property: string): RegExp {
  const text = schemaText(schema);
  const match = new RegExp(`\\s${property}: type: string minLength: 34 maxLength: 34 pattern: (\\S+)`).exec(text);
  if (!match) throw new Error(`${schema}.${property} has no pattern`);
  return new RegExp(match[1]);
}

/** operationId -> the one success status its `responses` list. */
export function operationStatuses(): Map<string, number> {
  const statuses = new Map<string, number>();
  for (const match of SPEC.matchAll(/responses: '(\d{3})':.*?operationId: (\w+)/g)) statuses.set(match[2], Number(match[1]));
  return statuses;
}

/** The description of an operation, e.g. FetchPlayerStreamerPlaybackGrant. */
export function operationDescription(operationId: string): string {
  const before = SPEC.slice(0, SPEC.indexOf(`operationId: ${operationId}`));
  const descriptions = [...before.matchAll(/\s(?:get|post|delete): description: (.*?) tags:/g)];
  return descriptions[descriptions.length - 1][1];
}
