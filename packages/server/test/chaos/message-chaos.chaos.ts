/**
 * Chaos: a stream of messages across many conversations, sent over the native socket by their
 * participants with idempotency keys, while sockets are dropped at random (the client
 * terminating its socket, or a proxy resetting the TCP connection under both ends) and the server
 * is killed with SIGKILL at random points and started again on the same data. At the end every
 * acknowledged message is stored once, and every participant received every message of its
 * conversations exactly once, in index order, resuming by cursor across every reconnect.
 *
 * Deliveries are counted on the raw sockets, below the client's own de-duplication, so a
 * duplicate the server sends is seen. Figures go to chaos-results/message-chaos.json.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RealtimeClient, type WebSocketConstructor } from "@confab/protocol/socket";
import { afterAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { freePort } from "../support/ports.js";
import { processAuth, processToken, startServerProcess } from "../support/server-process.js";
import { DropProxy } from "./support/drop-proxy.js";
import { recordFigures } from "./support/figures.js";
import { knobs } from "./support/knobs.js";
import { below, seededRandom } from "./support/random.js";

const dataDir = mkdtempSync(join(tmpdir(), "confab-chaos-"));
let server: ChildProcess | undefined;
let proxy: DropProxy | undefined;
const clients: RealtimeClient[] = [];

afterAll(async () => {
  for (const client of clients) await client.disconnect().catch(() => undefined);
  server?.kill("SIGKILL");
  await proxy?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Delivery = { conversation: string; index: number; sid: string };
type StoredMessage = { sid: string; index: number; body: string };

/** A WebSocket class that records the messageAdded frames it receives and remembers its sockets. */
function recordingWebSocket(deliveries: Delivery[], sockets: WebSocket[]): WebSocketConstructor {
  class Recording extends WebSocket {
    constructor(url: string) {
      super(url);
      sockets.push(this);
      this.on("message", (data) => {
        const frame = JSON.parse(data.toString()) as { type: string; event?: string; data?: Record<string, unknown> };
        if (frame.type === "event" && frame.event === "messageAdded") {
          const m = frame.data as { conversation_sid: string; index: number; sid: string };
          deliveries.push({ conversation: m.conversation_sid, index: m.index, sid: m.sid });
        }
      });
    }
  }
  return Recording as unknown as WebSocketConstructor;
}

/** Runs `task` over `items` with at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await task(items[next++] as T);
    }),
  );
}

describe("chaos", () => {
  it("loses nothing acknowledged, delivers nothing twice and keeps order through drops and SIGKILLs", async () => {
    const random = seededRandom(knobs.seed);
    const started = Date.now();
    const port = await freePort();
    server = await startServerProcess(port, dataDir);
    proxy = await DropProxy.start(port);
    const base = `http://127.0.0.1:${port}`;
    const rest = async (method: string, path: string, form?: Record<string, string>) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { Authorization: processAuth, "Content-Type": "application/x-www-form-urlencoded" },
        ...(form ? { body: new URLSearchParams(form).toString() } : {}),
      });
      const body = (await res.json()) as Record<string, any>;
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(body)}`);
      return body;
    };

    // Conversations with three participants each, drawn from the users.
    const identities = Array.from({ length: knobs.users }, (_, u) => `chaos-${u}`);
    const conversations: { sid: string; members: number[] }[] = [];
    await eachLimited([...Array(knobs.conversations).keys()], 8, async (c) => {
      const sid = (await rest("POST", "/v1/Conversations", { FriendlyName: `chaos ${c}` })).sid as string;
      const members = new Set<number>();
      while (members.size < Math.min(3, knobs.users)) members.add(below(random, knobs.users));
      for (const u of members) await rest("POST", `/v1/Conversations/${sid}/Participants`, { Identity: identities[u] as string });
      conversations[c] = { sid, members: [...members] };
    });

    // One socket client per user, through the proxy, recording its raw deliveries.
    const url = `ws://127.0.0.1:${proxy.port}/v1/socket`;
    const deliveries = identities.map(() => [] as Delivery[]);
    const sockets = identities.map(() => [] as WebSocket[]);
    let welcomes = 0;
    let resets = 0;
    for (const [u, identity] of identities.entries()) {
      const client = new RealtimeClient({
        url,
        token: () => processToken(identity),
        WebSocket: recordingWebSocket(deliveries[u] as Delivery[], sockets[u] as WebSocket[]),
        backoff: { minMs: 50, maxMs: 1000 },
        requestTimeoutMs: 15_000,
      });
      client.on("welcome", (frame) => {
        welcomes++;
        if (frame.resume === "reset") resets++;
      });
      clients.push(client);
    }
    await Promise.all(clients.map((client) => new Promise<void>((ready) => client.on("welcome", () => ready()))));

    // The messages: each to a random conversation, from a random participant of it.
    const sends = Array.from({ length: knobs.messages }, (_, k) => {
      const conversation = conversations[below(random, conversations.length)] as { sid: string; members: number[] };
      return { key: `chaos-${knobs.seed}-${k}`, conversation: conversation.sid, sender: conversation.members[below(random, 3)] as number };
    });
    const acks = new Map<string, { sid: string; index: number }>();
    const unacknowledged: string[] = [];
    const rejections: Record<string, number> = {};
    let retries = 0;
    const sendOne = async (send: (typeof sends)[number]) => {
      const client = clients[send.sender] as RealtimeClient;
      for (let attempt = 0; attempt < 40; attempt++) {
        try {
          // Queued: waits for a connection while the server is down; the key makes every resend safe.
          const message = await client.request("CreateConversationMessage", {
            params: { ConversationSid: send.conversation },
            body: { Body: send.key },
            idempotencyKey: send.key,
            timeoutMs: 15_000,
            queue: true,
          });
          acks.set(send.key, { sid: message.sid, index: message.index });
          return;
        } catch (error) {
          retries++;
          const status = String((error as { status?: number }).status ?? "none");
          rejections[status] = (rejections[status] ?? 0) + 1;
          await sleep(50 + below(random, 250));
        }
      }
      unacknowledged.push(send.key);
    };
    const bySender = identities.map((_, u) => sends.filter((s) => s.sender === u));

    // The chaos: drops all along, SIGKILLs at random points of the run.
    const killAt = Array.from({ length: knobs.kills }, () => Math.floor(knobs.messages * (0.1 + 0.8 * random()))).sort((a, b) => a - b);
    const figures = { clientTerminations: 0, proxyCuts: 0, kills: 0, downtimeMs: 0 };
    let sending = true;
    const chaos = (async () => {
      while (sending) {
        await sleep(100 + below(random, 300));
        if (!sending) return;
        if (figures.kills < killAt.length && acks.size >= (killAt[figures.kills] as number)) {
          const down = Date.now();
          const exited = new Promise((r) => server?.once("exit", r));
          server?.kill("SIGKILL");
          await exited;
          figures.kills++;
          await sleep(100 + below(random, 500));
          server = await startServerProcess(port, dataDir);
          figures.downtimeMs += Date.now() - down;
          continue;
        }
        if (random() < 0.5) {
          const open = (sockets[below(random, sockets.length)] as WebSocket[]).filter((s) => s.readyState === WebSocket.OPEN);
          for (const socket of open) socket.terminate();
          figures.clientTerminations += open.length;
        } else {
          figures.proxyCuts += proxy?.cut(1 + below(random, 3), (n) => below(random, n)) ?? 0;
        }
      }
    })();
    await Promise.all(bySender.map((mine) => eachLimited(mine, 4, sendOne)));
    sending = false;
    await chaos;

    // What the server kept, per conversation.
    const stored = new Map<string, StoredMessage[]>();
    for (const { sid } of conversations) {
      const messages: StoredMessage[] = [];
      let next: string | null = `/v1/Conversations/${sid}/Messages?PageSize=1000`;
      while (next) {
        const page = await rest("GET", next.replace(base, ""));
        messages.push(...(page.messages as StoredMessage[]));
        next = page.meta.next_page_url as string | null;
      }
      stored.set(sid, messages);
    }
    const storedCount = [...stored.values()].reduce((n, list) => n + list.length, 0);

    // Every participant catches up from its cursor; wait until the deliveries add up (or time out).
    const expectedDeliveries = conversations.reduce((n, c) => n + c.members.length * (stored.get(c.sid)?.length ?? 0), 0);
    const deadline = Date.now() + 60_000;
    while (deliveries.reduce((n, d) => n + d.length, 0) < expectedDeliveries && Date.now() < deadline) await sleep(100);
    await sleep(500); // anything beyond the expected count (a duplicate) has time to arrive too

    // Lost: acknowledged but not stored (or stored elsewhere). Duplicated: one key stored twice.
    const storedBySid = new Map([...stored.values()].flat().map((m) => [m.sid, m]));
    let lost = 0;
    for (const [key, ack] of acks) {
      const kept = storedBySid.get(ack.sid);
      if (!kept || kept.index !== ack.index || kept.body !== key) lost++;
    }
    const bodies = new Map<string, number>();
    for (const m of storedBySid.values()) bodies.set(m.body, (bodies.get(m.body) ?? 0) + 1);
    const duplicatedStored = [...bodies.values()].reduce((n, count) => n + count - 1, 0);
    let indexGaps = 0;
    for (const list of stored.values()) {
      for (const [i, m] of list.entries()) if (m.index !== i) indexGaps++;
    }

    // Per participant and conversation: each stored message once, in index order, the stored one.
    let duplicatedDeliveries = 0;
    let missingDeliveries = 0;
    let outOfOrder = 0;
    let wrongMessage = 0;
    for (const { sid, members } of conversations) {
      const kept = stored.get(sid) ?? [];
      for (const u of members) {
        const got = (deliveries[u] as Delivery[]).filter((d) => d.conversation === sid);
        const seen = new Set<number>();
        got.forEach((d, i) => {
          if (seen.has(d.index)) duplicatedDeliveries++;
          seen.add(d.index);
          if (i > 0 && d.index <= (got[i - 1] as Delivery).index) outOfOrder++;
          if (kept[d.index]?.sid !== d.sid) wrongMessage++;
        });
        missingDeliveries += kept.filter((m) => !seen.has(m.index)).length;
      }
    }

    const result = {
      seed: knobs.seed,
      messages: knobs.messages,
      conversations: knobs.conversations,
      users: knobs.users,
      acknowledged: acks.size,
      unacknowledged: unacknowledged.length,
      stored: storedCount,
      drops: figures.clientTerminations + figures.proxyCuts,
      clientTerminations: figures.clientTerminations,
      proxyCuts: figures.proxyCuts,
      kills: figures.kills,
      downtimeMs: figures.downtimeMs,
      reconnects: welcomes - identities.length,
      resumeResets: resets,
      retries,
      rejectionsByStatus: rejections,
      deliveries: deliveries.reduce((n, d) => n + d.length, 0),
      expectedDeliveries,
      lost,
      duplicatedStored,
      indexGaps,
      duplicatedDeliveries,
      missingDeliveries,
      outOfOrder,
      wrongMessage,
      durationMs: Date.now() - started,
    };
    recordFigures("message-chaos", result);

    expect(result.kills).toBe(knobs.kills);
    expect(result.drops).toBeGreaterThan(0);
    expect(result.reconnects).toBeGreaterThan(0);
    expect(result).toMatchObject({
      unacknowledged: 0,
      acknowledged: knobs.messages,
      stored: knobs.messages,
      resumeResets: 0,
      lost: 0,
      duplicatedStored: 0,
      indexGaps: 0,
      duplicatedDeliveries: 0,
      missingDeliveries: 0,
      outOfOrder: 0,
      wrongMessage: 0,
    });
  }, 600_000);
});
