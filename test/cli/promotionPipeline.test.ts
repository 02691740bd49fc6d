/**
 * examples/promotion's pipeline scripts, run as CI runs them: a copy of the folder, the
 * real CLI, stacks dev, staging and prod each pointed at its own emulator and account (the sample
 * stack configs' layout), then scripts/preview.sh, scripts/promote.sh and scripts/drift-check.sh.
 * The drift check must pass on an untouched account and fail, naming the stack and printing the
 * diff, after a console edit.
 *
 * The program's AWS side (RecordingBucket on @pulumi/aws) needs the AWS provider plugin, which
 * cannot be downloaded here: a stand-in plugin (test/fixtures/fakeAwsPlugin) answers for AWS and
 * logs what the engine asked of it. The Twilio side is real: the provider against the emulators.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import yaml from "js-yaml";
import { startEmulator, type Emulator } from "../../emulator";
import { ensureBuilt, REPO_ROOT } from "../helpers/programDir";
import { CliRun, ProgramFolder, makeProgramFolder } from "../helpers/programFolder";
import { NEWEST_PULUMI_CLI_VERSION } from "../helpers/pulumiCli";
import { ConsoleAccount, consoleCall, liveConfiguration } from "../helpers/twilioConsole";
import { assertExit, assertNoSecrets, stackOutputs, stringOutput, twilioStackConfig } from "./cliStack";

const EXAMPLE_DIR = path.join(REPO_ROOT, "examples", "promotion");
const FAKE_AWS_PLUGIN_DIR = path.join(REPO_ROOT, "test", "fixtures", "fakeAwsPlugin");
const STAGES = ["dev", "staging", "prod"] as const;
type Stage = (typeof STAGES)[number];

/** Each stage's account: the SID its sample Pulumi.<stage>.yaml names, a token of its own. */
function sampleAccount(stage: Stage): ConsoleAccount {
  const sample = yaml.load(fs.readFileSync(path.join(EXAMPLE_DIR, `Pulumi.${stage}.yaml`), "utf8")) as { config: Record<string, string> };
  return { accountSid: sample.config["twilio:accountSid"], authToken: `promotion-${stage}-token-Hq27` };
}

const ACCOUNTS: Record<Stage, ConsoleAccount> = {
  dev: sampleAccount("dev"),
  staging: sampleAccount("staging"),
  prod: sampleAccount("prod"),
};
const writes = (emulator: Emulator) => emulator.log.entries().filter((e) => e.method !== "GET").length;

describe(`examples/promotion's pipeline scripts through the pulumi CLI ${NEWEST_PULUMI_CLI_VERSION}`, function () {
  this.timeout(600_000);
  const emulators = {} as Record<Stage, Emulator>;
  let folder: ProgramFolder;
  let ledger: string;
  const outputs: string[] = [];
  const script = async (name: string, ...stacks: string[]): Promise<CliRun> => {
    const run = await folder.exec("bash", [`scripts/${name}`, ...stacks], { timeoutMs: 480_000 });
    outputs.push(run.stdout, run.stderr);
    return run;
  };
  const live = (stage: Stage) => liveConfiguration(emulators[stage].url, ACCOUNTS[stage]);

  before(async () => {
    ensureBuilt();
    for (const stage of STAGES) emulators[stage] = await startEmulator({ accounts: [ACCOUNTS[stage]] });
    folder = makeProgramFolder({
      source: EXAMPLE_DIR,
      cliVersion: NEWEST_PULUMI_CLI_VERSION,
      pathPrepend: [FAKE_AWS_PLUGIN_DIR],
      // `npm run typecheck` checks the example; ts-node only transpiles here, which halves each run.
      env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" },
    });
    ledger = path.join(folder.pulumiHome, "fake-aws-ledger.jsonl");
    folder.env.FAKE_AWS_LEDGER = ledger;
    for (const stage of STAGES) {
      await folder.pulumi(["stack", "init", stage]);
      // The sample config names the account; only the emulator's address and the token are set here.
      await twilioStackConfig(folder, stage, emulators[stage].url, ACCOUNTS[stage]);
    }
  });
  after(async () => {
    await folder?.cleanup();
    for (const stage of STAGES) await emulators[stage]?.close();
  });

  it("the GitHub Actions workflow calls exactly these scripts: preview on PRs, promote on main, drift on a schedule", () => {
    // What the test reads of the workflow file; the steps and schedule are checked below.
    type Workflow = { on: { schedule?: unknown }; jobs: Record<string, { steps: { run?: unknown }[] }> };
    const workflow = yaml.load(fs.readFileSync(path.join(EXAMPLE_DIR, ".github", "workflows", "promotion.yml"), "utf8")) as Workflow;
    const scriptsOf = (job: string) =>
      workflow.jobs[job].steps.flatMap((step) => (typeof step.run === "string" ? (step.run.match(/scripts\/[\w-]+\.sh/g) ?? []) : []));
    assert.deepEqual(scriptsOf("preview"), ["scripts/preview.sh"]);
    assert.deepEqual(scriptsOf("promote"), ["scripts/promote.sh"]);
    assert.deepEqual(scriptsOf("drift-check"), ["scripts/drift-check.sh"]);
    assert.ok(Array.isArray(workflow.on.schedule) && workflow.on.schedule.length > 0, "the drift check has no schedule");
    for (const file of ["preview.sh", "promote.sh", "drift-check.sh"]) {
      assert.ok(fs.statSync(path.join(EXAMPLE_DIR, "scripts", file)).mode & 0o111, `scripts/${file} is not executable`);
    }
  });

  it("preview.sh shows each stack's diff in promotion order and changes nothing", async () => {
    const run = await script("preview.sh");
    assertExit(run, 0);
    const order = [...run.stdout.matchAll(/^=== preview: (\w+)$/gm)].map((m) => m[1]);
    assert.deepEqual(order, [...STAGES]);
    for (const stage of STAGES) assert.match(run.stdout, new RegExp(`friendlyName\\s*:\\s*"${stage}: compose every room"`));
    for (const stage of STAGES) assert.equal(writes(emulators[stage]), 0, `${stage} was written to by a preview`);
  });

  it("promote.sh stops at the first stack that fails: staging and prod are not touched", async () => {
    await folder.setConfig("dev", "promotion:compositionResolution", "not-a-resolution");
    const run = await script("promote.sh");
    assert.notEqual(run.code, 0);
    assert.deepEqual(
      [...run.stdout.matchAll(/^=== up: (\w+)$/gm)].map((m) => m[1]),
      ["dev"],
    );
    assert.equal(writes(emulators.staging) + writes(emulators.prod), 0);
    await folder.pulumi(["config", "rm", "promotion:compositionResolution"], { stack: "dev" });
    await folder.setConfig("dev", "promotion:compositionResolution", "640x480");
  });

  it("promote.sh brings up dev, then staging, then prod, each in its own account only", async () => {
    const run = await script("promote.sh");
    assertExit(run, 0);
    const firstWrite = (stage: Stage) => emulators[stage].log.entries().find((e) => e.method !== "GET")!.at;
    const lastWrite = (stage: Stage) =>
      emulators[stage].log
        .entries()
        .filter((e) => e.method !== "GET")
        .at(-1)!.at;
    assert.ok(lastWrite("dev") <= firstWrite("staging") && lastWrite("staging") <= firstWrite("prod"), "stages overlapped");

    const expected = { dev: [false, "640x480"], staging: [true, "1280x720"], prod: [true, "1280x720"] } as const;
    for (const stage of STAGES) {
      const out = await stackOutputs(folder, stage);
      const config = await live(stage);
      assert.deepEqual(config.hooks, [[out.hookSid, `${stage}: compose every room`, ...expected[stage]]]);
      assert.equal(out.twilioAccountSid, ACCOUNTS[stage].accountSid);
      // Recordings stay in Twilio's cloud so that Twilio can compose them.
      assert.deepEqual(config.recordings.slice(2), [null, false]);
      assert.deepEqual(config.compositions.slice(2), [out.compositionsUrl, true]);
      assert.equal(out.bucketName, `example-video-media-${stage}`);
      const others = emulators[stage].log.entries().filter((e) => e.accountSid !== ACCOUNTS[stage].accountSid);
      assert.deepEqual(others, [], `${stage}'s emulator saw another account`);
    }
    assert.match(
      stringOutput(await stackOutputs(folder, "prod"), "compositionsUrl"),
      /^https:\/\/example-video-media-prod\.s3\.eu-west-1\.amazonaws\.com\//,
    );
  });

  it("drift-check.sh passes while every account matches the program", async () => {
    const run = await script("drift-check.sh");
    assertExit(run, 0);
    assert.match(run.stdout, /drift check passed: dev staging prod match the program/);
  });

  it("drift-check.sh fails after a console edit in staging, names staging only and prints the diff", async () => {
    const { hookSid } = await stackOutputs(folder, "staging");
    await consoleCall(emulators.staging.url, ACCOUNTS.staging, "POST", `/v1/CompositionHooks/${hookSid}`, {
      FriendlyName: "edited in the staging console",
      AudioSources: "*",
      Enabled: "false",
    });
    const run = await script("drift-check.sh");
    assertExit(run, 1);
    assert.match(run.stdout, /drift check FAILED: staging differ/);
    const stagingSection = run.stdout.split("=== drift check: staging")[1].split("=== drift check: prod")[0];
    assert.match(stagingSection, /friendlyName\s*:\s*"edited in the staging console" => "staging: compose every room"/);
    assert.match(stagingSection, /enabled\s*:\s*false => true/);
  });

  it("promote.sh staging repairs the drift and the check of staging passes again", async () => {
    const { hookSid } = await stackOutputs(folder, "staging");
    assertExit(await script("promote.sh", "staging"), 0);
    assert.deepEqual((await live("staging")).hooks, [[hookSid, "staging: compose every room", true, "1280x720"]]);
    const check = await script("drift-check.sh", "staging");
    assertExit(check, 0);
    assert.match(check.stdout, /drift check passed: staging match the program/);
  });

  it("destroy of every stack empties every account and deletes what the AWS side created", async () => {
    for (const stage of STAGES) await folder.pulumi(["destroy", "--yes"], { stack: stage });
    for (const stage of STAGES) {
      const config = await live(stage);
      assert.deepEqual([config.hooks, config.credentials, config.compositions[3]], [[], [], false]);
    }
    const entries = fs
      .readFileSync(ledger, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const ids = (op: string) =>
      entries
        .filter((e) => e.op === op)
        .map((e) => e.id)
        .sort();
    assert.ok(ids("create").length > 0);
    assert.deepEqual(ids("delete"), ids("create"));
    assertNoSecrets(
      outputs,
      STAGES.map((stage) => ACCOUNTS[stage].authToken),
    );
  });
});
