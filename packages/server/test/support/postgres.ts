import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { createDatabase } from "./throwaway-postgres.js";

/**
 * A new, empty database on the test run's PostgreSQL (see ./services.ts), for one store: no two
 * stores, and so no two tests, share data. Resolves its URL.
 */
export async function freshPostgresUrl(): Promise<string> {
  const server = inject("postgresUrl");
  const name = `${inject("postgresDatabasePrefix")}_${randomBytes(6).toString("hex")}`;
  return createDatabase(server, name);
}
