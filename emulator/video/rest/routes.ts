/** The Video v1 runtime paths of seed 000 (besides hooks and settings), for router.ts. */
import type { Route } from "../../core/routes";
import { createComposition, deleteComposition, fetchComposition, listCompositions } from "./compositions";
import { compositionMedia, recordingMedia, roomRecordingMedia } from "./media";
import {
  anonymizeParticipant, fetchParticipant, fetchPublishedTrack, fetchRecordingRules, fetchSubscribeRules, fetchSubscribedTrack,
  listParticipants, listPublishedTracks, listSubscribedTracks, updateParticipant, updateRecordingRules, updateSubscribeRules,
} from "./participants";
import { deleteRecording, deleteRoomRecording, fetchRecording, fetchRoomRecording, listRecordings, listRoomRecordings } from "./recordings";
import { createRoom, fetchRoom, listRooms, updateRoom } from "./rooms";

const S = "([^/]+)";
const path = (template: string) => new RegExp(`^${template.replace(/\{\w+\}/g, S)}$`);

export const VIDEO_RUNTIME_ROUTES: Route[] = [
  { pattern: path("/v1/Rooms"), methods: { GET: listRooms, POST: createRoom } },
  { pattern: path("/v1/Rooms/{Sid}"), methods: { GET: fetchRoom, POST: updateRoom } },
  { pattern: path("/v1/Rooms/{RoomSid}/Participants"), methods: { GET: listParticipants } },
  { pattern: path("/v1/Rooms/{RoomSid}/Participants/{Sid}"), methods: { GET: fetchParticipant, POST: updateParticipant } },
  { pattern: path("/v1/Rooms/{RoomSid}/Participants/{Sid}/Anonymize"), methods: { POST: anonymizeParticipant } },
  { pattern: path("/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/PublishedTracks"), methods: { GET: listPublishedTracks } },
  { pattern: path("/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/PublishedTracks/{Sid}"), methods: { GET: fetchPublishedTrack } },
  { pattern: path("/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/SubscribedTracks"), methods: { GET: listSubscribedTracks } },
  { pattern: path("/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/SubscribedTracks/{Sid}"), methods: { GET: fetchSubscribedTrack } },
  { pattern: path("/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/SubscribeRules"), methods: { GET: fetchSubscribeRules, POST: updateSubscribeRules } },
  { pattern: path("/v1/Rooms/{RoomSid}/RecordingRules"), methods: { GET: fetchRecordingRules, POST: updateRecordingRules } },
  { pattern: path("/v1/Rooms/{RoomSid}/Recordings"), methods: { GET: listRoomRecordings } },
  { pattern: path("/v1/Rooms/{RoomSid}/Recordings/{Sid}"), methods: { GET: fetchRoomRecording, DELETE: deleteRoomRecording } },
  { pattern: path("/v1/Rooms/{RoomSid}/Recordings/{Sid}/Media"), methods: { GET: roomRecordingMedia } },
  { pattern: path("/v1/Recordings"), methods: { GET: listRecordings } },
  { pattern: path("/v1/Recordings/{Sid}"), methods: { GET: fetchRecording, DELETE: deleteRecording } },
  { pattern: path("/v1/Recordings/{Sid}/Media"), methods: { GET: recordingMedia } },
  { pattern: path("/v1/Compositions"), methods: { GET: listCompositions, POST: createComposition } },
  { pattern: path("/v1/Compositions/{Sid}"), methods: { GET: fetchComposition, DELETE: deleteComposition } },
  { pattern: path("/v1/Compositions/{Sid}/Media"), methods: { GET: compositionMedia } },
];
