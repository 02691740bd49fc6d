/**
 * The Video v1 runtime API (besides hooks and settings, in ../config): Rooms, Participants and
 * their tracks and rules, Recordings, Compositions and the `/Media` subresources, as the Twilio
 * Video v1 OpenAPI (twilio-oai 1.55.5) lists them; and the simulation's admin routes.
 */
import type { AdminRoutes } from "../core/admin";
import type { ApiRoutes } from "../core/routes";
import { registerVideoAdmin } from "./admin";
import { createComposition, deleteComposition, fetchComposition, listCompositions } from "./rest/compositions";
import { compositionMedia, recordingMedia, roomRecordingMedia } from "./rest/media";
import {
  anonymizeParticipant,
  fetchParticipant,
  fetchPublishedTrack,
  fetchRecordingRules,
  fetchSubscribeRules,
  fetchSubscribedTrack,
  listParticipants,
  listPublishedTracks,
  listSubscribedTracks,
  updateParticipant,
  updateRecordingRules,
  updateSubscribeRules,
} from "./rest/participants";
import {
  deleteRecording,
  deleteRoomRecording,
  fetchRecording,
  fetchRoomRecording,
  listRecordings,
  listRoomRecordings,
} from "./rest/recordings";
import { createRoom, fetchRoom, listRooms, updateRoom } from "./rest/rooms";

const PARTICIPANT = "/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}";

export function registerVideoRuntime(routes: ApiRoutes, admin: AdminRoutes): void {
  routes
    .add("/v1/Rooms", { GET: listRooms, POST: createRoom })
    .add("/v1/Rooms/{Sid}", { GET: fetchRoom, POST: updateRoom })
    .add("/v1/Rooms/{RoomSid}/Participants", { GET: listParticipants })
    .add("/v1/Rooms/{RoomSid}/Participants/{Sid}", { GET: fetchParticipant, POST: updateParticipant })
    .add("/v1/Rooms/{RoomSid}/Participants/{Sid}/Anonymize", { POST: anonymizeParticipant })
    .add(`${PARTICIPANT}/PublishedTracks`, { GET: listPublishedTracks })
    .add(`${PARTICIPANT}/PublishedTracks/{Sid}`, { GET: fetchPublishedTrack })
    .add(`${PARTICIPANT}/SubscribedTracks`, { GET: listSubscribedTracks })
    .add(`${PARTICIPANT}/SubscribedTracks/{Sid}`, { GET: fetchSubscribedTrack })
    .add(`${PARTICIPANT}/SubscribeRules`, { GET: fetchSubscribeRules, POST: updateSubscribeRules })
    .add("/v1/Rooms/{RoomSid}/RecordingRules", { GET: fetchRecordingRules, POST: updateRecordingRules })
    .add("/v1/Rooms/{RoomSid}/Recordings", { GET: listRoomRecordings })
    .add("/v1/Rooms/{RoomSid}/Recordings/{Sid}", { GET: fetchRoomRecording, DELETE: deleteRoomRecording })
    .add("/v1/Rooms/{RoomSid}/Recordings/{Sid}/Media", { GET: roomRecordingMedia })
    .add("/v1/Recordings", { GET: listRecordings })
    .add("/v1/Recordings/{Sid}", { GET: fetchRecording, DELETE: deleteRecording })
    .add("/v1/Recordings/{Sid}/Media", { GET: recordingMedia })
    .add("/v1/Compositions", { GET: listCompositions, POST: createComposition })
    .add("/v1/Compositions/{Sid}", { GET: fetchComposition, DELETE: deleteComposition })
    .add("/v1/Compositions/{Sid}/Media", { GET: compositionMedia });
  registerVideoAdmin(admin);
}
