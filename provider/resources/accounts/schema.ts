import { z } from "zod";
import { ACCOUNT_FRIENDLY_NAME_MAX, SID } from "../../twilio/rules";
import type { InputsOf, ResourceSpec } from "../kit/fields";
import { importField } from "../kit/importing";

const friendlyName = (what: string) =>
  ({
    schema: z
      .string("must be a string")
      .min(1, "must not be empty")
      .max(ACCOUNT_FRIENDLY_NAME_MAX, `must be at most ${ACCOUNT_FRIENDLY_NAME_MAX} characters`),
    type: "string",
    description: `A descriptive name of the ${what}, up to ${ACCOUNT_FRIENDLY_NAME_MAX} characters; updated in place.`,
  }) as const;

export const subaccountSpec = {
  name: "Subaccount",
  description:
    "A subaccount of the provider's (main) account (the 2010 API's /2010-04-01/Accounts.json). Its sid and secret " +
    "authToken configure a Provider in the same program. Twilio cannot reopen a closed account, so destroy closes it " +
    "only with closeOnDelete; otherwise it leaves the subaccount active and removes it from the stack.",
  inputs: {
    friendlyName: { ...friendlyName("subaccount"), required: true },
    closeOnDelete: {
      schema: z.boolean("must be a boolean"),
      type: "boolean",
      default: false,
      providerOnly: true,
      description:
        "Whether destroy (or a replacement) closes the subaccount at Twilio, for good: its numbers are released and " +
        "its credentials stop working. Without it, destroy leaves it active. Not sent to Twilio; a change writes nothing there.",
    },
    adoptSid: {
      schema: z.string("must be a string").regex(SID.account, "must be an account SID matching ^AC[0-9a-fA-F]{32}$"),
      type: "string",
      createOnly: true,
      description: "Take over this existing subaccount (AC...) of the provider's account instead of creating one. Ignored after creation.",
    },
    importId: importField("a subaccount SID", SID.account),
  },
  outputs: {
    sid: { type: "string", fromId: true, description: "The subaccount's SID (AC...): the resource id." },
    authToken: { type: "string", secret: true, description: "The subaccount's auth token, for a Provider (a secret)." },
    status: { type: "string", description: "active or suspended (a closed subaccount reads as deleted)." },
    ownerAccountSid: { type: "string", description: "The main account it belongs to (the provider's account)." },
  },
} satisfies ResourceSpec;

export const apiKeySpec = {
  name: "ApiKey",
  description:
    "A standard API key of the provider's account (/2010-04-01/Accounts/{AccountSid}/Keys.json), as used by the servers " +
    "that mint Video access tokens. Twilio returns its secret once, at creation: it is kept only as a secret output. A new " +
    "keyRotation value makes a new key before the old one is deleted.",
  inputs: {
    friendlyName: friendlyName("key"),
    keyRotation: {
      schema: z.string("must be a string"),
      type: "string",
      providerOnly: true,
      replaceOnChanges: true,
      description: "Any value; changing it rotates the key (the new key is created, dependents move to it, then the old one is deleted).",
    },
  },
  outputs: {
    sid: { type: "string", fromId: true, description: "The key's SID (SK...): the resource id." },
    secret: { type: "string", secret: true, description: "The key's secret, returned by Twilio only when the key was made (a secret)." },
    accountSid: { type: "string", description: "The account the key belongs to and authenticates as." },
  },
  cannotImport:
    "Twilio returns an API key's secret only in the response that creates the key, so an imported key would have no secret: " +
    "make a new ApiKey (and delete the old key once nothing uses it)",
} satisfies ResourceSpec;

export type SubaccountInputs = InputsOf<typeof subaccountSpec>;
export type ApiKeyInputs = InputsOf<typeof apiKeySpec>;
