/**
 * Twilio's scheme for encrypted Video recordings and compositions, as its own decrypter reads it
 * (twilio/twilio-recordings-decrypter, MediaFileDecrypter.java; the "Encrypting your Stored Media"
 * guide links to it):
 * - the media is encrypted with a per-file random AES key, AES/CBC/PKCS5Padding, with a random
 *   16-byte IV (the decrypter needs the JCE unlimited-strength policy, i.e. a 256-bit key);
 * - that content key is wrapped with the account's stored RSA public key, RSA with PKCS#1 v1.5
 *   padding (the decrypter uses `Cipher.getInstance("RSA")`, whose default is RSA/ECB/PKCS1Padding);
 * - the wrapped key and the IV travel base64-encoded as S3 user metadata `x-amz-key` and
 *   `x-amz-iv` (HTTP headers `x-amz-meta-x-amz-key`, `x-amz-meta-x-amz-iv`), the layout of the
 *   AWS S3 Encryption Client's v1 envelope.
 * Our choices (no Twilio source shows them): `x-amz-matdesc` "{}" and
 * `x-amz-unencrypted-content-length`, the rest of that v1 envelope; the key size (256 bits).
 */
import { constants, createCipheriv, createPublicKey, publicEncrypt, randomBytes } from "crypto";

export interface EncryptedMedia {
  body: Buffer;
  /** S3 user metadata, without the `x-amz-meta-` prefix S3 adds on the wire. */
  metadata: Record<string, string>;
}

export const CONTENT_KEY_BYTES = 32;
export const IV_BYTES = 16;

export function encryptMedia(plain: Buffer, publicKeyPem: string): EncryptedMedia {
  const contentKey = randomBytes(CONTENT_KEY_BYTES);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-cbc", contentKey, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  const wrappedKey = publicEncrypt({ key: createPublicKey(asPem(publicKeyPem)), padding: constants.RSA_PKCS1_PADDING }, contentKey);
  return {
    body,
    metadata: {
      "x-amz-key": wrappedKey.toString("base64"),
      "x-amz-iv": iv.toString("base64"),
      "x-amz-matdesc": "{}",
      "x-amz-unencrypted-content-length": String(plain.length),
    },
  };
}

/** Twilio stores a public key with or without its BEGIN/END lines (error 70104); Node needs them. */
function asPem(key: string): string {
  if (key.includes("-----BEGIN")) return key;
  const base64 = key.replace(/\s+/g, "");
  return `-----BEGIN PUBLIC KEY-----\n${base64.replace(/(.{64})/g, "$1\n").replace(/\n$/, "")}\n-----END PUBLIC KEY-----\n`;
}
