/**
 * A resource registers with Error.stackTraceLimit at 0 (provider/resources/kit/resource.ts): what
 * the program sees of that is nothing, neither the limit nor the stack of an error thrown while it
 * registers. Each case throws before the SDK contacts an engine, so none is needed here.
 */
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { AwsCredential, CompositionHook } from "../../provider/resources";

/** The error `declare` throws, and the stack limit just after it. */
function thrown(declare: () => unknown): { error: Error; limitAfter: number } {
  try {
    declare();
  } catch (error) {
    assert.ok(error instanceof Error, `not an Error: ${String(error)}`);
    return { error, limitAfter: Error.stackTraceLimit };
  }
  assert.fail("the declaration did not throw");
}

describe("registration: a resource's constructor leaves the program's stacks as they were", () => {
  const programLimit = 17;
  let saved: number;
  beforeEach(() => {
    saved = Error.stackTraceLimit;
    Error.stackTraceLimit = programLimit;
  });
  afterEach(() => {
    Error.stackTraceLimit = saved;
  });

  it("a refusal of the package's own (a bad import id) points at the program's line, and the limit is the program's again", () => {
    const { error, limitAfter } = thrown(() => new CompositionHook("grid", { friendlyName: "grid" }, { import: "CR00" }));
    assert.match(error.message, /CompositionHook "grid": import must be a composition hook SID/);
    assert.match(error.stack ?? "", /at new CompositionHook .*\n.*registration\.test\.ts/, "the constructor, then this file");
    assert.equal(limitAfter, programLimit);
  });

  it("an error the SDK throws inside the registration (a parent that is no resource) gets its stack back from the constructor down", () => {
    const parent = {} as pulumi.Resource;
    const { error, limitAfter } = thrown(
      () => new AwsCredential("writer", { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "s" }, { parent }),
    );
    assert.match(error.message, /Resource parent is not a valid Resource/);
    const frames = (error.stack ?? "").split("\n").slice(1);
    assert.match(frames[0], /at new AwsCredential /);
    assert.ok(
      frames.some((f) => f.includes("registration.test.ts")),
      error.stack,
    );
    assert.equal(frames.length, programLimit, "as many frames as the program's limit allows");
    assert.equal(limitAfter, programLimit);
  });
});
