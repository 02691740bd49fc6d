import type { Account, NewApiKey } from "../../twilio";
import { isNotFound } from "../../twilio";
import { checkInputs } from "../kit/check";
import { isClaimed, markClaimed } from "../kit/claims";
import { assertSameAccount, type ProviderContext } from "../kit/context";
import { diffInputs } from "../kit/diff";
import { warnThroughEngine } from "../kit/engineLog";
import { ProviderError, deletedOutsidePulumi } from "../kit/errors";
import { GONE, type KindProviderFactory, type Props } from "../kit/provider";
import { apiKeySpec, subaccountSpec } from "./schema";

/** Twilio's clock may run behind ours: what a lost create made is looked for from this long before it. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** The one object of this name made since `firstSentAt`, none, or an error naming them all. */
function madeByLostAttempt<T extends { sid: string; friendlyName: string | null; dateCreated: string }>(
  kind: string,
  items: T[],
  name: string | null,
  firstSentAt: number,
): T | undefined {
  const made = items.filter((i) => i.friendlyName === name && Date.parse(i.dateCreated) >= firstSentAt - CLOCK_SKEW_MS);
  if (made.length <= 1) return made[0];
  throw new ProviderError(
    `${kind} create lost its response and ${made.length} named "${name}" were created since: ${made.map((i) => i.sid).join(", ")}; ` +
      `adopt the right one and remove the others`,
  );
}

function subaccountOutputs(live: Account, inputs: Props): Props {
  return {
    friendlyName: live.friendlyName,
    closeOnDelete: inputs.closeOnDelete,
    ...(inputs.adoptSid ? { adoptSid: inputs.adoptSid } : {}),
    authToken: live.authToken,
    status: live.status,
    ownerAccountSid: live.ownerAccountSid,
  };
}

/**
 * Subaccounts of the provider's account. Only friendlyName is sent; a closed subaccount (Twilio
 * keeps it, unusable) reads as deleted. Delete closes it only with closeOnDelete.
 */
export const subaccountProvider: KindProviderFactory = (ctx: ProviderContext) => {
  const accounts = () => ctx.client.api.accounts;

  /** The subaccount, or an explanation when it is not one of this account's open subaccounts. */
  async function ownSubaccount(sid: string, what: string): Promise<Account> {
    let live: Account;
    try {
      live = await accounts().fetch(sid);
    } catch (e) {
      // Twilio answers an account the caller cannot reach (not its own, not its subaccount) with
      // 401 (error 20003), not 404 (docs/twilio-behaviour.md, Accounts and Keys).
      if (isNotFound(e) || (e as { status?: number }).status === 401) {
        throw new ProviderError(`${what}: ${sid} is not a subaccount of account ${ctx.accountSid}`);
      }
      throw e;
    }
    if (live.sid === ctx.accountSid || live.ownerAccountSid !== ctx.accountSid) {
      throw new ProviderError(`${what}: ${sid} is not a subaccount of account ${ctx.accountSid}`);
    }
    if (live.status === "closed") throw new ProviderError(`${what}: subaccount ${sid} is closed, and Twilio cannot reopen it`);
    return live;
  }

  return {
    async check(olds, news) {
      ctx.requireAuthToken("Subaccount");
      return checkInputs(subaccountSpec, news);
    },

    async diff(id, olds, news) {
      assertSameAccount("Subaccount", id, olds.ownerAccountSid, ctx);
      return diffInputs(subaccountSpec, olds, news);
    },

    async create(inputs) {
      const friendlyName = String(inputs.friendlyName);
      if (inputs.adoptSid) {
        const existing = await ownSubaccount(String(inputs.adoptSid), "adoptSid");
        const live = existing.friendlyName === friendlyName ? existing : await accounts().update(existing.sid, { friendlyName });
        markClaimed("Subaccount", live.sid);
        return { id: live.sid, outs: subaccountOutputs(live, inputs) };
      }
      // Twilio keeps no unique name for accounts: a lost create is found by name and creation time.
      const live = await accounts().create(
        { friendlyName },
        {
          recover: async (firstSentAt) =>
            madeByLostAttempt("Subaccount", await accounts().list({ friendlyName }), friendlyName, firstSentAt),
        },
      );
      return { id: live.sid, outs: subaccountOutputs(live, inputs) };
    },

    async read(id, props) {
      assertSameAccount("Subaccount", id, props.ownerAccountSid, ctx);
      try {
        const live = await accounts().fetch(id);
        // Only this account's own subaccounts are read (an import may name any account).
        if (live.sid === ctx.accountSid || live.ownerAccountSid !== ctx.accountSid) {
          throw new ProviderError(`${id} is not a subaccount of account ${ctx.accountSid}`);
        }
        if (live.status === "closed") return GONE;
        const outs = subaccountOutputs(live, props);
        const inputs: Props = { friendlyName: live.friendlyName, closeOnDelete: props.closeOnDelete };
        if (props.adoptSid) inputs.adoptSid = props.adoptSid;
        return { id, props: outs, inputs };
      } catch (e) {
        if (isNotFound(e)) return GONE;
        throw e;
      }
    },

    async update(id, olds, news) {
      assertSameAccount("Subaccount", id, olds.ownerAccountSid, ctx);
      try {
        // closeOnDelete alone changes nothing at Twilio.
        const live =
          olds.friendlyName === news.friendlyName
            ? await accounts().fetch(id)
            : await accounts().update(id, { friendlyName: String(news.friendlyName) });
        return { outs: subaccountOutputs(live, news) };
      } catch (e) {
        throw isNotFound(e) ? deletedOutsidePulumi("Subaccount", id, ctx.accountSid) : e;
      }
    },

    async delete(id, props) {
      assertSameAccount("Subaccount", id, props.ownerAccountSid, ctx);
      if (isClaimed("Subaccount", id)) return;
      if (props.closeOnDelete !== true) {
        await warnThroughEngine(
          `Subaccount ${id} ("${props.friendlyName}") is left active at Twilio and removed from the stack: ` +
            `closing is irreversible, so it happens only with closeOnDelete: true (set it and run 'pulumi up' first).`,
        );
        return;
      }
      try {
        const live = await accounts().fetch(id);
        if (live.status !== "closed") await accounts().update(id, { status: "closed" });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    },
  };
};

function apiKeyOutputs(live: { friendlyName: string | null }, secret: unknown, inputs: Props, accountSid: string): Props {
  return {
    friendlyName: live.friendlyName ?? undefined,
    ...(inputs.keyRotation !== undefined ? { keyRotation: inputs.keyRotation } : {}),
    secret,
    accountSid,
  };
}

/**
 * Standard API keys of the provider's account. The secret exists only in the create response, so
 * a key whose create response was lost is of no use: it is deleted, and the create sent again.
 */
export const apiKeyProvider: KindProviderFactory = (ctx: ProviderContext) => {
  const keys = () => ctx.client.api.keys(ctx.accountSid);

  return {
    async check(olds, news) {
      ctx.requireAuthToken("ApiKey");
      return checkInputs(apiKeySpec, news);
    },

    async diff(id, olds, news) {
      assertSameAccount("ApiKey", id, olds.accountSid, ctx);
      return diffInputs(apiKeySpec, olds, news);
    },

    async create(inputs) {
      const name = (inputs.friendlyName as string | undefined) ?? null;
      const live: NewApiKey = await keys().create(
        { friendlyName: inputs.friendlyName as string | undefined },
        {
          recover: async (firstSentAt) => {
            const lost = madeByLostAttempt("ApiKey", await keys().list(), name, firstSentAt);
            if (lost) await keys().remove(lost.sid); // its secret was never seen: the key is unusable
            return undefined;
          },
        },
      );
      return { id: live.sid, outs: apiKeyOutputs(live, live.secret, inputs, ctx.accountSid) };
    },

    async read(id, props) {
      assertSameAccount("ApiKey", id, props.accountSid, ctx);
      try {
        const live = await keys().fetch(id);
        const outs = apiKeyOutputs(live, props.secret, props, ctx.accountSid);
        const inputs: Props = {};
        if (outs.friendlyName !== undefined) inputs.friendlyName = outs.friendlyName;
        if (props.keyRotation !== undefined) inputs.keyRotation = props.keyRotation;
        return { id, props: outs, inputs };
      } catch (e) {
        if (isNotFound(e)) return GONE;
        throw e;
      }
    },

    async update(id, olds, news) {
      assertSameAccount("ApiKey", id, olds.accountSid, ctx);
      try {
        const name = (news.friendlyName as string | undefined) ?? (olds.friendlyName as string | undefined) ?? "";
        const live = await keys().update(id, { friendlyName: name });
        return { outs: apiKeyOutputs(live, olds.secret, news, ctx.accountSid) };
      } catch (e) {
        throw isNotFound(e) ? deletedOutsidePulumi("ApiKey", id, ctx.accountSid) : e;
      }
    },

    async delete(id, props) {
      assertSameAccount("ApiKey", id, props.accountSid, ctx);
      try {
        await keys().remove(id);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    },
  };
};
