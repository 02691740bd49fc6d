/**
 * Every Pulumi.yaml and Pulumi.<stack>.yaml in the repository loads in the real CLI. The CLI is
 * stricter than YAML: for example it refuses a project that declares a type for a key outside its
 * own namespace (`twilio:*`), which no unit test of the generator would notice.
 */
import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { REPO_ROOT } from "../helpers/programDir";
import { TEST_PASSPHRASE, ensurePulumiCli } from "../helpers/pulumiCli";

const run = promisify(execFile);

function projectDirs(): string[] {
  const examples = path.join(REPO_ROOT, "examples");
  const dirs = [REPO_ROOT, ...fs.readdirSync(examples).map((name) => path.join(examples, name))];
  return dirs.filter((dir) => fs.existsSync(path.join(dir, "Pulumi.yaml")));
}

function stackFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((name) => /^Pulumi\.[^.]+\.yaml$/.test(name));
}

describe("project and stack files load in the real pulumi CLI", function () {
  this.timeout(120_000);
  let pulumi: string;
  let scratch: string;
  let env: NodeJS.ProcessEnv;

  before(() => {
    pulumi = path.join(ensurePulumiCli(), "pulumi");
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ptv-project-files-"));
    env = {
      ...process.env,
      PULUMI_HOME: path.join(scratch, "home"),
      PULUMI_BACKEND_URL: `file://${path.join(scratch, "backend")}`,
      PULUMI_CONFIG_PASSPHRASE: TEST_PASSPHRASE,
      PULUMI_SKIP_UPDATE_CHECK: "true",
    };
    fs.mkdirSync(path.join(scratch, "backend"));
  });
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it("finds the root project and the examples", () => {
    const found = projectDirs().map((dir) => path.relative(REPO_ROOT, dir) || ".");
    for (const expected of [".", "examples/quickstart", "examples/recordings-to-s3", "examples/promotion", "examples/adopt-existing"]) {
      assert.ok(found.includes(expected), `${expected} missing from the projects found: ${found.join(", ")}`);
    }
  });

  for (const dir of projectDirs()) {
    const label = path.relative(REPO_ROOT, dir) || "the repository root";
    it(`${label}: Pulumi.yaml and every stack file load`, async () => {
      // Stack commands write into the project folder (salt, selected stack), so work on a copy.
      const copy = fs.mkdtempSync(path.join(scratch, "project-"));
      for (const name of ["Pulumi.yaml", ...stackFiles(dir)]) fs.copyFileSync(path.join(dir, name), path.join(copy, name));
      const listed = await run(pulumi, ["stack", "ls", "--cwd", copy], { env });
      assert.match(listed.stdout, /NAME/);

      for (const file of stackFiles(dir)) {
        const stack = file.slice("Pulumi.".length, -".yaml".length);
        await run(pulumi, ["stack", "init", stack, "--cwd", copy], { env });
        const { stdout } = await run(pulumi, ["config", "--json", "--stack", stack, "--cwd", copy], { env });
        // The CLI also lists the project's declared defaults; every key the file sets must be among them.
        const keys = Object.keys(JSON.parse(stdout));
        const set = (fs.readFileSync(path.join(dir, file), "utf8").match(/^ {2}[\w-]+:[\w.-]+(?=:)/gm) ?? []).map((k) => k.trim());
        assert.ok(set.length > 0, `${file} sets no config`);
        assert.deepEqual(
          set.filter((k) => !keys.includes(k)),
          [],
          `${file}: keys the CLI did not read`,
        );
      }
    });
  }
});
