/** Helpers shared by the Video runtime handlers: dates, lookups that 404 the Twilio way, filtered lists. */
import type { RequestContext } from "../../core/context";
import { EmulatorError } from "../../core/errors";
import { paginate } from "../../core/paging";
import { isoSeconds } from "../simulation/clock";
import type { ParticipantRecord, RoomRecord } from "../model";

export const iso = (ms: number | undefined): string | null => (ms === undefined ? null : isoSeconds(ms));

export function roomFromPath(ctx: RequestContext, index = 0): RoomRecord {
  const key = ctx.pathParams[index];
  const room = ctx.video.findRoom(ctx.store, key);
  if (!room) throw EmulatorError.notFound(`/v1/Rooms/${key}`);
  return room;
}

export function participantFromPath(ctx: RequestContext, room: RoomRecord, index = 1): ParticipantRecord {
  const key = ctx.pathParams[index];
  const participant = ctx.video.findParticipant(room, key);
  if (!participant) throw EmulatorError.notFound(`/v1/Rooms/${room.sid}/Participants/${key}`);
  return participant;
}

/** A list answer: `items` already filtered and ordered, the filters echoed into the page URLs. */
export function listAnswer<T>(ctx: RequestContext, items: T[], key: string, filterNames: string[], render: (item: T) => unknown) {
  const filters: [string, string][] = [];
  for (const name of filterNames) {
    for (const value of ctx.query.list(name)) filters.push([name, value]);
  }
  const { page, meta } = paginate(ctx, items, key, filters);
  return { status: 200, body: { [key]: page.map(render), meta } };
}

/** DateCreatedAfter is inclusive, DateCreatedBefore exclusive ([spec]: "on or after" / "before"). */
export function createdWithin(ctx: RequestContext): (created: number) => boolean {
  const after = ctx.query.date("DateCreatedAfter");
  const before = ctx.query.date("DateCreatedBefore");
  return (created) => (after === undefined || created >= after) && (before === undefined || created < before);
}

/** Newest first, the order of Twilio's captured list answers. */
export function newestFirst<T extends { dateCreated: number }>(items: T[]): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => b.item.dateCreated - a.item.dateCreated || b.index - a.index)
    .map((e) => e.item);
}
