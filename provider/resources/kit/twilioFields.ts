import { layoutWithoutDefaults } from "../../twilio/rules";
import { parseJsonish } from "./diff";
import type { ResourceSpec } from "./fields";
import type { Props } from "./provider";

/** The fields a resource sends to and reads from Twilio: every input but the provider's instructions. */
export function twilioFieldKeys(spec: ResourceSpec): string[] {
  return Object.entries(spec.inputs)
    .filter(([, f]) => !f.createOnly && !f.providerOnly)
    .map(([k]) => k);
}

/**
 * The client parameters for checked inputs: every Twilio field as it is (updates send the full
 * configuration: Twilio resets what a POST leaves out), a JSON field as an object (it may be
 * written as its text), and an empty one not at all.
 */
export function twilioParams(spec: ResourceSpec, inputs: Props): Props {
  const params: Props = {};
  for (const key of twilioFieldKeys(spec)) {
    const compare = spec.inputs[key].compare;
    const value = compare === "json" || compare === "layout" ? parseJsonish(inputs[key]) : inputs[key];
    if (!isNothing(value)) params[key] = value;
  }
  return params;
}

/**
 * A live object's configuration under the inputs' names, as a program writes it: what Twilio says
 * by "nothing" (null, an empty list, an empty layout) left out, and each layout region without the
 * keys Twilio fills in by itself (`diff` compares regions with them filled in).
 */
export function liveConfiguration(spec: ResourceSpec, live: object): Props {
  const out: Props = {};
  for (const key of twilioFieldKeys(spec)) {
    let value = (live as Props)[key];
    if (spec.inputs[key].compare === "layout") value = layoutWithoutDefaults(value);
    if (!isNothing(value)) out[key] = value;
  }
  return out;
}

function isNothing(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && Object.keys(value).length === 0;
}
