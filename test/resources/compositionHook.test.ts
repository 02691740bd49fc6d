import { strict as assert } from "assert";
import { UNKNOWN, startProviderHost } from "../helpers/providerHost";
import { ACCOUNT, Fixture, stackConfig, useFixture, withoutProvider } from "./fixture";
import type { HookJson, HookListJson } from "../helpers/twilioConsole";

const KIND = "CompositionHook";
const layout = { main: { z_pos: 1, video_sources: ["screen*", "camera"], max_columns: 2 } };
/** `layout` as Twilio answers it: the region with all 11 keys (Twilio's captured answers). */
const layoutEcho = {
  main: {
    x_pos: 0,
    y_pos: 0,
    z_pos: 1,
    width: null,
    height: null,
    max_columns: 2,
    max_rows: null,
    cells_excluded: [],
    reuse: "show_oldest",
    video_sources: ["screen*", "camera"],
    video_sources_excluded: [],
  },
};

describe("CompositionHook over the real dynamic-provider host", () => {
  let fx: Fixture;
  useFixture((f) => (fx = f));

  const urn = (name = "hook") => fx.urn(KIND, name);
  const checked = async (news: Record<string, unknown>) => {
    const res = await fx.host.check(urn(), {}, await fx.withProvider(KIND, news));
    assert.deepEqual(res.failures, []);
    return res.inputs;
  };
  const createHook = async (news: Record<string, unknown>) => {
    const inputs = await checked(news);
    const created = await fx.host.create(urn(), inputs);
    return { inputs, created };
  };

  describe("check", () => {
    it("fills every absent default into the checked inputs, and sees no change against state that holds them, with zero calls", async () => {
      const inputs = await checked({ friendlyName: "hook-a", audioSources: ["alice"], format: "mp4" });
      // What the program wrote plus Twilio's default of each field it left out.
      assert.deepEqual(withoutProvider(inputs), {
        friendlyName: "hook-a",
        audioSources: ["alice"],
        format: "mp4",
        enabled: true,
        resolution: "640x480",
        trim: true,
        statusCallbackMethod: "POST",
      });
      // State written by 0.1.0 holds every default in its outputs too: no change.
      const withEveryDefault = await fx.withProvider(KIND, {
        friendlyName: "hook-a",
        audioSources: ["alice"],
        enabled: true,
        resolution: "640x480",
        format: "mp4",
        trim: true,
        statusCallbackMethod: "POST",
        accountSid: ACCOUNT.accountSid,
      });
      const diff = await fx.host.diff("HK" + "0".repeat(32), urn(), withEveryDefault, inputs);
      assert.equal(diff.changes, "none");
      assert.equal(fx.emulator.log.count(), 0);
    });

    it("writes a default out whatever the old inputs hold, so a return to it displays as a change", async () => {
      // After a refresh recorded trim: false made in the console, the engine displays old inputs
      // against these: `trim: false => true`, not a removal of trim.
      const olds = { friendlyName: "hook-a", audioSources: ["alice"], trim: false, format: "webm" };
      const res = await fx.host.check(urn(), olds, await fx.withProvider(KIND, { friendlyName: "hook-a", audioSources: ["alice"] }));
      assert.deepEqual(res.failures, []);
      assert.deepEqual(withoutProvider(res.inputs), {
        friendlyName: "hook-a",
        audioSources: ["alice"],
        enabled: true,
        resolution: "640x480",
        format: "webm",
        trim: true,
        statusCallbackMethod: "POST",
      });
    });

    it("names the field and the rule for every bad input", async () => {
      const res = await fx.host.check(
        urn(),
        {},
        await fx.withProvider(KIND, {
          friendlyName: "x".repeat(101),
          resolution: "1280x1280",
          format: "avi",
          statusCallback: "not a url",
          statusCallbackMethod: "PUT",
          audioSources: "alice",
          videoLayout: { main: { x_pos: -1, colour: "red" } },
          adoptSid: "HK123",
          surprise: true,
        }),
      );
      const byProperty = Object.fromEntries(res.failures.map((f) => [f.property, f.reason]));
      assert.deepEqual(Object.keys(byProperty).sort(), [
        "adoptSid",
        "audioSources",
        "format",
        "friendlyName",
        "resolution",
        "statusCallback",
        "statusCallbackMethod",
        "surprise",
        "videoLayout.main.colour",
        "videoLayout.main.x_pos",
      ]);
      assert.match(byProperty.friendlyName, /^friendlyName must be at most 100 characters$/);
      assert.match(byProperty.resolution, /^resolution must be WIDTHxHEIGHT with 16\.\.1280 each and WIDTH\*HEIGHT <= 921600$/);
      assert.match(byProperty.format, /^format must be mp4 or webm$/);
      assert.match(byProperty.adoptSid, /\^HK\[0-9a-fA-F\]\{32\}\$/);
      assert.match(byProperty["videoLayout.main.x_pos"], /must be an integer from 0 to 1280/);
      assert.match(byProperty.surprise, /is not a property of CompositionHook/);
      assert.equal(fx.emulator.log.count(), 0);
    });

    it("says what type a field must have, in the house wording", async () => {
      const res = await fx.host.check(urn(), {}, await fx.withProvider(KIND, { friendlyName: 7, adoptSid: true, audioSources: ["a", 3] }));
      assert.deepEqual(Object.fromEntries(res.failures.map((f) => [f.property, f.reason])), {
        friendlyName: "friendlyName must be a string",
        adoptSid: "adoptSid must be a string",
        "audioSources.1": "audioSources.1 must be a string",
      });
    });

    it("requires audio sources or a layout with video sources", async () => {
      const res = await fx.host.check(
        urn(),
        {},
        await fx.withProvider(KIND, { friendlyName: "silent", videoLayout: { main: { max_rows: 1 } } }),
      );
      assert.deepEqual(
        res.failures.map((f) => f.property),
        ["audioSources"],
      );
      assert.match(res.failures[0].reason, /videoLayout region with video_sources is required/);
    });

    it("lets unknown values through during preview", async () => {
      const res = await fx.host.check(
        urn(),
        {},
        await fx.withProvider(KIND, { friendlyName: UNKNOWN, audioSources: UNKNOWN, resolution: UNKNOWN }),
      );
      assert.deepEqual(res.failures, []);
      assert.equal(res.inputs.friendlyName, UNKNOWN);
    });
  });

  describe("lifecycle", () => {
    it("creates with one POST (after the guard's GET of the recording settings) and returns the live hook", async () => {
      const { created } = await createHook({ friendlyName: "hook-a", audioSources: ["alice", "bob*"], videoLayout: layout, format: "mp4" });
      assert.match(created.id, /^HK[0-9a-f]{32}$/);
      const p = created.properties;
      assert.equal(p.sid, undefined); // the SID is the id: state does not hold it twice
      assert.equal(p.url, undefined);
      assert.equal(p.accountSid, ACCOUNT.accountSid);
      assert.equal(p.friendlyName, "hook-a");
      assert.equal(p.format, "mp4");
      assert.deepEqual(p.audioSources, ["alice", "bob*"]);
      assert.deepEqual(
        fx.emulator.log.entries().map((e) => `${e.method} ${e.path} ${e.status}`),
        [
          "GET /v1/RecordingSettings/Default 200", // the composition guard: recordings Twilio can compose?
          "POST /v1/CompositionHooks 201",
        ],
      );
      // Outputs are the live hook as a program writes it: Twilio's echo of every region default is not stored.
      assert.deepEqual((await fx.twilio<HookJson>("GET", `/v1/CompositionHooks/${created.id}`)).body.video_layout, layoutEcho);
      assert.deepEqual(p.videoLayout, layout);
      assert.equal(p.audioSourcesExcluded, undefined); // Twilio's [] is not stored either
    });

    it("reports no change after create, for reordered tracks and reformatted layout JSON, with zero calls", async () => {
      const { inputs, created } = await createHook({ friendlyName: "hook-b", audioSources: ["alice", "bob*"], videoLayout: layout });
      fx.emulator.log.clear();
      const same = await fx.host.diff(created.id, urn(), created.properties, inputs);
      assert.equal(same.changes, "none");
      const reordered = await checked({
        friendlyName: "hook-b",
        audioSources: ["bob*", "alice", "alice"],
        videoLayout: JSON.stringify({ main: { max_columns: 2, video_sources: ["screen*", "camera"], z_pos: 1 } }, null, 2),
      });
      const diff = await fx.host.diff(created.id, urn(), created.properties, reordered);
      assert.equal(diff.changes, "none");
      assert.equal(fx.emulator.log.count(), 0);
    });

    it("compares layout regions with Twilio's defaults filled in: writing a default is no change, changing one is", async () => {
      const { inputs, created } = await createHook({ friendlyName: "hook-defaults", audioSources: ["alice"], videoLayout: layout });
      const explicit = await checked({ ...withoutProvider(inputs), videoLayout: layoutEcho });
      assert.equal((await fx.host.diff(created.id, urn(), created.properties, explicit)).changes, "none");
      const partly = await checked({
        ...withoutProvider(inputs),
        videoLayout: { main: { ...layout.main, x_pos: 0, reuse: "show_oldest", width: null } },
      });
      assert.equal((await fx.host.diff(created.id, urn(), created.properties, partly)).changes, "none");
      for (const change of [{ x_pos: 10 }, { reuse: "show_newest" }, { cells_excluded: [1] }, { max_rows: 2 }]) {
        const news = await checked({ ...withoutProvider(inputs), videoLayout: { main: { ...layout.main, ...change } } });
        assert.equal((await fx.host.diff(created.id, urn(), created.properties, news)).changes, "some", JSON.stringify(change));
      }
      const twoRegions = await checked({ ...withoutProvider(inputs), videoLayout: { ...layout, pip: { video_sources: ["x"] } } });
      assert.equal((await fx.host.diff(created.id, urn(), created.properties, twoRegions)).changes, "some");
    });

    it("updates every field in place and replaces on nothing", async () => {
      const { inputs, created } = await createHook({ friendlyName: "hook-c", audioSources: ["alice"] });
      const changes: Record<string, unknown> = {
        friendlyName: "hook-c2",
        enabled: false,
        videoLayout: layout,
        audioSources: ["carol"],
        audioSourcesExcluded: ["bob"],
        resolution: "1280x720",
        format: "mp4",
        trim: false,
        statusCallback: "https://example.com/cb",
        statusCallbackMethod: "GET",
      };
      for (const [key, value] of Object.entries(changes)) {
        const news = await checked({ ...withoutProvider(inputs), [key]: value });
        const diff = await fx.host.diff(created.id, urn(), created.properties, news);
        assert.equal(diff.changes, "some", key);
        assert.deepEqual(diff.replaces, [], key);
      }
      fx.emulator.log.clear();
      const news = await checked({ ...withoutProvider(inputs), ...changes });
      const updated = await fx.host.update(created.id, urn(), created.properties, news);
      assert.equal(updated.properties.resolution, "1280x720");
      assert.equal(updated.properties.enabled, false);
      assert.deepEqual(updated.properties.audioSourcesExcluded, ["bob"]);
      assert.deepEqual(
        fx.emulator.log.entries().map((e) => `${e.method} ${e.path}`),
        [`POST /v1/CompositionHooks/${created.id}`],
      );
      const after = await fx.host.diff(created.id, urn(), updated.properties, news);
      assert.equal(after.changes, "none");
    });

    it("reads the live hook with one GET, reports an out-of-band change, and repairs it on update", async () => {
      const { inputs, created } = await createHook({ friendlyName: "hook-d", audioSources: ["alice"], trim: true });
      fx.emulator.log.clear();
      const read = await fx.host.read(created.id, urn(), created.properties);
      assert.deepEqual(withoutProvider(read.properties), withoutProvider(created.properties));
      assert.equal(fx.emulator.log.count(), 1);
      // Refreshed inputs are the live configuration as a program writes it: nothing Twilio filled
      // in (audio_sources_excluded: []), every default written out as check writes it.
      assert.deepEqual(withoutProvider(read.inputs), {
        friendlyName: "hook-d",
        audioSources: ["alice"],
        enabled: true,
        resolution: "640x480",
        format: "webm",
        trim: true,
        statusCallbackMethod: "POST",
      });

      const console = await fx.twilio("POST", `/v1/CompositionHooks/${created.id}`, {
        FriendlyName: "hook-d",
        AudioSources: "alice",
        Trim: "false",
      });
      assert.equal(console.status, 200);
      const drifted = await fx.host.read(created.id, urn(), created.properties);
      assert.equal(drifted.properties.trim, false);
      assert.equal(drifted.inputs.trim, false);
      // A drift review lists the real change only, never `- audioSourcesExcluded: []`.
      assert.deepEqual(withoutProvider(drifted.inputs), { ...withoutProvider(inputs), trim: false });
      const diff = await fx.host.diff(created.id, urn(), drifted.properties, inputs);
      assert.equal(diff.changes, "some");
      const repaired = await fx.host.update(created.id, urn(), drifted.properties, inputs);
      assert.equal(repaired.properties.trim, true); // back at its default, stored as it is
      assert.equal((await fx.twilio<HookJson>("GET", `/v1/CompositionHooks/${created.id}`)).body.trim, true);
    });

    it("reports a drift to a default with the default written out, so the review shows the change", async () => {
      const { inputs, created } = await createHook({ friendlyName: "hook-r", audioSources: ["alice"], resolution: "1280x720" });
      const console = await fx.twilio("POST", `/v1/CompositionHooks/${created.id}`, {
        FriendlyName: "hook-r",
        AudioSources: "alice",
        Resolution: "640x480",
      });
      assert.equal(console.status, 200);
      const drifted = await fx.host.read(created.id, urn(), created.properties);
      // 640x480 is the default, stored as any value: the engine displays `"1280x720" => "640x480"`
      // on refresh and the reverse on preview.
      assert.equal(created.properties.resolution, "1280x720");
      assert.equal(drifted.properties.resolution, "640x480");
      assert.equal(drifted.inputs.resolution, "640x480");
      assert.equal(drifted.properties.trim, true);
      assert.equal((await fx.host.diff(created.id, urn(), drifted.properties, inputs)).changes, "some");
    });

    it("reports a hook deleted outside Pulumi as gone, and deletes with one DELETE", async () => {
      const { created } = await createHook({ friendlyName: "hook-e", audioSources: ["alice"] });
      const path = `/v1/CompositionHooks/${created.id}`;
      const log = () => fx.emulator.log.entries().map((e) => `${e.method} ${e.path} ${e.status}`);
      fx.emulator.log.clear();
      await fx.host.delete(created.id, urn(), created.properties);
      assert.deepEqual(log(), [`DELETE ${path} 204`]);
      const gone = await fx.host.read(created.id, urn(), created.properties);
      assert.equal(gone.id, "");

      // Deleting what is already gone (a console delete, a retried destroy) succeeds after exactly
      // one DELETE that Twilio answers 404: no lookup first, no retry of the 404, nothing recreated.
      fx.emulator.log.clear();
      await fx.host.delete(created.id, urn(), created.properties);
      assert.deepEqual(log(), [`DELETE ${path} 404`]);
      assert.equal((await fx.twilio("GET", path)).status, 404);
      const left = await fx.twilio<HookListJson>("GET", "/v1/CompositionHooks?FriendlyName=hook-e");
      assert.deepEqual(left.body.composition_hooks, []);
    });

    it("sees no change when the auth token is rotated (credentials are config, not state)", async () => {
      const { inputs, created } = await createHook({ friendlyName: "hook-rotate", audioSources: ["alice"] });
      const rotated = await startProviderHost({ cwd: fx.dir });
      try {
        await rotated.configure({ ...stackConfig(fx.emulator.url), "twilio:authToken": "a-rotated-token-value" });
        const diff = await rotated.diff(created.id, urn(), created.properties, inputs);
        assert.equal(diff.changes, "none");
        assert.ok(!JSON.stringify(created.properties).includes(ACCOUNT.authToken));
      } finally {
        await rotated.close();
      }
    });

    it("refuses to touch a hook of another account after twilio:accountSid changed", async () => {
      const { inputs, created } = await createHook({ friendlyName: "hook-f", audioSources: ["alice"] });
      const moved = { ...created.properties, accountSid: "AC" + "f".repeat(32) };
      await assert.rejects(
        fx.host.diff(created.id, urn(), moved, inputs),
        /lives in account ACf{32}, but the stack is now configured for account AC0{31}1/,
      );
      await assert.rejects(fx.host.read(created.id, urn(), moved), /lives in account/);
    });
  });

  describe("adoption and lost responses", () => {
    it("adopts an existing hook by SID: one GET and one POST, no create, no delete", async () => {
      const made = await fx.twilio<HookJson>("POST", "/v1/CompositionHooks", { FriendlyName: "console-hook", AudioSources: "alice" });
      fx.emulator.log.clear();
      const { created } = await createHook({ friendlyName: "console-hook", audioSources: ["alice", "bob"], adoptSid: made.body.sid });
      assert.equal(created.id, made.body.sid);
      assert.deepEqual(created.properties.audioSources, ["alice", "bob"]);
      assert.deepEqual(
        fx.emulator.log.entries().map((e) => `${e.method} ${e.path}`),
        [
          "GET /v1/RecordingSettings/Default", // the composition guard, before anything is written
          `GET /v1/CompositionHooks/${made.body.sid}`,
          `POST /v1/CompositionHooks/${made.body.sid}`,
        ],
      );
    });

    it("refuses a name taken by a hook it did not make, and says how to adopt it", async () => {
      const made = await fx.twilio<HookJson>("POST", "/v1/CompositionHooks", { FriendlyName: "taken", AudioSources: "alice" });
      const inputs = await checked({ friendlyName: "taken", audioSources: ["alice"] });
      await assert.rejects(fx.host.create(urn(), inputs), new RegExp(`named "taken" already exists .*set adoptSid = "${made.body.sid}"`));
    });

    it("a create whose response was dropped ends with exactly one hook", async () => {
      fx.emulator.faults.add({ kind: "drop", match: { method: "POST", path: "/v1/CompositionHooks" } });
      const { created } = await createHook({ friendlyName: "dropped", audioSources: ["alice"] });
      const list = await fx.twilio<HookListJson>("GET", "/v1/CompositionHooks?FriendlyName=dropped");
      assert.equal(list.body.composition_hooks.length, 1);
      assert.equal(list.body.composition_hooks[0].sid, created.id);
    });
  });
});
