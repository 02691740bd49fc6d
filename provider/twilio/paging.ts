import type { HttpEngine, TwilioRequest } from "./http";
import type { Page } from "./schemas";

/**
 * Fetches the first page, then follows `meta.next_page_url` until Twilio gives none. A URL already
 * followed ends the walk instead of looping forever.
 */
export async function listAll<T>(http: HttpEngine, firstPage: TwilioRequest<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  const followed = new Set<string>();
  let next: string | undefined;
  do {
    const page = await http.request({ ...firstPage, url: next });
    items.push(...page.items);
    next = page.nextPageUrl ?? undefined;
    if (next !== undefined && followed.has(next)) next = undefined;
    if (next !== undefined) followed.add(next);
  } while (next !== undefined);
  return items;
}
