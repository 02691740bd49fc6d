import type * as pulumi from "@pulumi/pulumi";

/** The package entry the shim loads at run time; see provider/runtime.ts for its contract. */
export const RUNTIME_MODULE = "pulumi-twilio-video/runtime";

/**
 * The provider that `pulumi.dynamic.Resource` serializes into every resource's state, twice (inputs
 * and outputs), and that the engine rewrites with the whole checkpoint after every step. Pulumi's
 * closure serializer writes each captured function with ~170 bytes of wrapper, so the shim is ONE
 * function: the host always calls `configure` on the provider object before it looks up any other
 * method (cmd/dynamic-provider `getProvider`), and `configure` installs the six methods there.
 *
 * It captures the kind (a string) and nothing else: no library code, client, config or secret.
 * Every method requires the installed package from the program's directory, so the stored text
 * works in a fresh process, from another checkout, and after an upgrade; its two calls,
 * `configure(kind, req)` and `invoke(kind, method, args)`, are the runtime's stable contract.
 * The methods are installed BEFORE the package is loaded: the host caches the provider even when
 * `configure` throws and skips a method that is absent, so a missing package must fail every
 * call (an absent `delete` would "succeed" and drop the object from state while Twilio keeps it).
 */

/**
 * The shim's one function: top-level and capturing nothing, so its serialized text stays short
 * (a function expression, so the serializer does not also capture its own name). Its text is
 * stored twice per resource, so it is written for size: the method names as one string, and
 * `configure` itself is one of the installed methods (the runtime's `invoke` answers it).
 */
const configure = function (this: { kind: string; [method: string]: any }, req: pulumi.dynamic.ConfigureRequest) {
  for (const m of "check diff create read update delete configure".split(" "))
    this[m] = (...a: unknown[]) => require("pulumi-twilio-video/runtime").invoke(this.kind, m, a);
  return this.configure(req);
};

export function shimProvider(kind: string): pulumi.dynamic.ResourceProvider {
  // The other methods exist once `configure` ran, which the host guarantees (see above).
  return { kind, configure } as unknown as pulumi.dynamic.ResourceProvider;
}
