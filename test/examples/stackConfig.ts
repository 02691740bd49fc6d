// Reads an example's Pulumi.yaml and one Pulumi.<stack>.yaml the way the Pulumi CLI builds a
// program's config: the stack's values, plus the project's declared defaults and namespaced values
// for keys the stack leaves out, every value as a string (PULUMI_CONFIG holds strings).
import * as fs from "fs";
import * as path from "path";

import * as yaml from "js-yaml";

export interface StackConfig {
  /** The project name, which is also the namespace of `new pulumi.Config()`. */
  project: string;
  /** "namespace:key" -> value, as the program sees it. */
  values: Record<string, string>;
  /** Keys the project declares without a default that the stack does not set (the CLI refuses those). */
  missing: string[];
  /** Keys the stack file holds as `secure:` ciphertext (samples must hold none). */
  secure: string[];
}

interface ProjectFile {
  name: string;
  config?: Record<string, unknown>;
}

type Declaration = { type?: string; default?: unknown; value?: unknown };

const asString = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

/** "key" -> "project:key"; namespaced keys stay as they are. */
const fullKey = (project: string, key: string): string => (key.includes(":") ? key : `${project}:${key}`);

export function readProject(exampleDir: string): ProjectFile {
  return yaml.load(fs.readFileSync(path.join(exampleDir, "Pulumi.yaml"), "utf8")) as ProjectFile;
}

/** The names of the stack samples (Pulumi.<stack>.yaml) of an example. */
export function stackNames(exampleDir: string): string[] {
  return fs
    .readdirSync(exampleDir)
    .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
    .filter((stack): stack is string => stack !== undefined)
    .sort();
}

export function loadStackConfig(exampleDir: string, stack: string): StackConfig {
  const project = readProject(exampleDir);
  const stackFile = yaml.load(fs.readFileSync(path.join(exampleDir, `Pulumi.${stack}.yaml`), "utf8")) as {
    config?: Record<string, unknown>;
  } | null;

  const values: Record<string, string> = {};
  const secure: string[] = [];
  for (const [key, value] of Object.entries(stackFile?.config ?? {})) {
    const name = fullKey(project.name, key);
    if (value !== null && typeof value === "object" && "secure" in value) secure.push(name);
    else values[name] = asString(value);
  }

  const missing: string[] = [];
  for (const [key, declared] of Object.entries(project.config ?? {})) {
    const name = fullKey(project.name, key);
    if (name in values || secure.includes(name)) continue;
    const declaration: Declaration = declared !== null && typeof declared === "object" ? declared : { value: declared };
    const fallback = declaration.default ?? declaration.value;
    if (fallback !== undefined) values[name] = asString(fallback);
    else missing.push(name);
  }
  return { project: project.name, values, missing, secure };
}
