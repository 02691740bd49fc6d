// N resources of one kind (config footprint:kind, footprint:count), or of "floor": a trivial
// inline dynamic provider that makes no call, the engine's cost for N dynamic resources.
import * as pulumi from "@pulumi/pulumi";
import { generateKeyPairSync } from "crypto";
import { AwsCredential, CompositionHook, CompositionSettings, PublicKey, RecordingSettings } from "pulumi-twilio-video";

const config = new pulumi.Config("footprint");
const kind = config.require("kind");
const count = config.requireNumber("count");

// create only: the host skips a method the provider does not have, so this is the smallest one.
const floorProvider: pulumi.dynamic.ResourceProvider = {
  async create() {
    return { id: Math.random().toString(16).slice(2), outs: {} };
  },
};

class Floor extends pulumi.dynamic.Resource {
  constructor(name: string) {
    super(floorProvider, name, {}, {});
  }
}

let pem: string | undefined; // one key for every PublicKey, made only when they are asked for
const publicKeyPem = () =>
  (pem ??= generateKeyPairSync("rsa", { modulusLength: 2048, publicExponent: 65537 })
    .publicKey.export({ type: "spki", format: "pem" })
    .toString());

const makers: Record<string, (i: number) => void> = {
  floor: (i) => new Floor(`floor-${i}`),
  CompositionHook: (i) =>
    new CompositionHook(`hook-${i}`, { friendlyName: `footprint-hook-${i}`, audioSources: ["alice", "bob*"], resolution: "1280x720" }),
  AwsCredential: (i) =>
    new AwsCredential(`aws-${i}`, {
      friendlyName: `footprint-aws-${i}`,
      accessKeyId: `AKIAFOOTPRINT${String(i).padStart(7, "0")}`,
      secretAccessKey: "footprintSecretKey0000000000000000000000".slice(0, 40),
    }),
  PublicKey: (i) => new PublicKey(`key-${i}`, { friendlyName: `footprint-key-${i}`, publicKey: publicKeyPem() }),
  CompositionSettings: () => new CompositionSettings("composition-settings", { friendlyName: "footprint" }),
  RecordingSettings: () => new RecordingSettings("recording-settings", { friendlyName: "footprint" }),
};

const make = makers[kind];
if (!make) throw new Error(`footprint:kind must be one of ${Object.keys(makers).join(", ")}`);
for (let i = 0; i < count; i++) make(i);
