/** Two users against a real Confab server: creating, joining, adding, leaving, messages. */
import { afterEach, describe, expect, it } from "vitest";
import type { Conversation, Message, Participant } from "../../src/index.js";
import { connect, next, startTestServer, stopAll, until } from "../support/server.js";

afterEach(stopAll);

describe("conversations between two users", () => {
  it("initializes with connectionState, user and reachability", async () => {
    const server = await startTestServer();
    const alice = await connect(server, "alice");
    expect(alice.connectionState).toBe("connected");
    expect(alice.user.identity).toBe("alice");
    expect(typeof alice.reachabilityEnabled).toBe("boolean");
    const page = await alice.getSubscribedConversations();
    expect(page.items).toEqual([]);
  });

  it("create, join, add, message both ways, edit, remove, leave", async () => {
    const server = await startTestServer();
    const alice = await connect(server, "alice");
    const bob = await connect(server, "bob");

    const added = next<Conversation>(alice, "conversationAdded");
    const joined = next<Conversation>(alice, "conversationJoined");
    const conversation = await alice.createConversation({ friendlyName: "Lunch", uniqueName: "lunch", attributes: { topic: "food" } });
    expect(await added).toBe(conversation);
    expect(conversation.friendlyName).toBe("Lunch");
    expect(conversation.attributes).toEqual({ topic: "food" });
    expect(conversation.createdBy).toBe("alice");
    // The server makes the creator a participant; join() is then a no-op.
    expect((await joined).sid).toBe(conversation.sid);
    expect(conversation.status).toBe("joined");
    await conversation.join();

    const bobJoined = next<Conversation>(bob, "conversationJoined");
    const response = await conversation.add("bob", { role: "guest" });
    expect(response.identity).toBe("bob");
    expect(response.sid).toMatch(/^MB/);
    const bobConversation = await bobJoined;
    expect(bobConversation.friendlyName).toBe("Lunch");
    expect(bobConversation.status).toBe("joined");
    expect((await bob.getSubscribedConversations()).items.map((c) => c.sid)).toEqual([conversation.sid]);

    const participants = await conversation.getParticipants();
    expect(participants.map((p) => p.identity).sort()).toEqual(["alice", "bob"]);
    expect((await conversation.getParticipantByIdentity("bob"))?.attributes).toEqual({ role: "guest" });

    const bobSees = next<Message>(bobConversation, "messageAdded");
    const index = await conversation.sendMessage("hello bob", { urgent: true });
    expect(typeof index).toBe("number");
    const received = await bobSees;
    expect(received.body).toBe("hello bob");
    expect(received.author).toBe("alice");
    expect(received.index).toBe(index);
    expect(received.attributes).toEqual({ urgent: true });
    expect(received.type).toBe("text");
    expect(bobConversation.lastMessage?.index).toBe(index);

    const aliceSees = next<Message>(conversation, "messageAdded");
    await bobConversation.sendMessage("hi alice");
    expect((await aliceSees).author).toBe("bob");

    const updated = next<{ message: Message; updateReasons: string[] }>(bobConversation, "messageUpdated");
    const [mine] = (await conversation.getMessages(1, index, "backwards")).items;
    await mine!.updateBody("hello, bob");
    const update = await updated;
    expect(update.message.body).toBe("hello, bob");
    expect(update.updateReasons).toContain("body");

    const removed = next<Message>(bobConversation, "messageRemoved");
    await mine!.remove();
    expect((await removed).sid).toBe(mine!.sid);

    const participantLeft = next<Participant>(conversation, "participantLeft");
    const bobLeft = next<Conversation>(bob, "conversationLeft");
    await bobConversation.leave();
    expect((await bobLeft).sid).toBe(conversation.sid);
    expect((await participantLeft).identity).toBe("bob");
    await until(async () => (await bob.getSubscribedConversations()).items.length === 0, 5000, "bob's list to empty");
  });

  it("updates a conversation's fields on both sides and deletes it", async () => {
    const server = await startTestServer();
    const alice = await connect(server, "alice");
    const bob = await connect(server, "bob");
    const conversation = await alice.createConversation({ friendlyName: "Old" });
    const bobJoined = next<Conversation>(bob, "conversationJoined");
    await conversation.add("bob");
    const bobConversation = await bobJoined;

    const bobUpdated = next<{ conversation: Conversation; updateReasons: string[] }>(bob, "conversationUpdated");
    await conversation.updateFriendlyName("New");
    const update = await bobUpdated;
    expect(update.conversation.friendlyName).toBe("New");
    expect(update.updateReasons).toContain("friendlyName");

    await conversation.updateAttributes({ a: 1 });
    await until(() => JSON.stringify(bobConversation.attributes) === '{"a":1}', 5000, "attributes on bob's side");
    await conversation.updateUniqueName("unique-1");
    expect((await bob.getConversationByUniqueName("unique-1")).sid).toBe(conversation.sid);

    const removed = next<Conversation>(bob, "conversationRemoved");
    await conversation.delete();
    expect((await removed).sid).toBe(conversation.sid);
  });

  it("getConversationBySid finds the user's conversations and names a missing SID", async () => {
    const server = await startTestServer();
    const alice = await connect(server, "alice");
    const bob = await connect(server, "bob");
    const conversation = await alice.createConversation({ friendlyName: "Open" });
    expect(await alice.getConversationBySid(conversation.sid)).toBe(conversation);
    // The server hides a conversation from non-participants, so the peek fallback finds nothing.
    await expect(bob.getConversationBySid(conversation.sid)).rejects.toThrow(`Conversation with SID ${conversation.sid} was not found.`);
    const missing = "CH00000000000000000000000000000000";
    await expect(bob.getConversationBySid(missing)).rejects.toThrow(`Conversation with SID ${missing} was not found.`);
  });

  it("validates arguments with TypeErrors", async () => {
    const server = await startTestServer();
    const alice = await connect(server, "alice");
    const conversation = await alice.createConversation();
    await expect(conversation.add("")).rejects.toBeInstanceOf(TypeError);
    await expect(conversation.getMessages(0)).rejects.toBeInstanceOf(TypeError);
    await expect(alice.getUser(42 as unknown as string)).rejects.toBeInstanceOf(TypeError);
    await expect(conversation.updateAttributes(undefined as never)).rejects.toBeInstanceOf(TypeError);
  });
});
