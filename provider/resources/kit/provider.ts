import type { ProviderContext } from "./context";

export type Props = Record<string, unknown>;

/** The dynamic-provider contract, minus `configure`, which the runtime does once per kind. */
export interface KindProvider {
  check(olds: Props, news: Props): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }>;
  diff(
    id: string,
    olds: Props,
    news: Props,
  ): Promise<{ changes: boolean; replaces: string[]; stables: string[]; deleteBeforeReplace: boolean; changed: string[] }>;
  create(inputs: Props): Promise<{ id: string; outs: Props }>;
  read(id: string, props: Props): Promise<{ id: string; props: Props; inputs?: Props }>;
  update(id: string, olds: Props, news: Props): Promise<{ outs: Props }>;
  delete(id: string, props: Props): Promise<void>;
}

export type KindProviderFactory = (ctx: ProviderContext) => KindProvider;

/** A read that found nothing: the engine takes the blank id to mean the object is gone. */
export const GONE = { id: "", props: {} as Props };

/** Keeps only the named keys of a props bag (the inputs part of live state). */
export function pick(props: Props, keys: string[]): Props {
  const out: Props = {};
  for (const key of keys) if (props[key] !== undefined && props[key] !== null) out[key] = props[key];
  return out;
}
