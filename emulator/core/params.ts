/**
 * Form and query parameters: parsing (`+` and `%20` are spaces, repeated keys are arrays) and
 * typed accessors that throw the Twilio 400 naming the parameter.
 */
import { EmulatorError } from "./errors";

export class Params {
  private constructor(private readonly values: Map<string, string[]>) {}

  static parse(encoded: string, where: "post body" | "query"): Params {
    const values = new Map<string, string[]>();
    for (const pair of encoded.split("&")) {
      if (!pair) continue;
      const eq = pair.indexOf("=");
      const name = decode(eq < 0 ? pair : pair.slice(0, eq), where);
      const value = decode(eq < 0 ? "" : pair.slice(eq + 1), where);
      const list = values.get(name);
      if (list) list.push(value);
      else values.set(name, [value]);
    }
    return new Params(values);
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** The last value of a parameter; an empty value counts as absent. */
  string(name: string): string | undefined {
    const list = this.values.get(name);
    const value = list?.[list.length - 1];
    return value === "" ? undefined : value;
  }

  required(name: string): string {
    const value = this.string(name);
    if (value === undefined) throw EmulatorError.missing(name);
    return value;
  }

  /** A parameter of at most `maxLength` characters. */
  text(name: string, maxLength: number): string | undefined {
    const value = this.string(name);
    if (value !== undefined && value.length > maxLength) throw EmulatorError.invalid(name, `must be at most ${maxLength} characters`);
    return value;
  }

  /** Every value of a repeated parameter, empty ones dropped (an empty value clears the list). */
  list(name: string): string[] {
    return (this.values.get(name) ?? []).filter((v) => v !== "");
  }

  boolean(name: string): boolean | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const lower = value.toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
    throw EmulatorError.invalid(name, "must be true or false");
  }

  integer(name: string, min: number, max: number): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) throw EmulatorError.invalid(name, `must be an integer from ${min} to ${max}`);
    return n;
  }

  date(name: string): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const time = Date.parse(value);
    if (Number.isNaN(time)) throw EmulatorError.invalid(name, "must be an ISO 8601 date-time");
    return time;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) throw EmulatorError.invalid(name, `must be one of ${allowed.join(", ")}`);
    return value as T;
  }

  matching(name: string, pattern: RegExp, description: string): string | undefined {
    const value = this.string(name);
    if (value !== undefined && !pattern.test(value)) throw EmulatorError.invalid(name, `must be ${description}`);
    return value;
  }
}

function decode(text: string, where: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    throw EmulatorError.invalid(`(${where})`, "is not valid application/x-www-form-urlencoded text");
  }
}
