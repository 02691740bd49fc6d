/**
 * Pulumi's `import` resource option through the real CLI on a program folder. Objects made as a
 * console user makes them (two hooks, one with a two-region layout and one disabled, an AWS
 * credential, a public key, recording and composition settings to S3, a subaccount) are imported
 * by a program that says what they have: `up` writes nothing to Twilio (the emulator's request
 * log is the judge), a second preview has no changes, and a console edit shows up as drift. A
 * program that differs, an id that does not exist, an id of another kind, a settings id of
 * another account, and an ApiKey fail the preview, naming the option.
 */
import { strict as assert } from "assert";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { twilioStackConfig } from "../cli/cliStack";
import { RSA_2048 } from "../fixtures/publicKeys";
import { ensureBuilt } from "../helpers/programDir";
import { ProgramFolder, makeProgramFolder } from "../helpers/programFolder";

const STACK = "imported";
const AWS_KEY_ID = "AKIAIMPORTCONSOLE001";
const AWS_SECRET = "importOptionConsoleSecretKey000000000000";
const BUCKET = "https://console-media.s3.us-east-1.amazonaws.com";
const LAYOUT = {
  speaker: { video_sources: ["speaker*"], x_pos: 0, y_pos: 0, width: 960, height: 720 },
  audience: { video_sources: ["*"], x_pos: 960, y_pos: 0, width: 320, height: 720, max_rows: 4 },
};

/** The program imports what `ids.json` names; `variant` picks a bad case. */
const PROGRAM = `
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as twilio from "pulumi-twilio-video";

const ids = JSON.parse(fs.readFileSync(path.join(__dirname, "ids.json"), "utf8"));
const variant = new pulumi.Config().get("variant") ?? "matching";

const writer = new twilio.AwsCredential("writer", {
  friendlyName: "media writer", accessKeyId: ${JSON.stringify(AWS_KEY_ID)}, secretAccessKey: ${JSON.stringify(AWS_SECRET)},
}, { import: ids.credential });
const key = new twilio.PublicKey("key", { friendlyName: "media key", publicKey: ${JSON.stringify(RSA_2048)} }, { import: ids.publicKey });
new twilio.RecordingSettings("recordings", {
  friendlyName: "recordings to s3", awsCredentialsSid: writer.sid, awsS3Url: "${BUCKET}/recordings", awsStorageEnabled: true,
}, { import: variant === "other-account" ? "AC00000000000000000000000000000bad" : ids.account });
new twilio.CompositionSettings("compositions", {
  friendlyName: "compositions to s3", awsCredentialsSid: writer.sid, awsS3Url: "${BUCKET}/compositions", awsStorageEnabled: true,
}, { import: ids.account });
const grid = new twilio.CompositionHook("speaker-grid", {
  friendlyName: "speaker grid", audioSources: ["*"], videoLayout: ${JSON.stringify(LAYOUT)},
  resolution: variant === "differs" ? "640x480" : "1280x720", format: "mp4",
  // Twilio cannot compose recordings stored in S3: this is how the account is configured today.
  allowUncomposableRecordings: true,
}, { import: variant === "unknown" ? "HK000000000000000000000000000000ff" : variant === "other-kind" ? ids.credential : ids.gridHook });
new twilio.CompositionHook("audio-only", { friendlyName: "audio only", enabled: false, audioSources: ["host"] }, { import: ids.audioHook });
const team = new twilio.Subaccount("team", { friendlyName: "team video" }, { import: ids.subaccount });
if (variant === "api-key") new twilio.ApiKey("deploy", { friendlyName: "deploy" }, { import: "SK000000000000000000000000000000aa" });

export const sids = { writer: writer.sid, key: key.sid, grid: grid.sid, team: team.sid };
export const imported = grid.importId;
`;

const PROJECT = "name: twilio-video-import-test\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n";
const PACKAGE_JSON = JSON.stringify({
  name: "twilio-video-import-test",
  version: "0.0.0",
  private: true,
  main: "index.ts",
  dependencies: { "@pulumi/pulumi": "^3.248.0", "pulumi-twilio-video": "file:../.." },
});

describe("Pulumi's import option through the real CLI", function () {
  this.timeout(300_000);
  let emulator: Emulator;
  let folder: ProgramFolder;
  let ids: Record<string, string>;

  const call = async (method: string, path: string, form?: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form ?? {})) for (const one of [v].flat()) body.append(k, one);
    const res = await fetch(`${emulator.url}${path}`, {
      method,
      headers: {
        authorization: "Basic " + Buffer.from(`${DEFAULT_ACCOUNT.accountSid}:${DEFAULT_ACCOUNT.authToken}`).toString("base64"),
        "content-type": "application/x-www-form-urlencoded",
      },
      body: form ? body.toString() : undefined,
    });
    const json = (await res.json()) as Record<string, unknown>;
    assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const writes = () =>
    emulator.log
      .entries()
      .filter((e) => e.method !== "GET")
      .map((e) => `${e.method} ${e.path}`);
  const cli = (args: string[]) => folder.pulumi(args, { stack: STACK });
  const failing = async (args: string[], variant: string) => {
    await cli(["config", "set", "variant", variant]);
    try {
      const run = await folder.run(args, { stack: STACK });
      assert.notEqual(run.code, 0, `${args.join(" ")} with ${variant} succeeded`);
      return run.stdout + run.stderr;
    } finally {
      await cli(["config", "rm", "variant"]);
    }
  };

  before(async () => {
    ensureBuilt();
    emulator = await startEmulator({ accounts: [DEFAULT_ACCOUNT] });
    // As a console user would have left the account.
    const credential = await call("POST", "/v1/Credentials/AWS", {
      FriendlyName: "media writer",
      Credentials: `${AWS_KEY_ID}:${AWS_SECRET}`,
    });
    const publicKey = await call("POST", "/v1/Credentials/PublicKeys", { FriendlyName: "media key", PublicKey: RSA_2048 });
    const settings = (name: string, prefix: string) => ({
      FriendlyName: name,
      AwsCredentialsSid: String(credential.sid),
      AwsS3Url: `${BUCKET}/${prefix}`,
      AwsStorageEnabled: "true",
    });
    await call("POST", "/v1/RecordingSettings/Default", settings("recordings to s3", "recordings"));
    await call("POST", "/v1/CompositionSettings/Default", settings("compositions to s3", "compositions"));
    const grid = await call("POST", "/v1/CompositionHooks", {
      FriendlyName: "speaker grid",
      AudioSources: "*",
      VideoLayout: JSON.stringify(LAYOUT),
      Resolution: "1280x720",
      Format: "mp4",
    });
    const audio = await call("POST", "/v1/CompositionHooks", { FriendlyName: "audio only", Enabled: "false", AudioSources: "host" });
    const sub = await call("POST", "/2010-04-01/Accounts.json", { FriendlyName: "team video" });
    ids = {
      account: DEFAULT_ACCOUNT.accountSid,
      credential: String(credential.sid),
      publicKey: String(publicKey.sid),
      gridHook: String(grid.sid),
      audioHook: String(audio.sid),
      subaccount: String(sub.sid),
    };
    folder = makeProgramFolder({ env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } });
    folder.writeFile("Pulumi.yaml", PROJECT);
    folder.writeFile("package.json", PACKAGE_JSON);
    folder.writeFile("index.ts", PROGRAM);
    folder.writeFile("ids.json", JSON.stringify(ids));
    await folder.pulumi(["stack", "init", STACK]);
    await twilioStackConfig(folder, STACK, emulator.url, DEFAULT_ACCOUNT);
  });
  after(async () => {
    await folder?.cleanup();
    await emulator?.close();
  });

  it("a program that differs from the live hook fails the preview with the differing field, and writes nothing", async () => {
    emulator.log.clear();
    const output = await failing(["preview"], "differs");
    assert.match(output, /import "HK[0-9a-f]{32}": the CompositionHook at Twilio differs from the program/);
    assert.match(output, /resolution is "1280x720" at Twilio, "640x480" in the program/);
    assert.doesNotMatch(output, /videoLayout is/, "a layout written without Twilio's region defaults is the same layout");
    assert.deepEqual(writes(), []);
  });

  it("an unknown id, an id of another kind, another account's settings and an ApiKey fail the preview naming the option", async () => {
    assert.match(await failing(["preview"], "unknown"), /import "HK0{30}ff": no CompositionHook HK0{30}ff exists in account AC/);
    assert.match(
      await failing(["preview"], "other-kind"),
      /CompositionHook "speaker-grid": import must be a composition hook SID matching \^HK\[0-9a-fA-F\]\{32\}\$, not "CR/,
    );
    assert.match(
      await failing(["preview"], "other-account"),
      /import "AC0{29}bad": RecordingSettings is one per account, and its id is the account's SID: the stack's account is AC/,
    );
    assert.match(
      await failing(["preview"], "api-key"),
      /ApiKey "deploy": the import option cannot bring in an existing ApiKey: Twilio returns/,
    );
    assert.deepEqual(writes(), []);
  });

  it("up imports all seven objects without one Twilio write; a second preview has no changes", async () => {
    emulator.log.clear();
    const up = await cli(["up", "--yes"]);
    assert.match(up.stdout, /\+ 8 created/, "seven objects and the stack");
    assert.deepEqual(writes(), []);
    await cli(["preview", "--expect-no-changes"]);
    await cli(["refresh", "--yes", "--expect-no-changes"]);
    assert.deepEqual(writes(), []);
    const state = (await cli(["stack", "export"])).stdout;
    assert.equal(state.includes(AWS_SECRET), false, "the AWS secret is not plain in state");
    const outputs = JSON.parse((await cli(["stack", "output", "--json"])).stdout) as { sids: Record<string, string>; imported: string };
    assert.deepEqual(outputs.sids, { writer: ids.credential, key: ids.publicKey, grid: ids.gridHook, team: ids.subaccount });
    assert.equal(outputs.imported, ids.gridHook);
  });

  it("a console edit after the import is drift: preview --refresh shows it, up repairs it", async () => {
    await call("POST", `/v1/CompositionHooks/${ids.audioHook}`, { FriendlyName: "audio only", Enabled: "false", AudioSources: "guest" });
    const drift = await folder.run(["preview", "--refresh", "--expect-no-changes", "--diff"], { stack: STACK });
    assert.notEqual(drift.code, 0, "the drift was not caught");
    assert.match(drift.stdout, /audio-only/);
    assert.match(drift.stdout, /audioSources/);
    emulator.log.clear();
    await cli(["up", "--yes", "--refresh"]);
    assert.deepEqual(writes(), [`POST /v1/CompositionHooks/${ids.audioHook}`]);
    await cli(["preview", "--expect-no-changes"]);
  });

  it("destroy deletes what was imported, as for any resource (retainOnDelete keeps it)", async () => {
    await cli(["destroy", "--yes"]);
    const hooks = (await call("GET", "/v1/CompositionHooks")).composition_hooks as unknown[];
    assert.equal(hooks.length, 0);
  });
});
