export { TwilioClient } from "./client";
export {
  TwilioError,
  TwilioConfigError,
  TwilioApiError,
  TwilioNetworkError,
  TwilioTimeoutError,
  TwilioResponseError,
  TwilioAccountMismatchError,
  isNotFound,
} from "./errors";
export type { TwilioApiErrorDetails } from "./errors";
export { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, TWILIO_BASE_URLS, normalizeOptions, packageManifest, packageVersion } from "./options";
export type { ClientOptions, RetryOptions, NormalizedOptions, PackageManifest, TwilioHost } from "./options";
export { retryDelayMs, parseRetryAfterMs } from "./retry";
export { encodeForm, formPairs } from "./form";
export type {
  CompositionHookParams,
  CompositionHookListFilter,
  VideoSettingsParams,
  CreateOptions,
  CompositionHooksApi,
  VideoSettingsApi,
  VideoApi,
} from "./video";
export type { AwsCredentialCreateParams, PublicKeyCreateParams, CredentialsApi, AccountsApi } from "./accounts";
export { compositionHookSchema, videoSettingsSchema, credentialSchema } from "./schemas";
export type { Account, ApiKey, CompositionHook, Credential, NewApiKey, VideoSettings } from "./schemas";
export type { AccountsListFilter, Api2010, ApiKeysApi, SubaccountsApi } from "./api2010";
