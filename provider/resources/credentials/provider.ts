import { createHash } from "crypto";
import type { AwsCredentialCreateParams, Credential, CredentialsApi, PublicKeyCreateParams } from "../../twilio";
import { isNotFound } from "../../twilio";
import { checkInputs } from "../kit/check";
import { isClaimed, markClaimed } from "../kit/claims";
import { ProviderContext, assertSameAccount } from "../kit/context";
import { diffInputs } from "../kit/diff";
import { ProviderError, deletedOutsidePulumi } from "../kit/errors";
import { GONE, KindProvider, Props, pick } from "../kit/provider";
import { awsCredentialSpec, publicKeySpec } from "./schema";

/** What differs between AWS credentials and public keys. */
export interface CredentialKind<CreateParams> {
  spec: typeof awsCredentialSpec | typeof publicKeySpec;
  api(ctx: ProviderContext): CredentialsApi<CreateParams>;
  /** The create parameters: the name and the kind's key material. */
  createParams(inputs: Props): CreateParams;
  /** Key material kept in outputs (never a secret itself), so diff can see it change. */
  material(inputs: Props): Props;
}

/** A one-way fingerprint of an AWS key pair: lets diff see a new secret without storing it. */
export function keyFingerprint(accessKeyId: unknown, secret: unknown): string | undefined {
  if (typeof secret !== "string" || typeof accessKeyId !== "string") return undefined;
  return createHash("sha256").update(`pulumi-twilio-video:${accessKeyId}:${secret}`).digest("hex");
}

const friendlyName = (inputs: Props) => inputs.friendlyName as string | undefined;

export const awsCredentialKind: CredentialKind<AwsCredentialCreateParams> = {
  spec: awsCredentialSpec,
  api: (ctx) => ctx.client.accounts.awsCredentials,
  createParams: (inputs) => ({ friendlyName: friendlyName(inputs), credentials: `${inputs.accessKeyId}:${inputs.secretAccessKey}` }),
  material: (inputs) => ({
    accessKeyId: inputs.accessKeyId,
    secretAccessKeyHash: keyFingerprint(inputs.accessKeyId, inputs.secretAccessKey),
  }),
};

export const publicKeyKind: CredentialKind<PublicKeyCreateParams> = {
  spec: publicKeySpec,
  api: (ctx) => ctx.client.accounts.publicKeys,
  createParams: (inputs) => ({ friendlyName: friendlyName(inputs), publicKey: String(inputs.publicKey) }),
  material: (inputs) => ({ publicKey: inputs.publicKey }),
};

/** Outputs: live fields from Twilio plus the key material the API never returns. */
function outputs(live: Credential, material: Props, managedBy: string, adoptSid: unknown): Props {
  return {
    ...material,
    friendlyName: live.friendlyName ?? undefined,
    ...(adoptSid ? { adoptSid } : {}),
    accountSid: live.accountSid,
    managedByAccountSid: managedBy,
  };
}

/**
 * The name a credential should have: the desired one, or (when none is given) the one it has, since
 * Twilio cannot clear a name (an empty FriendlyName is ignored) and a diff against it would never settle.
 */
function nameToSet(olds: Props, news: Props): unknown {
  return news.friendlyName ?? olds.friendlyName;
}

/**
 * Provider of an Accounts credential (AwsCredential or PublicKey). Only friendlyName updates in
 * place; new key material replaces it, create-before-delete, so settings are
 * repointed at the new SID before the old one goes.
 */
export function credentialProvider<CreateParams>(kind: CredentialKind<CreateParams>) {
  const { spec } = kind;
  const inputKeys = Object.keys(spec.inputs).filter((k) => k !== "secretAccessKey");

  // The secret is compared through its fingerprint: state never holds the secret itself.
  const comparable = (props: Props, isOld: boolean): Props => ({
    ...props,
    ...(spec.name === "AwsCredential"
      ? { secretAccessKey: isOld ? props.secretAccessKeyHash : keyFingerprint(props.accessKeyId, props.secretAccessKey) }
      : {}),
  });

  return (ctx: ProviderContext): KindProvider => ({
    async check(olds, news) {
      return checkInputs(spec, news);
    },

    async diff(id, olds, news) {
      assertSameAccount(spec.name, id, olds.managedByAccountSid, ctx);
      return diffInputs(spec, comparable(olds, true), { ...comparable(news, false), friendlyName: nameToSet(olds, news) });
    },

    async create(inputs) {
      const api = kind.api(ctx);
      const live = inputs.adoptSid ? await adopt(api, String(inputs.adoptSid), inputs) : await create(api, inputs);
      // An old resource that held the adopted credential (a rename) must not delete it.
      if (inputs.adoptSid) markClaimed(spec.name, live.sid);
      return { id: live.sid, outs: outputs(live, kind.material(inputs), ctx.accountSid, inputs.adoptSid) };
    },

    async read(id, props) {
      assertSameAccount(spec.name, id, props.managedByAccountSid, ctx);
      try {
        const live = await kind.api(ctx).fetch(id);
        const outs = outputs(live, kind.material(props), ctx.accountSid, props.adoptSid);
        // The secret cannot be read back: refreshed inputs leave it out rather than guess it. The
        // fingerprint is kept, or made from the key when the props are inputs (a recovered create).
        const fingerprint = props.secretAccessKeyHash ?? outs.secretAccessKeyHash;
        return { id: live.sid, props: { ...outs, secretAccessKeyHash: fingerprint }, inputs: pick(outs, [...inputKeys, "adoptSid"]) };
      } catch (e) {
        if (isNotFound(e)) return GONE;
        throw e;
      }
    },

    async update(id, olds, news) {
      assertSameAccount(spec.name, id, olds.managedByAccountSid, ctx);
      try {
        const live = await kind.api(ctx).update(id, { friendlyName: String(nameToSet(olds, news) ?? "") });
        return { outs: outputs(live, kind.material(news), ctx.accountSid, news.adoptSid) };
      } catch (e) {
        throw isNotFound(e) ? deletedOutsidePulumi(spec.name, id, ctx.accountSid) : e;
      }
    },

    async delete(id, props) {
      assertSameAccount(spec.name, id, props.managedByAccountSid, ctx);
      if (isClaimed(spec.name, id)) return;
      try {
        await kind.api(ctx).remove(id);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    },
  });

  async function adopt(api: CredentialsApi<CreateParams>, sid: string, inputs: Props): Promise<Credential> {
    let existing: Credential;
    try {
      existing = await api.fetch(sid);
    } catch (e) {
      if (isNotFound(e)) throw new ProviderError(`adoptSid: ${spec.name} ${sid} does not exist in the configured account`);
      throw e;
    }
    const name = typeof inputs.friendlyName === "string" ? inputs.friendlyName : (existing.friendlyName ?? "");
    return name === (existing.friendlyName ?? "") ? existing : api.update(sid, { friendlyName: name });
  }

  /**
   * Twilio keeps no unique name for credentials, so a blind repeat could make a duplicate. After an
   * attempt of unknown outcome the client asks for the credential that attempt made (same name,
   * created since the first attempt): exactly one is ours; none means it made nothing and the create
   * is sent again; more is reported, never guessed.
   */
  function create(api: CredentialsApi<CreateParams>, inputs: Props): Promise<Credential> {
    const name = friendlyName(inputs) ?? null;
    return api.create(kind.createParams(inputs), {
      recover: async (firstSentAt) => {
        const since = firstSentAt - 5 * 60_000; // tolerate clock skew between us and Twilio
        const made = (await api.list()).filter((c) => c.friendlyName === name && Date.parse(c.dateCreated) >= since);
        if (made.length <= 1) return made[0];
        throw new ProviderError(
          `${spec.name} create lost its response and ${made.length} credentials named "${name}" were created since: ` +
            `${made.map((c) => c.sid).join(", ")}; set adoptSid to the right one and delete the others`,
        );
      },
    });
  }
}

export const awsCredentialProvider = credentialProvider(awsCredentialKind);
export const publicKeyProvider = credentialProvider(publicKeyKind);
