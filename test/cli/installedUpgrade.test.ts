/**
 * The package installed as npm lays it out stores each provider as the name of its shim module
 * (provider/resources/kit/shim.ts). Through the real CLI: the quickstart applied with version N,
 * then N+1 installed in its place; refresh, a no-change preview and destroy must run on N+1's code
 * (its runtime records every call it serves) from the names N stored.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { PACKAGE_NAME, copyPackage, runtimeCalls } from "../helpers/packageCopy";
import { ensureBuilt, REPO_ROOT } from "../helpers/programDir";
import { ProgramFolder, makeProgramFolder } from "../helpers/programFolder";
import { liveConfiguration } from "../helpers/twilioConsole";
import { twilioStackConfig } from "./cliStack";

interface StateResource {
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

describe("state written by the installed package, run after an upgrade through the CLI", function () {
  this.timeout(300_000);
  let emulator: Emulator;
  let folder: ProgramFolder;
  let packageDir: string;
  const ours = async (): Promise<StateResource[]> => {
    const run = await folder.pulumi(["stack", "export"], { stack: "dev" });
    return JSON.parse(run.stdout).deployment.resources.filter((r: StateResource) =>
      r.type.startsWith("pulumi-nodejs:dynamic/twilio-video:"),
    );
  };

  before(async () => {
    ensureBuilt();
    emulator = await startEmulator();
    folder = makeProgramFolder({
      source: path.join(REPO_ROOT, "examples/quickstart"),
      nodeModules: "installed",
      env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" },
    });
    packageDir = path.join(folder.dir, "node_modules", PACKAGE_NAME);
    await folder.pulumi(["stack", "init", "dev"]);
    await twilioStackConfig(folder, "dev", emulator.url, DEFAULT_ACCOUNT);
    await folder.pulumi(["up", "--yes"], { stack: "dev" });
  });
  after(async () => {
    await folder?.cleanup();
    await emulator?.close();
  });

  it("stores every resource's provider as the name of its kind's shim module", async () => {
    const resources = await ours();
    assert.equal(resources.length, 3);
    for (const r of resources) {
      const kind = r.type.split(":").pop();
      for (const side of [r.inputs!, r.outputs!]) {
        assert.match(
          String(side.__provider),
          new RegExp(
            `^exports\\.handler = __f0;\\nconst provider = require\\("pulumi-twilio-video/dist/provider/shims/${kind}\\.js"\\);\\n`,
          ),
        );
      }
    }
  });

  it("refreshes, previews no change and destroys on version N+1's code", async () => {
    fs.rmSync(packageDir, { recursive: true }); // what `npm install pulumi-twilio-video@next` does
    copyPackage(packageDir, { version: "99.0.0", instrument: true });
    emulator.log.clear();
    await folder.pulumi(["refresh", "--yes", "--skip-preview"], { stack: "dev" });
    assert.equal(emulator.log.count({ method: "GET" }), 3);
    await folder.pulumi(["preview", "--expect-no-changes"], { stack: "dev" });
    await folder.pulumi(["destroy", "--yes"], { stack: "dev" });

    const calls = runtimeCalls(packageDir);
    assert.deepEqual([...new Set(calls.map((c) => c.version))], ["99.0.0"]);
    const deletes = calls
      .filter((c) => c.method === "delete")
      .map((c) => c.kind)
      .sort();
    assert.deepEqual(deletes, ["AwsCredential", "CompositionHook", "CompositionSettings"]);
    const live = await liveConfiguration(emulator.url, DEFAULT_ACCOUNT);
    assert.deepEqual([live.hooks, live.credentials, live.compositions[3]], [[], [], false]);
  });
});
