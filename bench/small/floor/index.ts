// The floor: the same program shape with three trivial dynamic resources (a create-only provider
// that makes no call), on the same SDK and CLI; it does not import pulumi-twilio-video.
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

for (const name of ["credential", "compositions", "hook"]) new Floor(name);
