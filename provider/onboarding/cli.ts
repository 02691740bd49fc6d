#!/usr/bin/env node
/**
 * `twilio-video-import`: reads one Twilio account's Video configuration (made by hand in the
 * console) and writes a complete Pulumi TypeScript program declaring each object exactly as it is
 * live, adopted with Pulumi's `import` resource option:
 *
 *   npx --package pulumi-twilio-video twilio-video-import --out DIR [--name NAME] [--force] [--stack NAME]
 *   npx --package pulumi-twilio-video twilio-video-import --stdout [--stack NAME]
 *
 * Credentials follow the provider's rules (kit/settings.ts `readSettings`): in a Pulumi project
 * folder with `pulumi` on PATH, the selected stack's config, else the TWILIO_* environment. Only
 * reads are sent to Twilio; no token or secret is printed or written.
 */
import * as fs from "fs";
import * as path from "path";
import { isPulumiProject, pulumiOnPath, stackConfig } from "../cli/pulumi";
import { sharedClient } from "../resources/kit/context";
import { describeOrigins, readSettings, type ConfigSource } from "../resources/kit/settings";
import { packageManifest } from "../twilio";
import { renderProgramFolder, type RenderOptions } from "./render";
import { readSnapshot } from "./snapshot";

const USAGE = `Usage:
  twilio-video-import --out DIR [--name NAME] [--force] [--stack NAME]
  twilio-video-import --stdout [--stack NAME]

Reads the Twilio account's composition hooks, recording and composition settings, AWS credentials
and public keys (reads only), and writes a Pulumi TypeScript program that declares each of them as
it is live, adopted with Pulumi's \`import\` resource option.

  --out DIR      write the program folder DIR (Pulumi.yaml, package.json, tsconfig.json, index.ts, README.md)
  --name NAME    the Pulumi project's name (default: DIR's name)
  --force        write into DIR even when it is not empty (its other files are left alone)
  --stdout       print only the program's code, for pasting; the config lines go to stderr
  --stack NAME   read the credentials from this stack's config (default: the selected stack)
  --help         show this

Credentials: in a folder holding a Pulumi project, with \`pulumi\` on PATH, the stack's twilio:*
config; where it names no credential (or outside a project), TWILIO_ACCOUNT_SID and
TWILIO_AUTH_TOKEN (or TWILIO_API_KEY + TWILIO_API_SECRET), and TWILIO_ENDPOINT.
`;

interface Args {
  out?: string;
  stdout: boolean;
  name?: string;
  force: boolean;
  stack?: string;
  help: boolean;
}

class UsageError extends Error {}

const VALUE_FLAGS = ["--out", "--name", "--stack"] as const;
const SWITCHES = ["--stdout", "--force", "--help", "-h"] as const;

export function parseArgs(argv: string[]): Args {
  const args: Args = { stdout: false, force: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith("--") && argv[i].includes("=") ? splitOnce(argv[i]) : [argv[i], undefined];
    if ((VALUE_FLAGS as readonly string[]).includes(flag)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === "" || (inline === undefined && value.startsWith("-"))) {
        throw new UsageError(`${flag} needs a value`);
      }
      args[flag.slice(2) as "out" | "name" | "stack"] = value;
    } else if ((SWITCHES as readonly string[]).includes(flag)) {
      if (inline !== undefined) throw new UsageError(`${flag} takes no value`);
      if (flag === "--stdout") args.stdout = true;
      else if (flag === "--force") args.force = true;
      else args.help = true;
    } else {
      throw new UsageError(flag.startsWith("-") ? `unknown option ${flag}` : `unexpected argument ${JSON.stringify(flag)}`);
    }
  }
  if (args.help) return args;
  if ((args.out === undefined) === !args.stdout) throw new UsageError("give exactly one of --out DIR and --stdout");
  if (args.stdout && (args.name !== undefined || args.force)) throw new UsageError("--name and --force go with --out");
  return args;
}

function splitOnce(arg: string): [string, string] {
  const at = arg.indexOf("=");
  return [arg.slice(0, at), arg.slice(at + 1)];
}

/** Pulumi's rule for project names. */
const PROJECT_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

function projectName(args: Args, dir: string): string {
  if (args.name !== undefined) {
    if (!PROJECT_NAME.test(args.name))
      throw new UsageError(`--name ${JSON.stringify(args.name)}: a Pulumi project name is letters, digits, '_', '.' and '-'`);
    return args.name;
  }
  const fromDir = path
    .basename(dir)
    .replace(/[^A-Za-z0-9_.-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 100);
  return fromDir || "twilio-video";
}

/** Refuses a DIR that holds anything, unless --force; before any Twilio call. */
function checkOutDir(dir: string, force: boolean): void {
  if (!fs.existsSync(dir)) return;
  if (!fs.statSync(dir).isDirectory()) throw new UsageError(`--out ${dir}: not a directory`);
  if (!force && fs.readdirSync(dir).length > 0)
    throw new UsageError(`--out ${dir} is not empty: choose an empty or new folder, or add --force`);
}

/**
 * The stack config when the current folder is a Pulumi project and `pulumi` is on PATH; else
 * nothing (readSettings then reads the environment, as the provider does without stack config).
 */
function configSource(stack: string | undefined, warn: (line: string) => void): ConfigSource {
  const none: ConfigSource = { get: () => undefined };
  if (!isPulumiProject(process.cwd()) || !pulumiOnPath()) {
    if (stack !== undefined) throw new UsageError("--stack needs a Pulumi project in the current folder and `pulumi` on PATH");
    return none;
  }
  try {
    return stackConfig(stack);
  } catch (e) {
    if (stack !== undefined) throw e;
    warn(`no stack config read (${(e as Error).message.split("\n")[0]}); using the TWILIO_* environment variables`);
    return none;
  }
}

function versions(): RenderOptions["versions"] {
  const own = packageManifest();
  // Published manifests keep both lists; "latest" only stands in for a stripped one.
  return {
    package: own.version,
    pulumi: own.dependencies?.["@pulumi/pulumi"] ?? "latest",
    typescript: own.devDependencies?.typescript ?? "latest",
    typesNode: own.devDependencies?.["@types/node"] ?? "latest",
  };
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const dir = args.out !== undefined ? path.resolve(args.out) : undefined;
  if (dir !== undefined) checkOutDir(dir, args.force);
  const warn = (line: string) => process.stderr.write(`twilio-video-import: ${line}\n`);

  const settings = readSettings(configSource(args.stack, warn));
  warn(`reading account ${settings.accountSid} (${describeOrigins(settings)})`);
  const snapshot = await readSnapshot(sharedClient(settings), settings.accountSid);
  const rendered = renderProgramFolder(snapshot, {
    projectName: dir !== undefined ? projectName(args, dir) : "twilio-video",
    connection: { accountSid: settings.accountSid, apiKey: settings.apiKey, endpoint: settings.endpoint },
    versions: versions(),
  });
  const imported = `Imported ${rendered.summary} from account ${snapshot.accountSid}`;

  if (dir === undefined) {
    process.stdout.write(rendered.code);
    process.stderr.write(["Set the program's stack config:", ...rendered.configLines.map((l) => `  ${l}`), `${imported}`, ""].join("\n"));
    return 0;
  }
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(rendered.files)) fs.writeFileSync(path.join(dir, file), content);
  process.stdout.write(
    [
      `Wrote ${Object.keys(rendered.files).join(", ")} to ${args.out}. Then, in that folder (as its README.md says):`,
      ...rendered.commands.map((l) => `  ${l}`),
      `${imported} into ${args.out}`,
      "",
    ].join("\n"),
  );
  return 0;
}

/** Exits once stdout and stderr are flushed (writes to a pipe are asynchronous on some systems). */
function exit(code: number): void {
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

if (require.main === module) {
  main(process.argv.slice(2)).then(exit, (e: Error) => {
    process.stderr.write(`twilio-video-import: ${e.message}\n`);
    if (e instanceof UsageError) process.stderr.write("Run 'twilio-video-import --help' for usage.\n");
    exit(2);
  });
}
