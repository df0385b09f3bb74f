import { RestPaginator } from "./paginator.js";

/** The paging part of a list answer. */
export type PageMeta = { next_page_url: string | null; previous_page_url: string | null };

/** Reads one page given its paging query (`PageSize`, `Page`, `PageToken`, `Order`). */
export type PageReader<Raw> = (query: Record<string, string>) => Promise<{ items: Raw[]; meta: PageMeta }>;

const PAGING_KEYS = ["PageSize", "Page", "PageToken", "Order"];

/** The paging query of one of the server's paging links (the links are absolute URLs). */
export function pagingQuery(link: string): Record<string, string> {
  const query: Record<string, string> = {};
  const params = new URL(link).searchParams;
  for (const key of PAGING_KEYS) {
    const value = params.get(key);
    if (value !== null) query[key] = value;
  }
  return query;
}

/**
 * A paginator over a REST list that follows its links. With `reversed`, the list is read newest
 * first but each page is shown oldest first, and "next" means newer: the server's next page
 * (older items) becomes the paginator's previous one, as Twilio's SDK does for messages.
 */
export async function linkedPaginator<Raw, T>(
  read: PageReader<Raw>,
  query: Record<string, string>,
  map: (items: Raw[]) => T[] | Promise<T[]>,
  reversed = false,
): Promise<RestPaginator<T>> {
  const page = await read(query);
  const items = await map(reversed ? [...page.items].reverse() : page.items);
  const follow = (link: string | null) => (link ? () => linkedPaginator(read, pagingQuery(link), map, reversed) : null);
  const older = follow(page.meta.next_page_url);
  const newer = follow(page.meta.previous_page_url);
  return reversed ? new RestPaginator(items, newer, older) : new RestPaginator(items, older, newer);
}

/** Every item of a list, page after page. */
export async function readAll<Raw>(read: PageReader<Raw>, query: Record<string, string>): Promise<Raw[]> {
  const all: Raw[] = [];
  let next: Record<string, string> | null = query;
  while (next) {
    const page = await read(next);
    all.push(...page.items);
    next = page.meta.next_page_url ? pagingQuery(page.meta.next_page_url) : null;
  }
  return all;
}
