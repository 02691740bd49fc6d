/**
 * A local AWS emulator (moto's standalone server, installed by scripts/install-moto.sh) with IAM
 * authorization on, and a small SigV4-signed client for it (aws4; no AWS SDK in this repo): every S3/IAM/KMS request must be SigV4-signed with an access key of a user moto
 * knows, and is allowed or denied by that user's policies. See test/components/iamPolicy.test.ts for
 * what moto 5.2.5 can and cannot evaluate.
 *
 * Authorization is moto's INITIAL_NO_AUTH_ACTION_COUNT: the first N authorizable requests run
 * unauthenticated, the rest are checked. The server starts with N = 0 (checked from the first
 * request); `asRoot` sets N to Infinity through moto's /moto-api/reset-auth (which assigns the same
 * setting at runtime) and back to 0 afterwards. That is sturdier than counting setup requests up
 * front: some moto handlers authorize twice per request, and a miscount silently moves the boundary.
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import aws4 from "aws4";
import fetch from "node-fetch";

export const MOTO_VERSION = "5.2.5";
const INSTALL_HINT = "run scripts/install-moto.sh";
const STARTUP_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 3_000;
const REGION = "us-east-1";

/** moto is not installed where scripts/install-moto.sh puts it, or its server did not come up. */
export class MotoServerError extends Error {
  constructor(problem: string) {
    super(`moto server ${MOTO_VERSION}: ${problem}`);
    this.name = new.target.name;
  }
}

export interface MotoServer {
  /** http://127.0.0.1:PORT; every AWS service answers here (moto routes by the SigV4 service). */
  endpoint: string;
  /** Runs `work` with authorization off, as the account's root would; switches it back on after. */
  asRoot<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Mirrors the cache layout of scripts/install-moto.sh. */
export function motoBinDir(): string {
  const cacheRoot = process.env.PULUMI_TWILIO_MOTO_CACHE ?? path.join(os.homedir(), ".cache", "pulumi-twilio-video", "moto");
  return path.join(cacheRoot, MOTO_VERSION, "bin");
}

/** Only the pinned install: a moto_server elsewhere on PATH may be another version, with other limits. */
function findMotoServer(): string {
  const executable = path.join(motoBinDir(), "moto_server");
  if (!fs.existsSync(executable)) throw new MotoServerError(`${executable} does not exist; ${INSTALL_HINT}`);
  return executable;
}

/** werkzeug logs "Running on http://127.0.0.1:PORT" (stderr) once the socket is bound. */
function waitForListeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const fail = (problem: string) => {
      clearTimeout(timer);
      reject(new MotoServerError(`${problem}; its output ended with: ${output.slice(-800)}`));
    };
    const timer = setTimeout(() => fail(`did not report a port within ${STARTUP_TIMEOUT_MS} ms`), STARTUP_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        child.stderr?.off("data", onData);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("error", (err) => fail(`could not be started (${err.message}); ${INSTALL_HINT}`));
    child.once("exit", (code, signal) => fail(`exited before listening (code ${code}, signal ${signal})`));
  });
}

async function setUnauthenticatedRequests(endpoint: string, count: number): Promise<void> {
  const response = await fetch(`${endpoint}/moto-api/reset-auth`, { method: "POST", body: String(count) });
  if (response.status !== 200) {
    throw new MotoServerError(`/moto-api/reset-auth answered ${response.status}: ${await response.text()}`);
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
    child.once("exit", () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Starts moto_server on 127.0.0.1 and a free port, with IAM authorization on from the first request. */
export async function startMoto(): Promise<MotoServer> {
  const executable = findMotoServer();
  const child = spawn(executable, ["-H", "127.0.0.1", "-p", "0"], {
    env: { ...process.env, INITIAL_NO_AUTH_ACTION_COUNT: "0", PYTHONUNBUFFERED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let endpoint: string;
  try {
    endpoint = await waitForListeningUrl(child);
    // It answers: a GET here is refused with 400 without touching any service state.
    const probe = await fetch(`${endpoint}/moto-api/reset-auth`);
    if (probe.status !== 400) throw new MotoServerError(`${endpoint} answered ${probe.status} to a probe`);
  } catch (err) {
    await stop(child);
    throw err;
  }
  // Drain the request log so a full pipe never blocks the server.
  child.stdout?.resume();
  child.stderr?.resume();
  return {
    endpoint,
    async asRoot(work) {
      await setUnauthenticatedRequests(endpoint, Infinity);
      try {
        return await work();
      } finally {
        await setUnauthenticatedRequests(endpoint, 0);
      }
    },
    close: () => stop(child),
  };
}

export interface AwsKeys {
  accessKeyId: string;
  secretAccessKey: string;
}
/** Requests made inside `asRoot` are not authenticated; they are signed only so moto can route them
 * (moto picks the service from the SigV4 credential scope). */
export const ROOT_KEYS: AwsKeys = { accessKeyId: "ROOTWHILEAUTHISOFF", secretAccessKey: "unused" };

export interface AwsResponse {
  status: number;
  /** The AWS error code (`AccessDenied`, ...) of a failed call. */
  code: string | undefined;
  body: string;
  /** The ETag response header (UploadPart). */
  etag: string | undefined;
}

export interface AwsRequest {
  service: "s3" | "iam" | "kms";
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

/** One SigV4-signed call. The signature, keys and Authorization header never leave this function. */
async function signedCall(endpoint: string, keys: AwsKeys, request: AwsRequest): Promise<AwsResponse> {
  const url = new URL(endpoint);
  const signed = aws4.sign(
    { host: url.host, region: REGION, ...request, headers: { ...request.headers } },
    { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey },
  );
  const response = await fetch(`${endpoint}${request.path}`, {
    method: request.method,
    headers: signed.headers as Record<string, string>,
    body: request.body,
  });
  const body = await response.text();
  const code = response.ok ? undefined : (/<Code>([^<]+)<\/Code>/.exec(body)?.[1] ?? jsonErrorType(body));
  return { status: response.status, code, body, etag: response.headers.get("etag") ?? undefined };
}

function jsonErrorType(body: string): string | undefined {
  try {
    return String((JSON.parse(body) as { __type?: string }).__type)
      .split("#")
      .pop();
  } catch {
    return undefined;
  }
}

/** The IAM (query), KMS (JSON) and S3 (REST, path-style) calls the policy tests make, signed with `keys`. */
export function awsClient(endpoint: string) {
  const call = (keys: AwsKeys, request: AwsRequest) => signedCall(endpoint, keys, request);
  const objectCall = (keys: AwsKeys, method: string, bucket: string, key: string, rest: Partial<AwsRequest> = {}) =>
    call(keys, { service: "s3", method, path: `/${bucket}/${key}`, ...rest });
  // S3 bodies get an explicit type: aws4 defaults a body to a form type, which moto would parse away.
  const binary = { "Content-Type": "application/octet-stream" };

  return {
    iam: (keys: AwsKeys, action: string, params: Record<string, string>) =>
      call(keys, {
        service: "iam",
        method: "POST",
        path: "/",
        body: new URLSearchParams({ Action: action, Version: "2010-05-08", ...params }).toString(),
        headers: { "Content-Type": "application/x-www-form-urlencoded; charset=utf-8" },
      }),
    kms: (keys: AwsKeys, operation: string, params: object) =>
      call(keys, {
        service: "kms",
        method: "POST",
        path: "/",
        body: JSON.stringify(params),
        headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": `TrentService.${operation}` },
      }),
    s3: {
      createBucket: (keys: AwsKeys, bucket: string) => call(keys, { service: "s3", method: "PUT", path: `/${bucket}` }),
      listObjectsV2: (keys: AwsKeys, bucket: string) => call(keys, { service: "s3", method: "GET", path: `/${bucket}?list-type=2` }),
      putObject: (keys: AwsKeys, bucket: string, key: string, body = "recording bytes") =>
        objectCall(keys, "PUT", bucket, key, { body, headers: binary }),
      getObject: (keys: AwsKeys, bucket: string, key: string) => objectCall(keys, "GET", bucket, key),
      deleteObject: (keys: AwsKeys, bucket: string, key: string) => objectCall(keys, "DELETE", bucket, key),
      createMultipartUpload: (keys: AwsKeys, bucket: string, key: string) =>
        objectCall(keys, "POST", bucket, `${key}?uploads`, { body: "", headers: binary }),
      uploadPart: (keys: AwsKeys, bucket: string, key: string, uploadId: string, body: string) =>
        objectCall(keys, "PUT", bucket, `${key}?partNumber=1&uploadId=${encodeURIComponent(uploadId)}`, { body, headers: binary }),
      completeMultipartUpload: (keys: AwsKeys, bucket: string, key: string, uploadId: string, etag: string) =>
        objectCall(keys, "POST", bucket, `${key}?uploadId=${encodeURIComponent(uploadId)}`, {
          body: `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${etag}</ETag></Part></CompleteMultipartUpload>`,
          headers: { "Content-Type": "application/xml" },
        }),
      abortMultipartUpload: (keys: AwsKeys, bucket: string, key: string, uploadId: string) =>
        objectCall(keys, "DELETE", bucket, `${key}?uploadId=${encodeURIComponent(uploadId)}`),
    },
  };
}

export type AwsClient = ReturnType<typeof awsClient>;
