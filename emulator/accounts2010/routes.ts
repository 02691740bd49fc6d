/**
 * api.twilio.com, API v2010: Accounts (subaccounts) and Keys (Standard API keys), registered with
 * the core, as the Twilio API v2010 OpenAPI (twilio-oai 2.6.7) lists them. Their `/2010-04-01/`
 * paths collide with no other part's.
 */
import type { ApiRoutes } from "../core/routes";
import { createAccount, fetchAccount, listAccounts, updateAccount } from "./accounts";
import { createKey, deleteKey, fetchKey, listKeys, updateKey } from "./keys";

export function registerAccounts2010(routes: ApiRoutes): void {
  routes
    .add("/2010-04-01/Accounts.json", { GET: listAccounts, POST: createAccount })
    .add("/2010-04-01/Accounts/{Sid}.json", { GET: fetchAccount, POST: updateAccount })
    .add("/2010-04-01/Accounts/{AccountSid}/Keys.json", { GET: listKeys, POST: createKey })
    .add("/2010-04-01/Accounts/{AccountSid}/Keys/{Sid}.json", { GET: fetchKey, POST: updateKey, DELETE: deleteKey });
}
