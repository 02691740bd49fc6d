/**
 * Accounts v1 (accounts.twilio.com) rules for Credentials/AWS and Credentials/PublicKeys. From the
 * Accounts v1 OpenAPI (twilio-oai 2.6.7, ../spec/twilio_accounts_v1.json): the required
 * parameters, SID patterns and the FriendlyName length its description states. From the sourced
 * table (./documented.ts): the key and secret patterns of error 70106 and the public-key rules of
 * errors 70101-70104.
 */
import { createPublicKey, type KeyObject } from "crypto";
import { AWS_CREDENTIAL_PARTS, PUBLIC_KEY_PARSE, PUBLIC_KEY_PROPERTIES } from "./documented";
import { operation } from "./openApi";

export const ACCOUNTS_OPS = {
  createAws: operation("accounts", "CreateCredentialAws"),
  createPublicKey: operation("accounts", "CreateCredentialPublicKey"),
  fetchAws: operation("accounts", "FetchCredentialAws"),
};

/** [spec] SID patterns: the subaccount a credential may be created for, and a credential. */
export const ACCOUNTS_SID = {
  account: ACCOUNTS_OPS.createAws.pattern("AccountSid"),
  credential: ACCOUNTS_OPS.fetchAws.pattern("Sid"),
};

/** [spec] "It can be up to 64 characters long." */
export const CREDENTIAL_FRIENDLY_NAME_MAX = ACCOUNTS_OPS.createAws.stated("FriendlyName", /up to\s+(\d+) characters/)[0];

/** Which half of `Credentials=KEY:SECRET` breaks [70106], named without quoting the secret. */
export function awsCredentialsProblem(accessKeyId: string, secretAccessKey: string): string | undefined {
  const given = { accessKeyId, secretAccessKey };
  return AWS_CREDENTIAL_PARTS.find(({ part, pattern }) => !pattern.test(given[part]))?.rule;
}

export type PublicKeyErrorCode = 70101 | 70102 | 70103 | 70104;

/** The key a PEM (BEGIN/END lines optional) holds, read by Node's crypto as SubjectPublicKeyInfo; undefined if none. */
function readSpki(text: string): KeyObject | undefined {
  const base64 = text.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, "").replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return undefined;
  try {
    return createPublicKey({ key: Buffer.from(base64, "base64"), format: "der", type: "spki" });
  } catch {
    return undefined;
  }
}

/** [7010x] The first rule of the table a public key breaks, with its Twilio error code. */
export function publicKeyProblem(text: string): { code: PublicKeyErrorCode; rule: string } | undefined {
  const key = readSpki(text);
  if (!key) return { code: PUBLIC_KEY_PARSE.code, rule: PUBLIC_KEY_PARSE.rule };
  const facts: Record<string, unknown> = { asymmetricKeyType: key.asymmetricKeyType, ...key.asymmetricKeyDetails };
  const broken = PUBLIC_KEY_PROPERTIES.find(({ property, expected }) => facts[property] !== expected);
  return broken && { code: broken.code, rule: broken.rule(facts[broken.property]) };
}
