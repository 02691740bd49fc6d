/**
 * Opens Twilio's encrypted-media envelope the way its decrypter does, with Node's crypto only
 * (never the emulator's code): RSA PKCS#1 v1.5 unwrap of `x-amz-meta-x-amz-key`, then AES-256-CBC
 * with `x-amz-meta-x-amz-iv`. Node refuses PKCS#1 v1.5 in privateDecrypt since CVE-2023-46809, so
 * the unwrap is raw RSA followed by the padding check of RFC 8017 7.2.2, written out here.
 */
import { strict as assert } from "assert";
import { constants, createDecipheriv, privateDecrypt, type KeyObject } from "crypto";

export function unwrapPkcs1(privateKey: KeyObject, wrapped: Buffer): Buffer {
  const em = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, wrapped);
  assert.equal(em[0], 0x00, "EM starts with 00");
  assert.equal(em[1], 0x02, "block type 02 (encryption)");
  const separator = em.indexOf(0x00, 2);
  assert.ok(separator >= 10, "at least 8 non-zero padding bytes");
  return em.subarray(separator + 1);
}

/** `headers` as HTTP gives them (lower-case names, `x-amz-meta-` prefix). */
export function decryptEnvelope(privateKey: KeyObject, body: Buffer, headers: Record<string, string>): Buffer {
  assert.ok(headers["x-amz-meta-x-amz-key"], "no x-amz-meta-x-amz-key header");
  assert.ok(headers["x-amz-meta-x-amz-iv"], "no x-amz-meta-x-amz-iv header");
  const contentKey = unwrapPkcs1(privateKey, Buffer.from(headers["x-amz-meta-x-amz-key"], "base64"));
  assert.equal(contentKey.length, 32, "an AES-256 content key");
  const iv = Buffer.from(headers["x-amz-meta-x-amz-iv"], "base64");
  assert.equal(iv.length, 16, "a 16-byte IV");
  const decipher = createDecipheriv("aes-256-cbc", contentKey, iv);
  return Buffer.concat([decipher.update(body), decipher.final()]);
}
