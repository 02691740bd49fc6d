/**
 * A program that declares only Twilio resources does not load @pulumi/aws (~0.3 s, 300 modules):
 * the RecordingBucket component's module is loaded on first use.
 */
import { strict as assert } from "assert";
import { execFile } from "child_process";
import { REPO_ROOT, ensureBuilt } from "../helpers/programDir";

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
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ["-e", PROBE, REPO_ROOT], { cwd: REPO_ROOT }, (e, stdout, stderr) =>
        e ? reject(new Error(stderr)) : resolve(stdout),
      ),
    );
    const seen = JSON.parse(out);
    assert.equal(seen.beforeUse, 0);
    assert.deepEqual(seen.kinds, ["function", "function"]);
    assert.deepEqual(seen.component, ["function", "function"]);
    assert.ok(seen.afterUse > 0, "RecordingBucket came from @pulumi/aws-backed code");
    for (const name of ["RecordingBucket", "RecordingBucketArgsError", "CompositionHook"]) assert.ok(seen.enumerable.includes(name), name);
  });
});
