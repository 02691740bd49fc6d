/**
 * A program that declares only Twilio resources does not load @pulumi/aws (~0.3 s, 300 modules):
 * the RecordingBucket component's module is loaded on first use. Nor does it load the lookups.
 */
import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
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

  it("type-checks without @pulumi/aws's, zod's or the Twilio client's declarations, which ts-node would check on every run, unless the program uses RecordingBucket", function () {
    this.timeout(120_000);
    ensureBuilt();
    // The package's declarations as a program sees them: by its name, through this repository's node_modules.
    const files = (source: string): string[] => {
      const dir = fs.mkdtempSync(path.join(REPO_ROOT, ".type-graph-"));
      try {
        const file = path.join(dir, "index.ts");
        fs.writeFileSync(file, source);
        const program = ts.createProgram([file], {
          strict: true,
          module: ts.ModuleKind.CommonJS,
          moduleResolution: ts.ModuleResolutionKind.Node10,
          target: ts.ScriptTarget.ES2022,
          types: ["node"],
          noEmit: true,
          // As the examples' and the import tool's tsconfig.json say.
          esModuleInterop: true,
          skipLibCheck: true,
        });
        const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
        assert.deepEqual(errors, []);
        return program.getSourceFiles().map((f) => f.fileName);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    };
    const fromAws = (names: string[]) => names.filter((f) => f.includes("/node_modules/@pulumi/aws/")).length;
    const twilioOnly = files(`import { CompositionHook, RecordingBucket, getCompositionHookOutput } from "pulumi-twilio-video";
const hook = new CompositionHook("x", { friendlyName: "x", audioSources: ["*"] });
export const format = hook.format.apply((f) => f.toUpperCase());
export const live = getCompositionHookOutput({ sid: hook.sid }).videoLayout;
export const user: RecordingBucket["user"] | undefined = undefined;`);
    assert.equal(fromAws(twilioOnly), 0, "the package's declarations load @pulumi/aws's");
    assert.deepEqual(
      twilioOnly.filter((f) => f.includes("/node_modules/zod/") || /\/dist\/provider\/(twilio|resources\/kit\/(?!errors))/.test(f)),
      [],
      "the package's declarations load zod's or the provider's implementation",
    );
    // The component still gives an AWS program the classes, by a cast (they are those at run time).
    const withAws = files(`import * as aws from "@pulumi/aws";
import { RecordingBucket } from "pulumi-twilio-video";
const media = new RecordingBucket("media");
export const arn: aws.iam.User["arn"] = (media.user as aws.iam.User).arn;`);
    assert.ok(fromAws(withAws) > 1000, `${fromAws(withAws)} files of @pulumi/aws`);
  });
});
