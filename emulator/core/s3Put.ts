/**
 * One object PUT to an S3-compatible endpoint, path-style (`<endpoint>/<bucket>/<key>`) and
 * SigV4-signed with a stored AWS credential: the write behind both the storage check
 * (s3StorageCheck.ts) and media storage (media/storage.ts). It answers what happened and leaves
 * the wording of a refusal to its caller; the S3 error code is read from the body S3 answers.
 */
import aws4 from "aws4";
import { Agent } from "http";
import fetch from "node-fetch";

export interface S3PutRequest {
  endpoint: string;
  region: string;
  bucket: string;
  /**
   * The object key, literally (an AwsS3Url path as written, then the file name): each segment is
   * escaped into the URL here, so the storage check and media land under the same prefix.
   */
  key: string;
  body: string | Buffer;
  headers: Record<string, string>;
  credential: { accessKeyId: string; secretAccessKey: string };
  timeoutMs: number;
  /** Keep connections to an http endpoint open between writes (media storage writes many). */
  reuseConnections?: boolean;
}

export type S3PutOutcome = { outcome: "stored" } | { outcome: "unreachable" } | { outcome: "refused"; status: number; s3Code: string };

const keepAlive = new Agent({ keepAlive: true, maxSockets: 32 });

export async function s3Put(request: S3PutRequest): Promise<S3PutOutcome> {
  const base = new URL(request.endpoint);
  const signed = aws4.sign(
    {
      host: base.host,
      path: `${base.pathname.replace(/\/$/, "")}/${request.bucket}/${request.key.split("/").map(encodeURIComponent).join("/")}`,
      method: "PUT",
      service: "s3",
      region: request.region,
      body: request.body,
      headers: request.headers,
    },
    { accessKeyId: request.credential.accessKeyId, secretAccessKey: request.credential.secretAccessKey },
  );
  let response;
  try {
    response = await fetch(`${base.protocol}//${base.host}${signed.path}`, {
      method: "PUT",
      headers: signed.headers as Record<string, string>,
      body: request.body,
      timeout: request.timeoutMs,
      agent: request.reuseConnections && base.protocol === "http:" ? keepAlive : undefined,
    });
  } catch {
    return { outcome: "unreachable" };
  }
  if (response.ok) {
    await response.arrayBuffer(); // drained, so a kept-alive socket is free for the next write
    return { outcome: "stored" };
  }
  const text = await response.text();
  return { outcome: "refused", status: response.status, s3Code: /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? "UnknownError" };
}
