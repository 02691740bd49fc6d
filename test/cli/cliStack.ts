// Steps every CLI test repeats on a program folder: the Twilio connection as stack config, the
// stack's outputs, and the check that no captured output carries a secret.
import { strict as assert } from "assert";
import type { CliRun, ProgramFolder } from "../helpers/programFolder";
import type { ConsoleAccount } from "../helpers/twilioConsole";

/** `pulumi config set` of twilio:accountSid, twilio:endpoint and (as a secret, on stdin) twilio:authToken. */
export async function twilioStackConfig(folder: ProgramFolder, stack: string, endpoint: string, account: ConsoleAccount): Promise<void> {
  await folder.setConfig(stack, "twilio:accountSid", account.accountSid);
  await folder.setConfig(stack, "twilio:endpoint", endpoint);
  await folder.setConfig(stack, "twilio:authToken", account.authToken, { secret: true });
}

/** `pulumi stack output --json` (secrets stay "[secret]"). */
export async function stackOutputs(folder: ProgramFolder, stack: string): Promise<Record<string, unknown>> {
  const run = await folder.pulumi(["stack", "output", "--json"], { stack });
  return JSON.parse(run.stdout);
}

/** The stack output `name`, which must be a string (a secret one reads "[secret]"). */
export function stringOutput(outputs: Record<string, unknown>, name: string): string {
  const value = outputs[name];
  if (typeof value !== "string") assert.fail(`stack output ${name} is ${JSON.stringify(value)}, not a string`);
  return value;
}

export function assertNoSecrets(outputs: string[], secrets: string[]): void {
  const text = outputs.join("\n");
  assert.ok(text.length > 0, "nothing captured");
  for (const secret of secrets) assert.ok(!text.includes(secret), "a secret appears in the CLI output");
}

/** Asserts a command's exit code; the failure message carries the end of its output. */
export function assertExit(run: CliRun, code: number): void {
  const tail = (text: string) => text.split("\n").slice(-40).join("\n");
  assert.equal(
    run.code,
    code,
    `${run.args.join(" ")} exited ${run.code}, expected ${code}\n--- stdout\n${tail(run.stdout)}\n--- stderr\n${tail(run.stderr)}`,
  );
}
