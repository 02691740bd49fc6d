/** The emulator process with the Video simulation: `--video-clock manual`, driven by videoSimulation(url). */
import { strict as assert } from "assert";
import { readFileSync } from "fs";
import { join } from "path";
import { videoSimulation, type Emulator } from "../../emulator";
import { api, useBinPerTest } from "./helpers";

describe("emulator: bin with the Video simulation", () => {
  const bins = useBinPerTest("twilio-emulator-video-bin-");

  it("runs the manual clock with --video-clock manual and persists its rooms", async () => {
    const url = await bins.run(["--video-clock", "manual", "--persist", join(bins.dir(), "state.json")]).url;
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
    const persisted = JSON.parse(readFileSync(join(bins.dir(), "state.json"), "utf8"));
    const rooms = Object.values(persisted.stores as Record<string, { video: { rooms: { sid: string; status: string }[] } }>)[0].video.rooms;
    assert.deepEqual(
      rooms.map((r) => [r.sid, r.status]),
      [[alice.room_sid, "completed"]],
    );
  });

  it("refuses an unknown clock mode", async () => {
    const run = bins.run(["--video-clock", "fast"]);
    assert.equal(await run.exit, 2);
    await assert.rejects(run.url);
  });
});
