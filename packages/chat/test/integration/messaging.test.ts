/** Chat users in one channel: members, messages, typing, consumption horizon, users. */
import { afterEach, describe, expect, it } from "vitest";
import type { Channel, Member, Message, User } from "../../src/index.js";
import { adminRest, connect, connectConversations, next, startTestServer, stopAll, until } from "../support/server.js";

afterEach(stopAll);

/**
 * Alice and Bob (Chat clients) in one channel Alice made (so she holds the creator's role), each
 * with their Channel object.
 */
async function pair() {
  const server = await startTestServer();
  const setup = await connectConversations(server, "alice");
  const conversation = await setup.createConversation({ friendlyName: "Pair", uniqueName: "pair" });
  await conversation.add("bob");
  const alice = await connect(server, "alice");
  const bob = await connect(server, "bob");
  const aliceChannel = await alice.getChannelBySid(conversation.sid);
  const bobChannel = await bob.getChannelBySid(conversation.sid);
  return { server, alice, bob, aliceChannel, bobChannel };
}

describe("a Chat user's channels at start-up", () => {
  it("announces each joined channel (channelAdded) before stateChanged, and lists them", async () => {
    const server = await startTestServer();
    const admin = adminRest(server);
    const made = [];
    for (const name of ["b-room", "a-room", "c-room"]) {
      const c = await admin.request("CreateConversation", { body: { FriendlyName: name, UniqueName: name } });
      await admin.request("CreateConversationParticipant", { params: { ConversationSid: c.sid }, body: { Identity: "alice" } });
      made.push(c.sid);
    }
    const alice = await connect(server, "alice");
    const subscribed = await alice.getSubscribedChannels();
    expect(subscribed.items.map((c) => c.sid).sort()).toEqual([...made].sort());
    expect(subscribed.items.every((c) => c.status === "joined")).toBe(true);
    const byName = await alice.getLocalChannels({ criteria: "friendlyName" });
    expect(byName.map((c) => c.friendlyName)).toEqual(["a-room", "b-room", "c-room"]);
    const descending = await alice.getLocalChannels({ criteria: "uniqueName", order: "descending" });
    expect(descending.map((c) => c.uniqueName)).toEqual(["c-room", "b-room", "a-room"]);
    // By last message: the newest first when descending; channels without messages last.
    await (await alice.getChannelBySid(made[0]!)).sendMessage("first");
    await new Promise((r) => setTimeout(r, 1100));
    await (await alice.getChannelBySid(made[2]!)).sendMessage("second");
    await until(() => byName.filter((c) => c.lastMessage?.dateCreated).length === 2, 5000, "the last messages");
    const recent = await alice.getLocalChannels({ criteria: "lastMessage", order: "descending" });
    expect(recent.map((c) => c.uniqueName)).toEqual(["c-room", "b-room", "a-room"]);
    const oldest = await alice.getLocalChannels({ criteria: "lastMessage" });
    expect(oldest.map((c) => c.uniqueName)).toEqual(["b-room", "c-room", "a-room"]);
    const room = await alice.getChannelByUniqueName("c-room");
    expect(room.sid).toBe(made[2]);
    await expect(alice.getLocalChannels({ criteria: "size" as never })).rejects.toThrow(TypeError);
  });
});

describe("members", () => {
  it("join and leave, seen as memberJoined / memberLeft with Chat's Member", async () => {
    const { alice, bob, aliceChannel, bobChannel } = await pair();
    const members = await aliceChannel.getMembers();
    expect(members.map((m) => m.identity).sort()).toEqual(["alice", "bob"]);
    expect(await aliceChannel.getMembersCount()).toBe(2);
    const bobMember = await aliceChannel.getMemberByIdentity("bob");
    expect(bobMember.channel).toBe(aliceChannel);
    expect(bobMember.type).toBe("chat");
    expect(await aliceChannel.getMemberBySid(bobMember.sid)).toBe(bobMember);
    await expect(aliceChannel.getMemberByIdentity("nobody")).rejects.toThrow(/not found/);

    const joined = next<Member>(aliceChannel, "memberJoined");
    const clientJoined = next<Member>(alice, "memberJoined");
    await aliceChannel.add("carol");
    const carol = await joined;
    expect(carol.identity).toBe("carol");
    expect(await clientJoined).toBe(carol);

    const left = next<Member>(bobChannel, "memberLeft");
    await aliceChannel.removeMember("carol");
    expect((await left).identity).toBe("carol");

    const bobLeft = next<Member>(aliceChannel, "memberLeft");
    const bobChannelLeft = next<Channel>(bob, "channelLeft");
    await bobChannel.leave();
    expect((await bobLeft).identity).toBe("bob");
    expect((await bobChannelLeft).sid).toBe(bobChannel.sid);
    expect(bobChannel.status).toBe("notParticipating");
  });

  it("updates attributes with Chat's update reasons", async () => {
    const { aliceChannel, bobChannel } = await pair();
    const bobAtAlice = await aliceChannel.getMemberByIdentity("bob");
    const mine = await bobChannel.getMemberByIdentity("bob");
    const updated = next<{ member: Member; updateReasons: string[] }>(bobAtAlice, "updated");
    await mine.updateAttributes({ role: "helper" });
    const event = await updated;
    expect(event.member).toBe(bobAtAlice);
    expect(event.updateReasons).toContain("attributes");
    expect(bobAtAlice.attributes).toEqual({ role: "helper" });
  });
});

describe("messages", () => {
  it("are sent, received, edited and removed, with Chat's names", async () => {
    const { alice, aliceChannel, bobChannel } = await pair();
    const added = next<Message>(bobChannel, "messageAdded");
    const index = await aliceChannel.sendMessage("hello", { mood: "good" });
    const message = await added;
    expect(message.index).toBe(index);
    expect(message.body).toBe("hello");
    expect(message.author).toBe("alice");
    expect(message.attributes).toEqual({ mood: "good" });
    expect(message.type).toBe("text");
    expect(message.channel).toBe(bobChannel);
    expect(message.dateCreated).toBeInstanceOf(Date);
    const author = await message.getMember();
    expect(author.identity).toBe("alice");
    expect(message.memberSid).toBe(author.sid);

    const [own] = (await aliceChannel.getMessages()).items;
    const updated = next<{ message: Message; updateReasons: string[] }>(bobChannel, "messageUpdated");
    await own!.updateBody("hello, edited");
    const update = await updated;
    expect(update.message).toBe(message);
    expect(update.updateReasons).toContain("body");
    expect(message.body).toBe("hello, edited");

    const removed = next<Message>(alice, "messageRemoved");
    await own!.remove();
    expect((await removed).sid).toBe(own!.sid);
    expect(await aliceChannel.getMessagesCount()).toBe(0);
  });

  it("pages backwards and forwards, oldest first", async () => {
    const { aliceChannel } = await pair();
    for (let i = 0; i < 5; i++) await aliceChannel.sendMessage(`m${i}`);
    const newest = await aliceChannel.getMessages(2);
    expect(newest.items.map((m) => m.body)).toEqual(["m3", "m4"]);
    expect(newest.hasPrevPage).toBe(true);
    const older = await newest.prevPage();
    expect(older.items.map((m) => m.body)).toEqual(["m1", "m2"]);
    const forward = await aliceChannel.getMessages(2, 1, "forward");
    expect(forward.items.map((m) => m.index)).toEqual([1, 2]);
  });

  it("carries media", async () => {
    const { aliceChannel, bobChannel } = await pair();
    const added = next<Message>(bobChannel, "messageAdded");
    await aliceChannel.sendMessage({ contentType: "text/plain", media: Buffer.from("bytes!"), filename: "a.txt" });
    const message = await added;
    expect(message.type).toBe("media");
    expect(message.media.contentType).toBe("text/plain");
    expect(message.media.size).toBe(6);
    expect(message.media.filename).toBe("a.txt");
    const url = await message.media.getContentTemporaryUrl();
    expect(await (await fetch(url)).text()).toBe("bytes!");
  });
});

describe("typing", () => {
  it("shows the other member typing and ends after the timeout", async () => {
    const { alice, aliceChannel, bobChannel } = await pair();
    await bobChannel.getMembers();
    const started = next<Member>(bobChannel, "typingStarted");
    await aliceChannel.typing();
    const typist = await started;
    expect(typist.identity).toBe("alice");
    expect(typist.isTyping).toBe(true);
    const ended = await next<Member>(bobChannel, "typingEnded", 9000);
    expect(ended).toBe(typist);
    expect(ended.isTyping).toBe(false);
    void alice;
  }, 15_000);
});

describe("consumption horizon", () => {
  it("counts unconsumed messages, moves the horizon and reports lastConsumedMessageIndex", async () => {
    const { bob, aliceChannel, bobChannel } = await pair();
    for (const text of ["one", "two", "three"]) await aliceChannel.sendMessage(text);
    await until(() => (bobChannel.lastMessage?.index ?? -1) >= 2, 5000, "bob's lastMessage");
    expect(await bobChannel.getUnconsumedMessagesCount()).toBe(3);
    const updated = next<{ channel: Channel; updateReasons: string[] }>(bob, "channelUpdated");
    expect(await bobChannel.updateLastConsumedMessageIndex(0)).toBe(2);
    expect(bobChannel.lastConsumedMessageIndex).toBe(0);
    const event = await updated;
    expect(event.channel).toBe(bobChannel);
    expect(event.updateReasons).toContain("lastConsumedMessageIndex");
    expect(await bobChannel.advanceLastConsumedMessageIndex(0)).toBe(2);
    expect(await bobChannel.setAllMessagesConsumed()).toBe(0);
    expect(await bobChannel.setNoMessagesConsumed()).toBe(3);
    expect(bobChannel.lastConsumedMessageIndex).toBe(null);
    // Alice sees Bob's horizon on his Member.
    const bobAtAlice = await aliceChannel.getMemberByIdentity("bob");
    const memberUpdated = next<{ updateReasons: string[] }>(bobAtAlice, "updated");
    await bobChannel.updateLastConsumedMessageIndex(1);
    expect((await memberUpdated).updateReasons).toContain("lastConsumedMessageIndex");
    expect(bobAtAlice.lastConsumedMessageIndex).toBe(1);
    expect(bobAtAlice.lastConsumptionTimestamp).toBeInstanceOf(Date);
    await bobChannel.setUserNotificationLevel("muted");
    expect(bobChannel.notificationLevel).toBe("muted");
  });
});

describe("users", () => {
  it("follows users, renames reasons, and gives descriptors", async () => {
    const { alice, bob, aliceChannel } = await pair();
    const bobUser = await alice.getUser("bob");
    expect(bobUser.identity).toBe("bob");
    expect(bobUser.isSubscribed).toBe(true);
    expect((await alice.getSubscribedUsers()).map((u) => u.identity)).toContain("bob");
    const updated = next<{ user: User; updateReasons: string[] }>(alice, "userUpdated");
    await bob.user.updateFriendlyName("Bobby");
    const event = await updated;
    expect(event.user).toBe(bobUser);
    expect(event.updateReasons).toEqual(["friendlyName"]);
    expect(bobUser.friendlyName).toBe("Bobby");

    const descriptor = await alice.getUserDescriptor("bob");
    expect(descriptor.friendlyName).toBe("Bobby");
    expect(await descriptor.subscribe()).toBe(bobUser);
    const descriptors = await aliceChannel.getUserDescriptors();
    expect(descriptors.items.map((d) => d.identity).sort()).toEqual(["alice", "bob"]);
    const member = await aliceChannel.getMemberByIdentity("bob");
    expect(await member.getUser()).toBe(bobUser);
    expect((await member.getUserDescriptor()).identity).toBe("bob");

    const unsubscribed = next<User>(alice, "userUnsubscribed");
    await bobUser.unsubscribe();
    expect(await unsubscribed).toBe(bobUser);
    expect(bobUser.isSubscribed).toBe(false);
  });
});
