/**
 * The stable entry point that serialized providers (the shims stored in Pulumi state) require at
 * run time: `require("pulumi-twilio-video/runtime")`. Its two functions are a contract with every
 * state file ever written, so they keep their names and arguments across versions; everything
 * behind them may change freely.
 */
import { ProviderContext } from "./resources/kit/context";
import { ProviderError } from "./resources/kit/errors";
import { withImport } from "./resources/kit/importing";
import type { KindProvider, Props } from "./resources/kit/provider";
import { KINDS, isKindName } from "./resources/registry";

export const RUNTIME_PROTOCOL = 1;

const providers = new Map<string, KindProvider>();

/** Called once per kind by the dynamic-provider host with the stack's whole configuration. */
export async function configure(kind: string, req: { config: { get(key: string): string | undefined } }): Promise<void> {
  const ctx = new ProviderContext();
  ctx.configure(req.config);
  providers.set(kind, kindProvider(kind, ctx));
}

/**
 * Runs one provider method; results are made safe for the host's protobuf conversion. `configure`
 * arrives here too from shims that install it as a method (0.2.0 on).
 */
export async function invoke(kind: string, method: keyof KindProvider | "configure", args: unknown[]): Promise<unknown> {
  if (method === "configure") return configure(kind, args[0] as Parameters<typeof configure>[1]);
  let provider = providers.get(kind);
  if (!provider) {
    // No configure call (older engines): fall back to the environment alone.
    const ctx = new ProviderContext();
    ctx.configure({ get: () => undefined });
    provider = kindProvider(kind, ctx);
    providers.set(kind, provider);
  }
  const fn = provider[method] as ((...a: unknown[]) => Promise<unknown>) | undefined;
  if (typeof fn !== "function") throw new ProviderError(`pulumi-twilio-video: ${kind} has no method ${String(method)}`);
  return withoutUndefined(await fn.apply(provider, args));
}

function kindProvider(kind: string, ctx: ProviderContext): KindProvider {
  if (!isKindName(kind)) {
    throw new ProviderError(`pulumi-twilio-video: unknown resource kind "${kind}"; is the installed package older than the state?`);
  }
  const { spec, provider } = KINDS[kind];
  return withImport(spec, provider(ctx), ctx);
}

/** The host's protobuf Struct conversion rejects `undefined`; drop it at every depth. */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : withoutUndefined(v))) as T;
  if (value !== null && typeof value === "object") {
    const out: Props = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = withoutUndefined(v);
    return out as T;
  }
  return value;
}
