import type { HttpEngine } from "./http";
import { listAll } from "./paging";
import { compositionHookSchema, pageSchema, videoSettingsSchema, type CompositionHook, type ParamsOf, type VideoSettings } from "./schemas";

/** Create/update parameters of a CompositionHook; updates must send the full configuration. */
export type CompositionHookParams = ParamsOf<CompositionHook> & { friendlyName: string };

export interface CompositionHookListFilter {
  enabled?: boolean;
  friendlyName?: string;
  dateCreatedAfter?: string;
  dateCreatedBefore?: string;
  /** Items per page (Twilio: 1..1000, default 50); all pages are fetched regardless. */
  pageSize?: number;
}

export type VideoSettingsParams = ParamsOf<VideoSettings> & { friendlyName: string };

export interface CreateOptions<T> {
  /**
   * Finds the object an attempt of unknown outcome (a lost response, a timeout, a 5xx) may have
   * made, or returns undefined when it made none. Given, the client sends the create again after
   * such an attempt once this has looked (and returns what it found instead); not given, the
   * create is sent once, as a repeat could make a duplicate. 429s and refused connections, which
   * Twilio never acted on, are repeated either way.
   */
  recover?: (firstSentAt: number) => Promise<T | undefined>;
}

export interface CompositionHooksApi {
  create(params: CompositionHookParams, opts?: CreateOptions<CompositionHook>): Promise<CompositionHook>;
  fetch(sid: string): Promise<CompositionHook>;
  update(sid: string, params: CompositionHookParams): Promise<CompositionHook>;
  remove(sid: string): Promise<void>;
  /** Every hook matching the filter, following `meta.next_page_url` to the last page. */
  list(filter?: CompositionHookListFilter): Promise<CompositionHook[]>;
}

/** The per-account singleton `/v1/CompositionSettings/Default` or `/v1/RecordingSettings/Default`. */
export interface VideoSettingsApi {
  fetch(): Promise<VideoSettings>;
  /** The current spec answers this POST with 200 (201 until twilio-oai 2.2.1, 2025-03-20); both are accepted. */
  update(params: VideoSettingsParams): Promise<VideoSettings>;
}

export interface VideoApi {
  compositionHooks: CompositionHooksApi;
  compositionSettings: VideoSettingsApi;
  recordingSettings: VideoSettingsApi;
}

const HOOKS = "/v1/CompositionHooks";
const hookPage = pageSchema("composition_hooks", compositionHookSchema);

export function videoApi(http: HttpEngine): VideoApi {
  const compositionHooks: CompositionHooksApi = {
    create: (params, opts) =>
      http.request({
        method: "POST",
        host: "video",
        path: HOOKS,
        form: params,
        creates: true,
        recover: opts?.recover,
        schema: compositionHookSchema,
      }),
    fetch: (sid) => http.request({ method: "GET", host: "video", path: hookPath(sid), schema: compositionHookSchema }),
    update: (sid, params) =>
      http.request({ method: "POST", host: "video", path: hookPath(sid), form: params, schema: compositionHookSchema }),
    remove: (sid) => http.request<void>({ method: "DELETE", host: "video", path: hookPath(sid) }),
    list: (filter = {}) => listAll(http, { method: "GET", host: "video", path: HOOKS, query: filter, schema: hookPage }),
  };
  return {
    compositionHooks,
    compositionSettings: settingsApi(http, "/v1/CompositionSettings/Default"),
    recordingSettings: settingsApi(http, "/v1/RecordingSettings/Default"),
  };
}

function settingsApi(http: HttpEngine, path: string): VideoSettingsApi {
  return {
    fetch: () => http.request({ method: "GET", host: "video", path, schema: videoSettingsSchema }),
    // Not a creating POST in the duplicate sense: the singleton is overwritten, so it is repeatable.
    update: (params) => http.request({ method: "POST", host: "video", path, form: params, schema: videoSettingsSchema }),
  };
}

function hookPath(sid: string): string {
  return `${HOOKS}/${encodeURIComponent(sid)}`;
}
