/**
 * Nothing is lost, at the SDK level: Alice sends a stream of messages while Bob's socket is cut
 * again and again and the server is stopped and started again on the same data; Alice keeps
 * sending while it is down (those sends queue). At the end Bob has every message once, in index
 * order, and the server stored each send once.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, startServer } from "@confab/server";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { Client, type Message } from "../../src/index.js";
import { adminRest, stopAll, tokenFor, track, until } from "../support/server.js";

const dirs: string[] = [];
let current: RunningServer | undefined;

afterEach(async () => {
  await stopAll();
  await current?.close().catch(() => {});
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("no loss", () => {
  it("delivers every message once and in order across socket cuts and a server restart; queued sends are stored once", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "confab-sdk-noloss-"));
    dirs.push(dataDir);
    current = await startServer({ port: 0, host: "127.0.0.1", dataDir });
    const port = Number(new URL(current.url).port);
    const url = current.url;

    const bobSockets: WebSocket[] = [];
    class TrackedWebSocket extends WebSocket {
      constructor(address: string) {
        super(address);
        bobSockets.push(this);
      }
    }
    const options = { server: url, storage: null, backoffConfigOverride: { min: 20, max: 300 } };
    const alice = track(new Client(tokenFor(current, "alice"), options));
    const bob = track(new Client(tokenFor(current, "bob"), { ...options, WebSocket: TrackedWebSocket as never }));
    await Promise.all([alice, bob].map((c) => new Promise<void>((r) => c.onceWithReplay("initialized", () => r()))));

    const conversation = await alice.createConversation({ friendlyName: "no loss" });
    await conversation.add("bob");
    await until(async () => (await bob.getSubscribedConversations()).items.some((c) => c.sid === conversation.sid), 5000, "bob joined");
    const bobConversation = await bob.getConversationBySid(conversation.sid);
    const received: Message[] = [];
    bobConversation.on("messageAdded", (m: Message) => received.push(m));

    const total = 120;
    const sends: Promise<number>[] = [];
    for (let i = 0; i < total; i++) {
      if (i === 60) {
        // The server goes away; Alice keeps sending (these queue) and it comes back on the same data.
        await current.close();
        for (let j = 0; j < 10; j++, i++) sends.push(conversation.sendMessage(`m${i}`));
        current = await startServer({ port, host: "127.0.0.1", dataDir, credentials: current.credentials });
      }
      if (i % 15 === 7) for (const socket of bobSockets) if (socket.readyState === WebSocket.OPEN) socket.terminate();
      sends.push(conversation.sendMessage(`m${i}`));
      if (sends.length % 10 === 0) await Promise.all(sends.slice(-10));
      await new Promise((r) => setTimeout(r, 15));
    }
    const indexes = await Promise.all(sends);
    expect(new Set(indexes).size).toBe(total);

    await until(() => received.length >= total, 20_000, `bob receiving ${total} messages (has ${received.length})`);
    await new Promise((r) => setTimeout(r, 200));
    expect(received.map((m) => m.index)).toEqual([...Array(total).keys()]);
    expect(received.map((m) => m.body)).toEqual([...Array(total).keys()].map((i) => `m${i}`));

    const stored = await adminRest(current).request("ListConversationMessage", {
      params: { ConversationSid: conversation.sid, PageSize: 1000 },
    });
    expect(stored.messages.map((m) => m.body)).toEqual([...Array(total).keys()].map((i) => `m${i}`));
  }, 60_000);
});
