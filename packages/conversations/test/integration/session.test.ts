/** Users, reachability, tokens, offline sends and the cached start against a real Confab server. */
import { afterEach, describe, expect, it } from "vitest";
import { Client, type Conversation, type Message, type User } from "../../src/index.js";
import { memoryStorage } from "../../src/client/cache.js";
import { adminRest, connect, next, startTestServer, stopAll, tokenFor, track, twoUsersInAConversation, until } from "../support/server.js";

afterEach(stopAll);

describe("users", () => {
  it("shows a profile update on the other side", async () => {
    const server = await startTestServer();
    const { alice, bob } = await twoUsersInAConversation(server);
    const aliceSeenByBob = await bob.getUser("alice");
    expect(aliceSeenByBob.identity).toBe("alice");
    expect((await bob.getSubscribedUsers()).map((u) => u.identity)).toContain("alice");
    const updated = next<{ user: User; updateReasons: string[] }>(bob, "userUpdated");
    await alice.user.updateFriendlyName("Alice A.");
    const update = await updated;
    expect(update.user).toBe(aliceSeenByBob);
    expect(update.updateReasons).toEqual(["friendlyName"]);
    expect(aliceSeenByBob.friendlyName).toBe("Alice A.");
    await alice.user.updateAttributes({ color: "red" });
    await until(() => JSON.stringify(aliceSeenByBob.attributes) === '{"color":"red"}', 5000, "attributes at bob");
    const unsubscribed = next<User>(bob, "userUnsubscribed");
    await aliceSeenByBob.unsubscribe();
    expect(await unsubscribed).toBe(aliceSeenByBob);
    expect(aliceSeenByBob.isSubscribed).toBe(false);
  });

  it("reports reachability when the service tracks it", async () => {
    const server = await startTestServer();
    await adminRest(server).request("UpdateServiceConfiguration", {
      params: { ChatServiceSid: server.credentials.serviceSid },
      body: { ReachabilityEnabled: true },
    });
    const { alice, bob } = await twoUsersInAConversation(server);
    expect(bob.reachabilityEnabled).toBe(true);
    const aliceSeenByBob = await bob.getUser("alice");
    expect(aliceSeenByBob.isOnline).toBe(true);
    const offline = next<{ updateReasons: string[] }>(aliceSeenByBob, "updated");
    await alice.shutdown();
    expect((await offline).updateReasons).toContain("reachabilityOnline");
    expect(aliceSeenByBob.isOnline).toBe(false);
  });
});

describe("tokens", () => {
  it("warns before expiry, says when it expired, and carries on after updateToken", async () => {
    const server = await startTestServer();
    const client = track(new Client(tokenFor(server, "alice", 3), { server: server.url, storage: null }));
    const aboutToExpire = next<void>(client, "tokenAboutToExpire", 5000);
    await next<void>(client, "initialized");
    await aboutToExpire;
    await next<void>(client, "tokenExpired", 6000);
    const renewed = tokenFor(server, "alice", 600);
    await client.updateToken(renewed);
    expect(client.token).toBe(renewed);
    await until(() => client.connectionState === "connected", 10_000, "reconnect with the new token");
    const conversation = await client.createConversation({ friendlyName: "after renewal" });
    expect(conversation.friendlyName).toBe("after renewal");
  }, 20_000);

  it("fails init with a bad token", async () => {
    const server = await startTestServer();
    const client = track(new Client("not.a.token", { server: server.url, storage: null }));
    const failed = await next<{ error?: { terminal: boolean; message: string } }>(client, "initFailed");
    expect(failed.error?.terminal).toBe(true);
    expect(() => client.reachabilityEnabled).toThrow();
  });
});

describe("offline sends", () => {
  it("queues a send made while disconnected and delivers it once after reconnecting", async () => {
    const server = await startTestServer();
    const { alice, conversation, bobConversation } = await twoUsersInAConversation(server, {
      backoffConfigOverride: { min: 400, max: 400 },
    });
    const received: Message[] = [];
    bobConversation.on("messageAdded", (m) => received.push(m));
    // Cut alice's connection under her client, as a network loss would.
    const socket = (alice as unknown as { socket: { socket: { close(code: number): void } } }).socket;
    socket.socket.close(4000);
    await until(() => alice.connectionState !== "connected", 2000, "alice offline");
    const sent = conversation.sendMessage("sent while offline");
    const index = await sent;
    await until(() => received.length > 0, 5000, "bob to receive");
    await new Promise((r) => setTimeout(r, 300));
    expect(received.map((m) => m.body)).toEqual(["sent while offline"]);
    expect(received[0]!.index).toBe(index);
    expect(await conversation.getMessagesCount()).toBe(1);
  });
});

describe("the cached conversation list", () => {
  it("starts from the cache at once and catches up on what happened meanwhile", async () => {
    const server = await startTestServer();
    const storage = memoryStorage();
    const bob = await connect(server, "bob");
    const first = await connect(server, "alice", { storage });
    const conversation = await first.createConversation({ friendlyName: "Cached" });
    const bobJoined = next<Conversation>(bob, "conversationJoined");
    await conversation.add("bob");
    const bobConversation = await bobJoined;
    await first.shutdown();

    // While alice is away: a message and a rename.
    const index = await bobConversation.sendMessage("while you were out");
    await adminRest(server).request("UpdateConversation", { params: { Sid: conversation.sid }, body: { FriendlyName: "Cached, renamed" } });

    const second = track(new Client(tokenFor(server, "alice"), { server: server.url, storage }));
    const added: Conversation[] = [];
    second.on("conversationAdded", (c) => added.push(c));
    await next<void>(second, "initialized");
    expect(added.map((c) => c.sid)).toEqual([conversation.sid]);
    const restored = added[0]!;
    await until(() => restored.friendlyName === "Cached, renamed" && restored.lastMessage?.index === index, 5000, "catch-up");
    const page = await second.getSubscribedConversations({ orderBy: "recentMessage" });
    expect(page.items).toEqual([restored]);
  });
});
