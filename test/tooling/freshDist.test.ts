// The staleness rule behind the mocha root hook (test/rootHooks.ts): dist/ is rebuilt exactly when a
// source under provider/ or emulator/ (or a tsconfig) is newer than its output, or has none.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { staleSource } from "../helpers/freshDist";

describe("dist/ staleness for single-file test runs", () => {
  let root: string;
  const write = (file: string, seconds: number) => {
    const full = path.join(root, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, "");
    fs.utimesSync(full, seconds, seconds);
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "ptv-fresh-dist-"));
    for (const file of ["tsconfig.json", "tsconfig.build.json", "provider/index.ts", "provider/twilio/client.ts", "emulator/server.ts"])
      write(file, 1000);
    for (const file of ["dist/provider/index.js", "dist/provider/twilio/client.js", "dist/emulator/server.js"]) write(file, 2000);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("is fresh when every output is newer than its source and the tsconfigs", () => {
    assert.equal(staleSource(root), undefined);
  });

  it("names a source edited after the build, in provider/ or emulator/", () => {
    write("provider/twilio/client.ts", 3000);
    assert.equal(staleSource(root), path.join("provider", "twilio", "client.ts"));
    write("provider/twilio/client.ts", 1000);
    write("emulator/server.ts", 3000);
    assert.equal(staleSource(root), path.join("emulator", "server.ts"));
  });

  it("names a new source that has no output yet, and ignores declaration files", () => {
    write("provider/types.d.ts", 3000);
    assert.equal(staleSource(root), undefined);
    write("provider/resources/hook.ts", 1000);
    assert.equal(staleSource(root), path.join("provider", "resources", "hook.ts"));
  });

  it("is stale everywhere when a tsconfig changed after the build", () => {
    write("tsconfig.build.json", 3000);
    assert.ok(staleSource(root));
  });
});
