import * as pulumi from "@pulumi/pulumi";
import { refuse } from "../kit/refusal";
import { HookFacts, RecordingStorageFacts, hookNeedsComposableRecordings, programRefusal, uncomposableBecause } from "./composability";

/**
 * The preview guard: an enabled CompositionHook and a RecordingSettings that stores recordings in S3
 * or encrypts them, declared in the same program, fail the run before any Twilio call.
 *
 * Each resource class declares itself here from its constructor; every hook x settings pair is
 * checked once its values are known (unknown values at preview pass: the hook's create checks the
 * live settings). The refusal is logged on the hook (so the CLI shows it on that resource) and fails
 * the run (kit/refusal.ts).
 *
 * Pairs are made per account, as far as the program can tell: a hook and a RecordingSettings pair
 * when they have the same Twilio provider (the stack's default, or the same `Provider` object,
 * given or inherited from a parent). Two `Provider`s naming one account are not paired here; the
 * hook's create still reads that account's live settings.
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

interface AccountDeclarations {
  hooks: Declared<HookFacts>[];
  settings: Declared<RecordingStorageFacts>[];
}

/**
 * Per run (inline Automation API programs run many stacks in one process, each with its own Stack
 * resource), then per Twilio provider (undefined: the stack's default provider).
 */
const runs = new WeakMap<object, Map<pulumi.ProviderResource | undefined, AccountDeclarations>>();
const outsideAStack = {};

/** The type token's package the Twilio provider is found under (`pulumi-nodejs`). */
const DYNAMIC_TYPE = "pulumi-nodejs:dynamic:Resource";

function declarations(resource: pulumi.Resource): AccountDeclarations {
  const key: object = pulumi.runtime.getStackResource() ?? outsideAStack;
  let run = runs.get(key);
  if (!run) runs.set(key, (run = new Map()));
  const provider = resource.getProvider(DYNAMIC_TYPE);
  let found = run.get(provider);
  if (!found) run.set(provider, (found = { hooks: [], settings: [] }));
  return found;
}

function checkPair(hook: Declared<HookFacts>, settings: Declared<RecordingStorageFacts>): void {
  pulumi.all([hook.facts(), settings.facts()]).apply(([hookFacts, storage]) => {
    if (!hookNeedsComposableRecordings(hookFacts)) return;
    const because = uncomposableBecause(storage);
    if (!because) return;
    refuse(
      hook.resource,
      programRefusal(hook.name, settings.name, because),
      `the composition guard refused CompositionHook "${hook.name}" with RecordingSettings "${settings.name}" (see the error on the hook)`,
    );
  });
}

export function declareCompositionHook(
  resource: pulumi.Resource,
  name: string,
  args: {
    enabled?: pulumi.Input<boolean | undefined>;
    allowUncomposableRecordings?: pulumi.Input<boolean | undefined>;
  },
): void {
  const hook: Declared<HookFacts> = {
    name,
    resource,
    facts: once(() =>
      pulumi
        .all([args.enabled, args.allowUncomposableRecordings])
        .apply(([enabled, allowUncomposableRecordings]) => ({ enabled, allowUncomposableRecordings })),
    ),
  };
  const run = declarations(resource);
  run.hooks.push(hook);
  for (const settings of run.settings) checkPair(hook, settings);
}

export function declareRecordingSettings(
  resource: pulumi.Resource,
  name: string,
  args: {
    awsStorageEnabled?: pulumi.Input<boolean | undefined>;
    encryptionEnabled?: pulumi.Input<boolean | undefined>;
  },
): void {
  const settings: Declared<RecordingStorageFacts> = {
    name,
    resource,
    facts: once(() =>
      pulumi
        .all([args.awsStorageEnabled, args.encryptionEnabled])
        .apply(([awsStorageEnabled, encryptionEnabled]) => ({ awsStorageEnabled, encryptionEnabled })),
    ),
  };
  const run = declarations(resource);
  run.settings.push(settings);
  for (const hook of run.hooks) checkPair(hook, settings);
}
