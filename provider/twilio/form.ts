/**
 * Twilio's wire encoding for request bodies and list query strings
 * (application/x-www-form-urlencoded), from the client's camelCase parameter objects:
 *
 * - names become PascalCase (`friendlyName` -> `FriendlyName`, `awsS3Url` -> `AwsS3Url`);
 * - booleans are `true` / `false`, numbers their decimal text;
 * - arrays are repeated keys (`AudioSources=a&AudioSources=b`);
 * - plain objects (`videoLayout`) are sent as JSON text;
 * - `undefined` fields are not sent.
 *
 * An EMPTY array is sent as nothing at all: a form cannot carry an empty list, and Twilio resets
 * an omitted optional field on update, so "no key" is how "the list is empty" is expressed. This is
 * why updates must always send the full desired configuration.
 */
export type FormScalar = string | number | boolean;
export type FormValue = FormScalar | readonly string[] | Record<string, unknown> | null | undefined;

/** Ordered name/value pairs, before percent-encoding. */
export function formPairs(params: object): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [key, value] of Object.entries(params) as [string, FormValue][]) {
    if (value === undefined || value === null) continue;
    const name = pascalCase(key);
    if (Array.isArray(value)) {
      for (const item of value) pairs.push([name, String(item)]);
    } else if (typeof value === "object") {
      pairs.push([name, JSON.stringify(value)]);
    } else {
      pairs.push([name, String(value)]);
    }
  }
  return pairs;
}

/** The urlencoded text: spaces become `+`, a literal `+` becomes `%2B`. */
export function encodeForm(params: object): string {
  return new URLSearchParams(formPairs(params)).toString();
}

export function pascalCase(camel: string): string {
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}
