/**
 * The emulator's state model: accounts (with subaccounts and API keys) and, per account, the
 * stores of each resource family. `reset()` wipes objects and keeps accounts.
 */
import { randomBytes } from "crypto";
import { emptyMediaV1Store, type MediaV1Store } from "../mediaV1/model";
import { ACCOUNTS_SID } from "../rules/accountsV1";
import { API_KEY_SID } from "../rules/documented";
import type { AccountSpec } from "./types";
import { emptyVideoStore, type CompositionSpec, type VideoStore } from "../video/model";

export interface AccountRecord {
  sid: string;
  authToken: string;
  parentSid?: string;
  apiKeys: { sid: string; secret: string }[];
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
  stores: Record<string, AccountStore>;
}

export function newSid(prefix: "HK" | "CR"): string {
  return prefix + randomBytes(16).toString("hex");
}

/** Twilio renders dates as ISO 8601 without milliseconds. */
export function twilioNow(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}

function emptyStore(): AccountStore {
  return {
    hooks: [], compositionSettings: null, recordingSettings: null, awsCredentials: [], publicKeys: [],
    video: emptyVideoStore(), mediaV1: emptyMediaV1Store(),
  };
}

export class EmulatorState {
  private accounts = new Map<string, AccountRecord>();
  private stores = new Map<string, AccountStore>();
  /** Called after every mutation (persistence hooks in here). */
  onMutation: () => void = () => undefined;

  addAccount(spec: AccountSpec, parentSid?: string): void {
    if (!ACCOUNTS_SID.account.test(spec.accountSid ?? "")) throw new TypeError(`accountSid must match ${ACCOUNTS_SID.account}`);
    if (typeof spec.authToken !== "string" || !spec.authToken) throw new TypeError("authToken must be a non-empty string");
    for (const key of spec.apiKeys ?? []) {
      if (!API_KEY_SID.test(key.sid)) throw new TypeError(`API key sid must match ${API_KEY_SID}`);
    }
    this.accounts.set(spec.accountSid, {
      sid: spec.accountSid,
      authToken: spec.authToken,
      parentSid,
      apiKeys: (spec.apiKeys ?? []).map((k) => ({ sid: k.sid, secret: k.secret })),
    });
    for (const sub of spec.subaccounts ?? []) this.addAccount(sub, spec.accountSid);
  }

  account(sid: string): AccountRecord | undefined {
    return this.accounts.get(sid);
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

  reset(): void {
    this.stores.clear();
    this.onMutation();
  }

  snapshot(): StateSnapshot {
    return { accounts: [...this.accounts.values()], stores: Object.fromEntries(this.stores) };
  }

  /** Replace objects with a snapshot's; accounts are merged (configured accounts win). */
  restore(snapshot: StateSnapshot): void {
    for (const account of snapshot.accounts) {
      if (!this.accounts.has(account.sid)) this.accounts.set(account.sid, account);
    }
    this.stores = new Map(Object.entries(snapshot.stores).map(([sid, store]) => [sid, { ...emptyStore(), ...store }]));
  }
}
