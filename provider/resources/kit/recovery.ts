import { TwilioApiError, TwilioNetworkError, TwilioTimeoutError } from "../../twilio";

/**
 * True when a failed create may still have happened on Twilio's side: the connection broke or
 * timed out after the request was sent, or Twilio answered 5xx. (Refused connections and 429s
 * are retried by the client itself: those provably did nothing.)
 */
export function isAmbiguous(e: unknown): boolean {
  if (e instanceof TwilioTimeoutError) return true;
  if (e instanceof TwilioNetworkError) return e.errorCode !== "ECONNREFUSED";
  return e instanceof TwilioApiError && e.status >= 500;
}

export interface RecoveryPlan<T> {
  create(): Promise<T>;
  /** The create was refused because the object (by its unique name) already exists. */
  isConflict(e: unknown): boolean;
  /**
   * Handles a conflict: returns the existing object when it is ours (only possible after an
   * ambiguous attempt, and only if it matches the desired state), else throws a clear error.
   */
  onConflict(afterAmbiguousAttempt: boolean): Promise<T>;
  /** Creates tried in all. @default 4 */
  attempts?: number;
  /** Wait before create number `attempt` + 1. @default recoveryDelayMs */
  delayMs?: (attempt: number) => number;
}

/**
 * A server that just failed (5xx) or lost a response is not asked again at once: half-jittered
 * exponential backoff from 250 ms, capped at 2 s, so parallel creates do not retry in lockstep.
 */
export function recoveryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(2000, 250 * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Creates an object whose create response may be lost, without ever making a duplicate: an
 * ambiguous failure is retried, and a retry that meets "already exists" adopts the object only
 * when it matches. A conflict on the first attempt is not ours to take: `onConflict` explains it.
 */
export async function createWithRecovery<T>(plan: RecoveryPlan<T>): Promise<T> {
  const attempts = plan.attempts ?? 4;
  let sentBefore = false;
  for (let attempt = 1; ; attempt++) {
    try {
      return await plan.create();
    } catch (e) {
      if (plan.isConflict(e)) return plan.onConflict(sentBefore);
      if (!isAmbiguous(e) || attempt >= attempts) throw e;
      sentBefore = true;
      await sleep((plan.delayMs ?? recoveryDelayMs)(attempt));
    }
  }
}
