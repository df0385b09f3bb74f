/**
 * The outbox: events are written with the change they describe and published after the commit;
 * what a crash leaves unpublished is published at the next start.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { DomainEvent } from "../src/bus/index.js";
import { openSqliteStore, startServer } from "../src/index.js";
import { twilioClient } from "./support/twilio-client.js";

const dataDir = mkdtempSync(join(tmpdir(), "confab-outbox-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("the event outbox", () => {
  it("leaves nothing behind once events are published", async () => {
    const server = await startServer({ port: 0, dataDir: ":memory:" });
    try {
      const seen: string[] = [];
      server.core.bus.subscribe((e) => {
        seen.push(e.type);
      });
      const client = twilioClient(server.url, server.credentials.accountSid, server.credentials.authToken);
      const conversation = await client.conversations.v1.conversations.create({ friendlyName: "o" });
      await client.conversations.v1.conversations(conversation.sid).messages.create({ author: "a", body: "hi" });
      expect(seen).toEqual(["conversation.added", "message.added"]);
      expect(await server.core.store.count("outbox", {})).toBe(0);
    } finally {
      await server.close();
    }
  });

  it("publishes at start what a crash left in the outbox, in order", async () => {
    const first = await startServer({ port: 0, dataDir });
    const { accountSid, serviceSid } = first.credentials;
    await first.close();

    // A crash between a commit and its publication leaves the events in the outbox.
    const store = openSqliteStore({ path: join(dataDir, "confab.db") });
    const stamp = new Date().toISOString();
    await store.transaction(async (tx) => {
      for (const n of [1, 2]) {
        await tx.insert("outbox", {
          sid: `EV${n.toString(16).padStart(32, "0")}`,
          accountSid,
          serviceSid,
          conversationSid: null,
          type: `test.left-behind-${n}`,
          data: { n },
          origin: { source: "API", webhooks: false },
          date: stamp,
          dateCreated: stamp,
          dateUpdated: stamp,
        });
      }
    });
    await store.close();

    const published: DomainEvent[] = [];
    const second = await startServer({
      port: 0,
      dataDir,
      onEvent: (e) => {
        published.push(e);
      },
    });
    try {
      expect(published.map((e) => [e.type, e.data.n])).toEqual([
        ["test.left-behind-1", 1],
        ["test.left-behind-2", 2],
      ]);
      expect(await second.core.store.count("outbox", {})).toBe(0);
    } finally {
      await second.close();
    }
  });
});
