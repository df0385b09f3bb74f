import { type Paginator, RestPaginator } from "@confab/conversations/internal";

export { RestPaginator };
export type { Paginator };

/** A page of the core's objects shown as a page of facades; its neighbours are mapped the same way. */
export function mapPaginator<From, To>(page: Paginator<From>, map: (item: From) => To): RestPaginator<To> {
  return new RestPaginator(
    page.items.map(map),
    page.hasNextPage ? async () => mapPaginator(await page.nextPage(), map) : null,
    page.hasPrevPage ? async () => mapPaginator(await page.prevPage(), map) : null,
  );
}

/** Pages over a list already in hand. */
export function localPaginator<T>(all: T[], pageSize: number, start = 0): RestPaginator<T> {
  const end = start + pageSize;
  return new RestPaginator(
    all.slice(start, end),
    end < all.length ? async () => localPaginator(all, pageSize, end) : null,
    start > 0 ? async () => localPaginator(all, pageSize, Math.max(0, start - pageSize)) : null,
  );
}
