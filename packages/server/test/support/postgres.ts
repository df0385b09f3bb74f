import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

/**
 * A new, empty database on the test run's PostgreSQL (see ./services.ts), for one store: no two
 * stores, and so no two tests, share data. Resolves its URL.
 */
export async function freshPostgresUrl(): Promise<string> {
  const server = inject("postgresUrl");
  const name = `${inject("postgresDatabasePrefix")}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}
