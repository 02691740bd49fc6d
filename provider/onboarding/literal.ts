/**
 * TypeScript object literals as a person (and Prettier, with the repository's 140-column width)
 * writes them: objects one property per line with trailing commas, identifier keys unquoted,
 * strings in double quotes, short arrays on one line. Pure.
 */

/** Code written as it is (`config.require("x")`, `s3Writer.sid`). */
export class Code {
  constructor(readonly text: string) {}
}

/** One property of an object literal, with comment lines above it. */
export interface Property {
  key: string;
  value: unknown;
  comments?: string[];
}

export const INDENT = "  ";
export const PRINT_WIDTH = 140;

/** A string literal in the quotes Prettier picks: double, unless the text holds more `"` than `'`. */
export function stringLiteral(text: string): string {
  const json = JSON.stringify(text);
  const doubles = text.split('"').length - 1;
  const singles = text.split("'").length - 1;
  if (doubles <= singles) return json;
  // JSON escapes `"` and `\` only, so every `\"` in it is an escaped quote.
  const body = json.slice(1, -1).replace(/\\(.)|'/g, (match, escaped: string | undefined) => {
    if (escaped === undefined) return "\\'";
    return escaped === '"' ? '"' : match;
  });
  return `'${body}'`;
}

/** A property key: unquoted when it is an identifier, else a string literal. */
export function propertyKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : stringLiteral(key);
}

/** An expanded object literal whose first line starts at `depth` levels of indentation. */
export function objectLiteral(properties: Property[], depth: number): string {
  if (properties.length === 0) return "{}";
  const inner = INDENT.repeat(depth + 1);
  const lines = ["{"];
  for (const { key, value, comments } of properties) {
    for (const comment of comments ?? []) lines.push(`${inner}// ${comment}`);
    const head = `${propertyKey(key)}: `;
    lines.push(`${inner}${head}${valueLiteral(value, depth + 1, inner.length + head.length)},`);
  }
  lines.push(`${INDENT.repeat(depth)}}`);
  return lines.join("\n");
}

/**
 * A JSON value (or Code) as TypeScript. `depth` is the indentation of the line it is on and
 * `column` where it starts there (an array stays on one line when that line fits).
 */
export function valueLiteral(value: unknown, depth: number, column: number): string {
  if (value instanceof Code) return value.text;
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return stringLiteral(value);
    case "number":
      if (!Number.isFinite(value)) throw new Error(`cannot write the number ${value} in a program`);
      return String(value).replace("e+", "e");
    case "boolean":
      return String(value);
    case "object":
      return Array.isArray(value)
        ? arrayLiteral(value, depth, column)
        : objectLiteral(
            Object.entries(value as Record<string, unknown>).map(([key, v]) => ({ key, value: v })),
            depth,
          );
    default:
      throw new Error(`cannot write a ${typeof value} in a program`);
  }
}

function arrayLiteral(items: unknown[], depth: number, column: number): string {
  if (items.length === 0) return "[]";
  const nested = items.some((item) => typeof item === "object" && item !== null && !(item instanceof Code));
  if (!nested) {
    const inline = `[${items.map((item) => valueLiteral(item, depth, 0)).join(", ")}]`;
    // The line ends with the property's trailing comma.
    if (column + inline.length + 1 <= PRINT_WIDTH) return inline;
  }
  const inner = INDENT.repeat(depth + 1);
  const lines = items.map((item) => `${inner}${valueLiteral(item, depth + 1, inner.length)},`);
  return ["[", ...lines, `${INDENT.repeat(depth)}]`].join("\n");
}
