/**
 * The `/Media` subresources. Twilio answers with a redirect to a short-lived URL of the media file,
 * the URL also in the JSON body as `redirect_to`, valid for `Ttl` seconds (1..3600, default 3600)
 * (TwilioDevEd/api-snippets video/rest/compositions/get-composition-media-file and
 * rooms/retrieve-media-for-room-recording: `GET .../Media?Ttl=3600` -> `{"redirect_to": ...}`).
 * The emulator's short-lived URL is `/__emulator/video/media/{AccountSid}/{Sid}?Expires=&Signature=`
 * (HMAC-SHA256 with a key of this emulator process), served from the cloud store.
 */
import { createHmac, timingSafeEqual } from "crypto";
import type { Handler, RequestContext } from "../../core/context";
import { EmulatorError } from "../../core/errors";
import type { CompositionRecord, RecordingRecord } from "../model";
import { findComposition } from "./compositions";
import { findRecording } from "./recordings";
import { roomFromPath } from "./common";

export const MEDIA_PATH = "/__emulator/video/media/";

function signature(key: Buffer, accountSid: string, sid: string, expires: number): string {
  return createHmac("sha256", key).update(`${accountSid}/${sid}/${expires}`).digest("hex");
}

export function signedMediaUrl(baseUrl: string, key: Buffer, accountSid: string, sid: string, expires: number): string {
  return `${baseUrl}${MEDIA_PATH}${accountSid}/${sid}?Expires=${expires}&Signature=${signature(key, accountSid, sid, expires)}`;
}

/** Whether a media URL's signature is ours and its time has not run out. */
export function mediaUrlValid(key: Buffer, accountSid: string, sid: string, expires: number, given: string, nowSeconds: number): boolean {
  const expected = Buffer.from(signature(key, accountSid, sid, expires));
  const actual = Buffer.from(given);
  return expires >= nowSeconds && expected.length === actual.length && timingSafeEqual(expected, actual);
}

function redirect(ctx: RequestContext, record: RecordingRecord | CompositionRecord) {
  const ttl = ctx.query.integer("Ttl", 1, 3600) ?? 3600;
  if (record.status !== "completed" || !record.media)
    throw EmulatorError.notFound(
      `${ctx.path} (the media is ${record.status === "completed" ? "gone" : `not available: status ${record.status}`})`,
    );
  // Media in the customer's bucket is not in Twilio's cloud: only media_external_location points at it.
  if (record.media.location === "s3")
    throw EmulatorError.notFound(`${ctx.path} (the media is stored externally at ${record.media.externalLocation})`);
  const expires = Math.floor(ctx.video.now() / 1000) + ttl;
  const location = signedMediaUrl(ctx.baseUrl, ctx.video.mediaKey, ctx.account.sid, record.sid, expires);
  return { status: 302, headers: { Location: location }, body: { redirect_to: location } };
}

export const recordingMedia: Handler = (ctx) => redirect(ctx, findRecording(ctx, ctx.pathParams[0]));
export const compositionMedia: Handler = (ctx) => redirect(ctx, findComposition(ctx));
export const roomRecordingMedia: Handler = (ctx) => {
  const room = roomFromPath(ctx);
  return redirect(ctx, findRecording(ctx, ctx.pathParams[1], room.sid));
};
