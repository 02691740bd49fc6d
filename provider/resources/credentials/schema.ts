import { z } from "zod";
import { CREDENTIAL_FRIENDLY_NAME_MAX, SID } from "../../twilio/rules";
import type { InputsOf, ResourceSpec } from "../kit/fields";

const friendlyName = {
  schema: z.string("must be a string").max(CREDENTIAL_FRIENDLY_NAME_MAX, `must be at most ${CREDENTIAL_FRIENDLY_NAME_MAX} characters`),
  api: "FriendlyName", type: "string",
  description: "A descriptive name, up to 64 characters (the only field Twilio can update in place).",
} as const;

// No `accountSid` input: Twilio's AccountSid parameter creates a credential in a subaccount, which
// the parent then cannot safely read or delete under /v1/Credentials (that path is scoped by the
// authenticated account). A subaccount's credentials are managed by a stack configured for it.
const adoptSid = {
  schema: z.string("must be a string").regex(SID.credential, "must be a credential SID matching ^CR[0-9a-fA-F]{32}$"),
  type: "string", createOnly: true,
  description: "Take over this existing credential (CR...) instead of creating one. Ignored after creation.",
} as const;

const credentialOutputs = {
  managedByAccountSid: {
    type: "string",
    description: "The configured account (twilio:accountSid) that created and manages it; a stack pointed at another account refuses to touch it.",
  },
  sid: { type: "string", description: "The credential's SID (CR...), also the resource id." },
  dateCreated: { type: "string", description: "When Twilio created it (ISO 8601)." },
  dateUpdated: { type: "string", description: "When Twilio last updated it (ISO 8601)." },
  url: { type: "string", description: "Its absolute API URL." },
} as const;

export const awsCredentialSpec = {
  name: "AwsCredential",
  description:
    "An AWS access key stored in Twilio (Accounts /v1/Credentials/AWS), which Twilio uses to write recordings " +
    "and compositions to S3. The secret is write-only at Twilio and kept secret in Pulumi state; changing the " +
    "key creates the new credential before the old one is deleted.",
  inputs: {
    accessKeyId: {
      schema: z.string("must be a string").regex(/^[A-Z0-9]{16,128}$/, "must be an AWS access key id (16-128 upper-case letters and digits, e.g. AKIA...)"),
      type: "string", required: true, replaceOnChanges: true,
      description: "The AWS access key id (AKIA...).",
    },
    secretAccessKey: {
      schema: z.string("must be a string").min(1, "must not be empty").regex(/^[^:\s]+$/, "must not contain ':' or white space"),
      type: "string", required: true, replaceOnChanges: true, secret: true,
      description: "The AWS secret access key; always stored as a Pulumi secret, never readable back from Twilio.",
    },
    friendlyName,
    adoptSid,
  },
  outputs: {
    ...credentialOutputs,
    accountSid: { type: "string", description: "The account the credential lives in." },
    secretAccessKeyHash: {
      type: "string", secret: true,
      description: "A SHA-256 fingerprint of the key pair, so a changed secret is detected without keeping the secret in outputs.",
    },
  },
} satisfies ResourceSpec;

export const publicKeySpec = {
  name: "PublicKey",
  description:
    "An RSA public key stored in Twilio (Accounts /v1/Credentials/PublicKeys), used as encryptionKeySid to " +
    "encrypt recordings and compositions. Changing the key creates the new one before the old one is deleted.",
  inputs: {
    publicKey: {
      schema: z.string("must be a string").regex(
        /^\s*-----BEGIN PUBLIC KEY-----\s+[A-Za-z0-9+/=\s]+-----END PUBLIC KEY-----\s*$/,
        "must be a PEM public key (-----BEGIN PUBLIC KEY----- ... -----END PUBLIC KEY-----)"),
      type: "string", required: true, replaceOnChanges: true, compare: "pem",
      description: "The public key in PEM format.",
    },
    friendlyName,
    adoptSid,
  },
  outputs: {
    ...credentialOutputs,
    accountSid: { type: "string", description: "The account the key lives in." },
  },
} satisfies ResourceSpec;

export type AwsCredentialInputs = InputsOf<typeof awsCredentialSpec>;
export type PublicKeyInputs = InputsOf<typeof publicKeySpec>;
