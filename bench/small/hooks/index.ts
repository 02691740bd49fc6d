// Many composition hooks (`small:count` of them) in one account, beside as many floor resources.
import * as twilio from "pulumi-twilio-video";
import { Config } from "@pulumi/pulumi";

const count = new Config("small").requireNumber("count");
for (let i = 0; i < count; i++) {
  new twilio.CompositionHook(`hook-${i}`, { friendlyName: `bench-hook-${i}`, audioSources: ["alice", "bob*"], resolution: "1280x720" });
}
