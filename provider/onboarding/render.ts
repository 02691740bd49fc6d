/**
 * A snapshot of one account -> the files of a complete Pulumi TypeScript program (Pulumi.yaml,
 * package.json, tsconfig.json, index.ts, README.md), the config lines to run and a summary. Pure:
 * the same snapshot and options always give the same bytes.
 */
import { planProgram, renderIndex, type ProgramPlan } from "./program";
import type { AccountSnapshot } from "./snapshot";

/** How the generated stack reaches the account: what its config lines set (never a secret's value). */
export interface Connection {
  accountSid: string;
  /** The API key (SK...) in use, when the credential is one; else the auth token is. */
  apiKey?: string;
  /** A base URL replacing Twilio's (e.g. the emulator), when one is in use. */
  endpoint?: string;
}

export interface RenderOptions {
  /** The Pulumi project's name. */
  projectName: string;
  connection: Connection;
  /** This package's version and the ranges its own package.json uses. */
  versions: { package: string; pulumi: string; typescript: string; typesNode: string };
}

export interface RenderedProgram {
  /** File name -> content. */
  files: Record<string, string>;
  /** `index.ts`: the imports, the config and the declarations. */
  code: string;
  /** The `pulumi config set` lines to run before the first preview, each with its shell comment. */
  configLines: string[];
  /** Every command to run in the program's folder, in order (the config lines among them). */
  commands: string[];
  /** What was imported: `2 composition hooks, 1 AWS credential, 1 public key, recording and composition settings`. */
  summary: string;
  /** How many resources the program declares. */
  resources: number;
}

export function renderProgramFolder(snapshot: AccountSnapshot, options: RenderOptions): RenderedProgram {
  const plan = planProgram(snapshot);
  const code = renderIndex(plan);
  const configLines = renderConfigLines(plan, options.connection);
  const summary = summarize(plan);
  const created = plan.declarations.length + 1;
  const commands = [
    "npm install",
    "pulumi stack init prod   # any stack name",
    ...configLines,
    `pulumi preview           # expect ${created} to create (${plan.declarations.length} objects and the stack): nothing is written, each is imported`,
    "pulumi up",
    "pulumi preview --expect-no-changes",
  ];
  const description = `The Twilio Video configuration of account ${plan.accountSid}, imported by twilio-video-import`;
  const files = {
    "Pulumi.yaml": [
      `name: ${options.projectName}`,
      `description: ${JSON.stringify(description)}`,
      "runtime:",
      "  name: nodejs",
      "  options:",
      "    typescript: true",
      "",
    ].join("\n"),
    "package.json": json({
      name: npmName(options.projectName),
      version: "0.0.0",
      private: true,
      description,
      main: "index.ts",
      dependencies: { "@pulumi/pulumi": options.versions.pulumi, "pulumi-twilio-video": `^${options.versions.package}` },
      devDependencies: { "@types/node": options.versions.typesNode, typescript: options.versions.typescript },
    }),
    "tsconfig.json": json({
      compilerOptions: {
        strict: true,
        target: "ES2022",
        module: "commonjs",
        moduleResolution: "node",
        lib: ["ES2022"],
        types: ["node"],
        esModuleInterop: true,
        skipLibCheck: true,
        forceConsistentCasingInFileNames: true,
        noEmit: true,
      },
      files: ["index.ts"],
    }),
    "index.ts": code,
    "README.md": renderReadme(plan, options, commands, summary),
  };
  return { files, code, configLines, commands, summary, resources: plan.declarations.length };
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}

/** npm's rules: lower case, no leading dot or underscore, URL-safe characters. */
function npmName(projectName: string): string {
  const name = projectName
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[._-]+/, "");
  return name || "twilio-video";
}

/** The `pulumi config set` lines of the Twilio connection, then of every value Twilio never returns. */
function renderConfigLines(plan: ProgramPlan, connection: Connection): string[] {
  const lines: [string, string?][] = [[`pulumi config set twilio:accountSid ${connection.accountSid}`]];
  if (connection.apiKey) {
    lines.push(
      [`pulumi config set twilio:apiKey ${connection.apiKey}`],
      ["pulumi config set --secret twilio:apiSecret", "prompts; stored encrypted"],
    );
  } else {
    lines.push(["pulumi config set --secret twilio:authToken", "prompts; stored encrypted"]);
  }
  if (connection.endpoint) lines.push([`pulumi config set twilio:endpoint ${connection.endpoint}`]);
  for (const value of plan.configValues) lines.push([value.command, value.secret ? "prompts; stored encrypted" : undefined]);
  const width = Math.max(...lines.map(([command]) => command.length));
  return lines.map(([command, note]) => (note ? `${command.padEnd(width)}  # ${note}` : command));
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function summarize(plan: ProgramPlan): string {
  const count = (kind: string) => plan.declarations.filter((d) => d.kind === kind).length;
  const settings = [count("RecordingSettings") ? "recording" : "", count("CompositionSettings") ? "composition" : ""].filter(Boolean);
  return [
    plural(count("CompositionHook"), "composition hook", "composition hooks"),
    plural(count("AwsCredential"), "AWS credential", "AWS credentials"),
    plural(count("PublicKey"), "public key", "public keys"),
    ...(settings.length ? [`${settings.join(" and ")} settings`] : []),
  ].join(", ");
}

function renderReadme(plan: ProgramPlan, options: RenderOptions, commands: string[], summary: string): string {
  const rows = plan.declarations.map(
    (d) => `| \`${d.kind}\` | \`${d.name.resource}\` | \`${d.importId}\` | ${d.friendlyName ? markdownCell(d.friendlyName) : "(none)"} |`,
  );
  return [
    `# ${options.projectName}`,
    "",
    `The Twilio Video configuration of account \`${plan.accountSid}\` as \`twilio-video-import\``,
    `(pulumi-twilio-video ${options.versions.package}) read it: ${summary}.`,
    "",
    "`index.ts` declares every object with every field as Twilio answered it, and adopts it with Pulumi's",
    "`import` resource option: while the program matches Twilio, nothing is written there. Each is protected",
    "(`protect: true`, as `pulumi import` writes it): `pulumi destroy` deletes nothing until you remove that.",
    "",
    "## What was imported",
    "",
    ...(rows.length
      ? ["| Resource | Pulumi name | Imported ID | Friendly name |", "|---|---|---|---|", ...rows]
      : ["Nothing: the account has no Video configuration."]),
    "",
    "## Commands, in order",
    "",
    "```bash",
    ...commands,
    "```",
    "",
    "## What Twilio could not give back",
    "",
    ...notGivenBack(plan),
    "",
  ].join("\n");
}

function notGivenBack(plan: ProgramPlan): string[] {
  const lines: string[] = [];
  if (plan.configValues.length > 0) {
    lines.push(
      "Twilio never returns an AWS credential's key pair or a public key's PEM, so the program reads them from",
      "stack config (the lines above). Give the values each object was made with: Twilio cannot tell whether they match.",
      "",
      ...plan.configValues.map((v) => `- \`${v.key}\`${v.secret ? " (secret)" : ""}: ${v.what}.`),
      "",
    );
  }
  lines.push(...plan.notes.map((n) => `- ${n}`));
  return lines.length > 0 ? lines : ["Nothing: every field was read back."];
}

function markdownCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\n/g, " ");
}
