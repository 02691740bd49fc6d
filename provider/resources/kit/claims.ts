/**
 * What this provider process knows about objects other resources of the same run hold.
 *
 * Pulumi creates the new resource before it deletes the old one when a resource is renamed, moved
 * into or out of a component, or replaced with `--replace`; all of a run's dynamic resources are
 * served by one provider process. So when two resources name the same Twilio object (a settings
 * singleton, or an object the new resource adopted), the old one's delete must not undo what the
 * new one holds:
 * - claimed: created, adopted or updated by a resource in this process;
 * - declared: diffed in this process, i.e. a resource of the program still declares it (an `up`
 *   after an interrupted rename diffs the new resource before it deletes the old one).
 * A resource whose delete sees its object claimed or declared leaves it alone. For objects with
 * their own identity (hooks, credentials) only `claimed` counts: `--replace` diffs the very
 * resource it then deletes, and that delete must still happen.
 */
const claimed = new Set<string>();
const declared = new Set<string>();

const key = (kind: string, id: string) => `${kind}|${id}`;

export function markClaimed(kind: string, id: string): void {
  claimed.add(key(kind, id));
}

export function markDeclared(kind: string, id: string): void {
  declared.add(key(kind, id));
}

export function isClaimed(kind: string, id: string): boolean {
  return claimed.has(key(kind, id));
}

export function isDeclared(kind: string, id: string): boolean {
  return declared.has(key(kind, id));
}

/** Forgets everything (tests that run several simulated runs in one process). */
export function forgetClaims(): void {
  claimed.clear();
  declared.clear();
}
