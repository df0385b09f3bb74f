import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/index.js";
import { recordDeliveryStatus } from "../src/core/receipts.js";
import { trimStreams } from "../src/realtime/index.js";
import { account, callAs } from "./support/as-user.js";
import { testServer } from "./support/server.js";
import { type Frame, TestSocket } from "./support/socket-client.js";
import { userToken } from "./support/user-token.js";

let server: RunningServer;
const open: TestSocket[] = [];

async function connect(identity: string, cursor?: string | null): Promise<TestSocket> {
  const socket = await TestSocket.connect(server, userToken(server, identity), cursor);
  open.push(socket);
  return socket;
}

/** Alice's conversation with Bob, made over Alice's socket; resolves its SID. */
async function conversationOf(alice: TestSocket, ...others: string[]): Promise<string> {
  const created = await alice.request("CreateConversation", {}, { FriendlyName: "chat" });
  expect(created.status).toBe(201);
  const sid = created.body.sid as string;
  for (const identity of others) {
    const added = await alice.request("CreateConversationParticipant", { ConversationSid: sid }, { Identity: identity });
    expect(added.status).toBe(201);
  }
  return sid;
}

async function send(socket: TestSocket, conversationSid: string, body: string, key?: string): Promise<Frame> {
  const reply = await socket.request("CreateConversationMessage", { ConversationSid: conversationSid }, { Body: body }, key);
  expect(reply.status).toBe(201);
  return reply;
}

beforeEach(async () => {
  server = await testServer({
    realtime: { handshakeTimeoutMs: 300, typingTimeoutMs: 300 },
    limits: { writesPerConversationPerSecond: 10_000 },
  });
});

afterEach(async () => {
  for (const socket of open.splice(0)) socket.ws.terminate();
  await server.close();
});

describe("handshake", () => {
  it("welcomes a valid token with the session's identity, service, cursor and expiry", async () => {
    const alice = await connect("alice");
    const welcome = alice.frames[0] as Frame;
    expect(welcome).toMatchObject({
      type: "welcome",
      identity: "alice",
      chat_service_sid: server.credentials.serviceSid,
      resume: "none",
      ping_interval_ms: 25000,
      reachability_enabled: false,
    });
    expect(welcome.cursor).toMatch(/^\d{20}$/);
    expect(Date.parse(welcome.token_expires_at)).toBeGreaterThan(Date.now());
  });

  it("creates the user of a new identity on connect, as Twilio does", async () => {
    await connect("newcomer");
    expect((await callAs(server, account, "GET", `/v1/Services/${server.credentials.serviceSid}/Users/newcomer`)).status).toBe(200);
  });

  it.each([
    ["a forged token", (s: RunningServer) => `${userToken(s, "alice").slice(0, -4)}AAAA`, 20101],
    ["a token of an unknown key", (s: RunningServer) => userToken(s, "alice", { apiKeySid: `SK${"0".repeat(32)}` }), 20101],
    ["garbage", () => "not-a-token", 20101],
    ["an expired token", (s: RunningServer) => userToken(s, "alice", { now: new Date(Date.now() - 7200_000), ttlSeconds: 60 }), 20104],
  ])("refuses %s with an error frame and close 4401", async (_name, token, code) => {
    const socket = new TestSocket(server);
    open.push(socket);
    await socket.opened;
    socket.send({ type: "hello", token: token(server) });
    const error = await socket.next((f) => f.type === "error");
    expect(error.error).toMatchObject({ code, status: 401 });
    expect((await socket.closed).code).toBe(4401);
  });

  it("closes with 4408 when no hello comes in time", async () => {
    const socket = new TestSocket(server);
    open.push(socket);
    expect((await socket.closed).code).toBe(4408);
  });

  it.each([
    ["not JSON", "{nope"],
    ["an unknown type", JSON.stringify({ type: "shout" })],
    ["a request before hello", JSON.stringify({ type: "request", id: "1", operation: "ListConversation" })],
    ["a hello with an unknown property", JSON.stringify({ type: "hello", token: "x", extra: 1 })],
  ])("answers %s with an error frame and close 4400", async (_name, text) => {
    const socket = new TestSocket(server);
    open.push(socket);
    await socket.opened;
    socket.ws.send(text);
    const error = await socket.next((f) => f.type === "error");
    expect(error.error).toMatchObject({ code: 20001, status: 400 });
    expect((await socket.closed).code).toBe(4400);
  });

  it("closes with 4400 on a binary frame or a second hello", async () => {
    const binary = await connect("alice");
    binary.ws.send(Buffer.from([1, 2, 3]));
    expect((await binary.closed).code).toBe(4400);
    const twice = await connect("alice");
    twice.send({ type: "hello", token: userToken(server, "alice") });
    expect((await twice.closed).code).toBe(4400);
  });

  it("closes with 4400 even when the reason, cut to 100 characters, is longer than a close frame's 123 bytes", async () => {
    const socket = await connect("alice");
    socket.send({ type: "é".repeat(200) });
    const error = await socket.next((f) => f.type === "error");
    expect(error.error).toMatchObject({ code: 20001, status: 400 });
    const closed = await Promise.race([socket.closed, new Promise<null>((r) => setTimeout(() => r(null), 3000))]);
    expect(closed?.code).toBe(4400);
    expect(Buffer.byteLength(closed?.reason ?? "")).toBeLessThanOrEqual(123);
    expect(server.realtime.hub.size).toBe(0);
  });

  it("answers ping with pong echoing the id", async () => {
    const alice = await connect("alice");
    alice.send({ type: "ping", id: "p-1" });
    expect(await alice.next((f) => f.type === "pong")).toEqual({ type: "pong", id: "p-1" });
  });
});

describe("requests over the socket", () => {
  it("run any REST operation as the session's user, with Twilio's errors in the reply", async () => {
    const alice = await connect("alice");
    const sid = await conversationOf(alice);
    const list = await alice.request("ListConversationMessage", { ConversationSid: sid, PageSize: 5 });
    expect(list).toMatchObject({ status: 200, body: { messages: [], meta: { page_size: 5 } } });

    expect(await alice.request("NoSuchOperation")).toMatchObject({ status: 404, error: { status: 404 } });
    expect(await alice.request("FetchConversation", {})).toMatchObject({ status: 400, error: { code: 20001 } });
    expect(await alice.request("ListConversationMessage", { ConversationSid: sid, PageSize: "many" })).toMatchObject({
      status: 400,
      error: { code: 20001 },
    });
    expect(await alice.request("CreateMedia", { ChatServiceSid: server.credentials.serviceSid })).toMatchObject({ status: 400 });
    // A user may not do what only the account may.
    expect(await alice.request("ListCredential")).toMatchObject({ status: 403, error: { code: 20403 } });
    const mallory = await connect("mallory");
    // Someone outside the conversation learns nothing about it, as over REST.
    expect(await mallory.request("CreateConversationMessage", { ConversationSid: sid }, { Body: "hi" })).toMatchObject({ status: 404 });
  });

  it("answers a path parameter holding a lone surrogate (valid JSON, not UTF-8) with a 4xx reply and keeps the session", async () => {
    const alice = await connect("alice");
    const reply = await alice.request("FetchConversation", { Sid: "\ud800" });
    expect(reply).toMatchObject({ status: 404, error: { status: 404, code: 20404 } });
    expect((await alice.request("ListConversation")).status).toBe(200);
  });

  it("never makes a second message for a resent idempotency key", async () => {
    const alice = await connect("alice");
    const sid = await conversationOf(alice);
    const first = await send(alice, sid, "once", "key-1");
    const again = await alice.request("CreateConversationMessage", { ConversationSid: sid }, { Body: "once" }, "key-1");
    expect(again.body.sid).toBe(first.body.sid);
    const list = await alice.request("ListConversationMessage", { ConversationSid: sid });
    expect(list.body.messages).toHaveLength(1);
  });
});

describe("event delivery", () => {
  it("delivers each change to every connected participant, with strictly increasing cursors", async () => {
    const bob = await connect("bob");
    const alice = await connect("alice");
    const sid = await conversationOf(alice, "bob");
    expect((await bob.next((f) => f.event === "conversationJoined")).data.sid).toBe(sid);
    expect(alice.events("conversationAdded")[0]?.data.sid).toBe(sid);

    const reply = await send(alice, sid, "hello bob");
    for (const socket of [alice, bob]) {
      const added = await socket.next((f) => f.event === "messageAdded");
      expect(added.data).toMatchObject({ sid: reply.body.sid, body: "hello bob", index: 0, author: "alice" });
    }
    await alice.request("UpdateConversationMessage", { ConversationSid: sid, Sid: reply.body.sid }, { Body: "edited" });
    const updated = await bob.next((f) => f.event === "messageUpdated");
    expect(updated.data).toMatchObject({ message: { body: "edited" }, updated: expect.arrayContaining(["body"]) });
    await alice.request("DeleteConversationMessage", { ConversationSid: sid, Sid: reply.body.sid });
    expect((await bob.next((f) => f.event === "messageRemoved")).data.sid).toBe(reply.body.sid);

    const cursors = bob.events().map((f) => f.cursor as string);
    expect([...cursors].sort()).toEqual(cursors);
    expect(new Set(cursors).size).toBe(cursors.length);
    expect(bob.events().map((f) => f.event)).toEqual([
      "conversationJoined",
      "participantJoined",
      "messageAdded",
      "messageUpdated",
      "messageRemoved",
    ]);
  });

  it("tells a removed participant it left, and the others that it did", async () => {
    const alice = await connect("alice");
    const bob = await connect("bob");
    const sid = await conversationOf(alice, "bob");
    await bob.next((f) => f.event === "conversationJoined");
    const left = await bob.request("DeleteConversationParticipant", { ConversationSid: sid, Sid: "bob" });
    expect(left.status).toBe(204);
    expect((await bob.next((f) => f.event === "conversationLeft")).data.sid).toBe(sid);
    expect((await alice.next((f) => f.event === "participantLeft")).data.identity).toBe("bob");
    // Bob is no longer told about the conversation.
    await send(alice, sid, "after bob left");
    await alice.next((f) => f.event === "messageAdded");
    expect(bob.events("messageAdded")).toHaveLength(0);
  });

  it("sends the reader its own read horizon and unread count", async () => {
    const alice = await connect("alice");
    const bob = await connect("bob");
    const sid = await conversationOf(alice, "bob");
    for (const body of ["1", "2", "3"]) await send(alice, sid, body);
    const user = await bob.request(
      "UpdateServiceUserConversation",
      {
        ChatServiceSid: server.credentials.serviceSid,
        UserSid: "bob",
        ConversationSid: sid,
      },
      { LastReadMessageIndex: 1 },
    );
    expect(user.status).toBe(200);
    const horizon = await bob.next((f) => f.event === "readHorizonUpdated");
    expect(horizon.data).toMatchObject({
      conversation_sid: sid,
      last_read_message_index: 1,
      unread_messages_count: 1,
      last_message: { index: 2 },
    });
    expect(alice.events("readHorizonUpdated")).toHaveLength(0);
  });

  it("tells the participants when a delivery channel reports a receipt", async () => {
    const alice = await connect("alice");
    const sid = await conversationOf(alice);
    const sms = (
      await callAs(server, account, "POST", `/v1/Conversations/${sid}/Participants`, {
        "MessagingBinding.Address": "+15550001111",
        "MessagingBinding.ProxyAddress": "+15550002222",
      })
    ).body as { sid: string };
    const message = await send(alice, sid, "to an SMS user");
    await recordDeliveryStatus(server.core, {
      messageSid: message.body.sid,
      participantSid: sms.sid,
      status: "delivered",
      channelMessageSid: `SM${"1".repeat(32)}`,
    });
    const receipt = await alice.next((f) => f.event === "deliveryReceiptUpdated");
    expect(receipt.data).toMatchObject({ message_sid: message.body.sid, participant_sid: sms.sid, status: "delivered" });
    const updated = await alice.next((f) => f.event === "messageUpdated");
    expect(updated.data).toMatchObject({ updated: ["delivery"], message: { delivery: { total: 1, delivered: "all", read: "none" } } });
    await recordDeliveryStatus(server.core, {
      messageSid: message.body.sid,
      participantSid: sms.sid,
      status: "read",
      channelMessageSid: `SM${"1".repeat(32)}`,
    });
    await alice.waitForEvents("deliveryReceiptUpdated", 2);
    await expect(
      recordDeliveryStatus(server.core, {
        messageSid: message.body.sid,
        participantSid: sms.sid,
        status: "read",
        channelMessageSid: "not-a-sid",
      }),
    ).rejects.toMatchObject({ status: 400 });
    expect(alice.events("deliveryReceiptUpdated")[1]?.data).toMatchObject({ sid: receipt.data.sid, status: "read" });
  });

  it("tells users sharing a conversation about a profile change", async () => {
    const alice = await connect("alice");
    const bob = await connect("bob");
    await conversationOf(alice, "bob");
    const updated = await bob.request(
      "UpdateServiceUser",
      { ChatServiceSid: server.credentials.serviceSid, Sid: "bob" },
      { FriendlyName: "Bobby" },
    );
    expect(updated.status).toBe(200);
    for (const socket of [alice, bob]) {
      const event = await socket.next((f) => f.event === "userUpdated");
      expect(event.data).toMatchObject({
        user: { identity: "bob", friendly_name: "Bobby" },
        updated: expect.arrayContaining(["friendly_name"]),
      });
    }
  });
});

describe("resume", () => {
  it("replays exactly the events missed while away, in order, then goes live", async () => {
    const alice = await connect("alice");
    const bob = await connect("bob");
    const sid = await conversationOf(alice, "bob");
    await send(alice, sid, "seen");
    const seen = await bob.next((f) => f.event === "messageAdded");
    await bob.close();

    for (const body of ["m1", "m2", "m3"]) await send(alice, sid, body);
    const back = await connect("bob", seen.cursor);
    expect(back.frames[0]).toMatchObject({ type: "welcome", resume: "complete", cursor: seen.cursor });
    const replayed = await back.waitForEvents("messageAdded", 3);
    expect(replayed.map((f) => f.data.body)).toEqual(["m1", "m2", "m3"]);
    await send(alice, sid, "live");
    await back.waitForEvents("messageAdded", 4);
    expect(back.events("messageAdded").map((f) => f.data.body)).toEqual(["m1", "m2", "m3", "live"]);
  });

  it("answers an unknown cursor with reset and replays nothing", async () => {
    const alice = await connect("alice");
    const sid = await conversationOf(alice);
    await send(alice, sid, "x");
    for (const cursor of ["garbage", "99999999999999999999"]) {
      const socket = await connect("alice", cursor);
      expect(socket.frames[0]).toMatchObject({ resume: "reset" });
      expect(socket.frames[0]?.cursor).toBe(alice.events().at(-1)?.cursor);
      await new Promise((r) => setTimeout(r, 50));
      expect(socket.events()).toHaveLength(0);
    }
  });

  it("answers reset to a cursor from before what retention dropped, and resumes from one after", async () => {
    await server.close();
    let clock = Date.now();
    server = await testServer({ now: () => new Date(clock) });
    const alice = await connect("alice");
    const sid = await conversationOf(alice);
    await send(alice, sid, "old");
    const beforeOld = alice.events().at(-2)?.cursor as string;
    const afterOld = (await alice.next((f) => f.event === "messageAdded")).cursor as string;
    clock += 15 * 24 * 3600_000;
    const fresh = await TestSocket.connect(server, userToken(server, "alice", { now: new Date(clock) }));
    open.push(fresh);
    await send(fresh, sid, "new");
    expect(await trimStreams(server.core, 14 * 24 * 3600_000)).toBeGreaterThan(0);

    const tooOld = await TestSocket.connect(server, userToken(server, "alice", { now: new Date(clock) }), beforeOld);
    open.push(tooOld);
    expect(tooOld.frames[0]).toMatchObject({ resume: "reset" });
    const resumed = await TestSocket.connect(server, userToken(server, "alice", { now: new Date(clock) }), afterOld);
    open.push(resumed);
    expect(resumed.frames[0]).toMatchObject({ resume: "complete" });
    expect((await resumed.waitForEvents("messageAdded", 1)).map((f) => f.data.body)).toEqual(["new"]);
  });

  it("keeps the stream across a server restart on the same data directory", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "confab-rt-"));
    await server.close();
    try {
      server = await testServer({ dataDir: dir, realtime: { handshakeTimeoutMs: 300 } });
      const alice = await connect("alice");
      const sid = await conversationOf(alice, "bob");
      const bob = await connect("bob");
      const cursor = bob.frames[0]?.cursor as string;
      bob.ws.terminate();
      await send(alice, sid, "while bob was away");
      alice.ws.terminate();
      await server.close();
      server = await testServer({ dataDir: dir, realtime: { handshakeTimeoutMs: 300 } });
      const back = await connect("bob", cursor);
      expect(back.frames[0]).toMatchObject({ resume: "complete" });
      const [missed] = await back.waitForEvents("messageAdded", 1);
      expect(missed?.data.body).toBe("while bob was away");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("typing", () => {
  it("tells the other participants, and ends 'typing' after the timeout unless renewed", async () => {
    const alice = await connect("alice");
    const bob = await connect("bob");
    const sid = await conversationOf(alice, "bob");
    alice.send({ type: "typing", conversation_sid: sid });
    const started = await bob.next((f) => f.event === "typingStarted");
    expect(started.data).toMatchObject({ conversation_sid: sid, identity: "alice" });
    expect(started.cursor).toBeUndefined();
    // Renewed within the timeout: no second start, no end yet.
    await new Promise((r) => setTimeout(r, 150));
    alice.send({ type: "typing", conversation_sid: sid });
    await new Promise((r) => setTimeout(r, 200));
    expect(bob.frames.filter((f) => f.event === "typingEnded")).toHaveLength(0);
    const ended = await bob.next((f) => f.event === "typingEnded", 2000);
    expect(ended.data.identity).toBe("alice");
    expect(bob.frames.filter((f) => f.event === "typingStarted")).toHaveLength(1);
    expect(alice.frames.filter((f) => f.event === "typingStarted")).toHaveLength(0);
  });

  it("ignores typing in a conversation the user is not in", async () => {
    const alice = await connect("alice");
    const sid = await conversationOf(alice);
    const mallory = await connect("mallory");
    mallory.send({ type: "typing", conversation_sid: sid });
    await new Promise((r) => setTimeout(r, 100));
    expect(alice.frames.filter((f) => f.event === "typingStarted")).toHaveLength(0);
    expect(mallory.ws.readyState).toBe(mallory.ws.OPEN);
  });
});

describe("reachability", () => {
  it("reports users online and offline to those sharing a conversation, when the service has it on", async () => {
    const enabled = await callAs(server, account, "POST", `/v1/Services/${server.credentials.serviceSid}/Configuration`, {
      ReachabilityEnabled: "true",
    });
    expect(enabled.status).toBe(200);
    const alice = await connect("alice");
    expect(alice.frames[0]).toMatchObject({ reachability_enabled: true });
    await conversationOf(alice, "bob");
    const bob = await connect("bob");
    expect((await alice.next((f) => f.event === "userReachabilityUpdated")).data).toEqual({
      identity: "bob",
      online: true,
      notifiable: false,
    });
    const user = await alice.request("FetchServiceUser", { ChatServiceSid: server.credentials.serviceSid, Sid: "bob" });
    expect(user.body).toMatchObject({ is_online: true });
    await bob.close();
    const offline = await alice.next((f) => f.event === "userReachabilityUpdated" && f.data.online === false);
    expect(offline.data.identity).toBe("bob");
  });
});

describe("tokens", () => {
  it("warns before expiry, takes a renewed token in place, and refuses one for another identity", async () => {
    await server.close();
    server = await testServer({ realtime: { tokenWarningMs: 3_600_000 } });
    const alice = await connect("alice");
    const warning = await alice.next((f) => f.type === "tokenAboutToExpire");
    expect(warning.seconds_left).toBeGreaterThan(3000);
    const id = "u1";
    alice.send({ type: "updateToken", id, token: userToken(server, "alice", { ttlSeconds: 7200 }) });
    const renewed = await alice.next((f) => f.type === "reply" && f.id === id);
    expect(renewed.status).toBe(200);
    expect(Date.parse(renewed.body.token_expires_at)).toBeGreaterThan(Date.now() + 7000_000);
    alice.send({ type: "updateToken", id: "u2", token: userToken(server, "eve") });
    expect(await alice.next((f) => f.type === "reply" && f.id === "u2")).toMatchObject({ status: 403, error: { code: 20403 } });
    alice.send({ type: "updateToken", id: "u3", token: "garbage" });
    expect(await alice.next((f) => f.type === "reply" && f.id === "u3")).toMatchObject({ status: 401, error: { code: 20101 } });
  });

  it("sends tokenExpired and closes with 4440 when the token runs out", async () => {
    const alice = await connect("alice");
    alice.ws.terminate();
    const socket = await TestSocket.connect(server, userToken(server, "alice", { ttlSeconds: 1 }));
    open.push(socket);
    await socket.next((f) => f.type === "tokenAboutToExpire");
    await socket.next((f) => f.type === "tokenExpired", 3000);
    expect((await socket.closed).code).toBe(4440);
  });
});

describe("back-pressure", () => {
  it("disconnects a client that stops reading with 4429 without slowing the others; it resumes with nothing lost", async () => {
    await server.close();
    server = await testServer({ realtime: { maxQueueBytes: 256 * 1024 }, limits: { writesPerConversationPerSecond: 100_000 } });
    const alice = await connect("alice");
    const sid = await conversationOf(alice, "bob", "carol");
    const carol = await connect("carol");
    const slow = await connect("bob");
    const lastSeen = slow.frames[0]?.cursor as string;
    // Bob's client stops reading: the kernel's buffers fill, then the server's queue for him.
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();

    // Each update carries 16 KB of attributes: the stream outgrows any socket buffer quickly.
    const pad = "y".repeat(16 * 1024 - 100);
    const total = 1000;
    for (let i = 0; i < total; i++) {
      const reply = await alice.request("UpdateConversation", { Sid: sid }, { Attributes: JSON.stringify({ i, pad }) });
      expect(reply.status).toBe(200);
    }
    const order = (frames: Frame[]) => frames.map((f) => JSON.parse(f.data.conversation.attributes).i as number);
    expect(order(await carol.waitForEvents("conversationUpdated", total, 30_000))).toEqual([...Array(total).keys()]);

    (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    expect((await slow.closed).code).toBe(4429);
    const already = slow.events("conversationUpdated");
    expect(already.length).toBeLessThan(total);
    const back = await connect("bob", slow.events().at(-1)?.cursor ?? lastSeen);
    const rest = await back.waitForEvents("conversationUpdated", total - already.length, 30_000);
    expect(order([...already, ...rest])).toEqual([...Array(total).keys()]);
  }, 90_000);
});
