/**
 * State stores nothing twice, yet a program sees every output: `sid` / settings' `accountSid` are
 * the id, and every input is registered, so one the program left out reads as what state holds.
 */
import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as path from "path";
import { REPO_ROOT, ensureBuilt } from "../helpers/programDir";

/** What storedOutputsProgram.js prints: the outputs the program saw, and the ids the mocked engine gave. */
interface Seen {
  values: { hook: Record<string, unknown>; settings: Record<string, unknown> };
  hookSid: string;
  accountSid: string;
}

function runProgram(): Promise<Seen> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(REPO_ROOT, "test/fixtures/storedOutputsProgram.js")],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, PTV_PACKAGE: REPO_ROOT },
      },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout))),
    );
  });
}

describe("outputs a program sees when state holds nothing twice", () => {
  let seen: Seen;
  before(async function () {
    this.timeout(60_000);
    ensureBuilt();
    seen = await runProgram();
  });

  it("exposes the id as a hook's sid and as settings' accountSid", () => {
    assert.equal(seen.values.hook.sid, seen.hookSid);
    assert.equal(seen.values.settings.accountSid, seen.accountSid);
    assert.equal(seen.values.hook.accountSid, seen.accountSid); // stored: the hook's id does not carry it
  });

  it("reads an input the program left out as what state holds (its default)", () => {
    assert.deepEqual(
      { ...seen.values.hook, sid: undefined, accountSid: undefined },
      {
        sid: undefined,
        accountSid: undefined,
        enabled: true,
        format: "webm",
        trim: true,
        resolution: "640x480",
        statusCallbackMethod: "POST",
      },
    );
    assert.deepEqual(seen.values.settings, {
      accountSid: seen.accountSid,
      awsStorageEnabled: false,
      encryptionEnabled: false,
      friendlyName: "s",
    });
  });
});
