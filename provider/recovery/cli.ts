#!/usr/bin/env node
/**
 * `twilio-video-recover`: after an interrupted `pulumi up`, brings this package's pending creates
 * to an end without a duplicate, an orphan or a code edit (see plan.ts). Run it in the program's
 * folder, with the stack's config and backend as for `pulumi up`:
 *
 *   npx twilio-video-recover [--stack NAME] [--apply]
 *
 * Without --apply it says what it would do; with it, it writes the objects found into the state
 * (`pulumi stack import`) and reads them (`pulumi refresh`). Then `pulumi up`.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPulumi as pulumi, stackArgs as stackOption, stackConfig } from "../cli/pulumi";
import { managedIds, pendingCreates, planRecovery, providerConfigs, recoveredState, recoveryClients } from "./plan";

async function main(argv: string[]): Promise<number> {
  const stackAt = argv.indexOf("--stack");
  const stack = stackAt >= 0 ? argv[stackAt + 1] : undefined;
  const stackArgs = stackOption(stack);
  const apply = argv.includes("--apply");

  const exported = JSON.parse(pulumi(["stack", "export", ...stackArgs]));
  const pending = pendingCreates(exported);
  if (pending.length === 0) {
    console.log("No pending creates: nothing to recover.");
    return 0;
  }
  const config = stackConfig(stack);
  // Explicit providers' inputs, secrets revealed: read here, never written anywhere.
  const providers = providerConfigs(JSON.parse(pulumi(["stack", "export", "--show-secrets", ...stackArgs])));
  const clientFor = recoveryClients((key) => config.get(key), providers);
  const plan = await planRecovery(pending, managedIds(exported), clientFor);

  for (const i of plan.imports) console.log(`exists in Twilio, import: ${i.urn} = ${i.id}`);
  for (const urn of plan.clears) console.log(`never made, clear (the next 'pulumi up' creates it): ${urn}`);
  for (const urn of plan.foreign) console.log(`not a pulumi-twilio-video resource, left alone: ${urn}`);
  for (const p of plan.problems) console.error(`cannot decide: ${p}`);
  if (!apply) {
    console.log("Run again with --apply to record this in the stack's state.");
    return plan.problems.length > 0 ? 1 : 0;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "twilio-video-recover-"));
  try {
    const file = path.join(dir, "state.json");
    fs.writeFileSync(file, JSON.stringify(recoveredState(exported, plan)), { mode: 0o600 });
    for (const args of [
      ["stack", "import", "--file", file, ...stackArgs],
      ["refresh", "--yes", "--skip-preview", ...stackArgs],
    ]) {
      console.log(`running: pulumi ${args.join(" ")}`);
      const run = spawnSync("pulumi", args, { stdio: "inherit" });
      if (run.status !== 0) return run.status ?? 1;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log("Done: run 'pulumi up'.");
  return plan.problems.length > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(`twilio-video-recover: ${e.message}`);
    process.exit(2);
  },
);
