import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { openSqliteStore } from "../src/store/index.js";
import type { Store } from "../src/store/index.js";
import { describeStoreContract } from "./store-contract.js";

const dir = mkdtempSync(join(tmpdir(), "confab-sqlite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const paths = new WeakMap<Store, string>();

describeStoreContract(
  "SQLite (file, WAL)",
  async () => {
    const path = join(dir, `store-${++n}.db`);
    const store = openSqliteStore({ path });
    paths.set(store, path);
    return store;
  },
  async (store) => {
    const path = paths.get(store) as string;
    await store.close();
    return openSqliteStore({ path });
  },
);

describeStoreContract("SQLite (in memory)", async () => openSqliteStore({ path: ":memory:" }));
