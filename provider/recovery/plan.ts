import { ProviderContext } from "../resources/kit/context";
import { PROVIDER_NAME_KEY } from "../resources/kit/settings";
import type { TwilioClient } from "../twilio";

/**
 * After an interrupted `pulumi up` (killed CLI, lost runner), Pulumi keeps each create it was
 * waiting for as a pending CREATE operation: the URN and inputs, but no ID, because the answer
 * never came. The object may well exist in Twilio. Pulumi's own way out is
 * `pulumi refresh --import-pending-creates URN ID` (the object exists) or `--clear-pending-creates`
 * (it does not); this finds out which applies to each of this package's resources, by asking Twilio
 * for the object the inputs name.
 */
export interface PendingCreate {
  urn: string;
  /** The dynamic type, e.g. `pulumi-nodejs:dynamic/twilio-video:CompositionHook`. */
  type: string;
  inputs: Record<string, unknown>;
  /** The provider reference (`URN::ID`) the create ran under; an explicit `Provider`'s or the default one's. */
  provider?: string;
}

export interface RecoveryPlan {
  /** Pending creates whose object exists: import it into the resource. */
  imports: { urn: string; id: string }[];
  /** Pending creates that made nothing: clear them, and the next `up` creates the object. */
  clears: string[];
  /** Pending creates this cannot decide (several candidates); each names what to do. */
  problems: string[];
  /** Pending creates of other packages' resources, left to their owners. */
  foreign: string[];
}

const TYPE_PREFIX = "pulumi-nodejs:dynamic/twilio-video:";

/** The pending CREATE operations of a `pulumi stack export` document. */
export function pendingCreates(exported: unknown): PendingCreate[] {
  const ops = (exported as { deployment?: { pending_operations?: unknown[] } })?.deployment?.pending_operations ?? [];
  return ops.flatMap((op) => {
    const { type, resource } = op as {
      type?: string;
      resource?: { urn?: string; type?: string; inputs?: Record<string, unknown>; provider?: string };
    };
    if (type !== "creating" || !resource?.urn || !resource.type) return [];
    return [{ urn: resource.urn, type: resource.type, inputs: resource.inputs ?? {}, provider: resource.provider }];
  });
}

/** IDs already held by resources in the state: a candidate held by one is not an orphan. */
export function managedIds(exported: unknown): Set<string> {
  const resources = (exported as { deployment?: { resources?: { id?: string }[] } })?.deployment?.resources ?? [];
  return new Set(resources.map((r) => r.id).filter((id): id is string => typeof id === "string" && id !== ""));
}

/**
 * The configuration of each explicit `Provider` in a `pulumi stack export --show-secrets` document,
 * by its reference (`URN::ID`, as resources name their provider): its inputs, secrets revealed.
 * Resources under one of these were made in its account; the others in the stack config's.
 */
export function providerConfigs(revealed: unknown): Map<string, Record<string, string>> {
  const resources =
    (revealed as { deployment?: { resources?: { urn?: string; id?: string; type?: string; inputs?: Record<string, unknown> }[] } })
      ?.deployment?.resources ?? [];
  const configs = new Map<string, Record<string, string>>();
  for (const r of resources) {
    if (r.type !== "pulumi:providers:pulumi-nodejs" || !r.urn || !r.id || !r.inputs || !(PROVIDER_NAME_KEY in r.inputs)) continue;
    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(r.inputs)) {
      const plain = revealedValue(value);
      if (typeof plain === "string") config[key] = plain;
    }
    configs.set(`${r.urn}::${r.id}`, config);
  }
  return configs;
}

/**
 * One client per account the pending creates ran in: an explicit provider's (configured from its
 * revealed inputs, as its host was), else the stack config's (`stackConfig`).
 */
export function recoveryClients(
  stackConfig: (key: string) => string | undefined,
  providers: Map<string, Record<string, string>>,
): (op: PendingCreate) => TwilioClient {
  const contexts = new Map<string, ProviderContext>();
  return (op) => {
    const explicit = op.provider !== undefined ? providers.get(op.provider) : undefined;
    const key = explicit ? op.provider! : "";
    let ctx = contexts.get(key);
    if (!ctx) {
      ctx = new ProviderContext();
      ctx.configure({ get: explicit ? (k) => explicit[k] : stackConfig });
      contexts.set(key, ctx);
    }
    return ctx.client;
  };
}

/** A revealed secret is exported as `{ "4dabf18193072939515e22adb298388d": ..., plaintext: "<JSON>" }`. */
function revealedValue(value: unknown): unknown {
  if (typeof value === "object" && value !== null && "plaintext" in value) {
    return JSON.parse(String((value as { plaintext: unknown }).plaintext));
  }
  return value;
}

/**
 * Decides each pending create by asking Twilio, through `clientFor(op)`: a client of the account the
 * create ran in (its explicit provider's, or the stack config's).
 */
export async function planRecovery(
  pending: PendingCreate[],
  managed: Set<string>,
  clientFor: (op: PendingCreate) => TwilioClient,
): Promise<RecoveryPlan> {
  const plan: RecoveryPlan = { imports: [], clears: [], problems: [], foreign: [] };
  for (const op of pending) {
    if (!op.type.startsWith(TYPE_PREFIX)) {
      plan.foreign.push(op.urn);
      continue;
    }
    const kind = op.type.slice(TYPE_PREFIX.length);
    const found = await candidates(kind, op.inputs, clientFor(op));
    const free = found.filter((sid) => !managed.has(sid) || kind.endsWith("Settings"));
    if (free.length === 1) plan.imports.push({ urn: op.urn, id: free[0] });
    else if (free.length === 0) plan.clears.push(op.urn);
    else {
      plan.problems.push(
        `${op.urn}: ${free.length} unmanaged ${kind}s named ${JSON.stringify(op.inputs.friendlyName ?? null)} exist (${free.join(", ")}); ` +
          `import the right one with 'pulumi refresh --import-pending-creates ${op.urn} <SID>' and delete the others`,
      );
    }
  }
  return plan;
}

/** The SIDs of the objects a pending create of `kind` with these inputs could have made. */
async function candidates(kind: string, inputs: Record<string, unknown>, client: TwilioClient): Promise<string[]> {
  const name = typeof inputs.friendlyName === "string" ? inputs.friendlyName : undefined;
  switch (kind) {
    // A singleton: its ID is the account, and it always exists.
    case "CompositionSettings":
    case "RecordingSettings":
      return [client.accountSid];
    // Names are unique per account, so a hook of that name is the one the create made.
    case "CompositionHook": {
      if (typeof inputs.adoptSid === "string") return [inputs.adoptSid];
      if (!name) return [];
      return (await client.video.compositionHooks.list({ friendlyName: name })).filter((h) => h.friendlyName === name).map((h) => h.sid);
    }
    // No unique name: every credential of that name not already held by a resource.
    case "AwsCredential":
    case "PublicKey": {
      if (typeof inputs.adoptSid === "string") return [inputs.adoptSid];
      const api = kind === "AwsCredential" ? client.accounts.awsCredentials : client.accounts.publicKeys;
      return (await api.list()).filter((c) => (c.friendlyName ?? undefined) === name).map((c) => c.sid);
    }
    // Subaccounts have no unique name either: every open one of that name.
    case "Subaccount": {
      if (typeof inputs.adoptSid === "string") return [inputs.adoptSid];
      const accounts = await client.api.accounts.list({ friendlyName: name });
      return accounts.filter((a) => a.sid !== client.accountSid && a.friendlyName === name && a.status !== "closed").map((a) => a.sid);
    }
    // An API key whose create was interrupted is useless (its secret came only in the lost answer):
    // cleared, so the next 'pulumi up' makes a new one; a key it may have made stays to be deleted.
    case "ApiKey":
    default:
      return [];
  }
}

/**
 * The state with the plan carried out: each object found becomes a resource holding its ID (its
 * inputs stand in for outputs until the refresh that follows reads the live object), and each
 * pending create decided on is gone. Undecided and foreign ones stay pending.
 *
 * Written by hand: run with CLI v3.248.0, `pulumi refresh --import-pending-creates URN ID` relabels
 * the operation "importing" and the refresh's checkpoint drops it without recording the resource.
 */
export function recoveredState(exported: unknown, plan: RecoveryPlan): unknown {
  const doc = structuredClone(exported) as {
    deployment: { resources?: Record<string, unknown>[]; pending_operations?: { type: string; resource: Record<string, unknown> }[] };
  };
  const ids = new Map(plan.imports.map((i) => [i.urn, i.id]));
  const decided = new Set([...ids.keys(), ...plan.clears]);
  const remaining: { type: string; resource: Record<string, unknown> }[] = [];
  const resources = doc.deployment.resources ?? [];
  for (const op of doc.deployment.pending_operations ?? []) {
    const urn = String(op.resource.urn);
    if (op.type !== "creating" || !decided.has(urn)) {
      remaining.push(op);
      continue;
    }
    const id = ids.get(urn);
    if (id) resources.push({ ...op.resource, id, outputs: op.resource.inputs ?? {} });
  }
  doc.deployment.resources = resources;
  doc.deployment.pending_operations = remaining;
  return doc;
}
