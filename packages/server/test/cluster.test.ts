/**
 * The cluster, as it runs in production: three `confab start` processes on one PostgreSQL
 * database and one Redis, clients behind a failover load balancer. Alice uses the native
 * protocol (as @confab/conversations does), Bob the unmodified official @twilio/conversations
 * 3.0.1 through the twilsock gateway. They converse while a writer posts through the other
 * nodes; the node both are on is killed with SIGKILL mid-stream. Both reconnect to other nodes
 * (different ones) and get every message exactly once, in order; typing crosses nodes; a user
 * whose only socket was on the dead node goes offline once its presence expires, and the users
 * who moved do not.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client as TwilioClient, type Conversation, type Message, type Participant } from "twilio-conversations-3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { mintAccessToken } from "../src/auth/access-token.js";
import type { RunningServer } from "../src/index.js";
import { positionOf } from "../src/realtime/cursor.js";
import { FailoverProxy } from "./support/failover-proxy.js";
import { type NodeProcess, startNodeProcess } from "./support/node-process.js";
import { freePort } from "./support/ports.js";
import { freshPostgresUrl } from "./support/postgres.js";
import { ResumingSocket } from "./support/resuming-socket.js";
import { processAuth, processCredentials } from "./support/server-process.js";
import { TestSocket } from "./support/socket-client.js";
import { eventually, next } from "./support/wait.js";

const PRESENCE_TTL_MS = 1500;
const nodes: NodeProcess[] = [];
const proxies: FailoverProxy[] = [];
const dirs: string[] = [];
let serviceSid = "";
let alice: ResumingSocket | undefined;
let bob: TwilioClient | undefined;
const observers: TestSocket[] = [];

beforeAll(async () => {
  const store = await freshPostgresUrl();
  const args = ["--store", store, "--bus", inject("redisUrl")];
  const env = { CONFAB_BUS_PREFIX: `cluster${randomBytes(4).toString("hex")}`, CONFAB_PRESENCE_TTL_MS: String(PRESENCE_TTL_MS) };
  const start = async () => {
    const dir = mkdtempSync(join(tmpdir(), "confab-cluster-"));
    dirs.push(dir);
    return startNodeProcess(await freePort(), dir, args, env);
  };
  // The first node creates the schema and the credentials; the others find them.
  nodes.push(await start());
  nodes.push(...(await Promise.all([start(), start()])));
  serviceSid = /Service SID\s+(IS[0-9a-f]{32})/.exec(nodes[0]?.output() ?? "")?.[1] ?? "";
  expect(serviceSid).toMatch(/^IS/);
}, 90_000);

afterAll(async () => {
  alice?.close();
  for (const socket of observers) socket.ws.terminate();
  await bob?.shutdown().catch(() => {});
  for (const proxy of proxies) await proxy.close();
  for (const node of nodes) node.child.kill("SIGKILL");
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const tokenOf = (identity: string) =>
  mintAccessToken({
    accountSid: processCredentials.CONFAB_ACCOUNT_SID,
    apiKeySid: processCredentials.CONFAB_API_KEY_SID,
    apiKeySecret: processCredentials.CONFAB_API_KEY_SECRET,
    identity,
    serviceSid,
  });

async function rest(node: NodeProcess, method: string, path: string, form?: Record<string, string>) {
  const res = await fetch(`${node.url}${path}`, {
    method,
    headers: { Authorization: processAuth, "Content-Type": "application/x-www-form-urlencoded" },
    ...(form ? { body: new URLSearchParams(form).toString() } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function observer(node: NodeProcess, identity: string): Promise<TestSocket> {
  const socket = await TestSocket.connect({ url: node.url } as RunningServer, tokenOf(identity));
  observers.push(socket);
  return socket;
}

describe("a cluster of three server processes on one PostgreSQL and one Redis", () => {
  it("keeps a conversation going across nodes through a node's SIGKILL: every message once, in order", async () => {
    const [n1, n2, n3] = nodes as [NodeProcess, NodeProcess, NodeProcess];
    expect((await rest(n3, "POST", `/v1/Services/${serviceSid}/Configuration`, { ReachabilityEnabled: "true" })).status).toBe(200);
    const created = await rest(n2, "POST", "/v1/Conversations", { FriendlyName: "across nodes" });
    const sid = created.body.sid as string;
    for (const identity of ["alice", "bob", "carol", "erin"]) {
      expect((await rest(n2, "POST", `/v1/Conversations/${sid}/Participants`, { Identity: identity })).status).toBe(201);
    }

    // Two balancers that fail over in different orders: both clients start on node 1, and after
    // its death Alice lands on node 2 and Bob on node 3.
    const toAlice = new FailoverProxy([n1.port, n2.port, n3.port]);
    const toBob = new FailoverProxy([n1.port, n3.port, n2.port]);
    proxies.push(toAlice, toBob);
    // Carol watches from node 3; Erin is on node 1 only, and will not come back.
    const carol = await observer(n3, "carol");
    const erin = await observer(n1, "erin");
    await carol.next((f) => f.event === "userReachabilityUpdated" && f.data.identity === "erin" && f.data.online === true, 10_000);

    alice = new ResumingSocket(await toAlice.url, tokenOf("alice"));
    await alice.connected();
    bob = new TwilioClient(tokenOf("bob"), { Twilsock: { uri: `${(await toBob.url).replace(/^http/, "ws")}/v3/wsconnect` } } as never);
    await next(bob, "initialized", 20_000);
    expect([toAlice.routed, toBob.routed]).toEqual([[n1.port], [n1.port]]);
    const bobConversation: Conversation = await bob.getConversationBySid(sid);
    await bobConversation.getMessages();
    const bobSaw: Message[] = [];
    bobConversation.on("messageAdded", (m: Message) => bobSaw.push(m));

    const aliceSays = (body: string) =>
      (alice as ResumingSocket)
        .request("CreateConversationMessage", { ConversationSid: sid }, { Body: body }, `alice-${body}`)
        .then((reply) => {
          expect(reply.status).toBe(201);
        });
    for (let i = 0; i < 5; i++) {
      await aliceSays(`a${i}`);
      await bobConversation.sendMessage(`b${i}`);
    }

    // A writer posts through nodes 2 and 3 all along; node 1 dies in the middle of it.
    let written = 0;
    const writer = (async () => {
      for (let i = 0; i < 40; i++) {
        const node = i % 2 === 0 ? n2 : n3;
        const posted = await rest(node, "POST", `/v1/Conversations/${sid}/Messages`, { Body: `w${i}`, Author: "writer" });
        expect(posted.status).toBe(201);
        written++;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    while (written < 15) await new Promise((r) => setTimeout(r, 10));
    n1.child.kill("SIGKILL");
    await writer;

    // Both come back on other nodes, and go on talking.
    await eventually(() => expect(alice?.sockets.length).toBe(2), 20_000);
    await eventually(() => expect(bob?.connectionState).toBe("connected"), 30_000);
    await eventually(() => expect(toBob.routed.length).toBeGreaterThan(1), 30_000);
    expect(toAlice.routed.slice(1)).toEqual([n2.port]);
    expect(new Set(toBob.routed.slice(1))).toEqual(new Set([n3.port]));
    expect(alice.sockets[1]?.frames[0]).toMatchObject({ type: "welcome", resume: "complete" });
    for (let i = 5; i < 10; i++) {
      await aliceSays(`a${i}`);
      await bobConversation.sendMessage(`b${i}`);
    }

    const expected = [
      ...Array.from({ length: 5 }, (_, i) => [`a${i}`, `b${i}`]).flat(),
      ...Array.from({ length: 40 }, (_, i) => `w${i}`),
      ...Array.from({ length: 5 }, (_, i) => [`a${i + 5}`, `b${i + 5}`]).flat(),
    ];
    const stored: string[] = [];
    for (const m of (await rest(n2, "GET", `/v1/Conversations/${sid}/Messages?PageSize=100`)).body.messages) stored.push(m.body);
    expect(stored).toEqual(expected);

    // Alice, over both sockets: every message once, in order, cursors only growing.
    await eventually(() => expect(alice?.events("messageAdded").length).toBeGreaterThanOrEqual(60), 20_000);
    const aliceGot = alice.events("messageAdded");
    expect(aliceGot.map((f) => f.data.body)).toEqual(expected);
    const positions = alice.events().map((f) => positionOf(f.cursor) as number);
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
    expect(new Set(positions).size).toBe(positions.length);
    // Bob, through the official SDK: the same.
    await eventually(() => expect(bobSaw.length).toBeGreaterThanOrEqual(60), 30_000);
    expect(bobSaw.map((m) => m.body)).toEqual(expected);
    expect(bobSaw.map((m) => m.index)).toEqual(expected.map((_, i) => i));
    // Carol, on a node that lived: the same.
    expect(carol.events("messageAdded").map((f) => f.data.body)).toEqual(expected);

    // Typing crosses nodes both ways (Alice on node 2, Bob on node 3).
    const bobSeesTyping = next<Participant>(bobConversation, "typingStarted", 10_000);
    (await alice.connected()).send({ type: "typing", conversation_sid: sid });
    expect((await bobSeesTyping).identity).toBe("alice");
    const aliceSocket = await alice.connected();
    const from = aliceSocket.frames.length;
    await bobConversation.typing();
    const typing = await aliceSocket.next((f) => f.event === "typingStarted", 10_000, from);
    expect(typing.data.identity).toBe("bob");

    // Erin's only node died: once its presence runs out she is offline, and only she.
    const offline = await carol.next((f) => f.event === "userReachabilityUpdated" && f.data.online === false, PRESENCE_TTL_MS * 6);
    expect(offline.data.identity).toBe("erin");
    expect(erin.ws.readyState).not.toBe(erin.ws.OPEN);
    await new Promise((r) => setTimeout(r, PRESENCE_TTL_MS));
    const wentOffline = carol.frames
      .filter((f) => f.event === "userReachabilityUpdated" && f.data.online === false)
      .map((f) => f.data.identity);
    expect(wentOffline).toEqual(["erin"]);
    const users = await Promise.all(["alice", "bob", "erin"].map((id) => rest(n3, "GET", `/v1/Services/${serviceSid}/Users/${id}`)));
    expect(users.map((u) => u.body.is_online)).toEqual([true, true, false]);
  }, 150_000);
});
