import type { Kind, Records } from "./records.js";

/** Field equality filters over a record (top-level fields only). */
export type Filter<K extends Kind> = Partial<{ [F in keyof Records[K]]: Records[K][F] }>;

export type ListQuery<K extends Kind> = {
  /** Only records of this parent (e.g. the participants of one conversation). */
  parent?: string;
  where?: Filter<K>;
  /** Only records created in this range (ISO timestamps, inclusive). */
  createdFrom?: string;
  createdTo?: string;
  order?: "asc" | "desc";
  /**
   * Resume after this position (the `position` of the last item of the previous page). Positions
   * order a kind in insertion order across all parents, so paging works with or without `parent`.
   */
  after?: number;
  limit: number;
};

export type Page<T> = { items: T[] /** Position of each item, for the next page's `after`. */; positions: number[]; hasMore: boolean };

/** Reading the store: the same in and out of a transaction. */
export interface StoreReader {
  get<K extends Kind>(kind: K, sid: string): Promise<Records[K] | null>;
  /** The record of this kind whose unique key within `parent` is `key` (unique name, identity…). */
  getByKey<K extends Kind>(kind: K, parent: string, key: string): Promise<Records[K] | null>;
  list<K extends Kind>(kind: K, query: ListQuery<K>): Promise<Page<Records[K]>>;
  count<K extends Kind>(kind: K, query: Omit<ListQuery<K>, "limit" | "after" | "order">): Promise<number>;
}

/** Writing the store; only inside a transaction, so a multi-row write is all or nothing. */
export interface StoreWriter extends StoreReader {
  /** Inserts a record and resolves it as stored: with its sequence and position fields filled if its kind has them. Throws UniqueKeyError. */
  insert<K extends Kind>(kind: K, record: Records[K]): Promise<Records[K]>;
  /** Replaces a record by SID. Throws UniqueKeyError if its new key is taken, NotFound if gone. */
  update<K extends Kind>(kind: K, record: Records[K]): Promise<void>;
  /** Deletes a record by SID; resolves whether it existed. */
  remove(kind: Kind, sid: string): Promise<boolean>;
  /** Deletes every record of a kind under a parent (cascades); resolves how many. */
  removeChildren(kind: Kind, parent: string): Promise<number>;
}

export interface Store extends StoreReader {
  /**
   * Runs `work` in one serializable transaction: it commits when `work` resolves and rolls
   * back when it throws. Transactions run one at a time; keep network I/O out of them.
   */
  transaction<T>(work: (tx: StoreWriter) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A write broke a unique key (a unique name, identity… already in use). */
export class UniqueKeyError extends Error {
  constructor(
    readonly kind: Kind,
    readonly key: string,
  ) {
    super(`A ${kind} with key ${JSON.stringify(key)} already exists`);
    this.name = "UniqueKeyError";
  }
}

export class MissingRecordError extends Error {
  constructor(
    readonly kind: Kind,
    readonly sid: string,
  ) {
    super(`No ${kind} ${sid}`);
    this.name = "MissingRecordError";
  }
}
