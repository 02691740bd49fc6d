import { accountsApi, type AccountsApi } from "./accounts";
import { api2010, type Api2010 } from "./api2010";
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
  /** Subaccounts and API keys (api.twilio.com, 2010-04-01); auth token only. */
  readonly api: Api2010;

  constructor(options: ClientOptions) {
    const normalized = normalizeOptions(options);
    const http = new HttpEngine(normalized);
    this.accountSid = normalized.accountSid;
    this.video = videoApi(http);
    this.accounts = accountsApi(http);
    this.api = api2010(http);
  }
}
