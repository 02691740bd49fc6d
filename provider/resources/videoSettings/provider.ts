import type { TwilioClient, VideoSettings, VideoSettingsParams } from "../../twilio";
import { checkInputs } from "../kit/check";
import { ProviderContext, assertSameAccount } from "../kit/context";
import { diffInputs } from "../kit/diff";
import { ProviderError } from "../kit/errors";
import { KindProvider, Props, pick } from "../kit/provider";
import { VideoSettingsInputs, VideoSettingsSpec, videoSettingsRules } from "./schema";

type SettingsApi = TwilioClient["video"]["compositionSettings"];

function settingsParams(inputs: VideoSettingsInputs): VideoSettingsParams {
  return {
    friendlyName: inputs.friendlyName,
    awsCredentialsSid: inputs.awsCredentialsSid,
    awsS3Url: inputs.awsS3Url,
    awsStorageEnabled: inputs.awsStorageEnabled,
    encryptionKeySid: inputs.encryptionKeySid,
    encryptionEnabled: inputs.encryptionEnabled,
  };
}

function settingsOutputs(live: VideoSettings, adoptExisting: unknown): Props {
  return {
    friendlyName: live.friendlyName,
    awsCredentialsSid: live.awsCredentialsSid ?? undefined,
    awsS3Url: live.awsS3Url ?? undefined,
    awsStorageEnabled: live.awsStorageEnabled,
    encryptionKeySid: live.encryptionKeySid ?? undefined,
    encryptionEnabled: live.encryptionEnabled,
    ...(adoptExisting !== undefined ? { adoptExisting } : {}),
    accountSid: live.accountSid,
    url: live.url,
  };
}

/** Settings someone has configured: storage or encryption on, or a credential, URL or key set. */
function isConfigured(live: VideoSettings): boolean {
  return live.awsStorageEnabled || live.encryptionEnabled ||
    Boolean(live.awsCredentialsSid || live.awsS3Url || live.encryptionKeySid);
}

/**
 * The provider of an account-wide settings singleton (CompositionSettings or RecordingSettings).
 * Its id is the account SID. Create is GET + POST: the GET guards against silently taking over
 * settings configured elsewhere. Delete switches storage and encryption off.
 */
export function videoSettingsProvider(spec: VideoSettingsSpec, api: (ctx: ProviderContext) => SettingsApi) {
  const inputKeys = Object.keys(spec.inputs).filter((k) => k !== "adoptExisting");
  const same = (live: VideoSettings, desired: Props) => !diffInputs(spec, settingsOutputs(live, undefined), desired).changes;

  return (ctx: ProviderContext): KindProvider => ({
    async check(_olds, news) {
      return checkInputs(spec, news, videoSettingsRules);
    },

    async diff(id, olds, news) {
      assertSameAccount(spec.name, id, olds.accountSid, ctx.accountSid);
      return diffInputs(spec, olds, news);
    },

    async create(inputs) {
      const desired = inputs as VideoSettingsInputs;
      const current = await api(ctx).fetch();
      if (!desired.adoptExisting && isConfigured(current) && !same(current, inputs)) {
        throw new ProviderError(
          `${spec.name} of account ${current.accountSid} are already configured` +
          ` (friendlyName "${current.friendlyName}", storage ${current.awsStorageEnabled ? `on to ${current.awsS3Url}` : "off"},` +
          ` encryption ${current.encryptionEnabled ? "on" : "off"}), by the console or another stack. ` +
          `Set adoptExisting: true to take them over with this configuration.`);
      }
      const live = same(current, inputs) ? current : await api(ctx).update(settingsParams(desired));
      return { id: live.accountSid, outs: settingsOutputs(live, desired.adoptExisting) };
    },

    async read(id, props) {
      assertSameAccount(spec.name, id, props.accountSid ?? id, ctx.accountSid);
      const live = await api(ctx).fetch();
      const outs = settingsOutputs(live, props.adoptExisting);
      return { id: live.accountSid, props: outs, inputs: pick(outs, [...inputKeys, "adoptExisting"]) };
    },

    async update(id, olds, news) {
      assertSameAccount(spec.name, id, olds.accountSid, ctx.accountSid);
      const live = await api(ctx).update(settingsParams(news as VideoSettingsInputs));
      return { outs: settingsOutputs(live, news.adoptExisting) };
    },

    async delete(id, props) {
      assertSameAccount(spec.name, id, props.accountSid ?? id, ctx.accountSid);
      // Twilio resets omitted fields, so this also forgets the credential, URL and key.
      await api(ctx).update({
        friendlyName: typeof props.friendlyName === "string" && props.friendlyName ? props.friendlyName : spec.name,
        awsStorageEnabled: false,
        encryptionEnabled: false,
      });
    },
  });
}
