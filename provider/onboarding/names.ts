/**
 * Resource and variable names for the generated program, from Twilio's friendly names: a kebab-case
 * resource name (`"Main grid"` -> `"main-grid"`) and its camelCase variable (`mainGrid`), unique in
 * the program (a second `main-grid` becomes `main-grid-2`), else one made of the kind and the SID's
 * end. Pure: the same objects, asked for in the same order, always get the same names.
 */

export interface ProgramName {
  /** The Pulumi resource name (part of the URN). */
  resource: string;
  /** The TypeScript variable the resource is held in; also the prefix of its stack config keys. */
  variable: string;
}

/** Long friendly names are cut at a word boundary, so declarations and config keys stay readable. */
const MAX_BASE_LENGTH = 48;

// Reserved words and the program's own identifiers: never a resource's variable.
const TAKEN_IDENTIFIERS = [
  "pulumi",
  "twilio",
  "config",
  ...(
    "await break case catch class const continue debugger default delete do else enum export extends false finally for function " +
    "if implements import in instanceof interface let new null package private protected public return static super switch this " +
    "throw true try typeof var void while with yield arguments eval undefined NaN Infinity"
  )
    .split(" ")
    .filter(Boolean),
];

/** `"Main grid (EU)"` -> `"main-grid-eu"`; accents dropped, every other character a separator. */
export function kebabCase(text: string): string {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let base = "";
  for (const word of words) {
    const next = base ? `${base}-${word}` : word;
    if (next.length > MAX_BASE_LENGTH) return base || word.slice(0, MAX_BASE_LENGTH);
    base = next;
  }
  return base;
}

/** `"main-grid-2"` -> `"mainGrid2"`. */
export function camelCase(kebab: string): string {
  return kebab.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Hands out unique names, in the order asked. */
export class Namer {
  private readonly resources = new Set<string>();
  private readonly variables = new Set<string>(TAKEN_IDENTIFIERS);

  /**
   * A name from `friendlyName`, or from `kind` (kebab-case, e.g. `aws-credential`) and the SID's last
   * six characters when the friendly name has no letter or digit to use.
   */
  name(friendlyName: string | null | undefined, kind: string, sid: string): ProgramName {
    const base = kebabCase(friendlyName ?? "") || `${kind}-${sid.slice(-6).toLowerCase()}`;
    // A variable must not start with a digit: `2024-hook` is held in `hook2024Hook`.
    const prefix = /^[0-9]/.test(base) ? camelCase(kind) : "";
    for (let n = 1; ; n++) {
      const resource = n === 1 ? base : `${base}-${n}`;
      const camel = camelCase(resource);
      const variable = prefix ? prefix + camel.charAt(0).toUpperCase() + camel.slice(1) : camel;
      if (this.resources.has(resource) || this.variables.has(variable)) continue;
      this.resources.add(resource);
      this.variables.add(variable);
      return { resource, variable };
    }
  }

  /** A fixed name (the settings singletons'), reserved before the objects are named. */
  reserve(resource: string): ProgramName {
    const variable = camelCase(resource);
    this.resources.add(resource);
    this.variables.add(variable);
    return { resource, variable };
  }
}

/** Twilio's objects in a stable order: by creation time, then SID. */
export function byCreation<T extends { dateCreated: string; sid: string }>(items: T[]): T[] {
  const time = (t: T) => {
    const ms = Date.parse(t.dateCreated);
    return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
  };
  return [...items].sort((a, b) => time(a) - time(b) || (a.sid < b.sid ? -1 : a.sid > b.sid ? 1 : 0));
}
