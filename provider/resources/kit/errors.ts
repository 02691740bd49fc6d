/** A refusal or misconfiguration detected by this package (not an HTTP error from Twilio). */
export class ProviderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProviderError";
  }
}
