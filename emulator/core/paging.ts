/**
 * Twilio list paging: PageSize (1..1000, default 50), Page (client state) and PageToken (ours:
 * `PT` + offset), with a `meta` block whose URLs are absolute and keep the filters.
 */
import type { RequestContext } from "./context";
import { EmulatorError } from "./errors";

export const DEFAULT_PAGE_SIZE = 50;

export function paginate<T>(
  ctx: RequestContext,
  items: T[],
  key: string,
  filters: [string, string][],
): { page: T[]; meta: Record<string, unknown> } {
  const pageSize = ctx.query.integer("PageSize", 1, 1000) ?? DEFAULT_PAGE_SIZE;
  const pageIndex = ctx.query.integer("Page", 0, Number.MAX_SAFE_INTEGER) ?? 0;
  const token = ctx.query.string("PageToken");
  let offset = pageIndex * pageSize;
  if (token !== undefined) {
    const match = /^PT(\d+)$/.exec(token);
    if (!match) throw EmulatorError.invalid("PageToken", "is not a token this API issued");
    offset = Number(match[1]);
  }
  const page = items.slice(offset, offset + pageSize);
  const pageUrl = (index: number, tokenOffset?: number) => {
    const params = [...filters, ["PageSize", String(pageSize)], ["Page", String(index)]];
    if (tokenOffset !== undefined) params.push(["PageToken", `PT${tokenOffset}`]);
    const query = params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
    return `${ctx.baseUrl}${ctx.path}?${query}`;
  };
  const hasNext = offset + pageSize < items.length;
  const hasPrevious = pageIndex > 0 && offset > 0;
  return {
    page,
    meta: {
      page: pageIndex,
      page_size: pageSize,
      first_page_url: pageUrl(0),
      previous_page_url: hasPrevious ? pageUrl(pageIndex - 1, Math.max(0, offset - pageSize)) : null,
      url: pageUrl(pageIndex, token !== undefined ? offset : undefined),
      next_page_url: hasNext ? pageUrl(pageIndex + 1, offset + pageSize) : null,
      key,
    },
  };
}
