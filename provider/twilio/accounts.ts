import type { HttpEngine } from "./http";
import { listAll } from "./paging";
import { credentialSchema, pageSchema, type Credential } from "./schemas";
import type { CreateOptions } from "./video";

export interface AwsCredentialCreateParams {
  /** `ACCESS_KEY_ID:SECRET_ACCESS_KEY`; kept out of every error and log line. */
  credentials: string;
  friendlyName?: string;
  /** Create the credential in this subaccount. */
  accountSid?: string;
}

export interface PublicKeyCreateParams {
  /** The public key as PEM. */
  publicKey: string;
  friendlyName?: string;
  accountSid?: string;
}

export interface CredentialsApi<CreateParams> {
  create(params: CreateParams, opts?: CreateOptions<Credential>): Promise<Credential>;
  fetch(sid: string): Promise<Credential>;
  /** Only the friendly name can change; anything else means a new credential. */
  update(sid: string, params: { friendlyName: string }): Promise<Credential>;
  remove(sid: string): Promise<void>;
  list(): Promise<Credential[]>;
}

export interface AccountsApi {
  awsCredentials: CredentialsApi<AwsCredentialCreateParams>;
  publicKeys: CredentialsApi<PublicKeyCreateParams>;
}

const credentialPage = pageSchema("credentials", credentialSchema);

export function accountsApi(http: HttpEngine): AccountsApi {
  return {
    // The whole `Credentials` value and its secret half are redacted wherever they could echo.
    awsCredentials: credentialsApi<AwsCredentialCreateParams>(http, "/v1/Credentials/AWS", (p) => [
      p.credentials,
      p.credentials.slice(p.credentials.indexOf(":") + 1),
    ]),
    publicKeys: credentialsApi<PublicKeyCreateParams>(http, "/v1/Credentials/PublicKeys", () => []),
  };
}

function credentialsApi<CreateParams extends object>(
  http: HttpEngine,
  collection: string,
  secretsOf: (params: CreateParams) => string[],
): CredentialsApi<CreateParams> {
  const item = (sid: string) => `${collection}/${encodeURIComponent(sid)}`;
  return {
    create: (params, opts) =>
      http.request({
        method: "POST",
        host: "accounts",
        path: collection,
        form: params,
        secrets: secretsOf(params),
        creates: true,
        recover: opts?.recover,
        schema: credentialSchema,
      }),
    fetch: (sid) => http.request({ method: "GET", host: "accounts", path: item(sid), schema: credentialSchema }),
    update: (sid, params) =>
      http.request({
        method: "POST",
        host: "accounts",
        path: item(sid),
        form: { friendlyName: params.friendlyName },
        schema: credentialSchema,
      }),
    remove: (sid) => http.request<void>({ method: "DELETE", host: "accounts", path: item(sid) }),
    list: () => listAll(http, { method: "GET", host: "accounts", path: collection, schema: credentialPage }),
  };
}
