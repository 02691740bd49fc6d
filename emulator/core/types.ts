/** Public types of the emulator. */

export interface AccountSpec {
  accountSid: string;
  authToken: string;
  apiKeys?: { sid: string; secret: string }[];
  subaccounts?: AccountSpec[];
  /** Objects as a console user left them: each is what the console would have sent to Twilio's API. */
  console?: ConsoleSeed;
}

/**
 * An account's objects as a console user left them. Keys are the API's own parameter names
 * (PascalCase, as in the form a console POSTs), plus an optional `Sid` that fixes the object's SID
 * (otherwise a new one is made) and an optional `DateCreated` (ISO 8601; otherwise the start time).
 * Each object is held to the rules of the POST that would have made it; settings may name the
 * credentials and keys seeded beside them.
 */
export interface ConsoleSeed {
  awsCredentials?: { Sid?: string; FriendlyName?: string; /** `ACCESS_KEY_ID:SECRET` */ Credentials: string; DateCreated?: string }[];
  publicKeys?: { Sid?: string; FriendlyName?: string; /** PEM */ PublicKey: string; DateCreated?: string }[];
  compositionHooks?: {
    Sid?: string;
    FriendlyName: string;
    Enabled?: boolean;
    /** The layout object, or its JSON text. */
    VideoLayout?: object | string;
    AudioSources?: string[];
    AudioSourcesExcluded?: string[];
    Resolution?: string;
    Format?: "mp4" | "webm";
    Trim?: boolean;
    StatusCallback?: string;
    StatusCallbackMethod?: "GET" | "POST";
    DateCreated?: string;
  }[];
  recordingSettings?: SettingsSeed;
  compositionSettings?: SettingsSeed;
}

/** RecordingSettings/Default or CompositionSettings/Default as a console user left them. */
export interface SettingsSeed {
  FriendlyName: string;
  AwsCredentialsSid?: string;
  AwsS3Url?: string;
  AwsStorageEnabled?: boolean;
  EncryptionKeySid?: string;
  EncryptionEnabled?: boolean;
}

export interface EmulatorOptions {
  /** @default 0 (a free port) */
  port?: number;
  /** @default "127.0.0.1" */
  host?: string;
  /** @default [DEFAULT_ACCOUNT] */
  accounts?: AccountSpec[];
  /** Base URL of an S3-compatible server for the storage check; without it the check is skipped. */
  s3Endpoint?: string;
  /** JSON file loaded at start and rewritten (atomically) after every mutation. */
  persistPath?: string;
  /** Seed of the PRNG behind probabilistic faults, so runs repeat. @default 1 */
  faultSeed?: number;
  /**
   * Waits out injected latency. Tests may pass a recorded clock to see (and hold) each wait.
   * @default a setTimeout of `ms`
   */
  sleep?: (ms: number) => Promise<void>;
  /**
   * The Video simulation's clock: "real" (time passes) or "manual" (stands still until advanced
   * through `POST /__emulator/video/clock/advance` or `videoSimulation(emulator).advance(ms)`).
   * Media v1 (max durations, dates) follows the same clock.
   * @default "real"
   */
  videoClock?: "real" | "manual";
  /**
   * Where the simulation's status callbacks may go: "loopback" (127.0.0.1, localhost, ::1; others
   * are recorded as not sent) or "any". @default "loopback"
   */
  callbackReach?: "loopback" | "any";
}

export interface RequestLogEntry {
  seq: number;
  method: string;
  path: string;
  query: string;
  status: number;
  accountSid?: string;
  faulted?: string;
  at: string;
}

export interface LogFilter {
  method?: string;
  path?: string | RegExp;
  accountSid?: string;
}

export type FaultSpec = {
  match?: { method?: string; path?: string | RegExp };
  /** @default 1 */
  times?: number;
  /** Chance (0..1) that a matching request is faulted; drawn from a seedable PRNG. @default 1 */
  probability?: number;
} & (
  | { kind: "status"; status: 429 | 500 | 503; retryAfterSeconds?: number }
  | { kind: "latency"; ms: number }
  /** Perform the write, then destroy the socket without answering. */
  | { kind: "drop" }
);

export interface Emulator {
  /** http://127.0.0.1:PORT */
  url: string;
  close(): Promise<void>;
  /**
   * Wipe objects, faults and the log; accounts return to their seeds (subaccounts and keys made
   * through the API go) and hold their console-seeded objects again.
   */
  reset(): void;
  addAccount(spec: AccountSpec): void;
  log: { entries(): RequestLogEntry[]; clear(): void; count(filter?: LogFilter): number };
  faults: { add(f: FaultSpec): void; clear(): void };
}
