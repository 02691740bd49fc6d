/**
 * Twilio API v2010 (api.twilio.com) rules for Accounts and Keys. From the v2010 OpenAPI (twilio-oai
 * 2.6.7, ../spec/twilio_api_v2010.json): SID patterns, the Status enum, the 64-character
 * FriendlyName limits its descriptions state, the default FriendlyName pattern and an account's
 * subresource URIs. From the sourced table (./documented.ts, ACCOUNT_FACTS): how Twilio fills that
 * default name, and the account type.
 */
import { ACCOUNT_FACTS } from "./documented";
import { enumSchema, operation, propertySchema, responseExample } from "./openApi";

export const API2010_OPS = {
  createAccount: operation("api2010", "CreateAccount"),
  listAccounts: operation("api2010", "ListAccount"),
  fetchAccount: operation("api2010", "FetchAccount"),
  createKey: operation("api2010", "CreateNewKey"),
  fetchKey: operation("api2010", "FetchKey"),
};

/** [spec] SID patterns: an account (`AC`), an API key (`SK`). */
export const API2010_SID = {
  account: API2010_OPS.fetchAccount.pattern("Sid"),
  key: API2010_OPS.fetchKey.pattern("Sid"),
};

/** [spec] account_enum_status. */
export const ACCOUNT_STATUSES = enumSchema<"active" | "suspended" | "closed">("api2010", "account_enum_status");
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** [spec] account_enum_type holds the type every emulated account answers. */
export const ACCOUNT_TYPE = enumSchema("api2010", "account_enum_type").find((type) => type === ACCOUNT_FACTS.type) as string;
if (!ACCOUNT_TYPE) throw new Error(`account_enum_type no longer holds ${ACCOUNT_FACTS.type}`);

function statedMax(description: string, where: string): number {
  const match = /up to (\d+) characters/.exec(description);
  if (!match) throw new Error(`${where}: the description no longer says "up to N characters"`);
  return Number(match[1]);
}

/** [spec] "up to 64 characters long": an account's friendly_name, a key's FriendlyName. */
export const FRIENDLY_NAME_MAX = {
  account: statedMax(propertySchema("api2010", "api.v2010.account", "friendly_name").description ?? "", "api.v2010.account.friendly_name"),
  key: statedMax(API2010_OPS.createKey.description("FriendlyName"), "CreateNewKey.FriendlyName"),
};

/** [spec] "defaults to `SubAccount Created at {YYYY-MM-DD HH:MM meridian}`". */
const DEFAULT_NAME = /defaults to `([^`{]*)\{YYYY-MM-DD HH:MM meridian\}`/.exec(API2010_OPS.createAccount.description("FriendlyName"))?.[1];
if (DEFAULT_NAME === undefined) throw new Error("CreateAccount.FriendlyName no longer states its default");

/** The spec's default name at `date`, on the clock Twilio fills it with ([answers]: US Pacific, 24-hour, AM/PM). */
export function defaultSubaccountName(date: Date): string {
  const { timeZone, upperCaseMeridian } = ACCOUNT_FACTS.defaultNameClock;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  const meridian = Number(parts.hour) < 12 ? "am" : "pm";
  return `${DEFAULT_NAME}${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${upperCaseMeridian ? meridian.toUpperCase() : meridian}`;
}

/** [spec] The subresource URIs of an account, as the CreateAccount example lists them, for `sid`. */
const EXAMPLE = responseExample("api2010", "CreateAccount", "201") as { sid: string; subresource_uris: Record<string, string> };
export function subresourceUris(sid: string): Record<string, string> {
  return Object.fromEntries(Object.entries(EXAMPLE.subresource_uris).map(([name, uri]) => [name, uri.replace(EXAMPLE.sid, sid)]));
}

/** [spec] date-time-rfc-2822 as twilio-node reads it: `Thu, 30 Jul 2015 20:00:00 +0000`. */
export function rfc2822(isoDate: string): string {
  return new Date(isoDate).toUTCString().replace(/GMT$/, "+0000");
}
