/**
 * A stack whose state the previous release (0.1.0) wrote, run by this package through the real CLI:
 * the quickstart is applied, then every resource's `__provider` is put back to 0.1.0's text (the
 * seven-function shim, test/fixtures/previousRelease) with `pulumi stack import`, as a user's state
 * holds it after an upgrade. Preview, refresh, an update and destroy must all work from it. The
 * package is installed in the folder as npm lays it out (a copy, not a link into this checkout), as
 * a user upgrading from npm has it.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { ensureBuilt, REPO_ROOT } from "../helpers/programDir";
import { ProgramFolder, makeProgramFolder } from "../helpers/programFolder";
import { NEWEST_PULUMI_CLI_VERSION } from "../helpers/pulumiCli";
import { liveConfiguration } from "../helpers/twilioConsole";
import { stackOutputs, twilioStackConfig } from "./cliStack";

const CLI_VERSION = process.env.PTV_TEST_CLI ?? NEWEST_PULUMI_CLI_VERSION;
const PREVIOUS_SHIMS: Record<string, string> = JSON.parse(
  fs.readFileSync(path.join(REPO_ROOT, "test/fixtures/previousRelease/shims-0.1.0.json"), "utf8"),
);
const KIND_OF = /^pulumi-nodejs:dynamic\/twilio-video:(\w+)$/;

interface StateResource {
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

describe(`state written by the previous release, through the pulumi CLI ${CLI_VERSION}`, function () {
  this.timeout(300_000);
  let emulator: Emulator;
  let folder: ProgramFolder;
  const live = () => liveConfiguration(emulator.url, DEFAULT_ACCOUNT);
  const exported = async (): Promise<{ deployment: { resources: StateResource[] } }> =>
    JSON.parse((await folder.pulumi(["stack", "export", "--show-secrets=false"], { stack: "dev" })).stdout);
  const ours = (state: { deployment: { resources: StateResource[] } }) => state.deployment.resources.filter((r) => KIND_OF.test(r.type));

  before(async () => {
    ensureBuilt();
    emulator = await startEmulator();
    folder = makeProgramFolder({
      source: path.join(REPO_ROOT, "examples/quickstart"),
      cliVersion: CLI_VERSION,
      nodeModules: "installed",
      env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" },
    });
    await folder.pulumi(["stack", "init", "dev"]);
    await twilioStackConfig(folder, "dev", emulator.url, DEFAULT_ACCOUNT);
    await folder.pulumi(["up", "--yes"], { stack: "dev" });

    // Put 0.1.0's provider text into every resource, in inputs and outputs, as its state held it.
    const state = await exported();
    for (const resource of ours(state)) {
      const text = PREVIOUS_SHIMS[KIND_OF.exec(resource.type)![1]];
      assert.ok(text, `no 0.1.0 shim for ${resource.type}`);
      resource.inputs!.__provider = text;
      resource.outputs!.__provider = text;
    }
    folder.writeFile("previous.json", JSON.stringify(state));
    await folder.pulumi(["stack", "import", "--file", "previous.json"], { stack: "dev" });
  });
  after(async () => {
    await folder?.cleanup();
    await emulator?.close();
  });

  it("holds 0.1.0's seven-function shim for all three resources before anything runs", async () => {
    const resources = ours(await exported());
    assert.equal(resources.length, 3);
    for (const r of resources) assert.match(String(r.outputs!.__provider), /check: __f3, diff: __f4/);
  });

  it("previews no change, and refreshes by reading each object with the stored shim", async () => {
    emulator.log.clear();
    await folder.pulumi(["preview", "--expect-no-changes"], { stack: "dev" });
    assert.equal(emulator.log.count(), 0);
    await folder.pulumi(["refresh", "--yes", "--skip-preview"], { stack: "dev" });
    const reads = emulator.log
      .entries()
      .map((e) => `${e.method} ${e.path.replace(/(HK|CR)[0-9a-f]{32}/, "$1*")}`)
      .sort();
    assert.deepEqual(reads, ["GET /v1/CompositionHooks/HK*", "GET /v1/CompositionSettings/Default", "GET /v1/Credentials/AWS/CR*"]);
  });

  it("updates a hook whose state 0.1.0 wrote, then stores the name of the installed shim module", async () => {
    folder.editFile("index.ts", (text) => text.replace(/resolution: "1280x720"/, 'resolution: "640x480"'));
    await folder.pulumi(["up", "--yes"], { stack: "dev" });
    const { hooks } = await live();
    assert.equal(hooks[0][3], "640x480");
    const hook = ours(await exported()).find((r) => r.type.endsWith(":CompositionHook"))!;
    assert.match(
      String(hook.outputs!.__provider),
      /^exports\.handler = __f0;\nconst provider = require\("pulumi-twilio-video\/dist\/provider\/shims\/CompositionHook\.js"\);/,
    );
  });

  it("destroys everything, including the resources whose state still holds 0.1.0's shim", async () => {
    const out = await stackOutputs(folder, "dev");
    const before = ours(await exported()).filter((r) => /check: __f3/.test(String(r.outputs!.__provider)));
    assert.ok(before.length >= 2, `expected resources still on 0.1.0's shim, found ${before.length}`);
    await folder.pulumi(["destroy", "--yes"], { stack: "dev" });
    const after = await live();
    assert.deepEqual(after.hooks, []);
    assert.ok(!after.credentials.some(([sid]) => sid === out.credentialSid), "the credential is still in the account");
    assert.equal(after.compositions[3], false, "composition storage is still on");
  });
});
