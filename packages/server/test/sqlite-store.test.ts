import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteStore } from "../src/store/index.js";
import type { Store } from "../src/store/index.js";
import { conversationRecord, describeStoreContract } from "./store-contract.js";

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

describe("SQLite group commit", () => {
  it("commits the transactions asked for before close, and refuses later ones", async () => {
    const path = join(dir, "close.db");
    const store = openSqliteStore({ path });
    const conversation = conversationRecord("IS1");
    const write = store.transaction((tx) => tx.insert("conversation", conversation));
    await store.close();
    await expect(write).resolves.toMatchObject({ sid: conversation.sid });
    await expect(store.transaction((tx) => tx.insert("conversation", conversationRecord("IS1")))).rejects.toThrow("closed");
    const reopened = openSqliteStore({ path });
    expect(await reopened.get("conversation", conversation.sid)).not.toBeNull();
    await reopened.close();
  });
});
