/**
 * A real local S3 server (s3rver) for tests. s3rver 3.7 checks that the access key exists but does
 * not verify SigV4 signatures, so a small verifying middleware sits in front of it: a wrong secret is
 * then refused with SignatureDoesNotMatch, as real S3 refuses it. Its built-in pair S3RVER:S3RVER is
 * not one Twilio would store (error 70106 wants a 20-character key id and a 40-character secret), so
 * every server also accepts LOCAL_S3_ACCESS_KEY_ID:LOCAL_S3_SECRET_ACCESS_KEY, shaped as AWS keys are.
 */
import aws4 from "aws4";
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- s3rver ships no type declarations
const S3rver = require("s3rver");

export const LOCAL_S3_ACCESS_KEY_ID = "AKIALOCALS3SERVER001";
export const LOCAL_S3_SECRET_ACCESS_KEY = "LocalS3/Secret+Key0000000000000000000000";
// s3rver keeps its key pairs in one module-level dummy account; the verifier reads the same table.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- s3rver ships no type declarations
const { DUMMY_ACCOUNT } = require("s3rver/lib/models/account");
const SECRETS: Record<string, string> = { S3RVER: "S3RVER" };

/** Lets another access key (e.g. one a component under test produced) sign requests. */
function addKeyPair(accessKeyId: string, secretAccessKey: string): void {
  if (!(accessKeyId in SECRETS)) DUMMY_ACCOUNT.createKeyPair(accessKeyId, secretAccessKey);
  SECRETS[accessKeyId] = secretAccessKey;
}

interface KoaContext {
  method: string;
  url: string;
  headers: Record<string, string>;
  status: number;
  body: unknown;
  type: string;
}

/** Recompute the SigV4 signature with the known secret; refuse a mismatch like S3 does. */
async function verifySigV4(ctx: KoaContext, next: () => Promise<void>): Promise<void> {
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]+)$/.exec(
      ctx.headers.authorization ?? "",
    );
  const secret = match ? SECRETS[match[1]] : undefined;
  if (match && secret) {
    const headers: Record<string, string> = {};
    for (const name of match[3].split(";")) if (name !== "host") headers[name] = ctx.headers[name];
    const expected = aws4.sign(
      { host: ctx.headers.host, method: ctx.method, path: ctx.url, service: "s3", region: match[2], headers },
      { accessKeyId: match[1], secretAccessKey: secret },
    );
    if (!String(expected.headers?.Authorization).endsWith(`Signature=${match[4]}`)) {
      ctx.status = 403;
      ctx.type = "application/xml";
      ctx.body = "<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message></Error>";
      return;
    }
  }
  await next();
}

export interface LocalS3 {
  /** http://127.0.0.1:PORT */
  endpoint: string;
  /** Where s3rver keeps objects: DIR/BUCKET/KEY._S3rver_object */
  directory: string;
  close(): Promise<void>;
}

export interface LocalS3Options {
  buckets: string[];
  /** Extra access key id -> secret pairs accepted besides LOCAL_S3_ACCESS_KEY_ID and S3RVER:S3RVER. */
  keyPairs?: Record<string, string>;
  /** Verify SigV4 signatures (default true). Clients that sign in ways aws4 does not reproduce
   * exactly (chunked payload signing, for example) may need it off. */
  verifySignatures?: boolean;
}

export async function startLocalS3(opts: LocalS3Options): Promise<LocalS3> {
  addKeyPair(LOCAL_S3_ACCESS_KEY_ID, LOCAL_S3_SECRET_ACCESS_KEY);
  for (const [id, secret] of Object.entries(opts.keyPairs ?? {})) addKeyPair(id, secret);
  const directory = mkdtempSync(join(tmpdir(), "s3rver-"));
  const server = new S3rver({
    port: 0,
    address: "127.0.0.1",
    silent: true,
    directory,
    configureBuckets: opts.buckets.map((name) => ({ name })),
  });
  if (opts.verifySignatures !== false) server.middleware.unshift(verifySigV4);
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    directory,
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
