import type * as pulumi from "@pulumi/pulumi";
import * as path from "path";

const PACKAGE = "pulumi-twilio-video";

/** The package entry the shim loads at run time; see provider/runtime.ts for its contract. */
export const RUNTIME_MODULE = `${PACKAGE}/runtime`;

/**
 * The module whose exports are a kind's shim (provider/shims/<kind>.ts), by the name state stores.
 * package.json exports this path as itself, so the name is the same whether or not the SDK maps
 * the file through "exports"; it is a stable entry point like the runtime: never moved or renamed.
 */
export const shimModuleName = (kind: string) => `${PACKAGE}/dist/provider/shims/${kind}.js`;

/**
 * The provider that `pulumi.dynamic.Resource` serializes into every resource's state, twice (inputs
 * and outputs), and that the engine rewrites with the whole checkpoint after every step. State
 * holds it in one of two forms (see `providerFor`): where the package is installed, the name of
 * the kind's shim module, `require`d when the host loads the provider; elsewhere, the shim's code.
 * For the code form: Pulumi's closure serializer writes each captured function with ~170 bytes of
 * wrapper, so the shim is ONE function: the host always calls `configure` on the provider object
 * before it looks up any other method (cmd/dynamic-provider `getProvider`), and `configure`
 * installs the six methods there.
 *
 * It captures the kind (a string) and nothing else: no library code, client, config or secret.
 * Every method requires the installed package from the program's directory, so the stored text
 * works in a fresh process, from another checkout, and after an upgrade; its two calls,
 * `configure(kind, req)` and `invoke(kind, method, args)`, are the runtime's stable contract.
 * The methods are installed BEFORE the package is loaded: the host caches the provider even when
 * `configure` throws and skips a method that is absent, so a missing package must fail every
 * call (an absent `delete` would "succeed" and drop the object from state while Twilio keeps it).
 * The name form fails every call by itself: the host caches nothing until the text has loaded.
 */

/**
 * The shim's one function: top-level and capturing nothing, so its serialized text stays short
 * (a function expression, so the serializer does not also capture its own name). Its text is
 * stored twice per resource, so it is written for size: the method names as one string, and
 * `configure` itself is one of the installed methods (the runtime's `invoke` answers it).
 */
// The function's text is state, so the lint and format exceptions it needs sit outside it: `any` for the
// installed methods, and a require at call time (the package as the host resolves it then).
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */
// prettier-ignore
const configure = function (this: { kind: string; [method: string]: any }, req: pulumi.dynamic.ConfigureRequest) {
  for (const m of "check diff create read update delete configure".split(" "))
    this[m] = (...a: unknown[]) => require("pulumi-twilio-video/runtime").invoke(this.kind, m, a);
  return this.configure(req);
};
/* eslint-enable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */

export function shimProvider(kind: string): pulumi.dynamic.ResourceProvider {
  // The other methods exist once `configure` ran, which the host guarantees (see above).
  return { kind, configure } as unknown as pulumi.dynamic.ResourceProvider;
}

/**
 * Pulumi's closure serializer writes a value that is the exports of a module installed under
 * node_modules as `require("<name>")` (~300 bytes of state text in all) instead of the shim's code
 * (~700). So where the program's directory resolves the shim module's name to the very file this
 * process loaded (the package installed as npm or yarn lay it out), the provider is that module's
 * exports, and state stores the name. Elsewhere it gets a copy that is no module's exports and is
 * stored as code, as before: a package linked into a checkout or workspace is code to the serializer
 * anyway, and under pnpm's store it would store a path naming the installed version, which an
 * upgrade removes (as an alias install would store a name the host cannot resolve).
 */
export function providerFor(kind: string): pulumi.dynamic.ResourceProvider {
  const file = require.resolve(`../../shims/${kind}`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the file resolved above, as the serializer will see it
  const shim: pulumi.dynamic.ResourceProvider = require(file);
  return storedByName(shimModuleName(kind), file) ? shim : { ...shim };
}

/**
 * Whether the serializer will store `file` as `name` and the host will load this file by it: the
 * serializer names a module by its path relative to the working directory after the first
 * node_modules segment; the host resolves that name from the working directory.
 */
function storedByName(name: string, file: string): boolean {
  const parts = path.relative(process.cwd(), file).split(/[\\/]/);
  const at = parts.indexOf("node_modules");
  if (at < 0 || parts.slice(at + 1).join("/") !== name) return false;
  try {
    return require.resolve(name, { paths: [process.cwd()] }) === file;
  } catch {
    return false;
  }
}
