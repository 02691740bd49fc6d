// Produces a `__provider` text exactly as `pulumi.dynamic.Resource` does, so host tests can run a
// provider object in the form the engine stores in state.
import * as pulumi from "@pulumi/pulumi";

/** `props` without the serialized provider (`__provider`), for exact comparisons of the rest. */
export function withoutProvider(props: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...props };
  delete rest.__provider;
  return rest;
}

/** The serialized text of `provider`, as stored under `__provider` (exports `handler`). */
export async function serializeProvider(provider: object): Promise<string> {
  // dynamic.Resource serializes `() => provider` with allowSecrets: true; the host calls handler().
  const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return serialized.text;
}
