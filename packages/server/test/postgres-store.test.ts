import { afterEach, describe, expect, it } from "vitest";
import { openPostgresStore } from "../src/store/index.js";
import type { ConversationRecord, Store } from "../src/store/index.js";
import { conversationRecord, describeStoreContract, messageRecord, streamEventRecord } from "./store-contract.js";
import { freshPostgresUrl } from "./support/postgres.js";

const urls = new WeakMap<Store, string>();

describeStoreContract(
  "PostgreSQL",
  async () => {
    const url = await freshPostgresUrl();
    const store = await openPostgresStore({ url });
    urls.set(store, url);
    return store;
  },
  async (store) => {
    const url = urls.get(store) as string;
    await store.close();
    return openPostgresStore({ url });
  },
);

describe("PostgreSQL store shared by several nodes", () => {
  const opened: Store[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });

  it("gives two nodes writing to one conversation gap-free ordered indexes, and positions visible in commit order", async () => {
    const url = await freshPostgresUrl();
    const nodes = [await openPostgresStore({ url, poolSize: 4 }), await openPostgresStore({ url, poolSize: 4 })];
    const reader = await openPostgresStore({ url, poolSize: 2 });
    opened.push(...nodes, reader);
    const perNode = 40;

    // A send as the domain makes it: the message and a stream event in one transaction, with a
    // pause between taking the numbers and committing, where a later writer could overtake.
    const send = (store: Store) =>
      store.transaction(async (tx) => {
        const message = await tx.insert("message", messageRecord("CHshared"));
        const event = await tx.insert("streamEvent", streamEventRecord("IS1", "alice", message.sid));
        await new Promise((r) => setTimeout(r, Math.random() * 3));
        return { index: message.index, position: event.position };
      });

    // A client following the stream with a cursor, as the realtime layer does, while the writes run.
    const seen: number[] = [];
    let writing = true;
    const follow = (async () => {
      let cursor: number | undefined;
      for (;;) {
        const done = !writing;
        const page = await reader.list("streamEvent", {
          parent: "IS1/alice",
          limit: 100,
          ...(cursor === undefined ? {} : { after: cursor }),
        });
        for (const position of page.positions) seen.push(position);
        cursor = page.positions.at(-1) ?? cursor;
        if (done && !page.hasMore) return;
      }
    })();
    const written = await Promise.all(nodes.flatMap((node) => Array.from({ length: perNode }, () => send(node))));
    writing = false;
    await follow;

    expect(written.map((w) => w.index).sort((x, y) => x - y)).toEqual(Array.from({ length: 2 * perNode }, (_, i) => i));
    const listed = await reader.list("message", { parent: "CHshared", limit: 1000 });
    expect(listed.items.map((m) => m.index)).toEqual(Array.from({ length: 2 * perNode }, (_, i) => i));
    // Index order is commit order is position order: the message with the higher index has the higher position.
    const byIndex = [...written].sort((x, y) => x.index - y.index).map((w) => w.position);
    expect(byIndex).toEqual([...byIndex].sort((x, y) => x - y));
    // The follower saw every event once, in order: no position became visible behind its cursor.
    expect(seen).toEqual(written.map((w) => w.position).sort((x, y) => x - y));
  });

  it("migrates once when several nodes open a new database at the same time", async () => {
    const url = await freshPostgresUrl();
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore({ url, poolSize: 2 })));
    opened.push(...stores);
    const [first, second] = stores as [Store, Store];
    await first.transaction((tx) => tx.insert("message", messageRecord("CHm")));
    expect((await second.list("message", { parent: "CHm", limit: 10 })).items.map((m) => m.index)).toEqual([0]);
  });

  it("runs read-modify-write transactions from two nodes one at a time: no update is lost", async () => {
    const url = await freshPostgresUrl();
    const a = await openPostgresStore({ url, poolSize: 4 });
    const b = await openPostgresStore({ url, poolSize: 4 });
    opened.push(a, b);
    const counter = conversationRecord("IS1", { attributes: '{"count":0}' });
    await a.transaction((tx) => tx.insert("conversation", counter));
    const increment = (store: Store) =>
      store.transaction(async (tx) => {
        const current = (await tx.get("conversation", counter.sid)) as ConversationRecord;
        const { count } = JSON.parse(current.attributes) as { count: number };
        await new Promise((r) => setTimeout(r, Math.random() * 2));
        await tx.update("conversation", { ...current, attributes: JSON.stringify({ count: count + 1 }) });
      });
    await Promise.all([a, b].flatMap((node) => Array.from({ length: 25 }, () => increment(node))));
    expect(JSON.parse(((await b.get("conversation", counter.sid)) as ConversationRecord).attributes)).toEqual({ count: 50 });
  });
});
