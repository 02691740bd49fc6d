/**
 * fast-check generators of resource inputs that are invalid by construction: a valid input with
 * one or more fields corrupted (wrong type, out of range, bad SID/URL/JSON/PEM, missing where a
 * cross-field rule needs it) and, sometimes, unknown extra keys (which `check` refuses by name).
 */
import fc from "fast-check";

export type Inputs = Record<string, unknown>;

/** One corrupted field: how to apply it, and which fields `check` must then name. */
export interface Corruption {
  apply(news: Inputs): void;
  /** Fields that must appear among the failures, judged on the final input (cross-field rules). */
  expect(news: Inputs): string[];
}

export interface InvalidCase {
  news: Inputs;
  expected: string[];
  unknownKeys: string[];
}

const HEX = "0123456789abcdef";
const HEX32 = "0".repeat(31) + "1";
const ALNUM_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".split("");

// Wrong-type values stay JSON-safe (no NaN, no undefined inside) so the gRPC Struct conversion of
// the host carries them unchanged.
const jsonNumber = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
const jsonObject = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
const jsonArray = fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 });
export const nonString = fc.oneof(jsonNumber, fc.boolean(), jsonArray, jsonObject);
export const nonBoolean = fc.oneof(
  jsonNumber,
  fc.constantFrom("true", "false", "yes", "1", ""),
  fc.string({ maxLength: 8 }),
  jsonArray,
  jsonObject,
);
const nonArray = fc.oneof(jsonNumber, fc.boolean(), fc.string({ maxLength: 12 }), jsonObject);

const tooLong = (max: number) => fc.string({ minLength: max + 1, maxLength: max + 40, unit: "grapheme-ascii" });

/** Strings that do not match `pattern`, biased towards near misses of a `prefix` + 32 hex SID. */
export function badSid(prefix: string, pattern: RegExp): fc.Arbitrary<string> {
  const hexOf = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...HEX.split("")), minLength: min, maxLength: max });
  return fc
    .oneof(
      fc.oneof(hexOf(0, 31), hexOf(33, 40)).map((hex) => prefix + hex),
      fc
        .constantFrom("AC", "SK", "CR", "HK", "hk", "cr", "", "XX")
        .filter((p) => p !== prefix)
        .map((p) => p + HEX32),
      fc.nat(31).map((i) => prefix + HEX32.slice(0, i) + "g" + HEX32.slice(i + 1)),
      fc.string({ maxLength: 40 }),
    )
    .filter((s) => !pattern.test(s));
}

/** Sets a field to a value drawn from `values`; `check` must then name that field. */
export function setField(field: string, values: fc.Arbitrary<unknown>): fc.Arbitrary<Corruption> {
  return values.map((value) => ({
    apply: (news: Inputs) => void (news[field] = value),
    expect: () => [field],
    toString: () => `${field}=${safeJson(value)}`,
  }));
}

/** Removes a field that a cross-field rule requires while `needed(news)` holds. */
export function dropField(field: string, needed: (news: Inputs) => boolean): fc.Arbitrary<Corruption> {
  return fc.constant({
    apply: (news: Inputs) => void delete news[field],
    expect: (news: Inputs) => (needed(news) ? [field] : []),
    toString: () => `-${field}`,
  });
}

function safeJson(value: unknown): string {
  return value === undefined ? "undefined" : JSON.stringify(value);
}

/** Required fields: also absent (undefined) and null, which count as absent. */
export function requiredField(field: string, invalid: fc.Arbitrary<unknown>): fc.Arbitrary<Corruption> {
  return setField(field, fc.oneof(invalid, fc.constantFrom(null, undefined)));
}

/**
 * Invalid inputs for a resource: a non-empty set of field slots, each corrupted once, plus 0..2
 * unknown keys. Every case fails `check` even before the unknown keys are added.
 */
export function invalidInputs(
  valid: Inputs,
  slots: Record<string, fc.Arbitrary<Corruption>>,
  inputNames: string[],
): fc.Arbitrary<InvalidCase> {
  const names = Object.keys(slots);
  const unknownKey = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,15}$/).filter((k) => !inputNames.includes(k));
  return fc
    .record({
      chosen: fc.subarray(names, { minLength: 1 }).chain((picked) => fc.tuple(...picked.map((name) => slots[name]))),
      extras: fc.uniqueArray(fc.tuple(unknownKey, fc.jsonValue({ maxDepth: 1 })), { maxLength: 2, selector: ([k]) => k }),
    })
    .map(({ chosen, extras }) => {
      const news: Inputs = structuredClone(valid);
      for (const corruption of chosen) corruption.apply(news);
      for (const [key, value] of extras) news[key] = value;
      const expected = [...new Set(chosen.flatMap((c) => c.expect(news)))];
      return { news, expected, unknownKeys: extras.map(([k]) => k) };
    });
}

export const upperAlnum = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...ALNUM_UPPER), minLength: min, maxLength: max });
export { jsonNumber, nonArray, tooLong };
