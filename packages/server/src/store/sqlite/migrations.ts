/**
 * The SQLite schema, as an ordered list of migrations. A migration is never edited once
 * released; a change is a new entry at the end. Each runs in its own transaction and is
 * recorded in `schema_migrations`.
 */
export const migrations: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: "records",
    sql: `
      CREATE TABLE records (
        kind TEXT NOT NULL,
        sid TEXT NOT NULL,
        parent TEXT NOT NULL,
        key TEXT,
        position INTEGER NOT NULL,
        created TEXT NOT NULL,
        data TEXT NOT NULL CHECK (json_valid(data)),
        PRIMARY KEY (kind, sid)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX records_by_key ON records (kind, parent, key) WHERE key IS NOT NULL;
      CREATE UNIQUE INDEX records_by_position ON records (kind, parent, position);
      CREATE TABLE sequences (
        name TEXT NOT NULL PRIMARY KEY,
        next INTEGER NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: "conversation types",
    // Conversations stored before Chat's channel types are private, as Conversations v1 makes
    // them: saying so in the record lets a type filter find them.
    sql: `
      UPDATE records SET data = json_set(data, '$.type', 'private')
      WHERE kind = 'conversation' AND json_extract(data, '$.type') IS NULL;
    `,
  },
];
