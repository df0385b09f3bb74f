import pg from "pg";
import { layouts } from "../kinds.js";
import type { Kind, Records } from "../records.js";
import { SerialQueue } from "../serial-queue.js";
import { type ListQuery, MissingRecordError, type Page, type Store, type StoreReader, type StoreWriter, UniqueKeyError } from "../store.js";
import { migrationLock, writeLock } from "./locks.js";
import { migrations } from "./migrations.js";

export type PostgresStoreOptions = {
  /** A `postgres://` or `postgresql://` connection URL (user, password, host, port, database, `?sslmode=…`). */
  url: string;
  /** Connections this node keeps open at most (default 10). */
  poolSize?: number;
  /** Called when an idle pooled connection fails (the pool drops it and opens another when needed). */
  onError?: (error: unknown) => void;
};

/** Something that runs a query: the pool (reads outside transactions) or one transaction's connection. */
type Queryable = Pick<pg.PoolClient, "query">;
type Row = { data: unknown; position: string };

/** Whether `url` names a PostgreSQL database (`postgres://…` or `postgresql://…`). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/**
 * The store for several nodes: PostgreSQL through node-postgres's pool, with the same layout and
 * guarantees as the SQLite store (every record a JSON document indexed by kind, parent, unique
 * key and position; migrations applied on open). Reads outside a transaction use any pooled
 * connection; transactions are serialized across every node sharing the database (see
 * `transaction` below for why).
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  if (!isPostgresUrl(options.url)) throw new Error("A PostgreSQL store URL starts with postgres:// or postgresql://");
  // allowExitOnIdle: idle pooled connections alone do not keep the process running (a command
  // that failed after opening the store still exits; a server is kept alive by its listener).
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, allowExitOnIdle: true });
  // An idle connection that breaks (the server restarts) is reported here; without a listener it
  // would crash the process. The pool has already dropped it.
  pool.on("error", options.onError ?? (() => {}));
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    if (!isConnectionError(error) && !isRefusal(error)) throw error;
    // Unreachable, refused login, no such database: say which store, without its password.
    const url = new URL(options.url);
    throw new Error(`Cannot open the PostgreSQL store ${url.host}${url.pathname}: ${(error as Error).message}`, { cause: error });
  }

  const reader = readerOf(pool);
  const queue = new SerialQueue();

  return {
    ...reader,
    /**
     * One write transaction at a time, across all nodes: each takes a transaction-scoped
     * advisory lock before anything else and holds it until its commit is visible. So positions
     * and sequence numbers (allocated inside the lock) become visible in the order they were
     * given out: a reader that sees position 11 committed can never later find 10 appearing
     * behind it (stream cursors would skip it forever), and message indexes stay gap-free.
     * READ COMMITTED is enough: every statement after the lock sees all earlier commits, and no
     * one else writes until this transaction ends, which makes it serializable in effect. (A
     * REPEATABLE READ snapshot would be taken before the lock was granted, and miss the commit of
     * the writer it waited for.) Transactions of this node queue locally first, so at most one
     * pooled connection waits for the lock and the rest stay free for reads.
     */
    transaction: (work) =>
      queue.run(async () => {
        const client = await pool.connect();
        let broken: Error | undefined;
        try {
          await client.query("BEGIN ISOLATION LEVEL READ COMMITTED");
          try {
            await client.query("SELECT pg_advisory_xact_lock($1, $2)", [...writeLock]);
            const result = await work({ ...readerOf(client), ...writerOf(client) });
            await client.query("COMMIT");
            return result;
          } catch (error) {
            await client.query("ROLLBACK").catch((rollbackError: Error) => {
              broken = rollbackError;
            });
            throw error;
          }
        } catch (error) {
          // A connection that failed mid-transaction is not reused.
          if (!broken && isConnectionError(error)) broken = error as Error;
          throw error;
        } finally {
          client.release(broken);
        }
      }),
    close: () => queue.run(() => pool.end()),
  };
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // Node's socket errors (ECONNRESET…) and PostgreSQL's connection exceptions (class 08) and
  // administrator shutdowns (57P0x).
  return typeof code === "string" && (code.startsWith("E") || code.startsWith("08") || code.startsWith("57P0"));
}

/** PostgreSQL refused the login (class 28) or has no such database (3D000). */
function isRefusal(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("28") || code === "3D000");
}

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    for (const migration of migrations) {
      await client.query("BEGIN");
      try {
        await client.query("SELECT pg_advisory_xact_lock($1, $2)", [...migrationLock]);
        await client.query(
          "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied text NOT NULL)",
        );
        const applied = await client.query("SELECT 1 FROM schema_migrations WHERE version = $1", [migration.version]);
        if (applied.rowCount === 0) {
          await client.query(migration.sql);
          await client.query("INSERT INTO schema_migrations (version, name, applied) VALUES ($1, $2, $3)", [
            migration.version,
            migration.name,
            new Date().toISOString(),
          ]);
        }
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    }
  } finally {
    client.release();
  }
}

/**
 * Parents, keys and sequence names go into text columns, which cannot hold U+0000; some keys
 * join their parts with it (a binding's identity and endpoint). This escaping is one-to-one, so
 * uniqueness and lookups by key are unchanged.
 */
function text(value: string): string;
function text(value: string | null): string | null;
function text(value: string | null): string | null {
  return value === null ? null : value.replaceAll("\\", "\\\\").replaceAll("\u0000", "\\0");
}

function parse<K extends Kind>(row: Row | undefined): Records[K] | null {
  return row ? (row.data as Records[K]) : null;
}

function whereClause<K extends Kind>(kind: K, query: Omit<ListQuery<K>, "limit">): { sql: string; params: unknown[] } {
  const params: unknown[] = [kind];
  const clauses = ["kind = $1"];
  const param = (value: unknown) => `$${params.push(value)}`;
  if (query.parent !== undefined) clauses.push(`parent = ${param(text(query.parent))}`);
  for (const [field, value] of Object.entries(query.where ?? {})) {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(field)) throw new Error(`Bad filter field ${field}`);
    // ->> gives a JSON null and a missing field alike as SQL NULL, and any other scalar as its
    // JSON text (true, 12, a string's content), which is what the value is compared as.
    if (value === null) clauses.push(`(data ->> '${field}') IS NULL`);
    else clauses.push(`(data ->> '${field}') = ${param(typeof value === "string" ? value : JSON.stringify(value))}`);
  }
  if (query.createdFrom) clauses.push(`created >= ${param(query.createdFrom)}`);
  if (query.createdTo) clauses.push(`created <= ${param(query.createdTo)}`);
  if (query.after !== undefined) clauses.push(`position ${query.order === "desc" ? "<" : ">"} ${param(query.after)}`);
  return { sql: clauses.join(" AND "), params };
}

function readerOf(db: Queryable): StoreReader {
  return {
    async get<K extends Kind>(kind: K, sid: string) {
      const { rows } = await db.query<Row>("SELECT data, position FROM records WHERE kind = $1 AND sid = $2", [kind, sid]);
      return parse<K>(rows[0]);
    },
    async getByKey<K extends Kind>(kind: K, parent: string, key: string) {
      const { rows } = await db.query<Row>("SELECT data, position FROM records WHERE kind = $1 AND parent = $2 AND key = $3", [
        kind,
        text(parent),
        text(key),
      ]);
      return parse<K>(rows[0]);
    },
    async list<K extends Kind>(kind: K, query: ListQuery<K>): Promise<Page<Records[K]>> {
      const { sql, params } = whereClause(kind, query);
      const order = query.order === "desc" ? "DESC" : "ASC";
      const { rows } = await db.query<Row>(
        `SELECT data, position FROM records WHERE ${sql} ORDER BY position ${order} LIMIT $${params.length + 1}`,
        [...params, query.limit + 1],
      );
      const page = rows.slice(0, query.limit);
      return {
        items: page.map((r) => parse<K>(r) as Records[K]),
        positions: page.map((r) => Number(r.position)),
        hasMore: rows.length > query.limit,
      };
    },
    async count<K extends Kind>(kind: K, query: Omit<ListQuery<K>, "limit" | "after" | "order">) {
      const { sql, params } = whereClause(kind, query);
      const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM records WHERE ${sql}`, params);
      return Number(rows[0]?.n ?? 0);
    },
  };
}

function writerOf(db: Queryable) {
  const checkKey = async (kind: Kind, parent: string, key: string | null, sid: string) => {
    if (key === null) return;
    const { rows } = await db.query<{ sid: string }>("SELECT sid FROM records WHERE kind = $1 AND parent = $2 AND key = $3", [
      kind,
      text(parent),
      text(key),
    ]);
    if (rows[0] && rows[0].sid !== sid) throw new UniqueKeyError(kind, key);
  };
  // Numbers are taken inside the write lock and roll back with the transaction: never reused,
  // never skipped.
  const nextSequence = async (name: string) => {
    const { rows } = await db.query<{ value: string }>(
      "INSERT INTO sequences (name, next) VALUES ($1, 1) ON CONFLICT (name) DO UPDATE SET next = sequences.next + 1 RETURNING next - 1 AS value",
      [text(name)],
    );
    return Number(rows[0]?.value);
  };
  return {
    async insert<K extends Kind>(kind: K, record: Records[K]) {
      const layout = layouts[kind];
      const parent = layout.parent(record);
      const key = layout.key?.(record) ?? null;
      const sid = (record as { sid: string }).sid;
      await checkKey(kind, parent, key, sid);
      // Positions order a kind across all parents (paging); a sequence field (a message's index)
      // counts within its parent. Neither is ever reused, even after deletes.
      const position = await nextSequence(kind);
      let stored = layout.sequenceField ? { ...record, [layout.sequenceField]: await nextSequence(`${kind}\u0000${parent}`) } : record;
      if (layout.positionField) stored = { ...stored, [layout.positionField]: position };
      const created = (record as { dateCreated?: string }).dateCreated ?? new Date().toISOString();
      await db.query("INSERT INTO records (kind, sid, parent, key, position, created, data) VALUES ($1, $2, $3, $4, $5, $6, $7)", [
        kind,
        sid,
        text(parent),
        text(key),
        position,
        created,
        JSON.stringify(stored),
      ]);
      return stored;
    },
    async update<K extends Kind>(kind: K, record: Records[K]) {
      const layout = layouts[kind];
      const parent = layout.parent(record);
      const key = layout.key?.(record) ?? null;
      const sid = (record as { sid: string }).sid;
      await checkKey(kind, parent, key, sid);
      const result = await db.query("UPDATE records SET parent = $1, key = $2, data = $3 WHERE kind = $4 AND sid = $5", [
        text(parent),
        text(key),
        JSON.stringify(record),
        kind,
        sid,
      ]);
      if (result.rowCount === 0) throw new MissingRecordError(kind, sid);
    },
    async remove(kind: Kind, sid: string) {
      return ((await db.query("DELETE FROM records WHERE kind = $1 AND sid = $2", [kind, sid])).rowCount ?? 0) > 0;
    },
    async removeChildren(kind: Kind, parent: string) {
      return (await db.query("DELETE FROM records WHERE kind = $1 AND parent = $2", [kind, text(parent)])).rowCount ?? 0;
    },
  } satisfies Omit<StoreWriter, keyof StoreReader>;
}
