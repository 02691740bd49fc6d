/**
 * Runs Pulumi programs on the real engine (the `pulumi` CLI built by scripts/install-pulumi-cli.sh)
 * through the Automation API, with every piece of state in temp dirs: a `file://` backend, its own
 * PULUMI_HOME and a passphrase secrets provider, so tests never touch ~/.pulumi or the network.
 *
 * Programs here run inline (a `PulumiFn` in this process, served by the Automation API's own language
 * server), which lets a test hook into the program while the engine runs it. Program folders run
 * through the CLI itself, as users run them, with test/helpers/programFolder.ts.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigMap, LocalWorkspace, PulumiCommand, PulumiFn, Stack } from "@pulumi/pulumi/automation";

/** The CLI the Automation API tests use: the oldest @pulumi/pulumi this package supports. */
export const PULUMI_CLI_VERSION = "v3.248.0";
/** The newest CLI CI proves (scripts/install-test-tools.sh builds both). */
export const NEWEST_PULUMI_CLI_VERSION = "v3.274.1";
export const TEST_PASSPHRASE = "pulumi-twilio-video-test-passphrase";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const INSTALL_HINT = "run scripts/install-pulumi-cli.sh";

/** The Pulumi CLI is not installed where scripts/install-pulumi-cli.sh puts it, or does not run. */
export class PulumiCliMissingError extends Error {
  constructor(problem: string, version = PULUMI_CLI_VERSION) {
    const hint = version === PULUMI_CLI_VERSION ? INSTALL_HINT : `${INSTALL_HINT} --version ${version}`;
    super(`Pulumi CLI ${version} is not usable: ${problem}; ${hint}`);
    this.name = new.target.name;
  }
}

/** Mirrors the cache layout of scripts/install-pulumi-cli.sh. */
export function pulumiCliRoot(version = PULUMI_CLI_VERSION): string {
  const cacheRoot = process.env.PULUMI_TWILIO_CLI_CACHE ?? path.join(os.homedir(), ".cache", "pulumi-twilio-video", "pulumi-cli");
  return path.join(cacheRoot, version);
}

const verifiedBinDirs = new Set<string>();

/**
 * Returns the bin dir holding `pulumi`, the dynamic-provider plugin and the Node language host of
 * `version`, or throws PulumiCliMissingError.
 */
export function ensurePulumiCli(version = PULUMI_CLI_VERSION): string {
  const binDir = path.join(pulumiCliRoot(version), "bin");
  if (verifiedBinDirs.has(binDir)) return binDir;
  for (const name of ["pulumi", "pulumi-resource-pulumi-nodejs", "pulumi-language-nodejs"]) {
    if (!fs.existsSync(path.join(binDir, name))) {
      throw new PulumiCliMissingError(`${path.join(binDir, name)} does not exist`, version);
    }
  }
  let reported: string;
  try {
    reported = execFileSync(path.join(binDir, "pulumi"), ["version"], {
      env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
      encoding: "utf8",
    }).trim();
  } catch (err) {
    throw new PulumiCliMissingError(`'pulumi version' failed (${(err as Error).message})`, version);
  }
  if (reported !== version) {
    throw new PulumiCliMissingError(`'pulumi version' reports ${reported}`, version);
  }
  verifiedBinDirs.add(binDir);
  return binDir;
}

/** Stack config pointing this package's provider at an emulator account (the token as a secret). */
export function twilioStackConfig(endpoint: string, account: { accountSid: string; authToken: string }): ConfigMap {
  return {
    "twilio:accountSid": { value: account.accountSid },
    "twilio:authToken": { value: account.authToken, secret: true },
    "twilio:endpoint": { value: endpoint },
  };
}

export interface TestStackOptions {
  stackName: string;
  /** The Pulumi program, run inline in this process on each up/preview/refresh. */
  program: PulumiFn;
  /** @default "twilio-video-test" */
  projectName?: string;
  /**
   * Project dir (Pulumi.yaml, stack settings); plugins start here, so it gets a node_modules
   * symlink to the repo's when it has none. Kept by cleanup when given.
   * @default a new temp dir
   */
  workDir?: string;
  /** Reuse another test stack's backend (e.g. to destroy from another dir). Kept by cleanup when given. */
  backendDir?: string;
  /**
   * A backend URL (e.g. `s3://bucket?endpoint=...`) used instead of a `file://` backend dir; no
   * backend dir is created then and `backendDir` is "". Its credentials go in `envVars`.
   */
  backendUrl?: string;
  /** Extra environment for the CLI, the program's plugins and the dynamic provider. */
  envVars?: Record<string, string>;
  config?: ConfigMap;
  /** @default PULUMI_CLI_VERSION */
  cliVersion?: string;
}

export interface TestStack {
  stack: Stack;
  workspace: LocalWorkspace;
  workDir: string;
  /** The `file://` backend's directory; "" when `backendUrl` was given. */
  backendDir: string;
  /** PULUMI_BACKEND_URL as the CLI sees it. */
  backendUrl: string;
  pulumiHome: string;
  /** Removes the temp dirs this call created; it does not destroy the stack's resources. */
  cleanup(): Promise<void>;
}

function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `pulumi-twilio-video-${prefix}-`));
}

function linkRepoNodeModules(workDir: string): void {
  const link = path.join(workDir, "node_modules");
  if (!fs.existsSync(link)) fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), link, "dir");
}

/** Creates (or selects) a stack on a temp `file://` backend; the CLI must be installed already. */
export async function createTestStack(opts: TestStackOptions): Promise<TestStack> {
  const binDir = ensurePulumiCli(opts.cliVersion);
  const createdDirs: string[] = [];
  const ownDir = (given: string | undefined, prefix: string): string => {
    if (given) return given;
    const dir = makeTempDir(prefix);
    createdDirs.push(dir);
    return dir;
  };
  const cleanup = async (): Promise<void> => {
    for (const dir of createdDirs) await fs.promises.rm(dir, { recursive: true, force: true });
  };

  try {
    const workDir = ownDir(opts.workDir, "work");
    const backendDir = opts.backendUrl ? "" : ownDir(opts.backendDir, "backend");
    const backendUrl = opts.backendUrl ?? `file://${backendDir}`;
    const pulumiHome = ownDir(undefined, "home");
    linkRepoNodeModules(workDir);

    const envVars: Record<string, string> = {
      PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ""}`,
      PULUMI_BACKEND_URL: backendUrl,
      PULUMI_CONFIG_PASSPHRASE: TEST_PASSPHRASE,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      // A missing plugin should fail fast instead of trying to download one.
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      ...opts.envVars,
    };
    const pulumiCommand = await PulumiCommand.get({ root: path.dirname(binDir) });
    const projectName = opts.projectName ?? "twilio-video-test";
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: opts.stackName, projectName, program: opts.program },
      {
        workDir,
        pulumiHome,
        pulumiCommand,
        envVars,
        secretsProvider: "passphrase",
        projectSettings: { name: projectName, runtime: "nodejs" },
      },
    );
    if (opts.config) await stack.setAllConfig(opts.config);
    const workspace = stack.workspace as LocalWorkspace;
    return { stack, workspace, workDir, backendDir, backendUrl, pulumiHome, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
