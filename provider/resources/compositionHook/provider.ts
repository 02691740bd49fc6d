import type { CompositionHook, CompositionHookParams } from "../../twilio";
import { TwilioApiError, isNotFound } from "../../twilio";
import { checkInputs } from "../kit/check";
import { isClaimed, markClaimed } from "../kit/claims";
import { assertSameAccount } from "../kit/context";
import { diffInputs } from "../kit/diff";
import { liveConfiguration, twilioParams } from "../kit/twilioFields";
import { ProviderError, deletedOutsidePulumi } from "../kit/errors";
import { OPT_OUT, hookNeedsComposableRecordings, liveRefusal, uncomposableBecause } from "./composability";
import { GONE, KindProviderFactory, Props, pick } from "../kit/provider";
import { CompositionHookInputs, compositionHookRules, compositionHookSpec as spec } from "./schema";

/** Instructions to this provider, never sent to Twilio nor diffed: kept in the outputs as given. */
const INSTRUCTION_KEYS = ["adoptSid", OPT_OUT];
const INPUT_KEYS = Object.keys(spec.inputs).filter((k) => !INSTRUCTION_KEYS.includes(k));

function instructions(props: Props): Props {
  return Object.fromEntries(INSTRUCTION_KEYS.filter((k) => props[k] !== undefined && props[k] !== false).map((k) => [k, props[k]]));
}

/**
 * Twilio refusing a hook name already used in the account. The exact code is not in the spec, so
 * the message is matched too; a false match only costs one list call, which then decides.
 */
function isDuplicateName(e: unknown): boolean {
  return (
    e instanceof TwilioApiError &&
    (e.status === 400 || e.status === 409) &&
    (e.code === 53123 || /already exists|unique/i.test(e.twilioMessage))
  );
}

/** The full desired configuration: Twilio resets optional fields an update leaves out. */
export function hookParams(inputs: Props): CompositionHookParams {
  return twilioParams(spec, inputs) as unknown as CompositionHookParams;
}

/**
 * Live hook -> outputs: its configuration as a program writes it (kit/twilioFields.ts), the
 * instructions (adoptSid, the opt-out) and the account it lives in (the account guard's evidence).
 * The SID is the resource id, not repeated; Twilio's timestamps and URL are not kept (nothing reads
 * them, and Pulumi records `created`/`modified` for every resource).
 */
function hookOutputs(live: CompositionHook, kept: Props): Props {
  return { ...liveConfiguration(spec, live), ...kept, accountSid: live.accountSid };
}

/** The inputs a refresh reports: the outputs' configuration and instructions. */
function refreshedInputs(outs: Props): Props {
  return pick(outs, [...INPUT_KEYS, ...INSTRUCTION_KEYS]);
}

/** Same configuration, compared as `diff` compares (sets, canonical JSON). */
function sameConfiguration(live: CompositionHook, desired: Props): boolean {
  return !diffInputs(spec, hookOutputs(live, {}), desired).changes;
}

export const compositionHookProvider: KindProviderFactory = (ctx) => {
  /**
   * The composition guard when the recording settings live elsewhere (the console, another stack):
   * one GET of the account's recording settings before an enabled hook is saved.
   */
  async function refuseUncomposableRecordings(desired: CompositionHookInputs): Promise<void> {
    if (!hookNeedsComposableRecordings(desired)) return;
    const because = uncomposableBecause(await ctx.client.video.recordingSettings.fetch());
    if (because) throw new ProviderError(liveRefusal(desired.friendlyName, ctx.accountSid, because));
  }

  return {
    async check(olds, news) {
      return checkInputs(spec, news, compositionHookRules);
    },

    async diff(id, olds, news) {
      assertSameAccount("CompositionHook", id, olds.accountSid, ctx);
      // Names are unique per account: a replacement created before the old hook is deleted would
      // meet its name, so a replace (e.g. `--replace`) deletes first.
      return { ...diffInputs(spec, olds, news), deleteBeforeReplace: true };
    },

    async create(inputs) {
      const desired = inputs as CompositionHookInputs;
      const hooks = ctx.client.video.compositionHooks;
      await refuseUncomposableRecordings(desired);
      if (desired.adoptSid) {
        const existing = await fetchOrExplain(desired.adoptSid);
        const live = sameConfiguration(existing, inputs) ? existing : await hooks.update(existing.sid, hookParams(desired));
        markClaimed("CompositionHook", live.sid); // an old resource holding it must not delete it
        return { id: live.sid, outs: hookOutputs(live, instructions(inputs)) };
      }
      let live: CompositionHook;
      try {
        // Names are unique per account, so the hook a lost attempt made is found by its name, and
        // it is ours when it carries exactly our configuration.
        live = await hooks.create(hookParams(desired), {
          recover: async () => {
            const match = await named();
            return match && sameConfiguration(match, inputs) ? match : undefined;
          },
        });
      } catch (e) {
        if (isDuplicateName(e)) throw nameTaken(await named());
        throw e;
      }
      return { id: live.sid, outs: hookOutputs(live, instructions(inputs)) };

      async function named(): Promise<CompositionHook | undefined> {
        return (await hooks.list({ friendlyName: desired.friendlyName })).find((h) => h.friendlyName === desired.friendlyName);
      }

      /** The name is taken: by another stack's hook, one an earlier failed run left, or a rename. */
      function nameTaken(match: CompositionHook | undefined): ProviderError {
        const how =
          match && sameConfiguration(match, inputs)
            ? "with this same configuration (maybe left by an earlier run that failed)"
            : "with a different configuration";
        return new ProviderError(
          `a composition hook named "${desired.friendlyName}" already exists in account ${ctx.accountSid}` +
            (match ? ` (${match.sid}) ${how}; nothing was changed. ` : "; nothing was changed. ") +
            `If this stack made it under another resource name (a rename, or a move into or out of a component), ` +
            `tell Pulumi with this resource's options, e.g. { aliases: [{ name: "<old resource name>" }] } ` +
            `('pulumi stack --show-ids' shows which resource holds ${match ? match.sid : "it"}), and run 'pulumi up' again. ` +
            `If an interrupted 'pulumi up' made it ('pulumi up' warned of pending operations), run ` +
            `'npx twilio-video-recover --apply', then 'pulumi up'. ` +
            `Otherwise choose another friendlyName, or set adoptSid${match ? ` = "${match.sid}"` : ""} to take it over.`,
        );
      }

      async function fetchOrExplain(sid: string): Promise<CompositionHook> {
        try {
          return await hooks.fetch(sid);
        } catch (e) {
          if (isNotFound(e)) throw new ProviderError(`adoptSid: composition hook ${sid} does not exist in account ${ctx.accountSid}`);
          throw e;
        }
      }
    },

    async read(id, props) {
      assertSameAccount("CompositionHook", id, props.accountSid, ctx);
      try {
        const live = await ctx.client.video.compositionHooks.fetch(id);
        const outs = hookOutputs(live, instructions(props));
        return { id: live.sid, props: outs, inputs: refreshedInputs(outs) };
      } catch (e) {
        if (isNotFound(e)) return GONE;
        throw e;
      }
    },

    async update(id, olds, news) {
      assertSameAccount("CompositionHook", id, olds.accountSid, ctx);
      const desired = news as CompositionHookInputs;
      await refuseUncomposableRecordings(desired);
      try {
        const live = await ctx.client.video.compositionHooks.update(id, hookParams(desired));
        return { outs: hookOutputs(live, instructions(news)) };
      } catch (e) {
        throw isNotFound(e) ? deletedOutsidePulumi("CompositionHook", id, ctx.accountSid) : e;
      }
    },

    async delete(id, props) {
      assertSameAccount("CompositionHook", id, props.accountSid, ctx);
      if (isClaimed("CompositionHook", id)) return; // adopted by another resource of this run
      try {
        await ctx.client.video.compositionHooks.remove(id);
      } catch (e) {
        if (!isNotFound(e)) throw e; // already gone is what delete wants
      }
    },
  };
};
