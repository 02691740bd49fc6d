/**
 * Twilio's envelope (emulator/video/media/encryption.ts) opened with Node's crypto through
 * test/helpers/mediaEnvelope.ts, never with the emulator's code.
 */
import { strict as assert } from "assert";
import { generateKeyPairSync } from "crypto";
import { encryptMedia } from "../../../emulator/video/media/encryption";
import { decryptEnvelope, unwrapPkcs1 } from "../../helpers/mediaEnvelope";

const headersOf = (metadata: Record<string, string>) =>
  Object.fromEntries(Object.entries(metadata).map(([k, v]) => [`x-amz-meta-${k}`, v]));

describe("emulator media: the encryption envelope", () => {
  const pair = () => generateKeyPairSync("rsa", { modulusLength: 2048, publicExponent: 65537 });
  const mine = pair();
  const pem = mine.publicKey.export({ type: "spki", format: "pem" }).toString();
  const plain = Buffer.from("a media file of any length, here 43 bytes..");

  it("the matching private key opens it back to the same bytes", () => {
    const { body, metadata } = encryptMedia(plain, pem);
    assert.equal(Buffer.from(metadata["x-amz-key"], "base64").length, 256, "one 2048-bit RSA block");
    assert.equal(metadata["x-amz-unencrypted-content-length"], "43");
    assert.equal(metadata["x-amz-matdesc"], "{}");
    assert.ok(decryptEnvelope(mine.privateKey, body, headersOf(metadata)).equals(plain));
  });

  it("draws a new content key and IV for every file", () => {
    const a = encryptMedia(plain, pem);
    const b = encryptMedia(plain, pem);
    assert.notEqual(a.metadata["x-amz-iv"], b.metadata["x-amz-iv"]);
    assert.ok(!a.body.equals(b.body));
    assert.ok(
      !unwrapPkcs1(mine.privateKey, Buffer.from(a.metadata["x-amz-key"], "base64")).equals(
        unwrapPkcs1(mine.privateKey, Buffer.from(b.metadata["x-amz-key"], "base64")),
      ),
    );
  });

  it("another private key cannot open the content key", () => {
    const { body, metadata } = encryptMedia(plain, pem);
    assert.throws(() => decryptEnvelope(pair().privateKey, body, headersOf(metadata)));
  });
});
