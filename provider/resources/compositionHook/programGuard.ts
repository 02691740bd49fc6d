import * as pulumi from "@pulumi/pulumi";
import {
  HookFacts, RecordingStorageFacts, hookNeedsComposableRecordings, programRefusal, uncomposableBecause,
} from "./composability";

/**
 * The preview guard: an enabled CompositionHook and a RecordingSettings that stores recordings in S3
 * or encrypts them, declared in the same program, fail the run before any Twilio call.
 *
 * Each resource class declares itself here from its constructor; every hook x settings pair is
 * checked once its values are known (unknown values at preview pass: the hook's create checks the
 * live settings). The refusal is logged on the hook (so the CLI shows it on that resource) and a
 * short RunError is thrown from the apply: `pulumi.log.error` alone does not fail a `pulumi preview`
 * run by the CLI (exit 0), an error thrown in an apply does (an unhandled rejection), and a
 * RunError without a stack keeps the CLI's output to the message.
 */
interface Declared<F> {
  name: string;
  resource: pulumi.Resource;
  /** Made when a pair is first checked: most programs declare hooks and no RecordingSettings. */
  facts: () => pulumi.Output<F>;
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

interface RunDeclarations {
  hooks: Declared<HookFacts>[];
  settings: Declared<RecordingStorageFacts>[];
}

/** Per run: inline Automation API programs run many stacks in one process, each with its own Stack resource. */
const runs = new WeakMap<object, RunDeclarations>();
const outsideAStack = {};

function declarations(): RunDeclarations {
  const key: object = pulumi.runtime.getStackResource() ?? outsideAStack;
  let found = runs.get(key);
  if (!found) runs.set(key, (found = { hooks: [], settings: [] }));
  return found;
}

/** Thrown from the guard's apply so the run fails; the full message is on the hook. */
export class UncomposableRecordingsError extends pulumi.RunError {
  constructor(message: string) {
    super(message);
    this.name = "UncomposableRecordingsError";
    this.stack = message; // the CLI prints the stack of a late unhandled rejection: keep it to the message
  }
}

function checkPair(hook: Declared<HookFacts>, settings: Declared<RecordingStorageFacts>): void {
  pulumi.all([hook.facts(), settings.facts()]).apply(([hookFacts, storage]) => {
    if (!hookNeedsComposableRecordings(hookFacts)) return;
    const because = uncomposableBecause(storage);
    if (!because) return;
    pulumi.log.error(programRefusal(hook.name, settings.name, because), hook.resource);
    throw new UncomposableRecordingsError(
      `the composition guard refused CompositionHook "${hook.name}" with RecordingSettings "${settings.name}" (see the error on the hook)`);
  });
}

export function declareCompositionHook(resource: pulumi.Resource, name: string, args: {
  enabled?: pulumi.Input<boolean | undefined>; allowUncomposableRecordings?: pulumi.Input<boolean | undefined>;
}): void {
  const hook: Declared<HookFacts> = {
    name, resource,
    facts: once(() => pulumi.all([args.enabled, args.allowUncomposableRecordings])
      .apply(([enabled, allowUncomposableRecordings]) => ({ enabled, allowUncomposableRecordings }))),
  };
  const run = declarations();
  run.hooks.push(hook);
  for (const settings of run.settings) checkPair(hook, settings);
}

export function declareRecordingSettings(resource: pulumi.Resource, name: string, args: {
  awsStorageEnabled?: pulumi.Input<boolean | undefined>; encryptionEnabled?: pulumi.Input<boolean | undefined>;
}): void {
  const settings: Declared<RecordingStorageFacts> = {
    name, resource,
    facts: once(() => pulumi.all([args.awsStorageEnabled, args.encryptionEnabled])
      .apply(([awsStorageEnabled, encryptionEnabled]) => ({ awsStorageEnabled, encryptionEnabled }))),
  };
  const run = declarations();
  run.settings.push(settings);
  for (const hook of run.hooks) checkPair(hook, settings);
}
