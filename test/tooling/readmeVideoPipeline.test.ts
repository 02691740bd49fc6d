/**
 * The "Test your video pipeline locally" example (docs/video-pipeline-testing.md) runs as written:
 * the code block between its markers is written to a file in the repository (so
 * `pulumi-twilio-video/emulator` resolves to this package's dist/ as it does for a user) and run by
 * mocha in a child process, against a local S3 server holding the bucket the example's environment
 * names.
 */
import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { LOCAL_S3_ACCESS_KEY_ID, LOCAL_S3_SECRET_ACCESS_KEY, startLocalS3, type LocalS3 } from "../helpers/localS3";
import { listObjects } from "../helpers/s3Client";
import { ensureBuilt, REPO_ROOT } from "../helpers/programDir";

const START = "<!-- video-pipeline-example:start -->";
const END = "<!-- video-pipeline-example:end -->";

const PAGE = path.join("docs", "video-pipeline-testing.md");

export function readmeExample(): string {
  const readme = fs.readFileSync(path.join(REPO_ROOT, PAGE), "utf8");
  const block = readme.slice(readme.indexOf(START) + START.length, readme.indexOf(END));
  const code = /```ts\n([\s\S]*?)```/.exec(block);
  assert.ok(readme.includes(START) && readme.includes(END) && code, `${PAGE} lacks the video pipeline example between its markers`);
  return code[1];
}

describe("docs: the video pipeline example", function () {
  this.timeout(120_000);
  let s3: LocalS3;
  const file = path.join(REPO_ROOT, "test", `.readme-video-pipeline-${process.pid}.test.ts`);

  before(async () => {
    ensureBuilt();
    s3 = await startLocalS3({ buckets: ["readme-media"] });
  });
  after(async () => {
    fs.rmSync(file, { force: true });
    await s3?.close();
  });

  it("passes against a local S3 server and leaves the composition in the bucket", async () => {
    fs.writeFileSync(file, readmeExample());
    // Asynchronous: the local S3 server answers from this process's event loop.
    const child = spawn(
      process.execPath,
      [
        path.join(REPO_ROOT, "node_modules", "mocha", "bin", "mocha.js"),
        "--no-config",
        "-r",
        "ts-node/register/transpile-only",
        "--timeout",
        "60000",
        "--exit",
        file,
      ],
      {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          S3_ENDPOINT: s3.endpoint,
          S3_BUCKET: "readme-media",
          AWS_ACCESS_KEY_ID: LOCAL_S3_ACCESS_KEY_ID,
          AWS_SECRET_ACCESS_KEY: LOCAL_S3_SECRET_ACCESS_KEY,
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    const run = { status, stdout, stderr };
    assert.equal(run.status, 0, `the example of ${PAGE} failed\n${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /1 passing/);
    const objects = await listObjects(
      { endpoint: s3.endpoint, accessKeyId: LOCAL_S3_ACCESS_KEY_ID, secretAccessKey: LOCAL_S3_SECRET_ACCESS_KEY },
      "readme-media",
      "compositions/CJ",
    );
    assert.equal(objects.length, 1, JSON.stringify(objects));
    assert.match(objects[0].key, /^compositions\/CJ[0-9a-f]{32}\.mp4$/);
  });
});
