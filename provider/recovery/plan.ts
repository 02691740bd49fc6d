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
    const { type, resource } = op as { type?: string; resource?: { urn?: string; type?: string; inputs?: Record<string, unknown> } };
    if (type !== "creating" || !resource?.urn || !resource.type) return [];
    return [{ urn: resource.urn, type: resource.type, inputs: resource.inputs ?? {} }];
  });
}

/** IDs already held by resources in the state: a candidate held by one is not an orphan. */
export function managedIds(exported: unknown): Set<string> {
  const resources = (exported as { deployment?: { resources?: { id?: string }[] } })?.deployment?.resources ?? [];
  return new Set(resources.map((r) => r.id).filter((id): id is string => typeof id === "string" && id !== ""));
}

export async function planRecovery(pending: PendingCreate[], managed: Set<string>, client: TwilioClient): Promise<RecoveryPlan> {
  const plan: RecoveryPlan = { imports: [], clears: [], problems: [], foreign: [] };
  for (const op of pending) {
    if (!op.type.startsWith(TYPE_PREFIX)) {
      plan.foreign.push(op.urn);
      continue;
    }
    const kind = op.type.slice(TYPE_PREFIX.length);
    const found = await candidates(kind, op.inputs, client);
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
