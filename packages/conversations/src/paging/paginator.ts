/** A page of items with links to its neighbours; what every paged method resolves to. */
export interface Paginator<T> {
  /** Whether there is a next page (newer items, for messages). */
  hasNextPage: boolean;
  /** Whether there is a previous page (older items, for messages). */
  hasPrevPage: boolean;
  /** The items of this page. */
  items: T[];
  /** Fetches the next page. */
  nextPage(): Promise<Paginator<T>>;
  /** Fetches the previous page. */
  prevPage(): Promise<Paginator<T>>;
}

/** Options of paged methods. */
export interface PaginatorOptions {
  pageSize?: number;
}

type Fetch<T> = (() => Promise<RestPaginator<T>>) | null;

/**
 * A page of items from a REST list: the items, and how to get the pages next to it (following
 * the server's paging links, or re-reading from an anchor).
 */
export class RestPaginator<T> implements Paginator<T> {
  private readonly pageItems: T[];
  private readonly fetchNext: Fetch<T>;
  private readonly fetchPrev: Fetch<T>;

  /** @internal */
  constructor(items: T[], fetchNext: Fetch<T>, fetchPrev: Fetch<T>) {
    this.pageItems = items;
    this.fetchNext = fetchNext;
    this.fetchPrev = fetchPrev;
  }

  /** Whether there is a next page. */
  get hasNextPage(): boolean {
    return this.fetchNext !== null;
  }

  /** Whether there is a previous page. */
  get hasPrevPage(): boolean {
    return this.fetchPrev !== null;
  }

  /** The items of this page. */
  get items(): T[] {
    return this.pageItems;
  }

  /** Fetches the next page; rejects when there is none. */
  nextPage(): Promise<RestPaginator<T>> {
    return this.fetchNext ? this.fetchNext() : Promise.reject(new Error("No next page"));
  }

  /** Fetches the previous page; rejects when there is none. */
  prevPage(): Promise<RestPaginator<T>> {
    return this.fetchPrev ? this.fetchPrev() : Promise.reject(new Error("No previous page"));
  }
}
