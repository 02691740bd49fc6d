import { accountsApi, type AccountsApi } from "./accounts";
import { HttpEngine } from "./http";
import { normalizeOptions, type ClientOptions } from "./options";
import { videoApi, type VideoApi } from "./video";

/**
 * Typed client for the Twilio Video configuration endpoints and the Accounts credentials they
 * reference. Construction validates the options (TwilioConfigError names the missing field) and
 * performs no I/O.
 */
export class TwilioClient {
  readonly accountSid: string;
  readonly video: VideoApi;
  readonly accounts: AccountsApi;

  constructor(options: ClientOptions) {
    const normalized = normalizeOptions(options);
    const http = new HttpEngine(normalized);
    this.accountSid = normalized.accountSid;
    this.video = videoApi(http);
    this.accounts = accountsApi(http);
  }
}
