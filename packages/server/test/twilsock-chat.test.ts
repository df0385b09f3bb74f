/**
 * The legacy official Chat SDK, twilio-chat 6.0.0 unmodified from npm, through the same gateway
 * (Chat's client API is `Client/v1`). @twilio/conversations 2.7.0 runs every scenario of
 * twilsock-sdk.test.ts.
 */
import { Client as ChatClient } from "twilio-chat";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/index.js";
import { account, callAs } from "./support/as-user.js";
import { testServer } from "./support/server.js";
import { userToken } from "./support/user-token.js";
import { eventually, next } from "./support/wait.js";

let server: RunningServer;
const shutdowns: (() => Promise<unknown>)[] = [];

beforeEach(async () => {
  server = await testServer();
});
afterEach(async () => {
  for (const stop of shutdowns.splice(0)) await stop().catch(() => {});
  await server.close();
});

const twilsock = () => ({ Twilsock: { uri: `${server.url.replace(/^http/, "ws")}/v3/wsconnect` } });

describe("twilio-chat 6.0.0 through the twilsock gateway", () => {
  it("initializes, creates a channel, adds a member and exchanges messages", async () => {
    const start = async (identity: string) => {
      const client = await ChatClient.create(userToken(server, identity), twilsock() as never);
      shutdowns.push(() => client.shutdown());
      return client;
    };
    const alice = await start("alice");
    const bob = await start("bob");
    const channel = await alice.createChannel({ friendlyName: "chat room", uniqueName: "chat-1" });
    expect(channel.friendlyName).toBe("chat room");
    const bobJoined = next<any>(bob, "channelJoined");
    await channel.add("bob");
    const bobChannel = await bobJoined;
    expect(bobChannel.sid).toBe(channel.sid);
    // Chat opens a channel's messages lazily: a message sent before then is history, not an event.
    await bobChannel.getMessages();
    const received = next<any>(bobChannel, "messageAdded");
    await channel.sendMessage("from twilio-chat");
    const message = await received;
    expect(message.body).toBe("from twilio-chat");
    expect(message.author).toBe("alice");
    const members = await channel.getMembers();
    expect(members.map((m: any) => m.identity).sort()).toEqual(["alice", "bob"]);
  });

  it("edits and removes messages, shows typing, keeps the consumption horizon and updates users", async () => {
    const start = async (identity: string) => {
      const client = await ChatClient.create(userToken(server, identity), twilsock() as never);
      shutdowns.push(() => client.shutdown());
      return client;
    };
    const alice = await start("alice");
    const bob = await start("bob");
    const channel = await alice.createChannel({ friendlyName: "chat edits" });
    const bobJoined = next<any>(bob, "channelJoined");
    await channel.add("bob");
    const bobChannel = await bobJoined;
    await bobChannel.getMessages();

    const added = next<any>(bobChannel, "messageAdded");
    await channel.sendMessage("draft");
    const message = await added;
    const updated = next<any>(bobChannel, "messageUpdated");
    const own = (await channel.getMessages()).items[0] as any;
    await own.updateBody("final");
    expect((await updated).message.body).toBe("final");
    const removed = next<any>(bobChannel, "messageRemoved");
    await own.remove();
    expect((await removed).sid).toBe(message.sid);

    const typing = next<any>(bobChannel, "typingStarted");
    await channel.typing();
    expect((await typing).identity).toBe("alice");

    for (const body of ["a", "b", "c"]) await channel.sendMessage(body);
    await bobChannel.updateLastConsumedMessageIndex(1);
    const deadline = Date.now() + 5000;
    let unconsumed = await bobChannel.getUnconsumedMessagesCount();
    while (unconsumed !== 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      unconsumed = await bobChannel.getUnconsumedMessagesCount();
    }
    expect(unconsumed).toBe(2);

    const aliceSeenByBob = await bob.getUser("alice");
    const renamed = next<any>(aliceSeenByBob, "updated");
    await alice.user.updateFriendlyName("Alice from Chat");
    expect((await renamed).user.friendlyName).toBe("Alice from Chat");

    const left = next<any>(bob, "channelLeft");
    await bobChannel.leave();
    expect((await left).sid).toBe(channel.sid);
  });

  it("joins and removes members, sends media, pages channels, and sees presence", async () => {
    await callAs(server, account, "POST", `/v1/Services/${server.credentials.serviceSid}/Configuration`, { ReachabilityEnabled: "true" });
    const start = async (identity: string) => {
      const client = await ChatClient.create(userToken(server, identity), twilsock() as never);
      shutdowns.push(() => client.shutdown());
      return client;
    };
    const alice = await start("alice");
    const bob = await start("bob");
    const channel = await alice.createChannel({ friendlyName: "members" });
    const bobJoined = next<any>(bob, "channelJoined");
    await channel.add("bob");
    const bobChannel = await bobJoined;
    await bobChannel.getMessages();

    const received = next<any>(bobChannel, "messageAdded");
    await channel.sendMessage({ contentType: "image/png", filename: "pic.png", media: Buffer.from("chat picture") } as never);
    const message = await received;
    expect(message.type).toBe("media");
    const url = await message.media.getContentTemporaryUrl();
    expect(Buffer.from(await (await fetch(url)).arrayBuffer()).toString()).toBe("chat picture");

    const aliceSeenByBob = await bob.getUser("alice");
    expect(aliceSeenByBob.online).toBe(true);

    const memberLeft = next<any>(channel, "memberLeft");
    await channel.removeMember("bob");
    expect((await memberLeft).identity).toBe("bob");

    for (let i = 0; i < 55; i++) {
      const c = await alice.createChannel({ friendlyName: `c${i}` });
      expect(c.status).toBe("joined");
    }
    const seen = new Set<string>();
    let page = await alice.getSubscribedChannels();
    for (const c of page.items) seen.add(c.sid);
    while (page.hasNextPage) {
      page = await page.nextPage();
      for (const c of page.items) seen.add(c.sid);
    }
    expect(seen.size).toBe(56);
  }, 30_000);

  it("takes a new token, reports expiry and a denied token, and replays what a cut socket missed", async () => {
    await server.close();
    server = await testServer({ realtime: { tokenWarningMs: 2000 } });
    const denied = await ChatClient.create(`${userToken(server, "mallory").slice(0, -4)}AAAA`, twilsock() as never).catch(
      (error: unknown) => error,
    );
    if (denied && typeof (denied as { shutdown?: unknown }).shutdown === "function") {
      shutdowns.push(() => (denied as { shutdown(): Promise<void> }).shutdown());
      const deadline = Date.now() + 5000;
      while ((denied as { connectionState: string }).connectionState !== "denied" && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect((denied as { connectionState: string }).connectionState).toBe("denied");
    } else {
      expect(denied).toBeInstanceOf(Error);
    }

    const alice = await ChatClient.create(userToken(server, "alice", { ttlSeconds: 3 }), twilsock() as never);
    shutdowns.push(() => alice.shutdown());
    await next<void>(alice, "tokenAboutToExpire", 10_000);
    await alice.updateToken(userToken(server, "alice", { ttlSeconds: 7200 }));
    const bob = await ChatClient.create(userToken(server, "bob"), twilsock() as never);
    shutdowns.push(() => bob.shutdown());
    const channel = await alice.createChannel({ friendlyName: "replay" });
    const bobJoined = next<any>(bob, "channelJoined");
    await channel.add("bob");
    const bobChannel = await bobJoined;
    await bobChannel.getMessages();
    const seen: string[] = [];
    bobChannel.on("messageAdded", (m: any) => seen.push(m.body));
    await channel.sendMessage("before");
    await new Promise((r) => setTimeout(r, 200));
    for (const socket of server.realtime.hub.socketsOf(server.credentials.serviceSid, "bob")) socket.close(1011, "cut");
    for (const body of ["away 1", "away 2"]) await channel.sendMessage(body);
    const deadline = Date.now() + 15_000;
    while (seen.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual(["before", "away 1", "away 2"]);
    // The renewed token outlived the first one: Alice is still connected.
    expect(alice.connectionState).toBe("connected");

    const short = await ChatClient.create(userToken(server, "carol", { ttlSeconds: 2 }), twilsock() as never);
    shutdowns.push(() => short.shutdown());
    await next<void>(short, "tokenExpired", 10_000);
  }, 45_000);
});

describe("twilio-chat 6.0.0: public and private channels, invites", () => {
  const start = async (identity: string) => {
    const client = await ChatClient.create(userToken(server, identity), twilsock() as never);
    shutdowns.push(() => client.shutdown());
    return client;
  };

  it("lists public channels a page at a time; a non-member gets one, joins it and talks", async () => {
    const alice = await start("alice");
    const bob = await start("bob");
    const lobby = await alice.createChannel({ friendlyName: "lobby", uniqueName: "lobby", attributes: { topic: "all" } });
    expect(lobby.type).toBe("public");
    expect(lobby.isPrivate).toBe(false);
    const hidden = await alice.createChannel({ friendlyName: "hidden", isPrivate: true });
    expect(hidden.isPrivate).toBe(true);
    // Enough public channels for a second page (the client API answers 50 a page).
    for (let i = 0; i < 50; i++) await alice.createChannel({ friendlyName: `public ${i}` });
    let page = await bob.getPublicChannelDescriptors();
    expect(page.items).toHaveLength(50);
    expect(page.hasNextPage).toBe(true);
    const descriptors = [...page.items];
    while (page.hasNextPage) {
      page = await page.nextPage();
      descriptors.push(...page.items);
    }
    expect(descriptors).toHaveLength(51);
    expect(descriptors.map((d: any) => d.sid)).not.toContain(hidden.sid);
    const lobbyDescriptor = descriptors.find((d: any) => d.sid === lobby.sid) as any;
    expect(lobbyDescriptor).toMatchObject({
      uniqueName: "lobby",
      friendlyName: "lobby",
      createdBy: "alice",
      type: "public",
      isPrivate: false,
    });
    expect(lobbyDescriptor.attributes).toEqual({ topic: "all" });
    expect(lobbyDescriptor.membersCount).toBe(1);
    expect(lobbyDescriptor.messagesCount).toBe(0);

    // A private channel Bob is not in stays hidden from him.
    await expect(bob.getChannelBySid(hidden.sid)).rejects.toBeTruthy();

    const channel = await lobbyDescriptor.getChannel();
    expect(channel.sid).toBe(lobby.sid);
    expect(channel.status).not.toBe("joined");
    expect(channel.friendlyName).toBe("lobby");
    const joined = next<any>(bob, "channelJoined");
    const memberJoined = next<any>(lobby, "memberJoined");
    await channel.join();
    expect((await joined).sid).toBe(lobby.sid);
    expect((await memberJoined).identity).toBe("bob");
    await eventually(() => expect(channel.status).toBe("joined"));
    await channel.getMessages();
    const heard = next<any>(lobby, "messageAdded");
    await channel.sendMessage("hello lobby");
    expect((await heard).author).toBe("bob");

    const mine = await bob.getUserChannelDescriptors();
    const entry = mine.items.find((d: any) => d.sid === lobby.sid) as any;
    expect(entry).toMatchObject({ status: "joined", type: "public", isPrivate: false, membersCount: 2, messagesCount: 1 });
  }, 60_000);

  it("invites to a private channel: the invitee sees channelInvited, may decline; another joins by the invite", async () => {
    const alice = await start("alice");
    const bob = await start("bob");
    const carol = await start("carol");
    const secret = await alice.createChannel({ friendlyName: "secret", isPrivate: true });
    expect((await bob.getPublicChannelDescriptors()).items.map((d: any) => d.sid)).not.toContain(secret.sid);

    const bobInvited = next<any>(bob, "channelInvited");
    await secret.invite("bob");
    const invitedChannel = await bobInvited;
    expect(invitedChannel.sid).toBe(secret.sid);
    expect(invitedChannel.status).toBe("invited");
    expect(invitedChannel.isPrivate).toBe(true);
    await eventually(() => expect(invitedChannel.friendlyName).toBe("secret"));
    // The invitee hears of changes to the channel it is invited to.
    const renamed = next<any>(invitedChannel, "updated");
    await secret.updateFriendlyName("secret room");
    expect((await renamed).updateReasons).toContain("friendlyName");
    expect(invitedChannel.friendlyName).toBe("secret room");
    const listed = await bob.getUserChannelDescriptors();
    expect(listed.items.find((d: any) => d.sid === secret.sid)).toMatchObject({ status: "invited", isPrivate: true });
    // Inviting the same user twice, or a member, is refused (409).
    await expect(secret.invite("bob")).rejects.toMatchObject({ status: 409 });
    await expect(secret.invite("alice")).rejects.toMatchObject({ status: 409 });

    const bobLeft = next<any>(bob, "channelLeft");
    await invitedChannel.decline();
    expect((await bobLeft).sid).toBe(secret.sid);
    await expect(invitedChannel.join()).rejects.toMatchObject({ status: 404 });
    const afterDecline = await bob.getUserChannelDescriptors();
    expect(afterDecline.items.map((d: any) => d.sid)).not.toContain(secret.sid);

    const carolInvited = next<any>(carol, "channelInvited");
    await secret.invite("carol");
    const carolChannel = await carolInvited;
    const carolJoined = next<any>(carol, "channelJoined");
    await carolChannel.join();
    expect((await carolJoined).sid).toBe(secret.sid);
    await eventually(() => expect(carolChannel.status).toBe("joined"));
    const members = await secret.getMembers();
    expect(members.map((m: any) => m.identity).sort()).toEqual(["alice", "carol"]);
    await carolChannel.getMessages();
    const heard = next<any>(carolChannel, "messageAdded");
    await secret.sendMessage("welcome, carol");
    expect((await heard).body).toBe("welcome, carol");
    expect(await server.core.store.getByKey("invite", secret.sid, "carol")).toBeNull();
  }, 60_000);
});
