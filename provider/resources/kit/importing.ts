import { z } from "zod";
import { markClaimed } from "./claims";
import type { ProviderContext } from "./context";
import { canonical } from "./diff";
import { ProviderError } from "./errors";
import type { InputField, ResourceSpec } from "./fields";
import type { KindProvider, Props } from "./provider";
import { containsUnknown } from "./unknown";

/**
 * The input that carries Pulumi's `import` resource option. The engine cannot import a dynamic
 * resource (it reads an imported resource before any provider text exists), so each class takes
 * the option out of the options it passes on and gives its value to the provider as this input.
 */
export const IMPORT_KEY = "importId";

/** The import input of a kind whose id matches `pattern` (`what` names it in messages). */
export function importField(what: string, pattern: RegExp) {
  return {
    schema: z.string("must be a string").regex(pattern, `must be ${what} matching ${pattern.source}`),
    type: "string",
    createOnly: true,
    description:
      "Set from Pulumi's `import` resource option (do not set it yourself): the existing object this resource takes over " +
      "when it is created, without writing to Twilio. The program must say what the object has; a difference fails the preview " +
      "with the differing fields. Ignored once the resource exists.",
  } as const satisfies InputField;
}

/** Whether `olds` are the inputs of a resource that exists already (a create sees none). */
const exists = (olds: Props) => Object.keys(olds).some((k) => !k.startsWith("__"));

/** A value for a message: compact, and never a secret. */
function shown(field: InputField | undefined, value: unknown): string {
  if (field?.secret) return "(secret)";
  if (value === undefined || value === null || value === "") return "not set";
  const text = typeof value === "string" ? JSON.stringify(value) : canonical("json", value);
  return text.length > 240 ? `${text.slice(0, 240)}...` : text;
}

/**
 * Pulumi's import, for a kind whose spec has the import input: what a Pulumi user expects of
 * `{ import: id }`. A new resource with it is checked against the live object at `check`, so the
 * preview fails when the object does not exist or differs from the program (naming each field),
 * and its create takes the object over with no write at all: the outputs are what a read gives.
 * Once the resource exists the input is dropped (a later replacement creates, as Pulumi's import
 * is ignored for a resource already in the stack).
 */
export function withImport(spec: ResourceSpec, kind: KindProvider, ctx: ProviderContext): KindProvider {
  if (!(IMPORT_KEY in spec.inputs)) return kind;
  const idIsAccount = spec.outputs.accountSid?.fromId === true;

  /** The live object under `id`, or why it cannot be imported as the program declares it. */
  async function examine(id: string, inputs: Props): Promise<{ id: string; props: Props } | { problem: string }> {
    const where = ctx.providerName ? `Provider ${ctx.providerName}'s account` : "the stack's account";
    if (idIsAccount && id !== ctx.accountSid) {
      return { problem: `import "${id}": ${spec.name} is one per account, and its id is the account's SID: ${where} is ${ctx.accountSid}` };
    }
    let found: Awaited<ReturnType<KindProvider["read"]>>;
    let diff: Awaited<ReturnType<KindProvider["diff"]>>;
    try {
      found = await kind.read(id, inputs);
      if (!found.id) return { problem: `import "${id}": no ${spec.name} ${id} exists in account ${ctx.accountSid}` };
      diff = await kind.diff(found.id, found.props, inputs);
    } catch (e) {
      // The kind's own refusals (another account's object, not a subaccount of this one) are import problems.
      if (e instanceof ProviderError) return { problem: `import "${id}": ${e.message}` };
      throw e;
    }
    // A value unknown at preview (e.g. a credential imported in the same run) is compared at create.
    const changed = diff.changed.filter((key) => !containsUnknown(inputs[key]));
    if (changed.length === 0) return found;
    const live = { ...found.props, ...found.inputs };
    const details = changed.map(
      (key) => `${key} is ${shown(spec.inputs[key], live[key])} at Twilio, ${shown(spec.inputs[key], inputs[key])} in the program`,
    );
    return {
      problem:
        `import "${id}": the ${spec.name} at Twilio differs from the program (${details.join("; ")}); nothing was written. ` +
        `Make the program say what Twilio has (then 'pulumi up' imports it without a write), or, to take it over and change it, ` +
        `use ${"adoptSid" in spec.inputs ? `adoptSid: "${id}"` : "adoptExisting: true"} instead of the import option.`,
    };
  }

  return {
    ...kind,

    async check(olds, news) {
      const outcome = await kind.check(olds, news);
      const id = outcome.inputs[IMPORT_KEY];
      if (id === undefined) return outcome;
      if (exists(olds)) {
        const inputs = { ...outcome.inputs };
        delete inputs[IMPORT_KEY];
        return { ...outcome, inputs };
      }
      if (outcome.failures.length > 0 || typeof id !== "string" || containsUnknown(id)) return outcome;
      const found = await examine(id, outcome.inputs);
      return "problem" in found ? { ...outcome, failures: [{ property: IMPORT_KEY, reason: found.problem }] } : outcome;
    },

    async create(inputs) {
      const id = inputs[IMPORT_KEY];
      if (typeof id !== "string") return kind.create(inputs);
      const found = await examine(id, inputs);
      if ("problem" in found) throw new ProviderError(found.problem);
      markClaimed(spec.name, found.id); // an old resource of this run holding it must not delete it
      return { id: found.id, outs: { ...found.props, [IMPORT_KEY]: id } };
    },

    async read(id, props) {
      const result = await kind.read(id, props);
      const importId = props[IMPORT_KEY];
      if (importId === undefined || !result.id) return result;
      return {
        ...result,
        props: { ...result.props, [IMPORT_KEY]: importId },
        inputs: result.inputs && { ...result.inputs, [IMPORT_KEY]: importId },
      };
    },
  };
}
