import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "libsql";
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

describe("migrations", () => {
  it("makes conversations stored before channel types private (migration 2)", async () => {
    const path = join(dir, "types.db");
    const store = openSqliteStore({ path });
    const stamp = "2024-01-01T00:00:00Z";
    const base = {
      accountSid: `AC${"1".repeat(32)}`,
      serviceSid: `IS${"1".repeat(32)}`,
      messagingServiceSid: null,
      uniqueName: null,
      friendlyName: null,
      attributes: "{}",
      state: "active" as const,
      timerInactive: null,
      timerClosed: null,
      dateInactive: null,
      dateClosed: null,
      bindingsEmailAddress: null,
      bindingsEmailName: null,
      lastMessageIndex: null,
      lastMessageDate: null,
      dateCreated: stamp,
      dateUpdated: stamp,
    };
    await store.transaction(async (tx) => {
      await tx.insert("conversation", { ...base, sid: `CH${"a".repeat(32)}` });
      await tx.insert("conversation", { ...base, sid: `CH${"b".repeat(32)}`, type: "public" });
    });
    await store.close();
    // As a database from before the migration: no type on the first, the migration not applied.
    const db = new Database(path);
    db.prepare("DELETE FROM schema_migrations WHERE version = 2").run();
    db.close();
    const reopened = openSqliteStore({ path });
    expect((await reopened.get("conversation", `CH${"a".repeat(32)}`))?.type).toBe("private");
    expect((await reopened.get("conversation", `CH${"b".repeat(32)}`))?.type).toBe("public");
    const privates = await reopened.list("conversation", { where: { type: "private" }, limit: 10 });
    expect(privates.items.map((c) => c.sid)).toEqual([`CH${"a".repeat(32)}`]);
    await reopened.close();
  });
});

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
