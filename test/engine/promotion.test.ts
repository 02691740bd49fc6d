/**
 * Promotion through the real engine: one program as stacks dev, staging
 * and prod in one backend, each stack configured with its own emulator account. Each stack must
 * touch only its own account. The same suite runs on a `file://` backend and on an `s3://` backend
 * served by a local S3 server, where state and locks are shown to live in the bucket.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import aws4 from "aws4";
import fetch from "node-fetch";
import * as pulumi from "@pulumi/pulumi";
import { ConcurrentUpdateError } from "@pulumi/pulumi/automation";
import { startEmulator, type Emulator } from "../../emulator";
import { AwsCredential, CompositionHook, RecordingSettings } from "../../provider";
import { LOCAL_S3_ACCESS_KEY_ID, LOCAL_S3_SECRET_ACCESS_KEY, LocalS3, startLocalS3 } from "../helpers/localS3";
import { TestStack, createTestStack, twilioStackConfig } from "../helpers/pulumiCli";
import type { CredentialListJson, HookListJson, SettingsJson } from "../helpers/twilioConsole";

const PROJECT = "twilio-video-test";
const ENVS = ["dev", "staging", "prod"] as const;
type Env = (typeof ENVS)[number];
const ACCOUNTS: Record<Env, { accountSid: string; authToken: string }> = {
  dev: { accountSid: "AC000000000000000000000000000de001", authToken: "promotion-dev-token-1" },
  staging: { accountSid: "AC0000000000000000000000000057a001", authToken: "promotion-staging-token-1" },
  prod: { accountSid: "AC00000000000000000000000000090d01", authToken: "promotion-prod-token-1" },
};

/** Called by the program while the engine runs it, i.e. while the stack's lock is held. */
let duringProgram: ((stack: string) => Promise<void>) | undefined;

/** The one program every stack runs; only stack config differs. */
async function program(): Promise<Record<string, unknown>> {
  const env = new pulumi.Config("app").require("env");
  await duringProgram?.(pulumi.getStack());
  const writer = new AwsCredential("writer", {
    accessKeyId: "AKIAPROMOTION0000001",
    secretAccessKey: `promotionSecret${env}`.padEnd(40, "0"),
    friendlyName: `${env} writer`,
  });
  const recordings = new RecordingSettings("recordings", {
    friendlyName: `${env} recordings`,
    awsCredentialsSid: writer.sid,
    awsS3Url: `https://video-${env}.s3.us-east-1.amazonaws.com/recordings`,
    awsStorageEnabled: true,
  });
  // Recordings in S3 cannot be composed; this test is about promotion between accounts, so the hook says it means it.
  const hook = new CompositionHook("hook", { friendlyName: `${env} compositions`, audioSources: ["*"], allowUncomposableRecordings: true });
  return { hookSid: hook.sid, writerSid: writer.sid, recordingsAccount: recordings.accountSid };
}

/** What an account holds, as the console would show it. */
async function accountContents(emulator: Emulator, env: Env) {
  const { accountSid, authToken } = ACCOUNTS[env];
  const get = async <T>(p: string): Promise<T> => {
    const res = await fetch(`${emulator.url}${p}`, {
      headers: { authorization: "Basic " + Buffer.from(`${accountSid}:${authToken}`).toString("base64") },
    });
    assert.equal(res.status, 200, `GET ${p} as ${env}`);
    return res.json() as Promise<T>;
  };
  const hooks = await get<HookListJson>("/v1/CompositionHooks");
  const credentials = await get<CredentialListJson>("/v1/Credentials/AWS");
  const recordings = await get<SettingsJson>("/v1/RecordingSettings/Default");
  return {
    hooks: hooks.composition_hooks.map((h) => `${h.sid} ${h.friendly_name}`),
    credentials: credentials.credentials.map((c) => `${c.sid} ${c.friendly_name}`),
    recordings: `${recordings.friendly_name} storage=${recordings.aws_storage_enabled} ${recordings.aws_s3_url}`,
  };
}

/** Accounts that authenticated the requests the emulator logged, and how many requests there were. */
function loggedAccounts(emulator: Emulator): { accounts: string[]; requests: number } {
  const entries = emulator.log.entries();
  return { accounts: [...new Set(entries.map((e) => e.accountSid ?? "(none)"))], requests: entries.length };
}

interface Backend {
  /** Options for createTestStack that put every stack in this backend. */
  stackOptions: { backendDir?: string; backendUrl?: string; envVars?: Record<string, string> };
  close(): Promise<void>;
}

/**
 * Runs the promotion checks on one backend; `extra` adds backend-specific tests that run after
 * all three stacks are up.
 */
function describePromotion(label: string, openBackend: () => Promise<Backend>, extra?: (ctx: () => PromotionContext) => void): void {
  describe(`the real Pulumi engine: promotion dev -> staging -> prod (${label} backend)`, function () {
    this.timeout(240_000);
    const ctx = {} as PromotionContext;
    ctx.stacks = {} as Record<Env, TestStack>;
    ctx.outputs = {} as PromotionContext["outputs"];

    before(async () => {
      ctx.emulator = await startEmulator({ accounts: ENVS.map((env) => ACCOUNTS[env]) });
      ctx.backend = await openBackend();
      for (const env of ENVS) {
        ctx.stacks[env] = await createTestStack({
          stackName: env,
          projectName: PROJECT,
          program,
          ...ctx.backend.stackOptions,
          config: {
            "app:env": { value: env },
            ...twilioStackConfig(ctx.emulator.url, ACCOUNTS[env]),
          },
        });
      }
    });
    after(async () => {
      for (const env of ENVS) await ctx.stacks[env]?.cleanup();
      await ctx.backend?.close();
      await ctx.emulator?.close();
    });

    it("each stack's up is authenticated only as its own account", async () => {
      for (const env of ENVS) {
        ctx.emulator.log.clear();
        const result = await ctx.stacks[env].stack.up();
        assert.deepEqual(result.summary.resourceChanges, { create: 4 }, env);
        assert.equal(result.outputs.recordingsAccount.value, ACCOUNTS[env].accountSid);
        ctx.outputs[env] = { hookSid: result.outputs.hookSid.value, writerSid: result.outputs.writerSid.value };
        const logged = loggedAccounts(ctx.emulator);
        assert.deepEqual(logged.accounts, [ACCOUNTS[env].accountSid], `${env} up`);
        assert.equal(logged.requests, 4, `${env} up: credential, settings GET+POST, hook`);
      }
    });

    it("the three stacks live in one backend and each account holds exactly its own objects", async () => {
      const listed = await ctx.stacks.dev.workspace.listStacks();
      assert.deepEqual(listed.map((s) => s.name).sort(), ["dev", "prod", "staging"]);
      for (const env of ENVS) {
        const { hookSid, writerSid } = ctx.outputs[env];
        assert.deepEqual(await accountContents(ctx.emulator, env), {
          hooks: [`${hookSid} ${env} compositions`],
          credentials: [`${writerSid} ${env} writer`],
          recordings: `${env} recordings storage=true https://video-${env}.s3.us-east-1.amazonaws.com/recordings`,
        });
      }
    });

    extra?.(() => ctx);

    it("destroying staging touches only staging's account and leaves dev and prod as they were", async () => {
      const before = { dev: await accountContents(ctx.emulator, "dev"), prod: await accountContents(ctx.emulator, "prod") };
      ctx.emulator.log.clear();
      const result = await ctx.stacks.staging.stack.destroy();
      assert.deepEqual(result.summary.resourceChanges, { delete: 4 });
      assert.deepEqual(loggedAccounts(ctx.emulator), { accounts: [ACCOUNTS.staging.accountSid], requests: 3 });
      assert.deepEqual(await accountContents(ctx.emulator, "staging"), {
        hooks: [],
        credentials: [],
        recordings: "staging recordings storage=false null",
      });
      assert.deepEqual({ dev: await accountContents(ctx.emulator, "dev"), prod: await accountContents(ctx.emulator, "prod") }, before);
      ctx.emulator.log.clear();
      for (const env of ["dev", "prod"] as const) await ctx.stacks[env].stack.preview({ expectNoChanges: true });
      assert.deepEqual(loggedAccounts(ctx.emulator), { accounts: [], requests: 0 });
    });
  });
}

interface PromotionContext {
  emulator: Emulator;
  backend: Backend;
  stacks: Record<Env, TestStack>;
  /** Each stack's outputs from its first up. */
  outputs: Record<Env, { hookSid: string; writerSid: string }>;
}

async function openFileBackend(): Promise<Backend> {
  const backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-twilio-video-shared-backend-"));
  return { stackOptions: { backendDir }, close: () => fs.promises.rm(backendDir, { recursive: true, force: true }) };
}

describePromotion("file://", openFileBackend);

const STATE_BUCKET = "pulumi-state";
const S3_REGION = "us-east-1";
let localS3: LocalS3 | undefined;
/** Lock objects in the bucket seen by the program of each stack's up, keyed by stack. */
const locksSeen: Record<string, string[]> = {};

/** Keys under `prefix` in the local S3 bucket, read from s3rver's directory (KEY._S3rver_object). */
async function bucketKeys(prefix: string): Promise<string[]> {
  const root = path.join(localS3!.directory, STATE_BUCKET);
  const walk = async (dir: string): Promise<string[]> => {
    const entries = await fs.promises.readdir(dir, { withFileTypes: true }).catch(() => []);
    const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)])));
    return nested.flat();
  };
  const files = await walk(path.join(root, prefix));
  return files
    .filter((f) => f.endsWith("._S3rver_object"))
    .map((f) => path.relative(root, f).replace(/\._S3rver_object$/, ""))
    .sort();
}

/** PUT an object as another pipeline would, SigV4-signed with the local S3 key pair. */
async function putObject(key: string, body: string): Promise<void> {
  const url = new URL(`${localS3!.endpoint}/${STATE_BUCKET}/${key}`);
  const signed = aws4.sign(
    {
      host: url.host,
      method: "PUT",
      path: url.pathname,
      service: "s3",
      region: S3_REGION,
      body,
      headers: { "content-type": "application/json" },
    },
    { accessKeyId: LOCAL_S3_ACCESS_KEY_ID, secretAccessKey: LOCAL_S3_SECRET_ACCESS_KEY },
  );
  const res = await fetch(url.toString(), { method: "PUT", headers: signed.headers as Record<string, string>, body });
  assert.equal(res.status, 200, await res.text());
}

/**
 * gocloud.dev v0.46 (in pulumi v3.248.0) opens s3:// with aws-sdk-go-v2 only: `endpoint` needs a
 * scheme, `use_path_style=true` (or the v1 name `s3ForcePathStyle`) avoids BUCKET.127.0.0.1
 * hosts, and `region` names the signing region. Anything gocloud does not know is refused.
 */
async function openS3Backend(): Promise<Backend> {
  localS3 = await startLocalS3({ buckets: [STATE_BUCKET] });
  const query = new URLSearchParams({ endpoint: localS3.endpoint, use_path_style: "true", region: S3_REGION });
  duringProgram = async (stack) => {
    locksSeen[stack] = await bucketKeys(`.pulumi/locks`);
  };
  const s3 = localS3;
  return {
    stackOptions: {
      backendUrl: `s3://${STATE_BUCKET}?${query}`,
      envVars: {
        AWS_ACCESS_KEY_ID: LOCAL_S3_ACCESS_KEY_ID,
        AWS_SECRET_ACCESS_KEY: LOCAL_S3_SECRET_ACCESS_KEY,
        AWS_REGION: S3_REGION,
        // Keep the SDK away from ~/.aws and the EC2 metadata service.
        AWS_CONFIG_FILE: "/dev/null",
        AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
        AWS_EC2_METADATA_DISABLED: "true",
      },
    },
    async close() {
      duringProgram = undefined;
      localS3 = undefined;
      await s3.close();
    },
  };
}

describePromotion("s3://", openS3Backend, (ctx) => {
  it("keeps every stack's state in the bucket, with secrets encrypted", async () => {
    // NAME.json.bak is the diy backend's copy of the previous checkpoint.
    assert.deepEqual(
      await bucketKeys(".pulumi/stacks"),
      ["dev", "prod", "staging"].flatMap((env) => [`.pulumi/stacks/${PROJECT}/${env}.json`, `.pulumi/stacks/${PROJECT}/${env}.json.bak`]),
    );
    for (const env of ENVS) {
      const state = await fs.promises.readFile(
        path.join(localS3!.directory, STATE_BUCKET, `.pulumi/stacks/${PROJECT}/${env}.json._S3rver_object`),
        "utf8",
      );
      const { hookSid } = ctx().outputs[env];
      const resources: { type: string; id?: string }[] = JSON.parse(state).checkpoint.latest.resources;
      assert.deepEqual(
        resources.filter((r) => r.type.endsWith(":CompositionHook")).map((r) => r.id),
        [hookSid],
        env,
      );
      assert.ok(
        !state.includes(`promotionSecret${env}`.padEnd(40, "0")) && !state.includes(ACCOUNTS[env].authToken),
        `${env} state has a plaintext secret`,
      );
    }
  });

  it("reaches the bucket with the AWS credentials from the environment: a wrong secret is refused", async () => {
    const wrongSecret = "not-the-local-s3-secret";
    const { backendUrl, envVars } = ctx().backend.stackOptions;
    const failure = await createTestStack({
      stackName: "dev",
      projectName: PROJECT,
      program,
      backendUrl,
      envVars: { ...envVars, AWS_SECRET_ACCESS_KEY: wrongSecret },
    }).then(
      async (t) => {
        await t.cleanup();
        return undefined;
      },
      (err: Error) => err,
    );
    assert.ok(failure, "selecting a stack with a wrong AWS secret should fail");
    assert.match(failure.message, /read "\.pulumi\/meta\.yaml".*StatusCode: 403.*SignatureDoesNotMatch/);
    assert.ok(!failure.message.includes(wrongSecret), "AWS secret in the error");
  });

  it("holds each stack's lock in the bucket while the stack runs, and releases it", async () => {
    for (const env of ENVS) {
      assert.equal(locksSeen[env].length, 1, `${env}: ${locksSeen[env]}`);
      assert.match(locksSeen[env][0], new RegExp(`^\\.pulumi/locks/organization/${PROJECT}/${env}/[0-9a-f-]+\\.json$`));
    }
    assert.deepEqual(await bucketKeys(".pulumi/locks"), []);
  });

  it("a lock left in the bucket by another pipeline stops up before any Twilio call; cancel clears it", async () => {
    const { prod } = ctx().stacks;
    await putObject(
      `.pulumi/locks/organization/${PROJECT}/prod/other-pipeline.json`,
      JSON.stringify({ pid: 4242, username: "ci", hostname: "other-runner", timestamp: new Date().toISOString() }),
    );
    ctx().emulator.log.clear();
    const failure = await prod.stack.up().then(
      () => undefined,
      (err: Error) => err,
    );
    assert.ok(failure instanceof ConcurrentUpdateError, String(failure));
    assert.match(failure.message, /the stack is currently locked by 1 lock\(s\)/);
    assert.match(failure.message, /ci@other-runner \(pid 4242\)/);
    assert.equal(ctx().emulator.log.count(), 0);

    await prod.stack.cancel();
    assert.deepEqual(await bucketKeys(".pulumi/locks"), []);
    await prod.stack.preview({ expectNoChanges: true });
  });
});
