/**
 * media.twilio.com, Media v1 (Twilio Live), registered with the core: its REST paths (none
 * collides with Video's or Accounts') and its admin routes under /__emulator/mediaV1/.
 * PlaybackGrant answers POST only: the Media v1 OpenAPI marks its GET "This method is not
 * enabled" (so 405, Allow: POST).
 */
import type { AdminRoutes } from "../core/admin";
import type { ApiRoutes } from "../core/routes";
import { registerMediaV1Admin } from "./admin";
import * as api from "./handlers";

export function registerMediaV1(routes: ApiRoutes, admin: AdminRoutes): void {
  routes
    .add("/v1/MediaProcessors", { GET: api.listProcessors, POST: api.createProcessor })
    .add("/v1/MediaProcessors/{Sid}", { GET: api.fetchProcessor, POST: api.updateProcessor })
    .add("/v1/MediaRecordings", { GET: api.listRecordings })
    .add("/v1/MediaRecordings/{Sid}", { GET: api.fetchRecording, DELETE: api.deleteRecording })
    .add("/v1/PlayerStreamers", { GET: api.listStreamers, POST: api.createStreamer })
    .add("/v1/PlayerStreamers/{Sid}", { GET: api.fetchStreamer, POST: api.updateStreamer })
    .add("/v1/PlayerStreamers/{Sid}/PlaybackGrant", { POST: api.createPlaybackGrant });
  registerMediaV1Admin(admin);
}
