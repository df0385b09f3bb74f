import type { Kind, Records } from "./records.js";
import type { ListQuery, StoreReader } from "./store.js";

/**
 * Every record a query matches, in order, read a batch at a time: for scans that must see all
 * (recipients of an event, due timers, every service), never holding more than one batch.
 */
export async function* eachRecord<K extends Kind>(
  store: StoreReader,
  kind: K,
  query: Omit<ListQuery<K>, "after" | "limit"> & { batch?: number },
): AsyncGenerator<Records[K]> {
  const { batch = 500, ...rest } = query;
  for (let after: number | undefined; ; ) {
    const page = await store.list(kind, { ...rest, limit: batch, ...(after === undefined ? {} : { after }) } as ListQuery<K>);
    yield* page.items;
    if (!page.hasMore) return;
    after = page.positions.at(-1);
  }
}
