import type { HttpEngine } from "./http";
import { listAll } from "./paging";
import { accountSchema, apiKeySchema, newApiKeySchema, page2010Schema, type Account, type ApiKey, type NewApiKey } from "./schemas";
import type { CreateOptions } from "./video";

/**
 * Twilio's 2010-04-01 API (api.twilio.com): subaccounts of the authenticated account, and the API
 * keys of an account. Only an account's auth token may call it: Twilio refuses standard API keys
 * (error 20003).
 */
export interface AccountsListFilter {
  friendlyName?: string;
  status?: Account["status"];
}

export interface SubaccountsApi {
  /** Creates a subaccount of the authenticated (main) account. */
  create(params: { friendlyName?: string }, opts?: CreateOptions<Account>): Promise<Account>;
  fetch(sid: string): Promise<Account>;
  /** `status: "closed"` closes the account for good. */
  update(sid: string, params: { friendlyName?: string; status?: Account["status"] }): Promise<Account>;
  /** The authenticated account and its subaccounts, every page. */
  list(filter?: AccountsListFilter): Promise<Account[]>;
}

export interface ApiKeysApi {
  create(params: { friendlyName?: string }, opts?: CreateOptions<NewApiKey>): Promise<NewApiKey>;
  fetch(sid: string): Promise<ApiKey>;
  update(sid: string, params: { friendlyName: string }): Promise<ApiKey>;
  remove(sid: string): Promise<void>;
  list(): Promise<ApiKey[]>;
}

export interface Api2010 {
  accounts: SubaccountsApi;
  /** The API keys of `accountSid` (the authenticated account or one of its subaccounts). */
  keys(accountSid: string): ApiKeysApi;
}

const ACCOUNTS = "/2010-04-01/Accounts";
const accountPage = page2010Schema("accounts", accountSchema);
const keyPage = page2010Schema("keys", apiKeySchema);
const segment = encodeURIComponent;

export function api2010(http: HttpEngine): Api2010 {
  // An account's auth token and a new key's secret come back in bodies: kept out of errors and logs.
  const accounts: SubaccountsApi = {
    create: (params, opts) =>
      http.request({
        method: "POST",
        host: "api",
        path: `${ACCOUNTS}.json`,
        form: params,
        creates: true,
        recover: opts?.recover,
        schema: accountSchema,
      }),
    fetch: (sid) => http.request({ method: "GET", host: "api", path: `${ACCOUNTS}/${segment(sid)}.json`, schema: accountSchema }),
    update: (sid, params) =>
      http.request({ method: "POST", host: "api", path: `${ACCOUNTS}/${segment(sid)}.json`, form: params, schema: accountSchema }),
    list: (filter = {}) => listAll(http, { method: "GET", host: "api", path: `${ACCOUNTS}.json`, query: filter, schema: accountPage }),
  };
  const keys = (accountSid: string): ApiKeysApi => {
    const collection = `${ACCOUNTS}/${segment(accountSid)}/Keys`;
    const item = (sid: string) => `${collection}/${segment(sid)}.json`;
    return {
      create: (params, opts) =>
        http.request({
          method: "POST",
          host: "api",
          path: `${collection}.json`,
          form: params,
          creates: true,
          recover: opts?.recover,
          schema: newApiKeySchema,
        }),
      fetch: (sid) => http.request({ method: "GET", host: "api", path: item(sid), schema: apiKeySchema }),
      update: (sid, params) => http.request({ method: "POST", host: "api", path: item(sid), form: params, schema: apiKeySchema }),
      remove: (sid) => http.request<void>({ method: "DELETE", host: "api", path: item(sid) }),
      list: () => listAll(http, { method: "GET", host: "api", path: `${collection}.json`, schema: keyPage }),
    };
  };
  return { accounts, keys };
}
