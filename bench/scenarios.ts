/**
 * One valid configuration per resource kind and a change that updates it in place, so the call
 * count benchmark walks every kind through check, diff, create, read, update and delete.
 */
import { generateKeyPairSync } from "crypto";
import type { PropertyBag } from "../test/helpers/providerHost";

export type Operation = "check" | "diff" | "create" | "read" | "update" | "delete";
export const OPERATIONS: Operation[] = ["check", "diff", "create", "read", "update", "delete"];

export interface KindScenario {
  kind: string;
  inputs: PropertyBag;
  /** Merged over `inputs` for the update; touches only fields that update in place. */
  change: PropertyBag;
  /** Twilio calls each operation is expected to need, and why. */
  budget: Record<Operation, { target: number; why: string }>;
}

// Twilio stores only RSA keys of 2048 bits with exponent 65537 (errors 70101-70104).
const pem = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }).toString();

const LOCAL = {
  check: { target: 0, why: "validation and defaults run locally" },
  diff: { target: 0, why: "compares desired inputs with the last read outputs" },
};

const objectBudget = (updateWhy: string) => ({
  ...LOCAL,
  create: { target: 1, why: "one POST" },
  read: { target: 1, why: "one GET" },
  update: { target: 1, why: updateWhy },
  delete: { target: 1, why: "one DELETE" },
});
const FULL_UPDATE = "one POST with the full desired configuration";
const RENAME = "one POST with FriendlyName, the only field Twilio updates";

// An enabled hook asks the account's live recording settings first: Twilio cannot compose recordings
// stored in S3 or encrypted, so create and update refuse then (the composition guard: Twilio cannot compose recordings stored in S3 or encrypted).
const GUARD = "GET /v1/RecordingSettings/Default (an enabled hook refuses recordings Twilio cannot compose), then ";
const hookBudget = {
  ...objectBudget(FULL_UPDATE),
  create: { target: 2, why: GUARD + "one POST" },
  update: { target: 2, why: GUARD + "one POST with the full desired configuration" },
};

const settingsBudget = {
  ...LOCAL,
  create: { target: 2, why: "GET first so create refuses settings configured elsewhere (unless adoptExisting), then POST" },
  read: { target: 1, why: "one GET" },
  update: { target: 1, why: FULL_UPDATE },
  delete: { target: 1, why: "reset: one POST switching storage and encryption off (singleton, no DELETE)" },
};

export const SCENARIOS: KindScenario[] = [
  {
    kind: "CompositionHook",
    inputs: { friendlyName: "bench-hook", audioSources: ["alice", "bob*"], resolution: "1280x720" },
    change: { resolution: "640x480", trim: false },
    budget: hookBudget,
  },
  {
    kind: "CompositionSettings",
    inputs: { friendlyName: "bench compositions" },
    change: { friendlyName: "bench compositions v2" },
    budget: settingsBudget,
  },
  {
    kind: "RecordingSettings",
    inputs: { friendlyName: "bench recordings" },
    change: { friendlyName: "bench recordings v2" },
    budget: settingsBudget,
  },
  {
    kind: "AwsCredential",
    inputs: {
      accessKeyId: "AKIABENCH00000000001",
      secretAccessKey: "benchSecretNotReal/000000000000000000000",
      friendlyName: "bench writer",
    },
    change: { friendlyName: "bench writer v2" },
    budget: objectBudget(RENAME),
  },
  {
    kind: "PublicKey",
    inputs: { publicKey: pem, friendlyName: "bench key" },
    change: { friendlyName: "bench key v2" },
    budget: objectBudget(RENAME),
  },
];
