/**
 * Proves the real engine works on this machine: the `pulumi` CLI built by
 * scripts/install-pulumi-cli.sh runs an inline program whose dynamic resource is created by the
 * `pulumi-resource-pulumi-nodejs` plugin, on a temp `file://` backend.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { PULUMI_CLI_VERSION, PulumiCliMissingError, TestStack, createTestStack, ensurePulumiCli } from "../helpers/pulumiCli";

const greetingProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: `greeting-${inputs.name}`, outs: { name: inputs.name, text: `hello ${inputs.name}` } };
  },
};

class Greeting extends pulumi.dynamic.Resource {
  declare readonly text: pulumi.Output<string>;
  constructor(resourceName: string, name: pulumi.Input<string>) {
    super(greetingProvider, resourceName, { name, text: undefined }, {}, "smoke", "Greeting");
  }
}

async function greetingProgram(): Promise<Record<string, unknown>> {
  const config = new pulumi.Config();
  const greeting = new Greeting("greeting", config.require("name"));
  return { greetingId: greeting.id, text: greeting.text, urn: greeting.urn };
}

describe("the real Pulumi engine (smoke)", function () {
  this.timeout(180_000);

  it(`reports ${PULUMI_CLI_VERSION} from the cached CLI, or says how to install it`, () => {
    const binDir = ensurePulumiCli();
    assert.strictEqual(path.basename(path.dirname(binDir)), PULUMI_CLI_VERSION);

    const saved = process.env.PULUMI_TWILIO_CLI_CACHE;
    const emptyCache = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-cli-empty-"));
    process.env.PULUMI_TWILIO_CLI_CACHE = emptyCache;
    try {
      assert.throws(
        () => ensurePulumiCli(),
        (err: unknown) => {
          assert.ok(err instanceof PulumiCliMissingError);
          assert.match(err.message, /run scripts\/install-pulumi-cli\.sh$/);
          return true;
        },
      );
    } finally {
      if (saved === undefined) delete process.env.PULUMI_TWILIO_CLI_CACHE;
      else process.env.PULUMI_TWILIO_CLI_CACHE = saved;
      fs.rmSync(emptyCache, { recursive: true, force: true });
    }
  });

  describe("a stack with one dynamic resource", () => {
    let testStack: TestStack;

    before(async () => {
      testStack = await createTestStack({
        stackName: "smoke",
        program: greetingProgram,
        config: { "twilio-video-test:name": { value: "world" } },
      });
    });

    after(async () => {
      await testStack?.cleanup();
    });

    it("up creates the resource through the dynamic-provider plugin", async () => {
      const result = await testStack.stack.up();
      assert.strictEqual(result.summary.result, "succeeded");
      assert.deepStrictEqual(result.summary.resourceChanges, { create: 2 });
      assert.strictEqual(result.outputs.greetingId.value, "greeting-world");
      assert.strictEqual(result.outputs.text.value, "hello world");
      assert.strictEqual(result.outputs.urn.value, "urn:pulumi:smoke::twilio-video-test::pulumi-nodejs:dynamic/smoke:Greeting::greeting");
    });

    it("a second preview expects no changes", async () => {
      const preview = await testStack.stack.preview({ expectNoChanges: true });
      assert.deepStrictEqual(preview.changeSummary, { same: 2 });
    });

    it("destroy deletes the resource and leaves an empty stack", async () => {
      const result = await testStack.stack.destroy();
      assert.strictEqual(result.summary.result, "succeeded");
      assert.deepStrictEqual(result.summary.resourceChanges, { delete: 2 });
      const state = await testStack.stack.exportStack();
      assert.deepStrictEqual(state.deployment.resources ?? [], []);
    });
  });
});
