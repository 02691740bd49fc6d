/** A refusal or misconfiguration detected by this package (not an HTTP error from Twilio). */
export class ProviderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProviderError";
  }
}

/**
 * An update found its object gone: deleted outside Pulumi (the console, another tool) since the
 * last refresh. Pulumi only learns that from a read, so the message says how to get one.
 */
export function deletedOutsidePulumi(kind: string, id: string, accountSid: string): ProviderError {
  return new ProviderError(
    `${kind} ${id} no longer exists in account ${accountSid}: it was deleted outside Pulumi. ` +
      `Run 'pulumi up --refresh' to create it again (or 'pulumi refresh', then 'pulumi up').`,
  );
}
