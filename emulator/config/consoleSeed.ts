/**
 * Console seeds (`AccountSpec.console`): an account's configuration objects as a console user left
 * them. Each object is the form the console would have POSTed, encoded and parsed as a request body
 * is, and held to the route's own validation (validateCredential, validateSettings, validateHook),
 * so a seed is accepted exactly when that POST would be. Credentials and keys are seeded first, so
 * settings may name them; hooks last, each against the hooks before it (unique names). Only a seed
 * may say `Sid` (the kind's SID pattern, unique in the emulator) and `DateCreated` (ISO 8601).
 *
 * The S3 storage check (./s3StorageCheck.ts) is not run for seeds: the console ran it back then,
 * when the user saved those settings (a seed stands for settings already saved), and starting the
 * emulator must not depend on reaching a bucket.
 */
import { EmulatorError } from "../core/errors";
import { Params } from "../core/params";
import type { ObjectSeeder, SeedTarget } from "../core/seeds";
import { newSid, twilioDate, twilioNow, type AccountStore } from "../core/state";
import type { ConsoleSeed } from "../core/types";
import { ACCOUNTS_OPS, ACCOUNTS_SID } from "../rules/accountsV1";
import type { Operation } from "../rules/openApi";
import { VIDEO_OPS, VIDEO_SID } from "../rules/videoV1";
import { newHook, validateHook } from "./compositionHooks";
import { validateCredential, type CredentialFamily } from "./credentials";
import { validateSettings } from "./settings";

/** The POST a kind of seeded object stands for, and the pattern of the `Sid` a seed may fix. */
interface Kind {
  op: Operation;
  sid?: RegExp;
}

const KINDS = {
  awsCredentials: { op: ACCOUNTS_OPS.createAws, sid: ACCOUNTS_SID.credential },
  publicKeys: { op: ACCOUNTS_OPS.createPublicKey, sid: ACCOUNTS_SID.credential },
  compositionHooks: { op: VIDEO_OPS.createHook, sid: VIDEO_SID.hook },
  recordingSettings: { op: VIDEO_OPS.createSettings },
  compositionSettings: { op: VIDEO_OPS.createSettings },
} satisfies Record<keyof ConsoleSeed, Kind>;
const SEED_KEYS = Object.keys(KINDS);

/** A seed names no AccountSid: its objects are its account's (a subaccount's go in that subaccount's `console`). */
const NOT_SEEDED = new Set(["AccountSid"]);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/** What each parameter type of the spec takes in a seed (the console sends text; JSON's own types are accepted too). */
const EXPECTED: Record<string, string> = {
  string: "a string",
  boolean: "true or false",
  array: "an array of strings",
  json: "an object or its JSON text",
};

/** A seed value as the form values a console sends for it, by the parameter's type in the spec. */
function formValues(name: string, value: unknown, type: string | undefined): string[] {
  const kind = type === "string" || type === "boolean" || type === "array" ? type : "json";
  if (typeof value === "string") return [value];
  if (kind === "boolean" && typeof value === "boolean") return [String(value)];
  if (kind === "array" && Array.isArray(value) && value.every((item) => typeof item === "string")) return value;
  if (kind === "json" && isObject(value)) return [JSON.stringify(value)];
  throw EmulatorError.invalid(name, `must be ${EXPECTED[kind]}`);
}

function seedSid(value: unknown, kind: Kind, target: SeedTarget): string | undefined {
  if (value === undefined) return undefined;
  const pattern = kind.sid as RegExp;
  if (typeof value !== "string" || !pattern.test(value)) throw EmulatorError.invalid("Sid", `must match ${pattern.source}`);
  if (target.sidInUse(value)) throw EmulatorError.invalid("Sid", `${value} is already the SID of another object`);
  return value;
}

function seedDate(value: unknown): string {
  if (value === undefined) return twilioNow();
  const time = typeof value === "string" && ISO_8601.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) throw EmulatorError.invalid("DateCreated", "must be an ISO 8601 date-time, e.g. 2024-05-01T12:00:00Z");
  return twilioDate(time);
}

/** A seeded object as the form of its POST, with the seed-only `Sid` and `DateCreated`. */
function seedForm(item: unknown, kind: Kind, target: SeedTarget): { form: Params; sid?: string; dateCreated: string } {
  if (!isObject(item)) throw new TypeError("must be an object of the API's parameters");
  const allowed = [...kind.op.names().filter((name) => !NOT_SEEDED.has(name)), ...(kind.sid ? ["Sid", "DateCreated"] : [])];
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(item)) {
    if (!allowed.includes(name)) throw EmulatorError.invalid(name, `is not a parameter of this object (it takes ${allowed.join(", ")})`);
    if (name === "Sid" || name === "DateCreated" || value === undefined || value === null) continue;
    for (const text of formValues(name, value, kind.op.schema(name).type)) body.append(name, text);
  }
  return {
    form: Params.parse(body.toString(), "post body"),
    sid: kind.sid && seedSid(item.Sid, kind, target),
    dateCreated: seedDate(item.DateCreated),
  };
}

function seedCredential(family: CredentialFamily, item: unknown, target: SeedTarget): void {
  const { form, sid, dateCreated } = seedForm(item, KINDS[family], target);
  const record = { sid: sid ?? newSid("CR"), ...validateCredential(family, form), dateCreated, dateUpdated: dateCreated };
  (target.store[family] as (typeof record)[]).push(record);
}

/** Arrays keep creation order, which is the list order: seeded objects go in by their DateCreated. */
function inCreationOrder(store: AccountStore): void {
  const byDate = (a: { dateCreated: string }, b: { dateCreated: string }) => Date.parse(a.dateCreated) - Date.parse(b.dateCreated);
  store.awsCredentials.sort(byDate);
  store.publicKeys.sort(byDate);
  store.hooks.sort(byDate);
}

/** The core's seeder for the configuration API's objects (see EmulatorPart.seed). */
export const seedConsoleObjects: ObjectSeeder = (seed, target) => {
  let object = "console";
  try {
    const given: unknown = seed;
    if (!isObject(given)) throw new TypeError("must be an object");
    const unknown = Object.keys(given).find((key) => !SEED_KEYS.includes(key));
    if (unknown) throw new TypeError(`has no ${unknown} (it takes ${SEED_KEYS.join(", ")})`);
    const list = (key: "awsCredentials" | "publicKeys" | "compositionHooks"): unknown[] => {
      object = key;
      if (given[key] === undefined) return [];
      if (!Array.isArray(given[key])) throw new TypeError("must be an array");
      return given[key];
    };
    for (const family of ["awsCredentials", "publicKeys"] as const) {
      list(family).forEach((item, index) => {
        object = `${family}[${index}]`;
        seedCredential(family, item, target);
      });
    }
    for (const kind of ["recordingSettings", "compositionSettings"] as const) {
      object = kind;
      if (given[kind] === undefined) continue;
      // The same rules as the POST's, against the credentials and keys seeded above; no storage check (see top).
      target.store[kind] = validateSettings(seedForm(given[kind], KINDS[kind], target).form, target.store, target.accountSid).settings;
    }
    list("compositionHooks").forEach((item, index) => {
      object = `compositionHooks[${index}]`;
      const { form, sid, dateCreated } = seedForm(item, KINDS.compositionHooks, target);
      target.store.hooks.push(newHook(validateHook(form, target.store), sid, dateCreated));
    });
    inCreationOrder(target.store);
  } catch (error) {
    throw new TypeError(`Console seed of account ${target.accountSid}, ${object}: ${(error as Error).message}`, { cause: error });
  }
};
