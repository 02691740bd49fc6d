/**
 * The emulator's state model: accounts (with subaccounts and API keys) and, per account, the
 * stores of each resource family. Accounts are seeded (options, CLI, admin route), with the
 * configuration objects a console user left them (`AccountSpec.console`, built by the parts'
 * seeders), or created through the API (subaccounts, keys); `reset()` wipes objects and returns
 * the accounts to their seeds, seeded objects included.
 */
import { randomBytes } from "crypto";
import { emptyMediaV1Store, type MediaV1Store } from "../mediaV1/model";
import { API2010_SID, defaultSubaccountName, type AccountStatus } from "../rules/api2010";
import { ACCOUNT_FACTS } from "../rules/documented";
import { objectSids, seededObjects, type ObjectSeeder, type SeededObjects, type SeedTarget } from "./seeds";
import type { AccountSpec } from "./types";
import { emptyVideoStore, type CompositionSpec, type VideoStore } from "../video/model";

export interface ApiKeyRecord {
  sid: string;
  secret: string;
  friendlyName: string | null;
  dateCreated: string;
  dateUpdated: string;
}

export interface AccountRecord {
  sid: string;
  authToken: string;
  /** The owner of a subaccount; none for a main account. */
  parentSid?: string;
  apiKeys: ApiKeyRecord[];
  friendlyName: string;
  status: AccountStatus;
  dateCreated: string;
  dateUpdated: string;
}

/** A composition hook: the composition it starts when a room with recordings ends, and its own fields. */
export interface HookRecord extends CompositionSpec {
  sid: string;
  friendlyName: string;
  enabled: boolean;
  dateCreated: string;
  /** null until the first update, as Twilio answers. */
  dateUpdated: string | null;
}

export interface SettingsRecord {
  friendlyName: string | null;
  awsCredentialsSid: string | null;
  awsS3Url: string | null;
  awsStorageEnabled: boolean;
  encryptionKeySid: string | null;
  encryptionEnabled: boolean;
}

export interface AwsCredentialRecord {
  sid: string;
  friendlyName: string | null;
  accessKeyId: string;
  /** Kept to sign the S3 storage check; never rendered. */
  secretAccessKey: string;
  dateCreated: string;
  dateUpdated: string;
}

export interface PublicKeyRecord {
  sid: string;
  friendlyName: string | null;
  publicKey: string;
  dateCreated: string;
  dateUpdated: string;
}

export type SettingsKind = "compositionSettings" | "recordingSettings";

/** Objects of one account; arrays keep creation order, which is the list order. */
export interface AccountStore {
  hooks: HookRecord[];
  compositionSettings: SettingsRecord | null;
  recordingSettings: SettingsRecord | null;
  awsCredentials: AwsCredentialRecord[];
  publicKeys: PublicKeyRecord[];
  /** Video v1 runtime: rooms (with participants and tracks), recordings, compositions. */
  video: VideoStore;
  /** media.twilio.com objects (emulator/mediaV1). */
  mediaV1: MediaV1Store;
}

export interface StateSnapshot {
  accounts: AccountRecord[];
  /** The accounts as seeded (absent in files of earlier versions, where every account was a seed). */
  seeds?: AccountRecord[];
  /** Each seeded account's console-seeded objects (absent in files of earlier versions: none). */
  seedObjects?: Record<string, SeededObjects>;
  stores: Record<string, AccountStore>;
}

export function newSid(prefix: "HK" | "CR" | "AC" | "SK"): string {
  return prefix + randomBytes(16).toString("hex");
}

/** Twilio renders dates as ISO 8601 without milliseconds. */
export function twilioDate(time: number): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function twilioNow(): string {
  return twilioDate(Date.now());
}

function emptyStore(): AccountStore {
  return {
    hooks: [],
    compositionSettings: null,
    recordingSettings: null,
    awsCredentials: [],
    publicKeys: [],
    video: emptyVideoStore(),
    mediaV1: emptyMediaV1Store(),
  };
}

/** A new account's own fields: a main account's Twilio console name, or a subaccount's spec default name. */
export function newAccountFields(
  parentSid: string | undefined,
  dateCreated: string,
): Pick<AccountRecord, "friendlyName" | "status" | "dateCreated" | "dateUpdated"> {
  const friendlyName = parentSid ? defaultSubaccountName(new Date(dateCreated)) : ACCOUNT_FACTS.mainAccountFriendlyName;
  return { friendlyName, status: "active", dateCreated, dateUpdated: dateCreated };
}

/** A record of a state file written before accounts and keys had names, statuses and dates gets them. */
function completed(record: AccountRecord, now: string): AccountRecord {
  const keyFields = { friendlyName: null, dateCreated: now, dateUpdated: now };
  return { ...newAccountFields(record.parentSid, now), ...record, apiKeys: record.apiKeys.map((key) => ({ ...keyFields, ...key })) };
}

const copy = (record: AccountRecord): AccountRecord => structuredClone(record);

/** One account of an AccountSpec tree, checked and built, not yet in the state. */
interface PreparedAccount {
  record: AccountRecord;
  /** Its console-seeded objects (none without `console`). */
  seeded: SeededObjects;
}

export class EmulatorState {
  private accounts = new Map<string, AccountRecord>();
  /** Each seeded account as seeded: what reset() returns the accounts to. */
  private readonly seeds = new Map<string, AccountRecord>();
  /** Each seeded account's console-seeded objects: what reset() returns its store to. */
  private readonly seedObjects = new Map<string, SeededObjects>();
  private stores = new Map<string, AccountStore>();
  /** Called after every mutation (persistence hooks in here). */
  onMutation: () => void = () => undefined;

  /** `seeders` build `AccountSpec.console` (the parts' objects; see core/server.ts). */
  constructor(private readonly seeders: ObjectSeeder[] = []) {}

  /**
   * Seed an account and its subaccounts. The whole tree is checked and built first, so a bad spec
   * (or console seed) anywhere changes nothing. An account seeded again with `console` gets those
   * objects in place of its configuration objects.
   */
  addAccount(spec: AccountSpec): void {
    const prepared: PreparedAccount[] = [];
    this.prepare(spec, undefined, prepared);
    for (const { record, seeded } of prepared) {
      this.accounts.set(record.sid, record);
      this.seeds.set(record.sid, copy(record));
      this.seedObjects.set(record.sid, structuredClone(seeded));
      if (seeded.digest) Object.assign(this.store(record.sid), structuredClone(seeded.objects));
    }
  }

  private prepare(spec: AccountSpec, parentSid: string | undefined, prepared: PreparedAccount[]): void {
    if (!API2010_SID.account.test(spec.accountSid ?? "")) throw new TypeError(`accountSid must match ${API2010_SID.account}`);
    if (typeof spec.authToken !== "string" || !spec.authToken) throw new TypeError("authToken must be a non-empty string");
    for (const key of spec.apiKeys ?? []) {
      if (!API2010_SID.key.test(key.sid)) throw new TypeError(`API key sid must match ${API2010_SID.key}`);
    }
    const now = twilioNow();
    const record: AccountRecord = {
      sid: spec.accountSid,
      authToken: spec.authToken,
      parentSid,
      apiKeys: (spec.apiKeys ?? []).map((k) => ({ sid: k.sid, secret: k.secret, friendlyName: null, dateCreated: now, dateUpdated: now })),
      ...newAccountFields(parentSid, now),
    };
    const store = emptyStore();
    if (spec.console !== undefined) {
      const target: SeedTarget = { accountSid: record.sid, store, sidInUse: this.sidsInUse(record.sid, prepared, store) };
      for (const seeder of this.seeders) seeder(spec.console, target);
    }
    prepared.push({ record, seeded: seededObjects(spec.console, store) });
    for (const sub of spec.subaccounts ?? []) this.prepare(sub, spec.accountSid, prepared);
  }

  /**
   * SIDs are unique across the emulator: those of every account's objects and seeds, of the accounts
   * prepared before in this call and of the store being seeded. An account seeded again gives up
   * its own objects' SIDs.
   */
  private sidsInUse(accountSid: string, prepared: PreparedAccount[], store: AccountStore): (sid: string) => boolean {
    const elsewhere = [...this.stores, ...[...this.seedObjects].map(([sid, seeded]) => [sid, seeded.objects] as const)];
    const others = elsewhere.filter(([sid]) => sid !== accountSid).map(([, objects]) => objects);
    const taken = new Set([...others, ...prepared.map((other) => other.seeded.objects)].flatMap(objectSids));
    return (sid) => taken.has(sid) || objectSids(store).includes(sid);
  }

  /** An account created through the API (a subaccount): reset() removes it. */
  insertAccount(record: AccountRecord): void {
    this.accounts.set(record.sid, record);
  }

  account(sid: string): AccountRecord | undefined {
    return this.accounts.get(sid);
  }

  /** The subaccounts of an account, in creation order. */
  subaccounts(parentSid: string): AccountRecord[] {
    return [...this.accounts.values()].filter((account) => account.parentSid === parentSid);
  }

  /** Whether an account's credentials authenticate: it is active, and so is its parent (a suspended parent suspends its subaccounts). */
  isActive(account: AccountRecord): boolean {
    const parent = account.parentSid === undefined ? undefined : this.accounts.get(account.parentSid);
    return account.status === "active" && (parent === undefined || this.isActive(parent));
  }

  /** The account an API key belongs to, with the key's secret. */
  apiKey(keySid: string): { account: AccountRecord; secret: string } | undefined {
    for (const account of this.accounts.values()) {
      const key = account.apiKeys.find((k) => k.sid === keySid);
      if (key) return { account, secret: key.secret };
    }
    return undefined;
  }

  isSubaccountOf(childSid: string, parentSid: string): boolean {
    return this.accounts.get(childSid)?.parentSid === parentSid;
  }

  store(accountSid: string): AccountStore {
    let store = this.stores.get(accountSid);
    if (!store) {
      store = emptyStore();
      this.stores.set(accountSid, store);
    }
    return store;
  }

  /** Run a change to the state, then notify (persist). */
  mutate<T>(change: () => T): T {
    const result = change();
    this.onMutation();
    return result;
  }

  /**
   * Wipe objects; the accounts return to their seeds (subaccounts and keys made through the API go)
   * and their stores to their console-seeded objects.
   */
  reset(): void {
    this.accounts = new Map([...this.seeds].map(([sid, seed]) => [sid, copy(seed)]));
    this.stores = new Map([...this.seedObjects.keys()].map((sid) => [sid, this.seededStore(sid)]));
    this.onMutation();
  }

  /** A store holding just an account's console-seeded objects. */
  private seededStore(sid: string): AccountStore {
    return { ...emptyStore(), ...structuredClone(this.seedObjects.get(sid)?.objects) };
  }

  snapshot(): StateSnapshot {
    return {
      accounts: [...this.accounts.values()],
      seeds: [...this.seeds.values()],
      seedObjects: Object.fromEntries(this.seedObjects),
      stores: Object.fromEntries(this.stores),
    };
  }

  /**
   * Replace objects with a snapshot's. Accounts are merged: a configured account keeps its configured
   * credentials (auth token, parent, seeded keys) and takes what the API changed (name, status, the
   * keys it created); the others, seeded at runtime or created through the API, come back as saved.
   * Objects are the snapshot's (as the last run left them, seeded ones included), except that an
   * account the snapshot holds none for starts from its console seed. The saved console seeds stay
   * what reset() returns to (with the SIDs and dates they were given first), except for an account
   * this run configures with a different seed: its new seed is.
   */
  restore(snapshot: StateSnapshot): void {
    const now = twilioNow();
    const savedSeeds = new Map((snapshot.seeds ?? snapshot.accounts).map((seed) => [seed.sid, completed(seed, now)]));
    for (const [sid, seed] of savedSeeds) if (!this.seeds.has(sid)) this.seeds.set(sid, seed);
    for (const [sid, saved] of Object.entries(snapshot.seedObjects ?? {})) {
      const configured = this.seedObjects.get(sid);
      if (!configured || configured.digest === saved.digest) this.seedObjects.set(sid, saved);
    }
    for (const saved of snapshot.accounts.map((account) => completed(account, now))) {
      const configured = this.accounts.get(saved.sid);
      if (!configured) {
        this.accounts.set(saved.sid, saved);
        continue;
      }
      const seeded = new Set([...(savedSeeds.get(saved.sid)?.apiKeys ?? []), ...configured.apiKeys].map((key) => key.sid));
      Object.assign(configured, {
        friendlyName: saved.friendlyName,
        status: saved.status,
        dateCreated: saved.dateCreated,
        dateUpdated: saved.dateUpdated,
        apiKeys: [...configured.apiKeys, ...saved.apiKeys.filter((key) => !seeded.has(key.sid))],
      });
    }
    const seeded = [...this.stores.keys()];
    this.stores = new Map(Object.entries(snapshot.stores).map(([sid, store]) => [sid, { ...emptyStore(), ...store }]));
    for (const sid of seeded) if (!this.stores.has(sid)) this.stores.set(sid, this.seededStore(sid));
  }
}
