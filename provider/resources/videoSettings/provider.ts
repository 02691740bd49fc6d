import type { TwilioClient, VideoSettings, VideoSettingsParams } from "../../twilio";
import { liveConfiguration, twilioParams } from "../kit/twilioFields";
import { checkInputs } from "../kit/check";
import { isClaimed, isDeclared, markClaimed, markDeclared } from "../kit/claims";
import { ProviderContext, assertSameAccount } from "../kit/context";
import { diffInputs } from "../kit/diff";
import { ProviderError } from "../kit/errors";
import { KindProvider, Props, pick } from "../kit/provider";
import { VideoSettingsInputs, VideoSettingsSpec, videoSettingsRules } from "./schema";

type SettingsApi = TwilioClient["video"]["compositionSettings"];

/**
 * Live settings -> outputs: the configuration as a program writes it (kit/twilioFields.ts). The
 * account SID is the resource id, so it is not stored again.
 */
function settingsOutputs(spec: VideoSettingsSpec, live: VideoSettings, adoptExisting: unknown): Props {
  return { ...liveConfiguration(spec, live), ...(adoptExisting !== undefined ? { adoptExisting } : {}) };
}

function settingsParams(spec: VideoSettingsSpec, inputs: Props): VideoSettingsParams {
  return twilioParams(spec, inputs) as unknown as VideoSettingsParams;
}

/** Settings someone has configured: storage or encryption on, or a credential, URL or key set. */
function isConfigured(live: VideoSettings): boolean {
  return live.awsStorageEnabled || live.encryptionEnabled || Boolean(live.awsCredentialsSid || live.awsS3Url || live.encryptionKeySid);
}

/**
 * The provider of an account-wide settings singleton (CompositionSettings or RecordingSettings).
 * Its id is the account SID. Create is GET + POST: the GET guards against silently taking over
 * settings configured elsewhere. Delete switches storage and encryption off, unless another
 * resource of the same run holds the settings (a rename, a move or `--replace`: see kit/claims).
 */
export function videoSettingsProvider(spec: VideoSettingsSpec, api: (ctx: ProviderContext) => SettingsApi) {
  const inputKeys = Object.keys(spec.inputs).filter((k) => k !== "adoptExisting");
  const same = (live: VideoSettings, desired: Props) => !diffInputs(spec, settingsOutputs(spec, live, undefined), desired).changes;

  return (ctx: ProviderContext): KindProvider => ({
    async check(olds, news) {
      return checkInputs(spec, news, videoSettingsRules);
    },

    async diff(id, olds, news) {
      assertSameAccount(spec.name, id, olds.accountSid ?? id, ctx);
      markDeclared(spec.name, id);
      return diffInputs(spec, olds, news);
    },

    async create(inputs) {
      const desired = inputs as VideoSettingsInputs;
      const current = await api(ctx).fetch();
      if (!desired.adoptExisting && isConfigured(current) && !same(current, inputs)) {
        throw new ProviderError(
          `${spec.name} of account ${current.accountSid} are already configured` +
            ` (friendlyName "${current.friendlyName}", storage ${current.awsStorageEnabled ? `on to ${current.awsS3Url}` : "off"},` +
            ` encryption ${current.encryptionEnabled ? "on" : "off"}), by the console or another stack; nothing was changed. ` +
            `Set adoptExisting: true to take them over with this configuration. If this stack configured them ` +
            `under another resource name (a rename, or a move into or out of a component), tell Pulumi with this ` +
            `resource's options instead, e.g. { aliases: [{ name: "<old resource name>" }] }, and run 'pulumi up' again.`,
        );
      }
      const live = same(current, inputs) ? current : await api(ctx).update(settingsParams(spec, desired));
      markClaimed(spec.name, live.accountSid);
      return { id: live.accountSid, outs: settingsOutputs(spec, live, desired.adoptExisting) };
    },

    async read(id, props) {
      assertSameAccount(spec.name, id, props.accountSid ?? id, ctx);
      const live = await api(ctx).fetch();
      const outs = settingsOutputs(spec, live, props.adoptExisting);
      return { id: live.accountSid, props: outs, inputs: pick(outs, [...inputKeys, "adoptExisting"]) };
    },

    async update(id, olds, news) {
      assertSameAccount(spec.name, id, olds.accountSid ?? id, ctx);
      const live = await api(ctx).update(settingsParams(spec, news));
      markClaimed(spec.name, live.accountSid);
      return { outs: settingsOutputs(spec, live, news.adoptExisting) };
    },

    async delete(id, props) {
      assertSameAccount(spec.name, id, props.accountSid ?? id, ctx);
      // Another resource of this run holds the singleton now: resetting would undo it.
      if (isClaimed(spec.name, id) || isDeclared(spec.name, id)) return;
      // Twilio resets omitted fields, so this also forgets the credential, URL and key.
      await api(ctx).update({
        friendlyName: typeof props.friendlyName === "string" && props.friendlyName ? props.friendlyName : spec.name,
        awsStorageEnabled: false,
        encryptionEnabled: false,
      });
    },
  });
}
