/**
 * A program that declares only Twilio resources does not load @pulumi/aws (~0.3 s, 300 modules):
 * the RecordingBucket component's module is loaded on first use. Nor does it load the lookups.
 */
import { strict as assert } from "assert";
import { execFile } from "child_process";
import { REPO_ROOT, ensureBuilt } from "../helpers/programDir";

const LOOKUPS_PROBE = `
const loaded = () => Object.keys(require.cache).filter((k) => /[\\/]lookups[\\/]/.test(k) || k.endsWith("context.js") && k.includes("kit")).length;
const pkg = require(process.argv[1]);
const beforeUse = loaded();
const kinds = [typeof pkg.getCompositionHook, typeof pkg.getPublicKeysOutput];
process.stdout.write(JSON.stringify({ beforeUse, afterUse: loaded(), kinds, enumerable: Object.keys(pkg) }));
`;

function probe(script: string): Promise<string> {
  return new Promise<string>((resolve, reject) =>
    execFile(process.execPath, ["-e", script, REPO_ROOT], { cwd: REPO_ROOT }, (e, stdout, stderr) =>
      e ? reject(new Error(stderr)) : resolve(stdout),
    ),
  );
}

const PROBE = `
const count = () => Object.keys(require.cache).filter((k) => k.includes("@pulumi/aws")).length;
const pkg = require(process.argv[1]);
const beforeUse = count();
const kinds = [typeof pkg.CompositionHook, typeof pkg.RecordingSettings];
const component = [typeof pkg.RecordingBucket, typeof pkg.RecordingBucketArgsError];
process.stdout.write(JSON.stringify({ beforeUse, afterUse: count(), kinds, component, enumerable: Object.keys(pkg).sort() }));
`;

describe("loading the package", () => {
  it("loads @pulumi/aws only when RecordingBucket is used", async function () {
    this.timeout(60_000);
    ensureBuilt();
    const seen = JSON.parse(await probe(PROBE));
    assert.equal(seen.beforeUse, 0);
    assert.deepEqual(seen.kinds, ["function", "function"]);
    assert.deepEqual(seen.component, ["function", "function"]);
    assert.ok(seen.afterUse > 0, "RecordingBucket came from @pulumi/aws-backed code");
    for (const name of ["RecordingBucket", "RecordingBucketArgsError", "CompositionHook"]) assert.ok(seen.enumerable.includes(name), name);
  });

  it("loads the lookups (and their client construction) only when one is used", async function () {
    this.timeout(60_000);
    ensureBuilt();
    const seen = JSON.parse(await probe(LOOKUPS_PROBE));
    assert.equal(seen.beforeUse, 0);
    assert.deepEqual(seen.kinds, ["function", "function"]);
    assert.equal(seen.afterUse, 5, "lookups/index, lookups, run, settings and kit/context");
    for (const name of ["getCompositionHook", "getCompositionHookOutput", "getRecordingSettings", "getPublicKeysOutput"]) {
      assert.ok(seen.enumerable.includes(name), name);
    }
  });
});
