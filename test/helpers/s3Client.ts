/**
 * What a user's S3-side code sees of a bucket: ListObjectsV2 and GetObject over the S3 REST API,
 * SigV4-signed (aws4), path-style against a local S3 endpoint (test/helpers/localS3.ts).
 */
import { strict as assert } from "assert";
import aws4 from "aws4";
import fetch from "node-fetch";

export interface S3Reader {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  region?: string;
}

async function signedGet(s3: S3Reader, path: string) {
  const url = new URL(s3.endpoint);
  const signed = aws4.sign(
    { host: url.host, path, method: "GET", service: "s3", region: s3.region ?? "us-east-1" },
    { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  );
  return fetch(`${s3.endpoint}${signed.path}`, { headers: signed.headers as Record<string, string> });
}

/** Every key under `prefix` with its size, in key order. */
export async function listObjects(s3: S3Reader, bucket: string, prefix: string): Promise<{ key: string; size: number }[]> {
  const res = await signedGet(s3, `/${bucket}?list-type=2&prefix=${encodeURIComponent(prefix)}`);
  const xml = await res.text();
  assert.equal(res.status, 200, xml);
  return [...xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)].map(([, c]) => ({
    key: /<Key>([^<]*)<\/Key>/.exec(c)![1],
    size: Number(/<Size>(\d+)<\/Size>/.exec(c)![1]),
  }));
}

export async function getObject(s3: S3Reader, bucket: string, key: string): Promise<{ body: Buffer; headers: Record<string, string> }> {
  const res = await signedGet(s3, `/${bucket}/${key}`);
  const body = Buffer.from(await res.arrayBuffer());
  assert.equal(res.status, 200, `GET ${bucket}/${key}: ${res.status} ${body.toString()}`);
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => (headers[name] = value));
  return { body, headers };
}
