/**
 * Twilio list paging: PageSize (1..1000, default 50), Page (client state) and PageToken (ours:
 * `PT` + offset). Two answer shapes: the v1 APIs' `meta` block with absolute URLs, and API v2010's
 * top-level `*_page_uri` fields, relative to the host (`start`, `end`). Both keep the filters.
 */
import type { RequestContext } from "./context";
import { EmulatorError } from "./errors";

export const DEFAULT_PAGE_SIZE = 50;

interface Window<T> {
  page: T[];
  pageSize: number;
  pageIndex: number;
  offset: number;
  hasNext: boolean;
  hasPrevious: boolean;
  token: boolean;
  /** The query of page `index`, with the offset's token when given. */
  query(index: number, tokenOffset?: number): string;
}

function pageWindow<T>(ctx: RequestContext, items: T[], filters: [string, string][]): Window<T> {
  const pageSize = ctx.query.integer("PageSize", 1, 1000) ?? DEFAULT_PAGE_SIZE;
  const pageIndex = ctx.query.integer("Page", 0, Number.MAX_SAFE_INTEGER) ?? 0;
  const token = ctx.query.string("PageToken");
  let offset = pageIndex * pageSize;
  if (token !== undefined) {
    const match = /^PT(\d+)$/.exec(token);
    if (!match) throw EmulatorError.invalid("PageToken", "is not a token this API issued");
    offset = Number(match[1]);
  }
  const query = (index: number, tokenOffset?: number) => {
    const params = [...filters, ["PageSize", String(pageSize)], ["Page", String(index)]];
    if (tokenOffset !== undefined) params.push(["PageToken", `PT${tokenOffset}`]);
    return params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
  };
  return {
    page: items.slice(offset, offset + pageSize),
    pageSize,
    pageIndex,
    offset,
    hasNext: offset + pageSize < items.length,
    hasPrevious: pageIndex > 0 && offset > 0,
    token: token !== undefined,
    query,
  };
}

/** A v1 list page: the items and the `meta` block (absolute URLs, `key` names the items' field). */
export function paginate<T>(
  ctx: RequestContext,
  items: T[],
  key: string,
  filters: [string, string][],
): { page: T[]; meta: Record<string, unknown> } {
  const w = pageWindow(ctx, items, filters);
  const url = (index: number, tokenOffset?: number) => `${ctx.baseUrl}${ctx.path}?${w.query(index, tokenOffset)}`;
  return {
    page: w.page,
    meta: {
      page: w.pageIndex,
      page_size: w.pageSize,
      first_page_url: url(0),
      previous_page_url: w.hasPrevious ? url(w.pageIndex - 1, Math.max(0, w.offset - w.pageSize)) : null,
      url: url(w.pageIndex, w.token ? w.offset : undefined),
      next_page_url: w.hasNext ? url(w.pageIndex + 1, w.offset + w.pageSize) : null,
      key,
    },
  };
}

/** An API v2010 list page: the items and the top-level paging fields (URIs relative to the host). */
export function paginate2010<T>(
  ctx: RequestContext,
  items: T[],
  filters: [string, string][],
): { page: T[]; paging: Record<string, unknown> } {
  const w = pageWindow(ctx, items, filters);
  const uri = (index: number, tokenOffset?: number) => `${ctx.path}?${w.query(index, tokenOffset)}`;
  return {
    page: w.page,
    paging: {
      first_page_uri: uri(0),
      end: w.offset + Math.max(w.page.length - 1, 0),
      previous_page_uri: w.hasPrevious ? uri(w.pageIndex - 1, Math.max(0, w.offset - w.pageSize)) : null,
      uri: uri(w.pageIndex, w.token ? w.offset : undefined),
      page_size: w.pageSize,
      start: w.offset,
      next_page_uri: w.hasNext ? uri(w.pageIndex + 1, w.offset + w.pageSize) : null,
      page: w.pageIndex,
    },
  };
}
