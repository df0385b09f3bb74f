import Database from "libsql";
import { layouts } from "../kinds.js";
import type { Kind, Records } from "../records.js";
import { type ListQuery, MissingRecordError, type Page, type Store, type StoreWriter, UniqueKeyError } from "../store.js";
import { migrations } from "./migrations.js";
import { SerialQueue } from "../serial-queue.js";

type Row = { data: string; position: number };
type Db = InstanceType<typeof Database>;

export type SqliteStoreOptions = {
  /** A file path, or `:memory:` for a throwaway store (tests). */
  path: string;
};

/**
 * The embedded store: SQLite (through libsql, which ships its binary) in WAL mode, foreign keys
 * on, migrations applied on open. Every record is a JSON document in one table, indexed by kind,
 * parent, unique key and position, which is what every query the domain makes needs.
 */
export function openSqliteStore(options: SqliteStoreOptions): Store {
  const db: Db = new Database(options.path);
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = FULL");
  db.exec("PRAGMA foreign_keys = ON");
  db.exec("PRAGMA busy_timeout = 5000");
  migrate(db);

  const queue = new SerialQueue();
  const statements = prepare(db);
  const reader = readerOf(statements);
  const writer: StoreWriter = { ...reader, ...writerOf(statements) };
  /** Transactions asked for while the store was busy: the next group commit takes them. */
  const pending: PendingWork[] = [];
  let closed = false;

  /**
   * Group commit: the transactions waiting when the store gets to them run one after the other
   * inside one SQLite transaction, each in its own savepoint (a failing one is undone alone and
   * fails alone), and share one COMMIT, so one fsync makes a whole group durable. Each caller is
   * answered only after that COMMIT. Under concurrent writes this is what lets the write rate
   * exceed one transaction per fsync.
   */
  const commitGroup = async () => {
    const group = pending.splice(0, MAX_GROUP);
    if (group.length === 0) return;
    if (closed) {
      for (const item of group) item.fail(new Error("The store is closed"));
      return;
    }
    if (pending.length > 0) void queue.run(commitGroup);
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      db.exec("BEGIN IMMEDIATE");
      for (const item of group) {
        db.exec("SAVEPOINT work");
        try {
          const value = await item.work(writer);
          db.exec("RELEASE work");
          outcomes.push({ ok: true, value });
        } catch (error) {
          db.exec("ROLLBACK TO work");
          db.exec("RELEASE work");
          outcomes.push({ ok: false, error });
        }
      }
      db.exec("COMMIT");
    } catch (error) {
      // The group could not be committed: none of it is stored, and every caller hears so.
      if (db.inTransaction) db.exec("ROLLBACK");
      for (const item of group) item.fail(error);
      return;
    }
    group.forEach((item, i) => {
      const outcome = outcomes[i] as (typeof outcomes)[number];
      if (outcome.ok) item.done(outcome.value);
      else item.fail(outcome.error);
    });
  };

  return {
    get: (kind, sid) => queue.run(() => reader.get(kind, sid)),
    getByKey: (kind, parent, key) => queue.run(() => reader.getByKey(kind, parent, key)),
    list: (kind, query) => queue.run(() => reader.list(kind, query)),
    count: (kind, query) => queue.run(() => reader.count(kind, query)),
    transaction: <T>(work: (tx: StoreWriter) => Promise<T>) =>
      new Promise<T>((done, fail) => {
        pending.push({ work, done: done as (value: unknown) => void, fail });
        // Started on the next turn of the event loop, so every request already read from the
        // sockets gets to ask for its transaction first and joins this group's commit.
        if (pending.length === 1) setImmediate(() => void queue.run(commitGroup));
      }),
    close: () =>
      queue.run(async () => {
        // Transactions asked for before close still commit; later ones fail.
        while (pending.length > 0) await commitGroup();
        closed = true;
        db.close();
      }),
  };
}

/** The most transactions one group commit takes (bounds how long one commit holds the store). */
const MAX_GROUP = 64;

type PendingWork = { work: (tx: StoreWriter) => Promise<unknown>; done: (value: unknown) => void; fail: (error: unknown) => void };

function migrate(db: Db): void {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)");
  const applied = new Set((db.prepare("SELECT version FROM schema_migrations").all() as { version: number }[]).map((r) => r.version));
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec(migration.sql);
      db.prepare("INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, ?)").run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
      db.exec("COMMIT");
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
  }
}

function prepare(db: Db) {
  return {
    db,
    get: db.prepare("SELECT data, position FROM records WHERE sid = ? AND kind = ?"),
    getByKey: db.prepare("SELECT data, position FROM records WHERE kind = ? AND parent = ? AND key = ?"),
    keyOwner: db.prepare("SELECT sid FROM records WHERE kind = ? AND parent = ? AND key = ?"),
    insert: db.prepare("INSERT INTO records (kind, sid, parent, key, position, created, data) VALUES (?, ?, ?, ?, ?, ?, ?)"),
    update: db.prepare("UPDATE records SET parent = ?, key = ?, data = ? WHERE sid = ? AND kind = ?"),
    remove: db.prepare("DELETE FROM records WHERE sid = ? AND kind = ?"),
    removeChildren: db.prepare("DELETE FROM records WHERE kind = ? AND parent = ?"),
    nextSequence: db.prepare(
      "INSERT INTO sequences (name, next) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET next = next + 1 RETURNING next - 1 AS value",
    ),
  };
}

type Statements = ReturnType<typeof prepare>;

function parse<K extends Kind>(row: Row | undefined): Records[K] | null {
  return row ? (JSON.parse(row.data) as Records[K]) : null;
}

function sqlValue(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

function whereClause<K extends Kind>(kind: K, query: Omit<ListQuery<K>, "limit">): { sql: string; params: unknown[] } {
  const clauses = ["kind = ?"];
  const params: unknown[] = [kind];
  if (query.parent !== undefined) {
    clauses.push("parent = ?");
    params.push(query.parent);
  }
  for (const [field, value] of Object.entries(query.where ?? {})) {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(field)) throw new Error(`Bad filter field ${field}`);
    if (value === null) {
      clauses.push(`json_extract(data, '$.${field}') IS NULL`);
    } else {
      clauses.push(`json_extract(data, '$.${field}') = ?`);
      params.push(sqlValue(value));
    }
  }
  if (query.createdFrom) {
    clauses.push("created >= ?");
    params.push(query.createdFrom);
  }
  if (query.createdTo) {
    clauses.push("created <= ?");
    params.push(query.createdTo);
  }
  if (query.after !== undefined) {
    clauses.push(query.order === "desc" ? "position < ?" : "position > ?");
    params.push(query.after);
  }
  return { sql: clauses.join(" AND "), params };
}

function readerOf(s: Statements) {
  return {
    async get<K extends Kind>(kind: K, sid: string) {
      return parse<K>(s.get.get(sid, kind) as Row | undefined);
    },
    async getByKey<K extends Kind>(kind: K, parent: string, key: string) {
      return parse<K>(s.getByKey.get(kind, parent, key) as Row | undefined);
    },
    async list<K extends Kind>(kind: K, query: ListQuery<K>): Promise<Page<Records[K]>> {
      const { sql, params } = whereClause(kind, query);
      const order = query.order === "desc" ? "DESC" : "ASC";
      const rows = s.db
        .prepare(`SELECT data, position FROM records WHERE ${sql} ORDER BY position ${order} LIMIT ?`)
        .all(...params, query.limit + 1) as Row[];
      const page = rows.slice(0, query.limit);
      return {
        items: page.map((r) => parse<K>(r) as Records[K]),
        positions: page.map((r) => r.position),
        hasMore: rows.length > query.limit,
      };
    },
    async count<K extends Kind>(kind: K, query: Omit<ListQuery<K>, "limit" | "after" | "order">) {
      const { sql, params } = whereClause(kind, query);
      return (s.db.prepare(`SELECT count(*) AS n FROM records WHERE ${sql}`).get(...params) as { n: number }).n;
    },
  };
}

function writerOf(s: Statements) {
  const checkKey = (kind: Kind, parent: string, key: string | null, sid: string) => {
    if (key === null) return;
    const owner = s.keyOwner.get(kind, parent, key) as { sid: string } | undefined;
    if (owner && owner.sid !== sid) throw new UniqueKeyError(kind, key);
  };
  return {
    async insert<K extends Kind>(kind: K, record: Records[K]) {
      const layout = layouts[kind];
      const parent = layout.parent(record);
      const key = layout.key?.(record) ?? null;
      checkKey(kind, parent, key, (record as { sid: string }).sid);
      // Positions order a kind across all parents (paging); a sequence field (a message's index)
      // counts within its parent. Neither is ever reused, even after deletes.
      const position = (s.nextSequence.get(kind) as { value: number }).value;
      let stored = layout.sequenceField
        ? { ...record, [layout.sequenceField]: (s.nextSequence.get(`${kind}\u0000${parent}`) as { value: number }).value }
        : record;
      if (layout.positionField) stored = { ...stored, [layout.positionField]: position };
      const created = (record as { dateCreated?: string }).dateCreated ?? new Date().toISOString();
      s.insert.run(kind, (record as { sid: string }).sid, parent, key, position, created, JSON.stringify(stored));
      return stored;
    },
    async update<K extends Kind>(kind: K, record: Records[K]) {
      const layout = layouts[kind];
      const parent = layout.parent(record);
      const key = layout.key?.(record) ?? null;
      const sid = (record as { sid: string }).sid;
      checkKey(kind, parent, key, sid);
      const result = s.update.run(parent, key, JSON.stringify(record), sid, kind);
      if (result.changes === 0) throw new MissingRecordError(kind, sid);
    },
    async remove(kind: Kind, sid: string) {
      return s.remove.run(sid, kind).changes > 0;
    },
    async removeChildren(kind: Kind, parent: string) {
      return s.removeChildren.run(kind, parent).changes;
    },
  };
}
