/**
 * Removes known secret values from text before it goes into an error or a log line. Each secret is
 * matched raw and in the encodings it could be echoed in (URI / form encoded).
 */
export type Redactor = (text: string) => string;

export const REDACTED = "[REDACTED]";

export function makeRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    variants.add(secret);
    variants.add(encodeURIComponent(secret));
    variants.add(new URLSearchParams({ s: secret }).toString().slice(2));
  }
  // Longest first, so a secret containing another is removed whole.
  const ordered = [...variants].sort((a, b) => b.length - a.length);
  return (text) => ordered.reduce((out, secret) => out.split(secret).join(REDACTED), text);
}

/** Redacts an error's own message and stack in place (used on causes from the HTTP stack). */
export function redactErrorInPlace(error: unknown, redact: Redactor): void {
  if (!(error instanceof Error)) return;
  try {
    error.message = redact(error.message);
    if (error.stack) error.stack = redact(error.stack);
  } catch {
    // a frozen error: nothing we can do, and it did not come from our secrets path
  }
}
