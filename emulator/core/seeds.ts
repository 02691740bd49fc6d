/**
 * Console seeds in the core: the configuration objects an account is seeded with
 * (`AccountSpec.console`), built by the parts' seeders (config/consoleSeed.ts), kept by the state
 * for reset() and persistence.
 */
import { createHash } from "crypto";
import type { AccountStore } from "./state";
import type { ConsoleSeed } from "./types";

/** The configuration objects of a store: what a console seed gives an account. */
export type ConfigObjects = Pick<AccountStore, "hooks" | "compositionSettings" | "recordingSettings" | "awsCredentials" | "publicKeys">;

/** An account's console seed as built: the objects, and a digest of the seed they were built from. */
export interface SeededObjects {
  /** SHA-256 of the seed's JSON (not the seed itself: it holds secrets); absent without a seed. */
  digest?: string;
  objects: ConfigObjects;
}

/** What a seeder fills: a fresh store of the account, and the SIDs the emulator already uses. */
export interface SeedTarget {
  accountSid: string;
  store: AccountStore;
  /** Whether an object of the emulator (in any account, or seeded before in this call) has this SID. */
  sidInUse(sid: string): boolean;
}

/** Builds an account's console seed into its store; throws a TypeError naming the account, object and parameter. */
export type ObjectSeeder = (seed: ConsoleSeed, target: SeedTarget) => void;

/** The seed of an account as built into `store` (a copy of its configuration objects). */
export function seededObjects(seed: ConsoleSeed | undefined, store: AccountStore): SeededObjects {
  const { hooks, compositionSettings, recordingSettings, awsCredentials, publicKeys } = store;
  return {
    digest: seed === undefined ? undefined : createHash("sha256").update(JSON.stringify(seed)).digest("hex"),
    objects: structuredClone({ hooks, compositionSettings, recordingSettings, awsCredentials, publicKeys }),
  };
}

/** Every object SID of a store's configuration objects (hooks HK, credentials and keys CR). */
export function objectSids(objects: ConfigObjects): string[] {
  return [...objects.hooks, ...objects.awsCredentials, ...objects.publicKeys].map((object) => object.sid);
}
