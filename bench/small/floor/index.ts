// The floor: the same program shape with trivial dynamic resources (a create-only provider that
// makes no call), on the same SDK and CLI; it does not import pulumi-twilio-video. Three by
// default, as many as `small:count` says beside the many-hooks program.
import * as pulumi from "@pulumi/pulumi";

const provider: pulumi.dynamic.ResourceProvider = {
  async create() {
    return { id: Math.random().toString(16).slice(2), outs: {} };
  },
};

class Floor extends pulumi.dynamic.Resource {
  constructor(name: string) {
    super(provider, name, {}, {});
  }
}

const count = new pulumi.Config("small").getNumber("count") ?? 3;
for (let i = 0; i < count; i++) new Floor(`floor-${i}`);
