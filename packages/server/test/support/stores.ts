import { freshPostgresUrl } from "./postgres.js";

/**
 * The stores a whole-server test runs on, for `describe.each`: the embedded SQLite in the data
 * directory (`store` resolves undefined), and PostgreSQL (a fresh database of the test run's
 * server; see ./services.ts).
 */
export const testStores: { name: string; store: () => Promise<string | undefined> }[] = [
  { name: "SQLite", store: async () => undefined },
  { name: "PostgreSQL", store: () => freshPostgresUrl() },
];
