import { z } from "zod";
import { HOOK_FRIENDLY_NAME_MAX, SID, layoutHasVideoSources, resolutionProblem, urlProblem, videoLayoutProblems } from "../../twilio/rules";
import { CrossRule, failure } from "../kit/check";
import { parseJsonish } from "../kit/diff";
import type { InputsOf, ResourceSpec } from "../kit/fields";
import { importField } from "../kit/importing";

const trackNames = z.array(
  z.string("must be a string").min(1, "must not contain empty track names"),
  "must be an array of track-name patterns",
);

const videoLayout = z
  .union([z.record(z.string(), z.unknown()), z.string()], "must be a JSON object of named regions, or its JSON text")
  .superRefine((value, ctx) => {
    let layout: unknown;
    try {
      layout = parseJsonish(value);
    } catch {
      layout = undefined;
    }
    if (typeof value === "string" && value.trim() !== "" && (typeof layout !== "object" || layout === null)) {
      ctx.addIssue({ code: "custom", message: "must be valid JSON text of an object of named regions" });
      return;
    }
    for (const problem of layout === undefined ? [] : videoLayoutProblems(layout)) {
      ctx.addIssue({ code: "custom", path: problem.path ? problem.path.split(".") : [], message: problem.rule });
    }
  });

export const compositionHookSpec = {
  name: "CompositionHook",
  description:
    "A Twilio Video composition hook: every completed Group Room of the account gets a composition " +
    "made with this configuration. Maps to /v1/CompositionHooks.",
  inputs: {
    friendlyName: {
      schema: z
        .string("must be a string")
        .min(1, "must not be empty")
        .max(HOOK_FRIENDLY_NAME_MAX, `must be at most ${HOOK_FRIENDLY_NAME_MAX} characters`),
      type: "string",
      required: true,
      description: "A descriptive name, up to 100 characters, unique within the account.",
    },
    enabled: {
      schema: z.boolean("must be a boolean"),
      type: "boolean",
      default: true,
      description: "Whether the hook is active: when true it is triggered for every completed Group Room.",
    },
    videoLayout: {
      schema: videoLayout,
      type: "object|string",
      compare: "layout",
      description:
        "The video layout in terms of regions (an object, or its JSON text); compared by content, a region " +
        "key left out equal to the value Twilio fills in for it (x_pos/y_pos/z_pos 0, reuse show_oldest, [] lists, null sizes).",
    },
    audioSources: {
      schema: trackNames,
      type: "string[]",
      compare: "set",
      description: "Track names (with * wildcards) of the audio to merge; compared as a set.",
    },
    audioSourcesExcluded: {
      schema: trackNames,
      type: "string[]",
      compare: "set",
      description: "Track names (with * wildcards) of the audio to leave out; compared as a set.",
    },
    resolution: {
      schema: z.string("must be a string").superRefine((v, ctx) => {
        const problem = resolutionProblem(v);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
      type: "string",
      default: "640x480",
      description: "The composed video's WIDTHxHEIGHT in pixels: 16..1280 each and at most 921,600 pixels.",
    },
    format: {
      schema: z.enum(["mp4", "webm"], "must be mp4 or webm"),
      type: "string",
      default: "webm",
      description: "The container format of the compositions: mp4 or webm.",
    },
    trim: {
      schema: z.boolean("must be a boolean"),
      type: "boolean",
      default: true,
      description: "Whether intervals with no active media are clipped.",
    },
    statusCallback: {
      schema: z.string("must be a string").superRefine((v, ctx) => {
        const problem = urlProblem(v);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
      type: "string",
      description: "The URL Twilio calls with composition status events.",
    },
    statusCallbackMethod: {
      schema: z.enum(["GET", "POST"], "must be GET or POST"),
      type: "string",
      default: "POST",
      description: "The HTTP method used to call statusCallback: GET or POST.",
    },
    adoptSid: {
      schema: z.string("must be a string").regex(SID.hook, "must be a composition hook SID matching ^HK[0-9a-fA-F]{32}$"),
      type: "string",
      createOnly: true,
      description:
        "Take over this existing hook (HK...) instead of creating one: it is read, then updated to this configuration. Ignored after creation.",
    },
    importId: importField("a composition hook SID", SID.hook),
    allowUncomposableRecordings: {
      schema: z.boolean("must be a boolean"),
      type: "boolean",
      createOnly: true,
      description:
        "Keep this hook enabled even though recordings are stored in S3 or encrypted, which Twilio cannot compose " +
        "(no composition will be produced). Without it, an enabled hook fails the preview when the program's RecordingSettings " +
        "does either, and its create and update refuse when the account's live recording settings do. Not sent to Twilio; never a change by itself.",
    },
  },
  outputs: {
    sid: { type: "string", fromId: true, description: "The hook's SID (HK...): the resource id." },
    accountSid: { type: "string", description: "The account the hook lives in." },
  },
} satisfies ResourceSpec;

/** A hook must produce media: audio sources, or a layout region with video sources. */
export const compositionHookRules: CrossRule[] = [
  (known, all) => {
    if (all.audioSources === undefined ? false : known.audioSources === undefined) return []; // unknown or invalid
    if (all.videoLayout !== undefined && known.videoLayout === undefined) return [];
    const hasAudio = Array.isArray(known.audioSources) && known.audioSources.length > 0;
    const hasVideo = layoutHasVideoSources(parseJsonish(known.videoLayout));
    return hasAudio || hasVideo
      ? []
      : [failure("audioSources", "or a videoLayout region with video_sources is required (a hook must compose some media)")];
  },
];

/** The hook's inputs, derived from the spec. */
export type CompositionHookInputs = InputsOf<typeof compositionHookSpec>;
