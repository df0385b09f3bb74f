import type { Page } from "../store/index.js";
import { fail } from "../core/errors.js";
import type { PageRequest } from "../core/conversations.js";
import { encodePath } from "./path-segment.js";

const DEFAULT_PAGE_SIZE = 50;

export type PagingParams = { PageSize?: number; Page?: number; PageToken?: string };

/**
 * Twilio paging: `PageSize`, `Page` (the page's index, echoed in `meta.page`) and `PageToken`,
 * which Confab makes `PA<position>` (the page after an item) or `PB<position>` (the page before
 * one). Tokens are opaque to clients; they only follow the links.
 */
export function pageRequest(params: PagingParams, order: "asc" | "desc" = "asc"): PageRequest & { backwards: boolean; index: number } {
  const pageSize = params.PageSize ?? DEFAULT_PAGE_SIZE;
  const index = params.Page ?? 0;
  const token = params.PageToken;
  if (!token) return { pageSize, order, backwards: false, index };
  const m = /^P([AB])(\d+)$/.exec(token);
  if (!m) throw fail.invalid(`Invalid PageToken ${token}`);
  const position = Number(m[2]);
  if (m[1] === "A") return { pageSize, order, after: position, backwards: false, index };
  // A page before `position`: read the other way from it, then put the items back in order.
  return { pageSize, order: order === "asc" ? "desc" : "asc", after: position, backwards: true, index };
}

/** Puts a page read backwards back in order; says whether more lies before and after it. */
export function settle<T>(
  page: Page<T>,
  request: ReturnType<typeof pageRequest>,
): { items: T[]; positions: number[]; hasNext: boolean; hasPrevious: boolean } {
  if (!request.backwards) {
    return { items: page.items, positions: page.positions, hasNext: page.hasMore, hasPrevious: request.after !== undefined };
  }
  return { items: [...page.items].reverse(), positions: [...page.positions].reverse(), hasNext: true, hasPrevious: page.hasMore };
}

/** The list envelope: the items under their key, and `meta` with absolute paging links. */
export function listResponse<T>(
  key: string,
  items: T[],
  settled: { positions: number[]; hasNext: boolean; hasPrevious: boolean },
  request: ReturnType<typeof pageRequest>,
  link: { publicUrl: string; path: string; query?: Record<string, string | readonly string[] | undefined> },
) {
  const url = (page: number, token?: string) => {
    const query = new URLSearchParams();
    // Filters stay in every paging link; a repeated one (`BindingType=apn&BindingType=fcm`) repeats there too.
    for (const [k, v] of Object.entries(link.query ?? {}))
      for (const value of v === undefined ? [] : typeof v === "string" ? [v] : v) query.append(k, value);
    query.set("PageSize", String(request.pageSize));
    query.set("Page", String(page));
    if (token) query.set("PageToken", token);
    return `${link.publicUrl}${encodePath(link.path)}?${query.toString()}`;
  };
  const first = settled.positions[0];
  const last = settled.positions.at(-1);
  const currentToken = request.after === undefined ? undefined : `P${request.backwards ? "B" : "A"}${request.after}`;
  return {
    [key]: items,
    meta: {
      page: request.index,
      page_size: request.pageSize,
      first_page_url: url(0),
      previous_page_url: settled.hasPrevious && first !== undefined ? url(Math.max(0, request.index - 1), `PB${first}`) : null,
      url: url(request.index, currentToken),
      next_page_url: settled.hasNext && last !== undefined ? url(request.index + 1, `PA${last}`) : null,
      key,
    },
  };
}
