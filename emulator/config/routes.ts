/**
 * The configuration API the provider manages, registered with the core's table:
 * video.twilio.com CompositionHooks, CompositionSettings/Default, RecordingSettings/Default and
 * accounts.twilio.com Credentials/AWS, Credentials/PublicKeys (their paths do not collide, so one
 * port serves both hosts).
 */
import type { ApiRoutes } from "../core/routes";
import { createHook, deleteHook, fetchHook, listHooks, updateHook } from "./compositionHooks";
import { credentialHandlers } from "./credentials";
import { settingsHandlers } from "./settings";

export function registerConfigApi(routes: ApiRoutes): void {
  const compositionSettings = settingsHandlers("compositionSettings");
  const recordingSettings = settingsHandlers("recordingSettings");
  const aws = credentialHandlers("awsCredentials");
  const publicKeys = credentialHandlers("publicKeys");
  routes
    .add("/v1/CompositionHooks", { GET: listHooks, POST: createHook })
    .add("/v1/CompositionHooks/{Sid}", { GET: fetchHook, POST: updateHook, DELETE: deleteHook })
    .add("/v1/CompositionSettings/Default", { GET: compositionSettings.fetch, POST: compositionSettings.update })
    .add("/v1/RecordingSettings/Default", { GET: recordingSettings.fetch, POST: recordingSettings.update })
    .add("/v1/Credentials/AWS", { GET: aws.list, POST: aws.create })
    .add("/v1/Credentials/AWS/{Sid}", { GET: aws.fetch, POST: aws.update, DELETE: aws.remove })
    .add("/v1/Credentials/PublicKeys", { GET: publicKeys.list, POST: publicKeys.create })
    .add("/v1/Credentials/PublicKeys/{Sid}", { GET: publicKeys.fetch, POST: publicKeys.update, DELETE: publicKeys.remove });
}
