/** The simulation clock: manual time runs due work in time order; real time runs it on timers. */
import { strict as assert } from "assert";
import { SimulationClock } from "../../emulator/video/simulation/clock";

describe("emulator: the simulation clock", () => {
  it("manual: stands still, then runs due work in time order, including work scheduled while advancing", async () => {
    const clock = new SimulationClock("manual");
    const start = clock.now();
    const ran: string[] = [];
    clock.schedule(300, () => void ran.push(`c@${clock.now() - start}`));
    clock.schedule(100, () => {
      ran.push(`a@${clock.now() - start}`);
      clock.schedule(50, () => void ran.push(`b@${clock.now() - start}`));
    });
    clock.schedule(1000, () => void ran.push("late"));
    assert.equal(clock.now(), start);
    await clock.advance(299);
    assert.deepEqual(ran, ["a@100", "b@150"]);
    assert.equal(clock.now() - start, 299);
    await clock.advance(1);
    assert.deepEqual(ran, ["a@100", "b@150", "c@300"]);
    assert.equal(clock.pending(), 1);
    clock.clear();
    await clock.advance(10_000);
    assert.deepEqual(ran, ["a@100", "b@150", "c@300"]);
    await assert.rejects(clock.advance(-5));
  });

  it("real: runs due work on timers; switching to manual keeps the time and holds the work", async () => {
    const clock = new SimulationClock("real");
    const ran = new Promise<void>((resolve) => clock.schedule(0, resolve));
    await assert.rejects(clock.advance(10), /manual/);
    await ran; // resolves only when a timer has run the work: nobody advanced this clock
    await clock.idle();

    let held = false;
    clock.schedule(1, () => {
      held = true;
    });
    clock.setMode("manual"); // synchronously after scheduling: its timer cannot have fired yet
    const frozen = clock.now();
    assert.ok(frozen <= Date.now());
    await new Promise((resolve) => setTimeout(resolve, 20)); // long past its due time in real time
    assert.deepEqual([held, clock.pending()], [false, 1]); // held: only the manual clock runs it now
    await clock.advance(1);
    assert.deepEqual([held, clock.pending()], [true, 0]);
    clock.setMode("real");
    assert.ok(clock.now() >= frozen + 1);
  });
});
