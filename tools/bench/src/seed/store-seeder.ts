/**
 * A setup process that writes large seeds straight into a running server's SQLite database
 * through Confab's own store API, in big transactions: users and participants for the fan-out
 * (adding 1,000 participants one by one through REST would also write a join event to every
 * earlier member's stream, ~K² rows) and their conversations, and a million messages for the history scenario. Each
 * record is a copy of one the server itself created through REST, so it has the server's shape.
 * Only the seeding takes this path; every measurement goes through REST or the socket.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { openSqliteStore, type Store } from "@confab/server";
import Database from "libsql";
import type { SeedJob } from "./jobs.js";

const BATCH = 50_000;

function sid(prefix: string): string {
  return `${prefix}${randomBytes(16).toString("hex")}`;
}

async function inBatches<T>(
  store: Store,
  items: T[],
  write: (tx: Parameters<Parameters<Store["transaction"]>[0]>[0], item: T) => Promise<unknown>,
) {
  for (let i = 0; i < items.length; i += BATCH) {
    const batch = items.slice(i, i + BATCH);
    await store.transaction(async (tx) => {
      for (const item of batch) await write(tx, item);
    });
  }
}

async function run(job: SeedJob): Promise<string[]> {
  const store = openSqliteStore({ path: join(job.dataDir, "confab.db") });
  const created: string[] = [];
  try {
    if (job.type === "conversations") {
      const conversation = await store.get("conversation", job.templateConversationSid);
      if (!conversation) throw new Error("the template conversation is missing");
      const numbers = Array.from({ length: job.count }, (_, i) => i);
      await inBatches(store, numbers, (tx, n) => {
        const conversationSid = sid("CH");
        created.push(conversationSid);
        return tx.insert("conversation", { ...conversation, sid: conversationSid, friendlyName: `${job.prefix}${n}` });
      });
    } else if (job.type === "members") {
      const user = await store.get("user", job.templateUserSid);
      const participant = await store.get("participant", job.templateParticipantSid);
      if (!user || !participant) throw new Error("the template user or participant is missing");
      const identities = [...new Set(job.members.map((m) => m.identity))];
      await inBatches(store, identities, (tx, identity) => tx.insert("user", { ...user, sid: sid("US"), identity, friendlyName: null }));
      await inBatches(store, job.members, (tx, member) =>
        tx.insert("participant", { ...participant, sid: sid("MB"), conversationSid: member.conversationSid, identity: member.identity }),
      );
    } else {
      const template = await store.get("message", job.templateMessageSid);
      const conversation = await store.get("conversation", template?.conversationSid ?? "");
      if (!template || !conversation) throw new Error("the template message is missing");
      const last = await appendMessages(job.dataDir, template, job.count - 1);
      await store.transaction((tx) =>
        tx.update("conversation", { ...conversation, lastMessageIndex: last.index, lastMessageDate: last.dateCreated }),
      );
    }
  } finally {
    await store.close();
  }
  return created;
}

type Message = { index: number; conversationSid: string; dateCreated: string };

/**
 * `count` copies of a message after it, in its conversation. A million rows through the store's
 * API (JSON encoding and two sequence updates per row) take many minutes on a busy machine, so
 * this one bulk path writes the SQLite layout of packages/server/src/store/sqlite directly: it
 * reserves the kind's positions and the conversation's indexes in the store's `sequences`
 * table, then inserts the rows in big transactions. The server is idle meanwhile, and the
 * history scenario checks through REST that the newest index is where it should be.
 */
function appendMessages<M extends Message>(dataDir: string, template: M, count: number): M {
  const db = new Database(join(dataDir, "confab.db"));
  db.exec("PRAGMA busy_timeout = 5000");
  // Records are clustered by random SIDs: with SQLite's default 2 MB page cache, a million
  // inserts spread over a table far larger than the cache would read pages back from disk.
  db.exec("PRAGMA cache_size = -1000000");
  try {
    // A sequence's `next` is how many values it handed out: reserving `count` adds `count`.
    const reserve = db.prepare(
      "INSERT INTO sequences (name, next) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET next = next + excluded.next RETURNING next - ? AS first",
    );
    db.exec("BEGIN IMMEDIATE");
    const firstPosition = (reserve.get("message", count, count) as { first: number }).first;
    const firstIndex = (reserve.get(`message\u0000${template.conversationSid}`, count, count) as { first: number }).first;
    db.exec("COMMIT");
    const insert = db.prepare(
      "INSERT INTO records (kind, sid, parent, key, position, created, data) VALUES ('message', ?, ?, NULL, ?, ?, ?)",
    );
    const start = Date.parse(template.dateCreated);
    let last = template;
    for (let n = 0; n < count; n += BATCH) {
      db.exec("BEGIN IMMEDIATE");
      for (let i = n; i < Math.min(count, n + BATCH); i++) {
        const date = new Date(start + i + 1).toISOString();
        last = { ...template, sid: sid("IM"), index: firstIndex + i, body: `message ${i + 1}`, dateCreated: date, dateUpdated: date };
        insert.run((last as unknown as { sid: string }).sid, template.conversationSid, firstPosition + i, date, JSON.stringify(last));
      }
      db.exec("COMMIT");
    }
    return last;
  } finally {
    db.close();
  }
}

process.once("message", (job: SeedJob) => {
  run(job).then(
    (sids) => process.send?.({ ok: true, sids }, () => process.exit(0)),
    (error: unknown) => process.send?.({ ok: false, error: String((error as Error)?.stack ?? error) }, () => process.exit(1)),
  );
});
