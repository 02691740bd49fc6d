/** Video v1 CompositionHooks: validate the form, change the account's store, render Twilio's JSON. */
import type { Handler, RequestContext } from "../core/context";
import { EmulatorError, ERROR_CODES } from "../core/errors";
import { paginate } from "../core/paging";
import type { Params } from "../core/params";
import { newSid, twilioNow, type AccountStore, type HookRecord } from "../core/state";
import {
  HOOK_DEFAULTS,
  HOOK_FRIENDLY_NAME_MAX,
  layoutHasVideoSources,
  resolutionProblem,
  uriProblem,
  VIDEO_OPS,
  VIDEO_SID,
  videoLayoutProblems,
  withRegionDefaults,
} from "../rules/videoV1";

const SPEC = VIDEO_OPS.createHook;

export type HookInput = Omit<HookRecord, "sid" | "dateCreated" | "dateUpdated">;

/**
 * The VideoLayout parameter as Twilio keeps it: every region filled with its defaults (see
 * withRegionDefaults). Compositions (video/compositions.ts) take it by the same rules.
 */
export function parseVideoLayout(form: Params): Record<string, Record<string, unknown>> {
  const text = form.string("VideoLayout");
  if (text === undefined) return {};
  let layout: unknown;
  try {
    layout = JSON.parse(text);
  } catch {
    throw EmulatorError.invalid("VideoLayout", "must be a JSON object");
  }
  const problems = videoLayoutProblems(layout);
  if (problems.length > 0) {
    throw EmulatorError.badRequest(ERROR_CODES.invalidVideoLayout, `Invalid parameter VideoLayout: ${problems.join("; ")}`);
  }
  return withRegionDefaults(layout as Record<string, Record<string, unknown>>);
}

/**
 * Every hook rule, in the order Twilio reports them: the route's and console seeds'
 * (./consoleSeed.ts). `ownSid` is the hook being updated.
 */
export function validateHook(form: Params, store: AccountStore, ownSid?: string): HookInput {
  const [friendlyName] = SPEC.required().map((name) => form.required(name));
  if (friendlyName.length > HOOK_FRIENDLY_NAME_MAX) {
    throw EmulatorError.invalid("FriendlyName", `must be at most ${HOOK_FRIENDLY_NAME_MAX} characters`);
  }
  const enabled = form.boolean("Enabled") ?? HOOK_DEFAULTS.enabled;
  const trim = form.boolean("Trim") ?? HOOK_DEFAULTS.trim;
  const format = form.oneOf("Format", SPEC.enum<"mp4" | "webm">("Format")) ?? HOOK_DEFAULTS.format;
  const resolution = form.string("Resolution") ?? HOOK_DEFAULTS.resolution;
  const resolutionRule = resolutionProblem(resolution);
  if (resolutionRule) {
    throw EmulatorError.badRequest(ERROR_CODES.invalidResolution, `Invalid parameter Resolution: ${resolutionRule}`);
  }
  const statusCallback = form.string("StatusCallback") ?? null;
  const callbackRule = statusCallback === null ? undefined : uriProblem(SPEC, "StatusCallback", statusCallback);
  if (callbackRule) throw EmulatorError.invalid("StatusCallback", callbackRule);
  const statusCallbackMethod =
    form.oneOf("StatusCallbackMethod", SPEC.enum<"GET" | "POST">("StatusCallbackMethod")) ?? HOOK_DEFAULTS.statusCallbackMethod;
  const videoLayout = parseVideoLayout(form);
  const audioSources = form.list("AudioSources");
  const audioSourcesExcluded = form.list("AudioSourcesExcluded");
  if (audioSources.length === 0 && !layoutHasVideoSources(videoLayout)) {
    throw EmulatorError.badRequest(
      ERROR_CODES.noMediaSources,
      "Invalid parameters AudioSources and VideoLayout: a composition hook needs AudioSources or a VideoLayout region with video_sources",
    );
  }
  if (store.hooks.some((h) => h.sid !== ownSid && h.friendlyName === friendlyName)) {
    throw EmulatorError.badRequest(
      ERROR_CODES.duplicateFriendlyName,
      `Invalid parameter FriendlyName: a composition hook named '${friendlyName}' already exists in this account`,
    );
  }
  return {
    friendlyName,
    enabled,
    trim,
    format,
    resolution,
    statusCallback,
    statusCallbackMethod,
    videoLayout,
    audioSources,
    audioSourcesExcluded,
  };
}

function renderHook(ctx: RequestContext, hook: HookRecord): Record<string, unknown> {
  return {
    account_sid: ctx.account.sid,
    friendly_name: hook.friendlyName,
    enabled: hook.enabled,
    date_created: hook.dateCreated,
    date_updated: hook.dateUpdated,
    sid: hook.sid,
    audio_sources: hook.audioSources,
    audio_sources_excluded: hook.audioSourcesExcluded,
    video_layout: hook.videoLayout,
    resolution: hook.resolution,
    trim: hook.trim,
    format: hook.format,
    status_callback: hook.statusCallback,
    status_callback_method: hook.statusCallbackMethod,
    url: `${ctx.baseUrl}/v1/CompositionHooks/${hook.sid}`,
  };
}

function findHook(ctx: RequestContext): HookRecord {
  const sid = ctx.pathParams[0];
  const hook = VIDEO_SID.hook.test(sid) ? ctx.store.hooks.find((h) => h.sid === sid) : undefined;
  if (!hook) throw EmulatorError.notFound(`/v1/CompositionHooks/${sid}`);
  return hook;
}

/** A new hook: Twilio answers it with `date_updated: null` (its captured create responses). */
export function newHook(input: HookInput, sid = newSid("HK"), dateCreated = twilioNow()): HookRecord {
  return { sid, ...input, dateCreated, dateUpdated: null };
}

export const createHook: Handler = (ctx) => {
  const hook = newHook(validateHook(ctx.form, ctx.store));
  ctx.state.mutate(() => ctx.store.hooks.push(hook));
  return { status: 201, body: renderHook(ctx, hook) };
};

export const fetchHook: Handler = (ctx) => ({ status: 200, body: renderHook(ctx, findHook(ctx)) });

/** POST replaces the whole configuration: omitted optional fields go back to their defaults. */
export const updateHook: Handler = (ctx) => {
  const hook = findHook(ctx);
  const input = validateHook(ctx.form, ctx.store, hook.sid);
  ctx.state.mutate(() => Object.assign(hook, input, { dateUpdated: twilioNow() }));
  return { status: 200, body: renderHook(ctx, hook) };
};

export const deleteHook: Handler = (ctx) => {
  const hook = findHook(ctx);
  ctx.state.mutate(() => ctx.store.hooks.splice(ctx.store.hooks.indexOf(hook), 1));
  return { status: 204 };
};

/** `*` matches any run of characters; the match is case-insensitive and anchored. */
function friendlyNameMatcher(pattern: string): RegExp {
  const escaped = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join(".*")}$`, "i");
}

export const listHooks: Handler = (ctx) => {
  const enabled = ctx.query.boolean("Enabled");
  const nameFilter = ctx.query.string("FriendlyName");
  const after = ctx.query.date("DateCreatedAfter");
  const before = ctx.query.date("DateCreatedBefore");
  const nameMatcher = nameFilter === undefined ? undefined : friendlyNameMatcher(nameFilter);
  // Newest first, as Twilio lists them (the captured list-hooks output); the store keeps creation order.
  const hooks = [...ctx.store.hooks].reverse().filter((hook) => {
    const created = Date.parse(hook.dateCreated);
    return (
      (enabled === undefined || hook.enabled === enabled) &&
      (nameMatcher === undefined || nameMatcher.test(hook.friendlyName)) &&
      (after === undefined || created >= after) &&
      (before === undefined || created < before)
    );
  });
  const filters: [string, string][] = [];
  for (const name of ["Enabled", "FriendlyName", "DateCreatedAfter", "DateCreatedBefore"]) {
    const value = ctx.query.string(name);
    if (value !== undefined) filters.push([name, value]);
  }
  const { page, meta } = paginate(ctx, hooks, "composition_hooks", filters);
  return { status: 200, body: { composition_hooks: page.map((hook) => renderHook(ctx, hook)), meta } };
};
