/**
 * The package as users get it: `npm pack`, installed with npm into a new project outside
 * the repository (a copy of examples/quickstart whose dependency is the tarball) beside the newest
 * @pulumi/pulumi, must leave exactly one @pulumi/pulumi; the project then runs `up`, a no-change
 * preview and `destroy` through the CLI against the emulator the package ships (`npx
 * twilio-video-emulator`). On Node 22 and 24 with the newest CLI, and on Node 20 with the oldest
 * @pulumi/pulumi and @pulumi/aws this package supports and the matching CLI.
 *
 * npm installs with --prefer-offline: after the first run the packages come from npm's cache.
 */
import { strict as assert } from "assert";
import { ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEFAULT_ACCOUNT } from "../../emulator";
import { NodeMajor } from "../helpers/nodeReleases";
import { ensureBuilt, REPO_ROOT } from "../helpers/programDir";
import { ProgramFolder, killGroup, makeProgramFolder } from "../helpers/programFolder";
import { NEWEST_PULUMI_CLI_VERSION, PULUMI_CLI_VERSION } from "../helpers/pulumiCli";
import { liveConfiguration } from "../helpers/twilioConsole";
import { assertNoSecrets, stackOutputs, stringOutput, twilioStackConfig } from "./cliStack";

const repoPackage = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));

/** The tested minimum of a caret range in package.json ("^3.248.0" -> "3.248.0"). */
function caretMinimum(name: string): string {
  const range: string = repoPackage.dependencies[name];
  const match = /^\^(\d+\.\d+\.\d+)$/.exec(range);
  assert.ok(match, `${name} must be a caret range with a tested minimum, not ${range}`);
  return match[1];
}

interface Setup {
  node: NodeMajor;
  cli: string;
  /** npm version specs the project depends on beside the tarball. */
  pulumi: string;
  aws?: string;
}

const SETUPS: Setup[] = [
  { node: 22, cli: NEWEST_PULUMI_CLI_VERSION, pulumi: "latest" },
  { node: 24, cli: NEWEST_PULUMI_CLI_VERSION, pulumi: "latest" },
  { node: 20, cli: PULUMI_CLI_VERSION, pulumi: caretMinimum("@pulumi/pulumi"), aws: caretMinimum("@pulumi/aws") },
];

/** Every installed copy of a package under node_modules, however deeply nested: dir -> version. */
function installedCopies(nodeModules: string, name: string): Map<string, string> {
  const copies = new Map<string, string>();
  const walk = (dir: string): void => {
    const manifest = path.join(dir, name, "package.json");
    if (fs.existsSync(manifest)) copies.set(path.dirname(manifest), JSON.parse(fs.readFileSync(manifest, "utf8")).version);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const child = path.join(dir, entry.name);
      if (entry.name.startsWith("@")) {
        for (const scoped of fs.readdirSync(child, { withFileTypes: true })) {
          const nested = path.join(child, scoped.name, "node_modules");
          if (scoped.isDirectory() && fs.existsSync(nested)) walk(nested);
        }
      } else if (fs.existsSync(path.join(child, "node_modules"))) {
        walk(path.join(child, "node_modules"));
      }
    }
  };
  walk(nodeModules);
  return copies;
}

/** `npx twilio-video-emulator` from the project; resolves with its URL (the first line it prints). */
function startPackagedEmulator(folder: ProgramFolder): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn("npx", ["twilio-video-emulator", "--port", "0"], {
    cwd: folder.dir,
    env: folder.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n");
      if (line.length > 1) resolve({ url: line[0].trim(), child });
    });
    child.once("exit", (code) => reject(new Error(`npx twilio-video-emulator exited ${code}: ${err}`)));
  });
}

let newest: Promise<string> | undefined;
/** The newest @pulumi/pulumi on the registry (one lookup per run). */
function newestPulumi(): Promise<string> {
  newest ??= Promise.resolve(execFileSync("npm", ["view", "@pulumi/pulumi", "version"], { encoding: "utf8" }).trim());
  return newest;
}

describe("the packed package in a new project, through the CLI", function () {
  this.timeout(600_000);
  let tarball: string;
  let packDir: string;

  before(() => {
    ensureBuilt();
    packDir = fs.mkdtempSync(path.join(os.tmpdir(), "ptv-pack-"));
    const packed = JSON.parse(
      execFileSync("npm", ["pack", "--json", "--pack-destination", packDir], {
        cwd: REPO_ROOT,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }),
    )[0];
    tarball = path.join(packDir, packed.filename);
  });
  after(() => fs.rmSync(packDir, { recursive: true, force: true }));

  it("packs only what users need: the built library and emulator, no install-time scripts", () => {
    const listing = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).trim().split("\n");
    const strays = listing.filter(
      (f) =>
        !/^package\/(package\.json|README\.md|dist\/(provider|emulator)\/.+\.(js|d\.ts)|dist\/emulator\/spec\/twilio_\w+_v(1|2010)\.json)$/.test(
          f,
        ),
    );
    assert.deepEqual(strays, []);
    for (const entry of ["package/dist/provider/index.js", "package/dist/provider/runtime.js", "package/dist/emulator/bin.js"]) {
      assert.ok(listing.includes(entry), `${entry} is missing from the tarball`);
    }
    const manifest = JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }));
    const lifecycle = ["preinstall", "install", "postinstall", "prepare"].filter((s) => manifest.scripts?.[s] !== undefined);
    assert.deepEqual(lifecycle, [], "scripts npm would run at a user's install");
    const sdkEngines = JSON.parse(fs.readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")).engines.node;
    assert.equal(manifest.engines.node, sdkEngines, "engines must be the SDK's own");
  });

  for (const setup of SETUPS) {
    describe(`Node ${setup.node}, @pulumi/pulumi ${setup.pulumi}, CLI ${setup.cli}`, () => {
      let folder: ProgramFolder;
      let emulator: { url: string; child: ChildProcess } | undefined;
      const outputs: string[] = [];

      before(async () => {
        folder = makeProgramFolder({
          source: path.join(REPO_ROOT, "examples", "quickstart"),
          nodeModules: "none",
          cliVersion: setup.cli,
          nodeMajor: setup.node,
        });
        // A user's copy of the example: the package comes from the tarball instead of the repository,
        // and "latest" is written as `npm install @pulumi/pulumi@latest` writes it (^newest).
        const pulumiSpec = setup.pulumi === "latest" ? `^${await newestPulumi()}` : setup.pulumi;
        folder.editFile("package.json", (text) => {
          const pkg = JSON.parse(text);
          pkg.dependencies = {
            "@pulumi/pulumi": pulumiSpec,
            ...(setup.aws ? { "@pulumi/aws": setup.aws } : {}),
            "pulumi-twilio-video": `file:${tarball}`,
          };
          return JSON.stringify(pkg, null, 2);
        });
        // Which Node ran the program, as a stack output.
        folder.editFile("index.ts", (text) => `${text}\nexport const nodeVersion = process.version;\n`);
        await folder.exec("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], { timeoutMs: 480_000 }).then((run) => {
          assert.equal(run.code, 0, `npm install failed:\n${run.stderr}`);
        });
      });
      after(async () => {
        if (emulator) killGroup(emulator.child, "SIGTERM");
        await folder?.cleanup();
      });

      it("leaves exactly one @pulumi/pulumi, the one the project asked for", async () => {
        const copies = installedCopies(path.join(folder.dir, "node_modules"), "@pulumi/pulumi");
        assert.deepEqual([...copies.keys()], [path.join(folder.dir, "node_modules", "@pulumi", "pulumi")]);
        const version = [...copies.values()][0];
        if (setup.pulumi === "latest") {
          assert.equal(version, await newestPulumi());
        } else {
          assert.equal(version, setup.pulumi);
        }
        const ls = await folder.exec("npm", ["ls", "@pulumi/pulumi", "--all", "--json"]);
        assert.equal(ls.code, 0, `npm ls reports problems:\n${ls.stdout}`);
      });

      it("up, a no-change preview and destroy run against `npx twilio-video-emulator` on this Node", async () => {
        emulator = await startPackagedEmulator(folder);
        assert.match(emulator.url, /^http:\/\/127\.0\.0\.1:\d+$/);
        await folder.pulumi(["stack", "init", "dev"]);
        await twilioStackConfig(folder, "dev", emulator.url, DEFAULT_ACCOUNT);

        const up = await folder.pulumi(["up", "--yes"], { stack: "dev" });
        outputs.push(up.stdout, up.stderr);
        assert.match(up.stdout, /\+ 4 created/);
        const out = await stackOutputs(folder, "dev");
        assert.match(stringOutput(out, "nodeVersion"), new RegExp(`^v${setup.node}\\.`));
        const live = await liveConfiguration(emulator.url, DEFAULT_ACCOUNT);
        assert.deepEqual(
          live.hooks.map((h) => [h[0], h[1]]),
          [[out.hookSid, "quickstart: compose every room"]],
        );
        assert.deepEqual(
          live.credentials.map((c) => c[0]),
          [out.credentialSid],
        );

        // This SDK's closure serializer stored each provider by its module's name (kit/shim.ts).
        const exported = await folder.pulumi(["stack", "export"], { stack: "dev" });
        const ours = JSON.parse(exported.stdout).deployment.resources.filter((r: { type: string }) =>
          r.type.startsWith("pulumi-nodejs:dynamic/twilio-video:"),
        );
        assert.equal(ours.length, 3);
        for (const r of ours) {
          const kind = r.type.split(":").pop();
          for (const side of [r.inputs, r.outputs]) {
            assert.match(
              side.__provider,
              new RegExp(
                `^exports\\.handler = __f0;\\nconst provider = require\\("pulumi-twilio-video/dist/provider/shims/${kind}\\.js"\\);\\n`,
              ),
            );
          }
        }

        const preview = await folder.pulumi(["preview", "--expect-no-changes"], { stack: "dev" });
        assert.match(preview.stdout, /4 unchanged/);

        const destroy = await folder.pulumi(["destroy", "--yes"], { stack: "dev" });
        outputs.push(destroy.stdout, destroy.stderr);
        assert.match(destroy.stdout, /- 4 deleted/);
        const after = await liveConfiguration(emulator.url, DEFAULT_ACCOUNT);
        assert.deepEqual([after.hooks, after.credentials, after.compositions[3]], [[], [], false]);
        assertNoSecrets(outputs, [DEFAULT_ACCOUNT.authToken]);
      });
    });
  }
});
