// The whole onboarding story through the real pulumi CLI: twilio-video-import writes the program for
// an account set up by hand, then, as its README says, stack init, the config lines, a preview
// (each object to create), up, and a preview that expects no changes. Twilio sees only GETs
// throughout: the program mirrors the account and each object is imported.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { RSA_2048 } from "../fixtures/publicKeys";
import { makeProgramFolder, type ProgramFolder } from "../helpers/programFolder";
import { assertNoSecrets, twilioStackConfig } from "../cli/cliStack";
import { AWS_ACCESS_KEY_ID, AWS_SECRET, configureLikeTheConsole, importer, type ConsoleObjects } from "./consoleAccount";

describe("an imported program through the pulumi CLI", function () {
  this.timeout(300_000);
  let emulator: Emulator;
  let work: string;
  let folder: ProgramFolder;
  let objects: ConsoleObjects;
  const outputs: string[] = [];
  const writes = () =>
    emulator.log
      .entries()
      .filter((e) => e.method !== "GET")
      .map((e) => `${e.method} ${e.path}`);
  const pulumi = async (args: string[]) => {
    const run = await folder.pulumi(args, { stack: "prod" });
    outputs.push(run.stdout, run.stderr);
    return run;
  };

  before(async () => {
    emulator = await startEmulator();
    objects = await configureLikeTheConsole(emulator);
    work = fs.mkdtempSync(path.join(os.tmpdir(), "twilio-video-import-up-"));
    const env = {
      TWILIO_ACCOUNT_SID: DEFAULT_ACCOUNT.accountSid,
      TWILIO_AUTH_TOKEN: DEFAULT_ACCOUNT.authToken,
      TWILIO_ENDPOINT: emulator.url,
    };
    const run = await importer(["--out", "video-prod"], work, env);
    assert.equal(run.status, 0, run.stderr);
    outputs.push(run.stdout, run.stderr);
    // The installed package as npm lays it out; ts-node only transpiles (the render tests type-check).
    folder = makeProgramFolder({
      source: path.join(work, "video-prod"),
      nodeModules: "installed",
      env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" },
    });
    await folder.pulumi(["stack", "init", "prod"]);
    await twilioStackConfig(folder, "prod", emulator.url, DEFAULT_ACCOUNT);
    await folder.setConfig("prod", "s3WriterAccessKeyId", AWS_ACCESS_KEY_ID);
    await folder.setConfig("prod", "s3WriterSecretAccessKey", AWS_SECRET, { secret: true });
    await folder.setConfig("prod", "mainKeyPublicKey", RSA_2048);
    emulator.log.clear();
  });
  after(async () => {
    await folder?.cleanup();
    if (work) fs.rmSync(work, { recursive: true, force: true });
    await emulator?.close();
  });

  it("preview: every object to create (imported), nothing written", async () => {
    const preview = await pulumi(["preview"]);
    // Two hooks, the credential, the key, the recording settings, and the stack.
    assert.match(preview.stdout, /\+ 6 to create/);
    assert.deepEqual(writes(), []);
  });

  it("up takes each object over without a write, and the next preview expects no changes", async () => {
    const up = await pulumi(["up", "--yes"]);
    assert.match(up.stdout, /\+ 6 created/);
    await pulumi(["preview", "--expect-no-changes"]);
    assert.deepEqual(writes(), []);
    const ids = JSON.parse((await pulumi(["stack", "export"])).stdout)
      .deployment.resources.filter((r: { type: string }) => r.type.startsWith("pulumi-nodejs:dynamic/"))
      .map((r: { id: string }) => r.id)
      .sort();
    assert.deepEqual(ids, [...objects.hooks, objects.credential, objects.key, DEFAULT_ACCOUNT.accountSid].sort());
    assertNoSecrets(outputs, [DEFAULT_ACCOUNT.authToken, AWS_SECRET]);
  });
});
