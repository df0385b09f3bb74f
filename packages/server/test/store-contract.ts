/**
 * The store contract: what every Store adapter must do, written against the interface only.
 * Each adapter's test file calls `describeStoreContract` with a factory for fresh stores.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ConversationRecord, MessageRecord, Store, StreamEventRecord, UserRecord } from "../src/store/index.js";
import { eachRecord, MissingRecordError, UniqueKeyError } from "../src/store/index.js";

const T0 = "2024-01-01T00:00:00Z";
let counter = 0;
const sid = (prefix: string) => `${prefix}${(++counter).toString(16).padStart(32, "0")}`;

export function conversationRecord(serviceSid: string, overrides: Partial<ConversationRecord> = {}): ConversationRecord {
  return {
    sid: sid("CH"),
    accountSid: "AC0",
    serviceSid,
    messagingServiceSid: null,
    uniqueName: null,
    friendlyName: null,
    attributes: "{}",
    state: "active",
    timerInactive: null,
    timerClosed: null,
    dateInactive: null,
    dateClosed: null,
    bindingsEmailAddress: null,
    bindingsEmailName: null,
    lastMessageIndex: null,
    lastMessageDate: null,
    dateCreated: T0,
    dateUpdated: T0,
    ...overrides,
  };
}

export function messageRecord(conversationSid: string, overrides: Partial<MessageRecord> = {}): MessageRecord {
  return {
    sid: sid("IM"),
    accountSid: "AC0",
    serviceSid: "IS0",
    conversationSid,
    index: -1,
    author: "alice",
    participantSid: null,
    body: "hi",
    attributes: "{}",
    media: null,
    contentSid: null,
    subject: null,
    idempotencyKey: null,
    dateCreated: T0,
    dateUpdated: T0,
    ...overrides,
  };
}

export function streamEventRecord(serviceSid: string, identity: string, payloadSid = "EP1"): StreamEventRecord {
  return {
    sid: sid("EE"),
    serviceSid,
    identity,
    event: "messageAdded",
    payloadSid,
    position: 0,
    dateCreated: T0,
    dateUpdated: T0,
  };
}

function userRecord(serviceSid: string, identity: string, overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    sid: sid("US"),
    accountSid: "AC0",
    serviceSid,
    identity,
    friendlyName: null,
    attributes: "{}",
    roleSid: "RL0",
    isOnline: null,
    isNotifiable: null,
    dateCreated: T0,
    dateUpdated: T0,
    ...overrides,
  };
}

export function describeStoreContract(name: string, open: () => Promise<Store>, reopen?: (store: Store) => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    const opened: Store[] = [];
    const fresh = async () => {
      const store = await open();
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close().catch(() => {});
    });

    it("stores and reads back a record by SID, and only as its own kind", async () => {
      const store = await fresh();
      const conversation = conversationRecord("IS1", { friendlyName: "Team", attributes: '{"a":[1,2]}' });
      await store.transaction((tx) => tx.insert("conversation", conversation));
      expect(await store.get("conversation", conversation.sid)).toEqual(conversation);
      expect(await store.get("user", conversation.sid)).toBeNull();
      expect(await store.get("conversation", "CHmissing")).toBeNull();
    });

    it("enforces unique keys within a parent, not across parents, and ignores null keys", async () => {
      const store = await fresh();
      await store.transaction(async (tx) => {
        await tx.insert("conversation", conversationRecord("IS1", { uniqueName: "support" }));
        await tx.insert("conversation", conversationRecord("IS2", { uniqueName: "support" }));
        await tx.insert("conversation", conversationRecord("IS1"));
        await tx.insert("conversation", conversationRecord("IS1"));
      });
      await expect(
        store.transaction((tx) => tx.insert("conversation", conversationRecord("IS1", { uniqueName: "support" }))),
      ).rejects.toBeInstanceOf(UniqueKeyError);
      expect(await store.getByKey("conversation", "IS2", "support")).toMatchObject({ serviceSid: "IS2" });
      expect(await store.count("conversation", { parent: "IS1" })).toBe(3);
    });

    it("keeps any character in keys and documents, U+0000 and backslashes included, and tells such keys apart", async () => {
      const store = await fresh();
      const nul = userRecord("IS1", "a\u0000b", { attributes: '{"note":"x\\u0000y"}', friendlyName: "nul\u0000" });
      const escaped = userRecord("IS1", "a\\0b");
      await store.transaction(async (tx) => {
        await tx.insert("user", nul);
        await tx.insert("user", escaped);
      });
      expect(await store.getByKey("user", "IS1", "a\u0000b")).toEqual(nul);
      expect(await store.getByKey("user", "IS1", "a\\0b")).toEqual(escaped);
      await expect(store.transaction((tx) => tx.insert("user", userRecord("IS1", "a\u0000b")))).rejects.toBeInstanceOf(UniqueKeyError);
    });

    it("updates a record and its key, refusing a key in use and a record that is gone", async () => {
      const store = await fresh();
      const a = userRecord("IS1", "alice");
      const b = userRecord("IS1", "bob");
      await store.transaction(async (tx) => {
        await tx.insert("user", a);
        await tx.insert("user", b);
      });
      await store.transaction((tx) => tx.update("user", { ...a, identity: "alicia", friendlyName: "Alicia" }));
      expect(await store.getByKey("user", "IS1", "alicia")).toMatchObject({ sid: a.sid, friendlyName: "Alicia" });
      expect(await store.getByKey("user", "IS1", "alice")).toBeNull();
      await expect(store.transaction((tx) => tx.update("user", { ...b, identity: "alicia" }))).rejects.toBeInstanceOf(UniqueKeyError);
      await expect(store.transaction((tx) => tx.update("user", userRecord("IS1", "ghost")))).rejects.toBeInstanceOf(MissingRecordError);
    });

    it("numbers messages 0, 1, 2… per conversation and never reuses an index", async () => {
      const store = await fresh();
      const indexes = async (conversationSid: string) =>
        (await store.list("message", { parent: conversationSid, limit: 100 })).items.map((m) => m.index);
      const inserted: MessageRecord[] = [];
      await store.transaction(async (tx) => {
        for (let i = 0; i < 3; i++) inserted.push(await tx.insert("message", messageRecord("CH1")));
        await tx.insert("message", messageRecord("CH2"));
      });
      expect(inserted.map((m) => m.index)).toEqual([0, 1, 2]);
      expect(await indexes("CH2")).toEqual([0]);
      await store.transaction((tx) => tx.remove("message", inserted[2]?.sid as string));
      const next = await store.transaction((tx) => tx.insert("message", messageRecord("CH1")));
      expect(next.index).toBe(3);
      expect(await indexes("CH1")).toEqual([0, 1, 3]);
    });

    it("gives concurrent writers gap-free, unique, ordered indexes", async () => {
      const store = await fresh();
      const writes = Array.from({ length: 50 }, () => store.transaction((tx) => tx.insert("message", messageRecord("CH9"))));
      const results = await Promise.all(writes);
      expect(results.map((m) => m.index).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    });

    it("fills a position field with the record's position, the `after` a list resumes from", async () => {
      const store = await fresh();
      const event = (identity: string) => streamEventRecord("IS1", identity);
      const stored = await store.transaction(async (tx) => [
        await tx.insert("streamEvent", event("alice")),
        await tx.insert("streamEvent", event("bob")),
        await tx.insert("streamEvent", event("alice")),
      ]);
      const [first, , third] = stored;
      expect(new Set(stored.map((e) => e.position)).size).toBe(3);
      expect((third?.position ?? 0) > (first?.position ?? 0)).toBe(true);
      const page = await store.list("streamEvent", { parent: "IS1/alice", limit: 10 });
      expect(page.items.map((e) => e.position)).toEqual(page.positions);
      const after = await store.list("streamEvent", { parent: "IS1/alice", after: first?.position as number, limit: 10 });
      expect(after.items.map((e) => e.sid)).toEqual([third?.sid]);
    });

    it("reads every matching record across batches with eachRecord", async () => {
      const store = await fresh();
      await store.transaction(async (tx) => {
        for (let i = 0; i < 7; i++) await tx.insert("message", messageRecord("CH7"));
        await tx.insert("message", messageRecord("CH8"));
      });
      const indexes: number[] = [];
      for await (const m of eachRecord(store, "message", { parent: "CH7", batch: 3 })) indexes.push(m.index);
      expect(indexes).toEqual([0, 1, 2, 3, 4, 5, 6]);
    });

    it("lists in order both ways, in pages, with filters", async () => {
      const store = await fresh();
      await store.transaction(async (tx) => {
        for (let i = 0; i < 7; i++) {
          await tx.insert(
            "conversation",
            conversationRecord("IS3", {
              state: i % 2 ? "closed" : "active",
              friendlyName: `c${i}`,
              dateCreated: `2024-01-0${i + 1}T00:00:00Z`,
            }),
          );
        }
      });
      const names: string[] = [];
      let after: number | undefined;
      for (;;) {
        const page = await store.list("conversation", { parent: "IS3", limit: 3, ...(after === undefined ? {} : { after }) });
        names.push(...page.items.map((c) => c.friendlyName as string));
        if (!page.hasMore) break;
        after = page.positions.at(-1);
      }
      expect(names).toEqual(["c0", "c1", "c2", "c3", "c4", "c5", "c6"]);
      const desc = await store.list("conversation", { parent: "IS3", order: "desc", limit: 2 });
      expect(desc.items.map((c) => c.friendlyName)).toEqual(["c6", "c5"]);
      const descNext = await store.list("conversation", { parent: "IS3", order: "desc", limit: 2, after: desc.positions.at(-1) as number });
      expect(descNext.items.map((c) => c.friendlyName)).toEqual(["c4", "c3"]);
      const closed = await store.list("conversation", { parent: "IS3", where: { state: "closed" }, limit: 10 });
      expect(closed.items.map((c) => c.friendlyName)).toEqual(["c1", "c3", "c5"]);
      expect(await store.count("conversation", { parent: "IS3", where: { uniqueName: null } })).toBe(7);
      const dated = await store.list("conversation", {
        parent: "IS3",
        createdFrom: "2024-01-03T00:00:00Z",
        createdTo: "2024-01-04T23:59:59Z",
        limit: 10,
      });
      expect(dated.items.map((c) => c.friendlyName)).toEqual(["c2", "c3"]);
    });

    it("filters on booleans", async () => {
      const store = await fresh();
      await store.transaction(async (tx) => {
        await tx.insert("user", userRecord("IS4", "on", { isOnline: true }));
        await tx.insert("user", userRecord("IS4", "off", { isOnline: false }));
      });
      const online = await store.list("user", { parent: "IS4", where: { isOnline: true }, limit: 10 });
      expect(online.items.map((u) => u.identity)).toEqual(["on"]);
    });

    it("removes a record and a parent's children", async () => {
      const store = await fresh();
      const conversation = conversationRecord("IS5");
      await store.transaction(async (tx) => {
        await tx.insert("conversation", conversation);
        for (let i = 0; i < 3; i++) await tx.insert("message", messageRecord(conversation.sid));
      });
      expect(await store.transaction((tx) => tx.removeChildren("message", conversation.sid))).toBe(3);
      expect(await store.transaction((tx) => tx.remove("conversation", conversation.sid))).toBe(true);
      expect(await store.transaction((tx) => tx.remove("conversation", conversation.sid))).toBe(false);
      expect(await store.count("message", { parent: conversation.sid })).toBe(0);
    });

    it("rolls a failed transaction back whole", async () => {
      const store = await fresh();
      const conversation = conversationRecord("IS6");
      await expect(
        store.transaction(async (tx) => {
          await tx.insert("conversation", conversation);
          await tx.insert("message", messageRecord(conversation.sid));
          throw new Error("changed my mind");
        }),
      ).rejects.toThrow("changed my mind");
      expect(await store.get("conversation", conversation.sid)).toBeNull();
      expect(await store.count("message", { parent: conversation.sid })).toBe(0);
      // The store is still usable after a rollback.
      await store.transaction((tx) => tx.insert("conversation", conversation));
      expect(await store.get("conversation", conversation.sid)).not.toBeNull();
    });

    it("undoes a failing transaction alone among concurrent ones (which may share a commit)", async () => {
      const store = await fresh();
      const conversations = Array.from({ length: 12 }, () => conversationRecord("IS8"));
      const outcomes = await Promise.allSettled(
        conversations.map((conversation, i) =>
          store.transaction(async (tx) => {
            await tx.insert("conversation", conversation);
            await tx.insert("message", messageRecord(conversation.sid));
            if (i % 4 === 1) throw new Error(`writer ${i} changed its mind`);
            return i;
          }),
        ),
      );
      for (const [i, outcome] of outcomes.entries()) {
        const conversation = conversations[i] as ConversationRecord;
        if (i % 4 === 1) {
          expect(outcome).toMatchObject({ status: "rejected", reason: { message: `writer ${i} changed its mind` } });
          expect(await store.get("conversation", conversation.sid)).toBeNull();
          expect(await store.count("message", { parent: conversation.sid })).toBe(0);
        } else {
          expect(outcome).toEqual({ status: "fulfilled", value: i });
          expect(await store.get("conversation", conversation.sid)).not.toBeNull();
          expect(await store.count("message", { parent: conversation.sid })).toBe(1);
        }
      }
    });

    if (reopen) {
      it("keeps committed writes across close and reopen", async () => {
        const store = await fresh();
        const conversation = conversationRecord("IS7", { friendlyName: "durable" });
        await store.transaction((tx) => tx.insert("conversation", conversation));
        const again = await reopen(store);
        opened.push(again);
        expect(await again.get("conversation", conversation.sid)).toMatchObject({ friendlyName: "durable" });
      });
    }
  });
}
