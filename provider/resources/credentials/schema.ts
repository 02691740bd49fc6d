import { z } from "zod";
import {
  AWS_ACCESS_KEY_ID,
  AWS_ACCESS_KEY_ID_RULE,
  AWS_SECRET_ACCESS_KEY,
  AWS_SECRET_ACCESS_KEY_RULE,
  CREDENTIAL_FRIENDLY_NAME_MAX,
  SID,
  publicKeyProblem,
} from "../../twilio/rules";
import type { InputsOf, ResourceSpec } from "../kit/fields";
import { importField } from "../kit/importing";

const friendlyName = {
  schema: z.string("must be a string").max(CREDENTIAL_FRIENDLY_NAME_MAX, `must be at most ${CREDENTIAL_FRIENDLY_NAME_MAX} characters`),
  type: "string",
  description: "A descriptive name, up to 64 characters (the only field Twilio can update in place).",
} as const;

// No `accountSid` input: Twilio's AccountSid parameter creates a credential in a subaccount, which
// the parent then cannot safely read or delete under /v1/Credentials (that path is scoped by the
// authenticated account). A subaccount's credentials are managed by a stack configured for it.
const adoptSid = {
  schema: z.string("must be a string").regex(SID.credential, "must be a credential SID matching ^CR[0-9a-fA-F]{32}$"),
  type: "string",
  createOnly: true,
  description: "Take over this existing credential (CR...) instead of creating one. Ignored after creation.",
} as const;

const credentialOutputs = {
  managedByAccountSid: {
    type: "string",
    description:
      "The configured account (twilio:accountSid) that created and manages it; a stack pointed at another account refuses to touch it.",
  },
  sid: { type: "string", fromId: true, description: "The credential's SID (CR...): the resource id." },
} as const;

export const awsCredentialSpec = {
  name: "AwsCredential",
  description:
    "An AWS access key stored in Twilio (Accounts /v1/Credentials/AWS), which Twilio uses to write recordings " +
    "and compositions to S3. The secret is write-only at Twilio and kept secret in Pulumi state; changing the " +
    "key creates the new credential before the old one is deleted.",
  inputs: {
    accessKeyId: {
      schema: z.string("must be a string").regex(AWS_ACCESS_KEY_ID, AWS_ACCESS_KEY_ID_RULE),
      type: "string",
      required: true,
      replaceOnChanges: true,
      description: "The AWS access key id (AKIA...): 20 upper-case letters and digits, as Twilio requires (error 70106).",
    },
    secretAccessKey: {
      schema: z.string("must be a string").regex(AWS_SECRET_ACCESS_KEY, AWS_SECRET_ACCESS_KEY_RULE),
      type: "string",
      required: true,
      replaceOnChanges: true,
      secret: true,
      description:
        "The AWS secret access key: 40 letters, digits, '/', '+' or '=', as Twilio requires (error 70106); " +
        "always stored as a Pulumi secret, never readable back from Twilio.",
    },
    friendlyName,
    adoptSid,
    importId: importField("a credential SID", SID.credential),
  },
  outputs: {
    ...credentialOutputs,
    accountSid: { type: "string", description: "The account the credential lives in." },
    secretAccessKeyHash: {
      type: "string",
      secret: true,
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
      schema: z.string("must be a string").superRefine((value, ctx) => {
        const problem = publicKeyProblem(value);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
      type: "string",
      required: true,
      replaceOnChanges: true,
      compare: "pem",
      description:
        "The public key as an X.509 PEM (-----BEGIN PUBLIC KEY-----): an RSA key of 2048 bits with exponent 65537, " +
        "the only kind Twilio stores (errors 70101-70104).",
    },
    friendlyName,
    adoptSid,
    importId: importField("a credential SID", SID.credential),
  },
  outputs: {
    ...credentialOutputs,
    accountSid: { type: "string", description: "The account the key lives in." },
  },
} satisfies ResourceSpec;

export type AwsCredentialInputs = InputsOf<typeof awsCredentialSpec>;
export type PublicKeyInputs = InputsOf<typeof publicKeySpec>;
