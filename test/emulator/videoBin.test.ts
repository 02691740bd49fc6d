/** The emulator process with the Video simulation: `--video-clock manual`, driven by videoSimulation(url). */
import { strict as assert } from "assert";
import { spawn, type ChildProcess } from "child_process";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { createInterface } from "readline";
import { videoSimulation, type Emulator } from "../../emulator";
import { api } from "./helpers";

describe("emulator: bin with the Video simulation", () => {
  let child: ChildProcess | undefined;
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "twilio-emulator-video-bin-"));
  });
  afterEach(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    child = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  function runBin(args: string[]): { url: Promise<string>; exit: Promise<number | null> } {
    child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", join(__dirname, "../../emulator/bin.ts"), ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exit = new Promise<number | null>((resolve) => child?.once("exit", resolve));
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const url = new Promise<string>((resolve, reject) => {
      lines.once("line", resolve);
      void exit.then((code) => reject(new Error(`bin exited with ${code}`)));
    });
    return { url, exit };
  }

  it("runs the manual clock with --video-clock manual and persists its rooms", async () => {
    const url = await runBin(["--video-clock", "manual", "--persist", join(dir, "state.json")]).url;
    const sim = videoSimulation(url);
    assert.equal((await sim.clock()).mode, "manual");
    const alice = await sim.connect("bin-room", "alice");
    const before = (await sim.clock()).epoch_ms;
    await sim.advance(5 * 60_000);
    assert.equal((await sim.clock()).epoch_ms, before + 5 * 60_000);
    const room = await api({ url } as Emulator, "GET", `/v1/Rooms/${alice.room_sid}`);
    assert.equal(room.body.status, "in-progress"); // alice is still there: no empty-room timeout
    await sim.disconnect(alice.room_sid, alice.sid);
    await sim.advance(5 * 60_000);
    assert.equal((await api({ url } as Emulator, "GET", `/v1/Rooms/${alice.room_sid}`)).body.status, "completed");
    const persisted = JSON.parse(readFileSync(join(dir, "state.json"), "utf8"));
    const rooms = Object.values(persisted.stores as Record<string, { video: { rooms: { sid: string; status: string }[] } }>)[0].video.rooms;
    assert.deepEqual(rooms.map((r) => [r.sid, r.status]), [[alice.room_sid, "completed"]]);
  });

  it("refuses an unknown clock mode", async () => {
    const run = runBin(["--video-clock", "fast"]);
    assert.equal(await run.exit, 2);
    await assert.rejects(run.url);
  });
});
