import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { isPostgresUrl, openPostgresStore } from "./postgres/postgres-store.js";
import { openSqliteStore } from "./sqlite/sqlite-store.js";
import type { Store } from "./store.js";

export type StoreLocation = {
  /** A `postgres://` / `postgresql://` URL: the shared store of a multi-node deployment. */
  store?: string;
  /** Without `store`: the directory of the embedded SQLite database (`confab.db`), or `:memory:`. */
  dataDir: string;
  onError?: (error: unknown) => void;
};

/** A `--store` value that names no store Confab can open. */
export class StoreUrlError extends Error {
  constructor(value: string) {
    // Never echo the value whole: it may hold a password.
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1];
    super(
      `Unsupported store ${scheme ? `"${scheme}:" URL` : "value"}: give a PostgreSQL URL, postgres://user:password@host:5432/database, or leave it out for the embedded SQLite store in the data directory`,
    );
    this.name = "StoreUrlError";
  }
}

/** Checks a store URL without connecting; throws StoreUrlError. */
export function checkStoreUrl(value: string): void {
  if (!isPostgresUrl(value)) throw new StoreUrlError(value);
  try {
    new URL(value);
  } catch {
    throw new StoreUrlError(value);
  }
}

/** A store URL fit to print: scheme, user, host, port and database, never the password or options. */
export function redactStoreUrl(value: string): string {
  const url = new URL(value);
  return `${url.protocol}//${url.username ? `${decodeURIComponent(url.username)}@` : ""}${url.host}${url.pathname}`;
}

/** Opens the store a server is configured with: PostgreSQL when a URL is given, else SQLite in the data directory. */
export async function openStore(location: StoreLocation): Promise<Store> {
  if (location.store !== undefined) {
    checkStoreUrl(location.store);
    return openPostgresStore({ url: location.store, ...(location.onError ? { onError: location.onError } : {}) });
  }
  if (location.dataDir === ":memory:") return openSqliteStore({ path: ":memory:" });
  const dir = resolve(location.dataDir);
  mkdirSync(dir, { recursive: true });
  return openSqliteStore({ path: join(dir, "confab.db") });
}
