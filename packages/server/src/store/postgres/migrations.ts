/**
 * The PostgreSQL schema, as an ordered list of migrations (the same layout as SQLite's). A
 * migration is never edited once released; a change is a new entry at the end. Each runs in its
 * own transaction, under a lock so that nodes starting together apply it once, and is recorded
 * in `schema_migrations`.
 */
export const migrations: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: "records",
    // `data` is json, not jsonb: json keeps any string a client sent (jsonb refuses \u0000), and
    // every query narrows by kind and parent first, so filters parse few documents.
    sql: `
      CREATE TABLE records (
        kind text NOT NULL,
        sid text NOT NULL,
        parent text NOT NULL,
        key text,
        position bigint NOT NULL,
        created text NOT NULL,
        data json NOT NULL,
        PRIMARY KEY (kind, sid)
      );
      CREATE UNIQUE INDEX records_by_key ON records (kind, parent, key) WHERE key IS NOT NULL;
      CREATE UNIQUE INDEX records_by_position ON records (kind, parent, position);
      CREATE INDEX records_by_kind_position ON records (kind, position);
      CREATE TABLE sequences (
        name text NOT NULL PRIMARY KEY,
        next bigint NOT NULL
      );
    `,
  },
];
