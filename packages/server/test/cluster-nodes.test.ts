/**
 * Two nodes in one process, on one PostgreSQL database and one Redis: what a cluster must do
 * that one node never had to. Sockets on one node get what is written on the other, in stream
 * order, once; once-per-event work (onEvent, and so webhooks and push) runs on one node only; an
 * event a dead node left in the outbox is published by exactly one of the others; typing and
 * reachability cross nodes. (test/cluster.test.ts runs three processes and kills one.)
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import type { DomainEvent } from "../src/bus/index.js";
import { flushOutbox, recordEvent } from "../src/core/events.js";
import type { RunningServer } from "../src/index.js";
import { positionOf } from "../src/realtime/cursor.js";
import { account, callAs } from "./support/as-user.js";
import { freshPostgresUrl } from "./support/postgres.js";
import { cutRedisConnections } from "./support/redis-clients.js";
import { testServer } from "./support/server.js";
import { type Frame, TestSocket } from "./support/socket-client.js";
import { userToken } from "./support/user-token.js";
import { eventually } from "./support/wait.js";

type Node = { server: RunningServer; events: DomainEvent[] };
let nodes: Node[] = [];
const sockets: TestSocket[] = [];
const dirs: string[] = [];

async function startNode(store: string, prefix: string): Promise<Node> {
  const dir = mkdtempSync(join(tmpdir(), "confab-cluster-node-"));
  dirs.push(dir);
  const events: DomainEvent[] = [];
  const server = await testServer({
    dataDir: dir,
    store,
    bus: inject("redisUrl"),
    cluster: { prefix, outboxStaleMs: 1500, outboxSweepMs: 100, presenceTtlMs: 600 },
    realtime: { typingTimeoutMs: 300 },
    limits: { writesPerConversationPerSecond: 10_000 },
    onEvent: (event) => void events.push(event),
  });
  return { server, events };
}

beforeEach(async () => {
  const store = await freshPostgresUrl();
  const prefix = `c${randomBytes(4).toString("hex")}`;
  nodes = [await startNode(store, prefix), await startNode(store, prefix)];
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.ws.terminate();
  for (const node of nodes) await node.server.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function connect(node: Node, identity: string, cursor?: string): Promise<TestSocket> {
  const socket = await TestSocket.connect(node.server, userToken(node.server, identity), cursor);
  sockets.push(socket);
  return socket;
}

async function conversationWith(node: Node, ...identities: string[]): Promise<string> {
  const created = await callAs(node.server, account, "POST", "/v1/Conversations", { FriendlyName: "cluster" });
  const sid = created.body.sid as string;
  for (const identity of identities) {
    const added = await callAs(node.server, account, "POST", `/v1/Conversations/${sid}/Participants`, { Identity: identity });
    expect(added.status).toBe(201);
  }
  return sid;
}

const messagesOf = (socket: TestSocket) => socket.events("messageAdded");

/** Cursors strictly increasing (so no event twice, none out of order). */
function expectInStreamOrder(frames: Frame[]): void {
  const positions = frames.map((f) => positionOf(f.cursor) as number);
  for (let i = 1; i < positions.length; i++) expect(positions[i]).toBeGreaterThan(positions[i - 1] as number);
}

describe("a cluster of two nodes", () => {
  it("delivers writes made on either node to sockets on both, once each and in stream order", async () => {
    const [a, b] = nodes as [Node, Node];
    const sid = await conversationWith(a, "alice", "bob", "carol", "dave");
    const alice = await connect(a, "alice");
    const bob = await connect(b, "bob");
    const carol = await connect(a, "carol");
    const dave = await connect(b, "dave");
    // Both nodes write to one conversation at once: their events reach each hub in any order.
    const write = (node: Node, socket: TestSocket, who: string) =>
      Promise.all(
        Array.from({ length: 15 }, (_, i) =>
          socket.request("CreateConversationMessage", { ConversationSid: sid }, { Body: `${who}-${i}` }).then((reply) => {
            expect(reply.status, `${who}-${i} on ${node.server.url}`).toBe(201);
          }),
        ),
      );
    await Promise.all([write(a, alice, "alice"), write(b, bob, "bob")]);
    for (const socket of [alice, bob, carol, dave]) {
      await socket.waitForEvents("messageAdded", 30);
      const frames = messagesOf(socket);
      expectInStreamOrder(frames);
      // Message indexes are given in commit order too: the stream has them in order.
      expect(frames.map((f) => f.data.index)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(messagesOf(carol)).toHaveLength(30);
    // Once-per-event work ran once for each message in the whole cluster: normally on the node
    // that wrote it, on the other when the writer fell behind by more than outboxStaleMs.
    const added = (node: Node) =>
      node.events.filter((e) => e.type === "message.added").map((e) => (e.data.message as { body: string }).body);
    const everyBody = [...Array.from({ length: 15 }, (_, i) => `alice-${i}`), ...Array.from({ length: 15 }, (_, i) => `bob-${i}`)];
    expect([...added(a), ...added(b)].sort()).toEqual(everyBody.sort());
  });

  it("resumes a client on the other node exactly where it left off", async () => {
    const [a, b] = nodes as [Node, Node];
    const sid = await conversationWith(a, "alice", "bob");
    const bob = await connect(a, "bob");
    for (let i = 0; i < 5; i++)
      await callAs(a.server, account, "POST", `/v1/Conversations/${sid}/Messages`, { Body: `m${i}`, Author: "alice" });
    await bob.waitForEvents("messageAdded", 5);
    const cursor = bob.events().at(-1)?.cursor as string;
    bob.ws.terminate();
    for (let i = 5; i < 10; i++)
      await callAs(b.server, account, "POST", `/v1/Conversations/${sid}/Messages`, { Body: `m${i}`, Author: "alice" });
    const again = await connect(b, "bob", cursor);
    expect(again.frames[0]).toMatchObject({ type: "welcome", resume: "complete", cursor });
    await again.waitForEvents("messageAdded", 5);
    await callAs(a.server, account, "POST", `/v1/Conversations/${sid}/Messages`, { Body: "m10", Author: "alice" });
    await again.waitForEvents("messageAdded", 6);
    expect(messagesOf(again).map((f) => f.data.body)).toEqual(["m5", "m6", "m7", "m8", "m9", "m10"]);
    expectInStreamOrder(again.events());
  });

  it("publishes what a dead node left in the outbox from exactly one live node", async () => {
    const [a, b] = nodes as [Node, Node];
    const sid = await conversationWith(a, "bob");
    const bob = await connect(b, "bob");
    // An event committed by a node that died before publishing it: in the outbox, under its name.
    const dead = {
      ...a.server.core,
      cluster: { ...(a.server.core.cluster as NonNullable<typeof a.server.core.cluster>), id: "dead-node" },
    };
    const conversation = await a.server.core.store.get("conversation", sid);
    await a.server.core.store.transaction((tx) =>
      recordEvent(
        tx,
        dead,
        "conversation.updated",
        { accountSid: a.server.credentials.accountSid, serviceSid: a.server.credentials.serviceSid, conversationSid: sid },
        { conversation: { ...conversation, friendlyName: "renamed" }, updated: ["friendlyName"] },
      ),
    );
    await eventually(async () => {
      expect((await a.server.core.store.list("outbox", { parent: "", limit: 10 })).items).toHaveLength(0);
    }, 10_000);
    const published = [...a.events, ...b.events].filter((e) => e.type === "conversation.updated");
    expect(published).toHaveLength(1);
    const updated = await bob.next((f) => f.event === "conversationUpdated");
    expect(updated.data.conversation.friendly_name).toBe("renamed");
  });

  it("publishes its own outbox in order, renewing the claims that are about to run out", async () => {
    const [a] = nodes as [Node, Node];
    const sid = await conversationWith(a, "bob");
    const conversation = await a.server.core.store.get("conversation", sid);
    const names = ["first", "second", "third", "fourth"];
    await a.server.core.store.transaction(async (tx) => {
      for (const name of names) {
        await recordEvent(
          tx,
          a.server.core,
          "conversation.updated",
          { accountSid: a.server.credentials.accountSid, serviceSid: a.server.credentials.serviceSid, conversationSid: sid },
          { conversation: { ...conversation, friendlyName: name }, updated: ["friendlyName"] },
        );
      }
      // The first and third claims nearly ran out (the node fell behind): those are claimed anew.
      const rows = (await tx.list("outbox", { parent: "", limit: 10, where: { node: a.server.core.cluster?.id } })).items;
      for (const index of [0, 2]) {
        const row = rows[index];
        if (row) await tx.update("outbox", { ...row, claimedUntil: Date.now() + 10 });
      }
    });
    await flushOutbox(a.server.core);
    const published = a.events
      .filter((e) => e.type === "conversation.updated")
      .map((e) => (e.data.conversation as { friendlyName: string }).friendlyName);
    expect(published).toEqual(names);
    expect((await a.server.core.store.list("outbox", { parent: "", limit: 10 })).items).toHaveLength(0);
  });

  it("reads the streams of its sockets again when its Redis connection comes back", async () => {
    const [a, b] = nodes as [Node, Node];
    const sid = await conversationWith(a, "bob");
    const bob = await connect(b, "bob");
    // An event in Bob's stream whose notification never came: committed, and held by a claim
    // that no one will publish within the test.
    const conversation = await a.server.core.store.get("conversation", sid);
    await a.server.core.store.transaction(async (tx) => {
      await recordEvent(
        tx,
        a.server.core,
        "conversation.updated",
        { accountSid: a.server.credentials.accountSid, serviceSid: a.server.credentials.serviceSid, conversationSid: sid },
        { conversation: { ...conversation, friendlyName: "unannounced" }, updated: ["friendlyName"] },
      );
      const [row] = (await tx.list("outbox", { parent: "", limit: 1, order: "desc" })).items;
      if (row) await tx.update("outbox", { ...row, claimedBy: "elsewhere", claimedUntil: Date.now() + 600_000 });
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(bob.events("conversationUpdated")).toHaveLength(0);
    // Redis drops both nodes' connections (as on a restart); each node reconnects and resyncs.
    const cut = await cutRedisConnections(inject("redisUrl"), [a.server.core.cluster?.id as string, b.server.core.cluster?.id as string]);
    expect(cut).toBe(4);
    const updated = await bob.next((f) => f.event === "conversationUpdated", 10_000);
    expect(updated.data.conversation.friendly_name).toBe("unannounced");
    await a.server.core.store.transaction(async (tx) => {
      for (const row of (await tx.list("outbox", { parent: "", limit: 10 })).items) await tx.remove("outbox", row.sid);
    });
  });

  it("carries typing across nodes", async () => {
    const [a, b] = nodes as [Node, Node];
    const sid = await conversationWith(a, "alice", "bob");
    const alice = await connect(a, "alice");
    const bob = await connect(b, "bob");
    alice.send({ type: "typing", conversation_sid: sid });
    const started = await bob.next((f) => f.event === "typingStarted");
    expect(started.data).toMatchObject({ conversation_sid: sid, identity: "alice" });
    await bob.next((f) => f.event === "typingEnded", 3000);
  });

  it("counts a user online while any node holds a socket of theirs", async () => {
    const [a, b] = nodes as [Node, Node];
    const enabled = await callAs(a.server, account, "POST", `/v1/Services/${a.server.credentials.serviceSid}/Configuration`, {
      ReachabilityEnabled: "true",
    });
    expect(enabled.status).toBe(200);
    await conversationWith(a, "alice", "bob");
    const alice = await connect(a, "alice");
    const bobOnA = await connect(a, "bob");
    const online = await alice.next((f) => f.event === "userReachabilityUpdated" && f.data.identity === "bob");
    expect(online.data.online).toBe(true);
    const bobOnB = await connect(b, "bob");
    await bobOnA.close();
    // Bob still has a socket on node b: no one is told he went offline.
    await new Promise((r) => setTimeout(r, 500));
    expect(alice.events().filter((f) => f.event === "userReachabilityUpdated")).toHaveLength(0);
    expect(alice.frames.filter((f) => f.event === "userReachabilityUpdated")).toHaveLength(1);
    const user = await callAs(b.server, account, "GET", `/v1/Services/${b.server.credentials.serviceSid}/Users/bob`);
    expect(user.body.is_online).toBe(true);
    await bobOnB.close();
    const offline = await alice.next((f) => f.event === "userReachabilityUpdated" && f.data.online === false);
    expect(offline.data.identity).toBe("bob");
  });
});
