/**
 * Runs the real `pulumi` CLI in a program folder, as a user does (`pulumi up` in a folder holding
 * Pulumi.yaml, package.json and index.ts): the CLI starts the Node language host, which runs the
 * folder's program on the chosen `node`. Not the Automation API (test/helpers/pulumiCli.ts).
 *
 * Every piece of state is private to the folder: a `file://` backend, its own PULUMI_HOME, a
 * passphrase secrets provider, and an environment without the caller's PULUMI_* / TWILIO_*
 * variables. Commands can run to completion (`run`, `pulumi`) or be spawned (`spawn`) for tests that
 * signal the CLI mid-operation; the program can be edited between runs.
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { NodeMajor, ensureNodeRelease } from "./nodeReleases";
import { PULUMI_CLI_VERSION, TEST_PASSPHRASE, ensurePulumiCli } from "./pulumiCli";
import { installPackage } from "./packageCopy";
import { REPO_ROOT } from "./programDir";

export interface ProgramFolderOptions {
  /** A folder to copy (without its node_modules), e.g. an example. @default an empty folder */
  source?: string;
  /** @default PULUMI_CLI_VERSION (built by scripts/install-pulumi-cli.sh --version X) */
  cliVersion?: string;
  /** The Node release line put first on PATH (scripts/install-node.sh). @default the `node` on PATH */
  nodeMajor?: NodeMajor;
  /**
   * Where the folder's packages come from: "repository" links node_modules to this repository's
   * (its workspace link makes `pulumi-twilio-video` this checkout), "none" leaves the folder to
   * install its own (e.g. `npm install` of a packed tarball), "installed" holds a copy of the built
   * package as npm lays it out, beside links to this repository's other packages (`installPackage`).
   * @default "repository"
   */
  nodeModules?: "repository" | "none" | "installed";
  /** A `file://` backend directory shared with another folder (kept by cleanup). @default a new one */
  backendDir?: string;
  /** Extra environment for the CLI, the language host, the program and its plugins. */
  env?: Record<string, string>;
  /** Dirs put first on PATH (e.g. a stand-in plugin the engine finds as an ambient plugin). */
  pathPrepend?: string[];
}

export interface RunOptions {
  /** Adds `--stack NAME`. */
  stack?: string;
  /** Written to the command's stdin (e.g. a secret config value, so it is never in argv). */
  input?: string;
  /** Extra environment for this command only. */
  env?: Record<string, string>;
  /** The process group is killed with SIGKILL after this long. @default 300000 */
  timeoutMs?: number;
}

export interface CliRun {
  /** The command: `pulumi` for CLI runs, else what `exec` was given. */
  command: string;
  /** Its arguments (values given on stdin are not among them). */
  args: string[];
  /** null when the process ended by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit. */
  ms: number;
}

export interface SpawnedCli {
  child: ChildProcess;
  /** The `pulumi` process; it leads its own process group (language host, program, plugins). */
  pid: number;
  result: Promise<CliRun>;
}

/** A CLI command that was expected to succeed exited otherwise; the message carries its output. */
export class CliCommandError extends Error {
  constructor(readonly run: CliRun) {
    const status = run.timedOut ? "timed out" : run.signal ? `ended by ${run.signal}` : `exited ${run.code}`;
    super(`${run.command} ${run.args.join(" ")} ${status}\n--- stdout\n${tail(run.stdout)}\n--- stderr\n${tail(run.stderr)}`);
    this.name = new.target.name;
  }
}

function tail(text: string, lines = 60): string {
  return text.split("\n").slice(-lines).join("\n");
}

export interface ProgramFolder {
  dir: string;
  backendDir: string;
  backendUrl: string;
  pulumiHome: string;
  cliVersion: string;
  /** The environment every command gets (before RunOptions.env). */
  env: Record<string, string>;
  /** Runs `pulumi ARGS` to its end; never throws on a non-zero exit. */
  run(args: string[], opts?: RunOptions): Promise<CliRun>;
  /** Runs `pulumi ARGS` and throws CliCommandError unless it exits 0. */
  pulumi(args: string[], opts?: RunOptions): Promise<CliRun>;
  /** Starts `pulumi ARGS` and returns at once, for tests that signal or race it. */
  spawn(args: string[], opts?: RunOptions): SpawnedCli;
  /** Runs another command in the folder with the same environment (npm, npx, a pipeline script). */
  exec(command: string, args: string[], opts?: Omit<RunOptions, "stack">): Promise<CliRun>;
  /** `pulumi config set [--secret] KEY` with the value on stdin. */
  setConfig(stack: string, key: string, value: string, opts?: { secret?: boolean }): Promise<void>;
  readFile(relative: string): string;
  writeFile(relative: string, text: string): void;
  /** Rewrites a file of the program (e.g. index.ts between two `up`s). */
  editFile(relative: string, edit: (text: string) => string): void;
  /** Kills commands still running and removes the temp dirs this call created. */
  cleanup(): Promise<void>;
}

/** Flags every command gets: no prompts, no colour codes in the captured output. */
const GLOBAL_FLAGS = ["--non-interactive", "--color=never"];

/** The caller's environment minus anything that would point the CLI or the provider elsewhere. */
function isolatedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(PULUMI_|TWILIO_|AWS_)/.test(key)) continue;
    env[key] = value;
  }
  return env;
}

function copyProgram(source: string, dir: string): void {
  fs.cpSync(source, dir, {
    recursive: true,
    filter: (src) => path.basename(src) !== "node_modules",
  });
}

export function makeProgramFolder(opts: ProgramFolderOptions = {}): ProgramFolder {
  const cliVersion = opts.cliVersion ?? PULUMI_CLI_VERSION;
  const cliBinDir = ensurePulumiCli(cliVersion);
  const nodeBin = opts.nodeMajor === undefined ? [] : [ensureNodeRelease(opts.nodeMajor).binDir];

  const createdDirs: string[] = [];
  const tempDir = (name: string): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ptv-cli-${name}-`));
    createdDirs.push(dir);
    return dir;
  };
  const dir = tempDir("program");
  if (opts.source) copyProgram(opts.source, dir);
  const nodeModules = opts.nodeModules ?? "repository";
  if (nodeModules === "repository") fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  if (nodeModules === "installed") installPackage(dir);
  const backendDir = opts.backendDir ?? tempDir("backend");
  const backendUrl = `file://${backendDir}`;
  const pulumiHome = tempDir("home");

  const env: Record<string, string> = {
    ...isolatedEnv(),
    PATH: [...(opts.pathPrepend ?? []), cliBinDir, ...nodeBin, process.env.PATH ?? ""].join(path.delimiter),
    PULUMI_HOME: pulumiHome,
    PULUMI_BACKEND_URL: backendUrl,
    PULUMI_CONFIG_PASSPHRASE: TEST_PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    // A missing plugin fails fast instead of being downloaded.
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    ...opts.env,
  };

  const running = new Set<ChildProcess>();

  const spawnIn = (command: string, fullArgs: string[], runOpts: RunOptions = {}): SpawnedCli => {
    const started = Date.now();
    const child = spawn(command, fullArgs, {
      cwd: dir,
      env: { ...env, ...runOpts.env },
      stdio: ["pipe", "pipe", "pipe"],
      detached: true,
    });
    running.add(child);
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin!.end(runOpts.input ?? "");
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child, "SIGKILL");
    }, runOpts.timeoutMs ?? 300_000);
    const result = new Promise<CliRun>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", (code, signal) => {
        clearTimeout(timer);
        running.delete(child);
        resolve({ command, args: fullArgs, code, signal, timedOut, stdout, stderr, ms: Date.now() - started });
      });
    });
    return { child, pid: child.pid!, result };
  };
  const spawnCli = (args: string[], runOpts: RunOptions = {}): SpawnedCli =>
    spawnIn(path.join(cliBinDir, "pulumi"), [...args, ...(runOpts.stack ? ["--stack", runOpts.stack] : []), ...GLOBAL_FLAGS], runOpts);

  const run = (args: string[], runOpts?: RunOptions) => spawnCli(args, runOpts).result;
  const pulumi = async (args: string[], runOpts?: RunOptions) => {
    const result = await run(args, runOpts);
    if (result.code !== 0) throw new CliCommandError(result);
    return result;
  };

  return {
    dir,
    backendDir,
    backendUrl,
    pulumiHome,
    cliVersion,
    env,
    run,
    pulumi,
    spawn: spawnCli,
    exec: (command, args, execOpts) => spawnIn(command, args, execOpts).result,
    async setConfig(stack, key, value, setOpts = {}) {
      await pulumi(["config", "set", ...(setOpts.secret ? ["--secret"] : []), key], { stack, input: value });
    },
    readFile: (relative) => fs.readFileSync(path.join(dir, relative), "utf8"),
    writeFile: (relative, text) => fs.writeFileSync(path.join(dir, relative), text),
    editFile(relative, edit) {
      const file = path.join(dir, relative);
      fs.writeFileSync(file, edit(fs.readFileSync(file, "utf8")));
    },
    async cleanup() {
      for (const child of running) killGroup(child, "SIGKILL");
      for (const created of createdDirs) await fs.promises.rm(created, { recursive: true, force: true });
    },
  };
}

/** Signals the CLI and everything it started (its process group); a group already gone is fine. */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // the group has exited
  }
}
