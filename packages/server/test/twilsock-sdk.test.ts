/**
 * The unmodified official SDKs (@twilio/conversations 3.0.1 and 2.7.0 from npm, the same API on
 * different twilsock and Sync versions) against Confab's twilsock gateway: the only change an
 * app makes is the Twilsock URI. Every scenario runs on both.
 */
import { Client as Client27 } from "@twilio/conversations";
import * as Conversations3 from "twilio-conversations-3";
import { Client as ChatClient } from "twilio-chat";
import { Client as TwilioClient, type Conversation, type Message } from "twilio-conversations-3";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createConversation } from "../src/core/conversations.js";
import { createInvite } from "../src/core/invites.js";
import { type RunningServer, recordDeliveryStatus } from "../src/index.js";
import { recordSdkUse } from "./support/sdk-coverage.js";
import { account, callAs } from "./support/as-user.js";
import { testServer } from "./support/server.js";
import { userToken } from "./support/user-token.js";
import { eventually, next } from "./support/wait.js";

let server: RunningServer;
const use = recordSdkUse(Conversations3 as Record<string, unknown>);
afterAll(() => {
  const { methods, events } = use.report();
  console.log(
    `@twilio/conversations 3.0.1 through the gateway: ${methods.used} of ${methods.total} methods called, ${events.used} of ${events.total} events fired\nnot called: ${methods.missing.join(", ")}\nnot fired: ${events.missing.join(", ")}`,
  );
});
const clients: TwilioClient[] = [];

beforeEach(async () => {
  server = await testServer();
});
afterEach(async () => {
  for (const client of clients.splice(0)) await client.shutdown().catch(() => {});
  await server.close();
});

const versions = [
  ["3.0.1", TwilioClient],
  ["2.7.0", Client27 as unknown as typeof TwilioClient],
] as const;
let SdkClient: typeof TwilioClient = TwilioClient;

async function officialClient(identity: string, token = userToken(server, identity)): Promise<TwilioClient> {
  const client = new SdkClient(token, { Twilsock: { uri: `${server.url.replace(/^http/, "ws")}/v3/wsconnect` } } as never);
  clients.push(client);
  await new Promise<void>((resolve, reject) => {
    client.once("initialized", () => resolve());
    client.once("initFailed", ({ error }) => reject(new Error(error?.message ?? "initFailed")));
  });
  return client;
}

describe.each(versions)("@twilio/conversations %s through the twilsock gateway", (_version, Sdk) => {
  beforeEach(() => {
    SdkClient = Sdk;
  });

  it("initializes, creates a conversation, adds a participant and exchanges messages", async () => {
    const alice = await officialClient("alice");
    expect(alice.connectionState).toBe("connected");
    expect(alice.user.identity).toBe("alice");
    const bob = await officialClient("bob");

    const conversation = await alice.createConversation({ friendlyName: "through twilsock", uniqueName: "gw-1" });
    expect(conversation.friendlyName).toBe("through twilsock");
    const bobJoined = next<Conversation>(bob, "conversationJoined");
    await conversation.add("bob");
    const bobConversation = await bobJoined;
    expect(bobConversation.sid).toBe(conversation.sid);
    // The SDK opens a conversation's messages lazily: until then a new message is history, not an event.
    await Promise.all([bobConversation.getMessages(), conversation.getMessages()]);

    const received = next<Message>(bobConversation, "messageAdded");
    // Alice's own messageAdded may come after sendMessage resolves: wait for it, so the next wait is for Bob's.
    const own = next<Message>(conversation, "messageAdded");
    const index = await conversation.sendMessage("hello from the official SDK", { foo: 1 });
    expect((await own).body).toBe("hello from the official SDK");
    expect(index).toBe(0);
    const message = await received;
    expect(message).toMatchObject({ body: "hello from the official SDK", author: "alice", index: 0 });
    expect(message.attributes).toEqual({ foo: 1 });

    const reply = next<Message>(conversation, "messageAdded");
    await bobConversation.sendMessage("hi alice");
    expect((await reply).body).toBe("hi alice");

    const page = await conversation.getMessages();
    expect(page.items.map((m) => m.body)).toEqual(["hello from the official SDK", "hi alice"]);
    // The SDK answers these from its Sync caches, which follow the server's events.
    await eventually(async () => expect((await conversation.getParticipants()).map((p) => p.identity).sort()).toEqual(["alice", "bob"]));
    await eventually(async () => expect((await bob.getSubscribedConversations()).items.map((c) => c.sid)).toContain(conversation.sid));
  });

  it("edits and removes messages, updates the conversation, and shows typing start and end", async () => {
    const alice = await officialClient("alice");
    const bob = await officialClient("bob");
    const conversation = await alice.createConversation({ friendlyName: "edits" });
    const bobJoined = next<Conversation>(bob, "conversationJoined");
    await conversation.add("bob");
    const bobConversation = await bobJoined;
    await bobConversation.getMessages();

    const added = next<Message>(bobConversation, "messageAdded");
    await conversation.sendMessage("first draft");
    const message = await added;
    const updated = next<{ message: Message; updateReasons: string[] }>(bobConversation, "messageUpdated");
    const [own] = (await conversation.getMessages()).items;
    await own?.updateBody("final text");
    const update = await updated;
    expect(update.message.body).toBe("final text");
    expect(update.updateReasons).toContain("body");

    const removed = next<Message>(bobConversation, "messageRemoved");
    await own?.remove();
    expect((await removed).sid).toBe(message.sid);

    const renamed = next<{ conversation: Conversation; updateReasons: string[] }>(bobConversation, "updated");
    await conversation.updateFriendlyName("renamed");
    const rename = await renamed;
    expect(rename.conversation.friendlyName).toBe("renamed");
    expect(rename.updateReasons).toContain("friendlyName");

    const typing = next<{ identity: string }>(bobConversation, "typingStarted");
    const ended = next<{ identity: string }>(bobConversation, "typingEnded", 12_000);
    await conversation.typing();
    expect((await typing).identity).toBe("alice");
    expect((await ended).identity).toBe("alice");
  });

  it("keeps the read horizon and unread counts, and tells a participant it left", async () => {
    const alice = await officialClient("alice");
    const bob = await officialClient("bob");
    const conversation = await alice.createConversation({ friendlyName: "horizon" });
    const bobJoined = next<Conversation>(bob, "conversationJoined");
    await conversation.add("bob");
    const bobConversation = await bobJoined;
    for (const body of ["one", "two", "three"]) await conversation.sendMessage(body);
    await new Promise((r) => setTimeout(r, 200));
    expect(await bobConversation.getUnreadMessagesCount()).toBe(3);
    await bobConversation.updateLastReadMessageIndex(1);
    expect(await bobConversation.getUnreadMessagesCount()).toBe(1);
    await bobConversation.setAllMessagesRead();
    expect(await bobConversation.getUnreadMessagesCount()).toBe(0);

    const left = next<Conversation>(bob, "conversationLeft");
    const participantLeft = next<{ identity: string }>(conversation, "participantLeft");
    await bobConversation.leave();
    expect((await left).sid).toBe(conversation.sid);
    expect((await participantLeft).identity).toBe("bob");
  });

  it("updates the user's friendly name and shows it to others", async () => {
    const alice = await officialClient("alice");
    const bob = await officialClient("bob");
    const conversation = await alice.createConversation({ friendlyName: "users" });
    await conversation.add("bob");
    await new Promise((r) => setTimeout(r, 200));
    const aliceSeenByBob = await bob.getUser("alice");
    const updated = next<{ user: { friendlyName: string }; updateReasons: string[] }>(aliceSeenByBob, "updated");
    const own = next<{ updateReasons: string[] }>(alice.user, "updated");
    await alice.user.updateFriendlyName("Alice A.");
    await own;
    expect(alice.user.friendlyName).toBe("Alice A.");
    const update = await updated;
    expect(update.user.friendlyName).toBe("Alice A.");
    expect(update.updateReasons).toContain("friendlyName");
  });

  it("refuses a bad token as denied", async () => {
    const client = new SdkClient(`${userToken(server, "alice").slice(0, -4)}AAAA`, {
      Twilsock: { uri: `${server.url.replace(/^http/, "ws")}/v3/wsconnect` },
    } as never);
    clients.push(client);
    const failed = await next<{ error?: { message: string } }>(client, "initFailed");
    expect(failed.error).toBeDefined();
    expect(client.connectionState).toBe("denied");
  });

  it("warns before the token expires, takes a new one, and ends the session when one runs out", async () => {
    await server.close();
    // Warned 2 s before expiry: a 3 s token is warned about a second after the SDK is up.
    server = await testServer({ realtime: { tokenWarningMs: 2000 } });
    const uri = { Twilsock: { uri: `${server.url.replace(/^http/, "ws")}/v3/wsconnect` } } as never;
    // Listen before initialization completes: on a loaded machine the warning may come first.
    const alice = new SdkClient(userToken(server, "alice", { ttlSeconds: 3 }), uri);
    clients.push(alice);
    const warned = next<void>(alice, "tokenAboutToExpire", 10_000);
    await next<void>(alice, "initialized", 10_000);
    await warned;
    await alice.updateToken(userToken(server, "alice", { ttlSeconds: 7200 }));
    const conversation = await alice.createConversation({ friendlyName: "after update" });
    expect(conversation.friendlyName).toBe("after update");
    // The renewed token outlives the old one's expiry: still connected after it.
    await new Promise((r) => setTimeout(r, 3500));
    expect(alice.connectionState).toBe("connected");

    const bob = new SdkClient(userToken(server, "bob", { ttlSeconds: 2 }), uri);
    clients.push(bob);
    await next<void>(bob, "tokenExpired", 10_000);
  }, 30_000);

  it("gets what it missed after its socket is cut: the SDK resubscribes and the gateway replays", async () => {
    const alice = await officialClient("alice");
    const bob = await officialClient("bob");
    const conversation = await alice.createConversation({ friendlyName: "replay" });
    const bobJoined = next<Conversation>(bob, "conversationJoined");
    await conversation.add("bob");
    const bobConversation = await bobJoined;
    await bobConversation.getMessages();
    const seen: string[] = [];
    bobConversation.on("messageAdded", (m: Message) => seen.push(m.body ?? ""));
    await conversation.sendMessage("before");
    await new Promise((r) => setTimeout(r, 200));

    // Cut Bob's twilsock connection from the server side, as a network drop would.
    for (const socket of server.realtime.hub.socketsOf(server.credentials.serviceSid, "bob")) socket.close(1011, "cut");
    for (const body of ["while away 1", "while away 2"]) await conversation.sendMessage(body);
    const deadline = Date.now() + 15_000;
    while (seen.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual(["before", "while away 1", "while away 2"]);
  }, 30_000);

  it("sends a media message through the media service and serves its content URL", async () => {
    const alice = await officialClient("alice");
    const bob = await officialClient("bob");
    const conversation = await alice.createConversation({ friendlyName: "media" });
    const bobJoined = next<Conversation>(bob, "conversationJoined");
    await conversation.add("bob");
    const bobConversation = await bobJoined;
    await bobConversation.getMessages();
    const received = next<Message>(bobConversation, "messageAdded");
    const bytes = Buffer.from("a tiny picture");
    await conversation.sendMessage({ contentType: "image/png", filename: "pic.png", media: bytes });
    const message = await received;
    expect(message.type).toBe("media");
    expect(message.attachedMedia).toHaveLength(1);
    const [media] = message.attachedMedia ?? [];
    expect([media?.contentType, media?.filename, media?.size, media?.category]).toEqual(["image/png", "pic.png", bytes.length, "media"]);
    const url = await media?.getContentTemporaryUrl();
    expect(url).toMatch(/^http/);
    const content = await fetch(url as string);
    expect(Buffer.from(await content.arrayBuffer()).toString()).toBe("a tiny picture");
    // The batch lookup goes through the media set service.
    const urls = await message.getTemporaryContentUrlsForAttachedMedia();
    expect([...urls.keys()]).toEqual([media?.sid]);
    const again = await fetch(urls.get(media?.sid as string) as string);
    expect(again.status).toBe(200);
  });

  it("shows a user coming online and going offline when the service reports reachability", async () => {
    await callAs(server, account, "POST", `/v1/Services/${server.credentials.serviceSid}/Configuration`, { ReachabilityEnabled: "true" });
    const alice = await officialClient("alice");
    expect(alice.reachabilityEnabled).toBe(true);
    const conversation = await alice.createConversation({ friendlyName: "presence" });
    await conversation.add("bob");
    const bob = await officialClient("bob");
    const bobSeenByAlice = await alice.getUser("bob");
    await new Promise((r) => setTimeout(r, 100));
    expect(bobSeenByAlice.isOnline).toBe(true);
    const offline = next<{ updateReasons: string[] }>(bobSeenByAlice, "updated");
    await bob.shutdown();
    expect((await offline).updateReasons).toContain("reachabilityOnline");
    expect(bobSeenByAlice.isOnline).toBe(false);
  });

  it("registers the device for push notifications through the registration service", async () => {
    expect((await callAs(server, account, "POST", "/v1/Credentials", { Type: "fcm", Secret: "server-key" })).status).toBe(201);
    const alice = await officialClient("alice");
    await alice.setPushRegistrationId("fcm", "device-registration-1");
    const bindings = async () =>
      (await callAs(server, account, "GET", `/v1/Services/${server.credentials.serviceSid}/Bindings?Identity=alice`)).body.bindings as {
        endpoint: string;
      }[];
    const deadline = Date.now() + 5000;
    while ((await bindings()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect((await bindings()).map((b) => b.endpoint)).toEqual(["device-registration-1"]);
  });

  it("shows delivery receipts a channel reports, as a summary and in detail", async () => {
    const alice = await officialClient("alice");
    const conversation = await alice.createConversation({ friendlyName: "receipts" });
    const sms = (
      await callAs(server, account, "POST", `/v1/Conversations/${conversation.sid}/Participants`, {
        "MessagingBinding.Address": "+15550001111",
        "MessagingBinding.ProxyAddress": "+15550002222",
      })
    ).body as { sid: string };
    await conversation.getMessages();
    const added = next<Message>(conversation, "messageAdded");
    await conversation.sendMessage("to a phone");
    const message = await added;
    expect(message.aggregatedDeliveryReceipt).toBeNull();
    const updated = next<{ updateReasons: string[] }>(message, "updated");
    await recordDeliveryStatus(server.core, {
      messageSid: message.sid,
      participantSid: sms.sid,
      status: "delivered",
      channelMessageSid: `SM${"1".repeat(32)}`,
    });
    expect((await updated).updateReasons).toContain("deliveryReceipt");
    expect(message.aggregatedDeliveryReceipt?.total).toBe(1);
    expect(message.aggregatedDeliveryReceipt?.delivered).toBe("all");
    const detailed = await message.getDetailedDeliveryReceipts();
    expect(detailed.map((r) => [r.participantSid, r.status])).toEqual([[sms.sid, "delivered"]]);
  });

  it("tours the rest of the Conversation, Participant, Message, User and paginator API", async () => {
    const alice = await officialClient("alice");
    const bob = await officialClient("bob");
    const conversation = await alice.createConversation({ friendlyName: "tour", uniqueName: "tour-1", attributes: { topic: "a" } });
    expect((await alice.getConversationByUniqueName("tour-1")).sid).toBe(conversation.sid);
    expect((await alice.peekConversationBySid(conversation.sid)).sid).toBe(conversation.sid);
    await conversation.updateUniqueName("tour-2");
    await conversation.updateAttributes({ topic: "b" });
    // Writes return once the server took them; the SDK's objects follow the Sync event just after.
    await eventually(async () => expect(await conversation.getAttributes()).toEqual({ topic: "b" }));

    const bobJoined = next<Conversation>(bob, "conversationJoined");
    await conversation.add("bob", { role: "guest" });
    const bobConversation = await bobJoined;
    await eventually(async () => expect(await conversation.getParticipantsCount()).toBe(2));
    await eventually(async () => expect((await conversation.getParticipantByIdentity("bob"))?.attributes).toEqual({ role: "guest" }));
    const bobParticipant = await conversation.getParticipantByIdentity("bob");
    expect((await conversation.getParticipantBySid(bobParticipant?.sid as string))?.identity).toBe("bob");
    expect((await bobParticipant?.getUser())?.identity).toBe("bob");
    await bobParticipant?.updateAttributes({ role: "member" });

    await bobConversation.getMessages();
    for (let i = 0; i < 5; i++) await conversation.sendMessage(`m${i}`);
    const built = await conversation.prepareMessage().setBody("built").setAttributes({ b: 1 }).build().send();
    expect(built).toBe(5);
    await conversation.prepareMessage().setBody("built and sent").buildAndSend();
    expect(await conversation.getMessagesCount()).toBe(7);

    const first = await conversation.getMessages(3);
    expect(first.items.map((m) => m.body)).toEqual(["m4", "built", "built and sent"]);
    expect(first.hasPrevPage).toBe(true);
    const earlier = await first.prevPage();
    expect(earlier.items.map((m) => m.body)).toEqual(["m1", "m2", "m3"]);
    const later = await earlier.nextPage();
    expect(later.items.map((m) => m.body)).toEqual(["m4", "built", "built and sent"]);

    const message = first.items[1] as Message;
    await message.updateAttributes({ edited: true });
    expect((await message.getParticipant()).identity).toBe("alice");
    expect(await message.getChannelMetadata()).toBeNull();
    expect(await message.getMessageRecipients()).toEqual([]);
    expect(await message.getContentData()).toBeNull();

    await bobConversation.setUserNotificationLevel("muted");
    await bobConversation.setAllMessagesRead();
    await bobConversation.setAllMessagesUnread();
    await eventually(async () => expect(await bobConversation.getUnreadMessagesCount()).toBe(7));

    const aliceSeenByBob = await bob.getUser("alice");
    expect((await bob.getSubscribedUsers()).map((u) => u.identity)).toContain("alice");
    await alice.user.updateAttributes({ color: "green" });
    await aliceSeenByBob.unsubscribe();
    expect(await alice.getContentTemplates()).toEqual([]);

    const removed = next<{ identity: string }>(conversation, "participantLeft");
    await conversation.removeParticipant("bob");
    expect((await removed).identity).toBe("bob");
    const gone = next<Conversation>(alice, "conversationRemoved");
    await conversation.delete();
    expect((await gone).sid).toBe(conversation.sid);
  });

  it("takes a push payload the server sent, unregisters the device, and covers the media URL, builder and participant helpers", async () => {
    // Push: a real sender records what the server hands it; the SDK reads that payload back.
    const pushed: { endpoint: string; payload: Record<string, unknown> }[] = [];
    await server.close();
    server = await testServer({
      push: { sender: { send: async (binding, payload) => void pushed.push({ endpoint: binding.endpoint, payload }) } },
    });
    const service = `/v1/Services/${server.credentials.serviceSid}`;
    await callAs(server, account, "POST", `${service}/Configuration/Notifications`, { "NewMessage.Enabled": "true" });
    await callAs(server, account, "POST", "/v1/Credentials", { Type: "fcm", Secret: "server-key" });
    const alice = await officialClient("alice");
    const bob = await officialClient("bob");
    await bob.setPushRegistrationId("fcm", "bob-device");
    const bindings = async (identity: string) =>
      ((await callAs(server, account, "GET", `${service}/Bindings?Identity=${identity}`)).body.bindings as { endpoint: string }[]).map(
        (b) => b.endpoint,
      );
    await eventually(async () => expect(await bindings("bob")).toEqual(["bob-device"]));
    const conversation = await alice.createConversation({ friendlyName: "helpers" });
    await conversation.add("bob");
    await conversation.sendMessage("ping");
    await server.pushIdle();
    const toBob = pushed.find((p) => p.endpoint === "bob-device");
    expect(toBob).toBeDefined();
    const notified = next<{ type: string; data: { conversationSid: string } }>(bob, "pushNotification");
    await bob.handlePushNotification(toBob?.payload);
    expect(await notified).toMatchObject({ type: "twilio.conversations.new_message", data: { conversationSid: conversation.sid } });
    await bob.unsetPushRegistrationId("fcm");
    await eventually(async () => expect(await bindings("bob")).toEqual([]));
    await alice.setPushRegistrationId("fcm", "alice-device");
    await eventually(async () => expect(await bindings("alice")).toEqual(["alice-device"]));
    await alice.removePushRegistrations("fcm", "alice-device");
    await eventually(async () => expect(await bindings("alice")).toEqual([]));

    // Media: built with addMedia, then every way the SDK asks for temporary URLs.
    await conversation.getMessages();
    const added = next<Message>(conversation, "messageAdded");
    await conversation
      .prepareMessage()
      .setBody("with a file")
      .addMedia({ contentType: "text/plain", filename: "note.txt", media: Buffer.from("note") })
      .addMedia({ contentType: "text/plain", filename: "more.txt", media: Buffer.from("more") })
      .build()
      .send();
    const message = await added;
    const media = message.attachedMedia ?? [];
    expect(media.map((m) => m.filename)).toEqual(["note.txt", "more.txt"]);
    expect(message.getMediaByCategory(["media"])?.map((m) => m.sid)).toEqual(media.map((m) => m.sid));
    const bySid = await alice.getTemporaryContentUrlsForMediaSids(media.map((m) => m.sid));
    const byMedia = await alice.getTemporaryContentUrlsForMedia(media);
    const fromMessage = await message.getTemporaryContentUrlsForMedia(media);
    for (const urls of [bySid, byMedia, fromMessage]) {
      expect([...urls.keys()]).toEqual(media.map((m) => m.sid));
      expect(await (await fetch(urls.get(media[1]?.sid as string) as string)).text()).toBe("more");
    }
    expect((await message.attachTemporaryUrlsFor(media)).map((m) => m.sid)).toEqual(media.map((m) => m.sid));
    // A chat message has no email recipients.
    expect((await conversation.getMessageRecipients()).items).toEqual([]);

    // A participant on another channel (SMS), then participants removing themselves and others.
    const sms = await conversation.addNonChatParticipant("+15550002222", "+15550001111", { source: "sms" });
    expect(sms).toBeDefined();
    await eventually(async () => expect(await conversation.getParticipantsCount()).toBe(3));
    const left = next<{ identity: string }>(conversation, "participantLeft");
    const bobParticipant = await conversation.getParticipantByIdentity("bob");
    await bobParticipant?.remove();
    expect((await left).identity).toBe("bob");
    await eventually(async () => expect(await conversation.getParticipantsCount()).toBe(2));
  });

  it("pages through many subscribed conversations", async () => {
    const total = 60;
    for (let i = 0; i < total; i++) {
      const conversation = (await callAs(server, account, "POST", "/v1/Conversations", { FriendlyName: `c${i}` })).body as { sid: string };
      await callAs(server, account, "POST", `/v1/Conversations/${conversation.sid}/Participants`, { Identity: "alice" });
    }
    const alice = await officialClient("alice");
    const seen = new Set<string>();
    let page = await alice.getSubscribedConversations();
    for (const c of page.items) seen.add(c.sid);
    while (page.hasNextPage) {
      page = await page.nextPage();
      for (const c of page.items) seen.add(c.sid);
    }
    expect(seen.size).toBe(total);
  });

  it("peeks at a public conversation it is not in, joins it, and reads it; a private one stays hidden", async () => {
    const service = await server.core.store.get("service", server.credentials.serviceSid);
    if (!service) throw new Error("no service");
    const host = { kind: "user" as const, accountSid: service.accountSid, serviceSid: service.sid, identity: "host" };
    const open = await createConversation(server.core, host, service, { friendlyName: "open room", type: "public" });
    const closed = await createConversation(server.core, host, service, { friendlyName: "closed room" });
    await callAs(server, account, "POST", `/v1/Conversations/${open.sid}/Messages`, { Author: "host", Body: "before you came" });
    const alice = await officialClient("alice");
    await expect(alice.peekConversationBySid(closed.sid)).rejects.toBeTruthy();
    const peeked = await alice.peekConversationBySid(open.sid);
    expect(peeked.sid).toBe(open.sid);
    expect(peeked.status).toBe("notParticipating");
    await eventually(() => expect(peeked.friendlyName).toBe("open room"));
    expect(peeked.createdBy).toBe("host");
    expect(await peeked.getMessagesCount()).toBe(1);
    expect(await peeked.getParticipantsCount()).toBe(1);
    const joined = next<Conversation>(alice, "conversationJoined");
    const conversation = await peeked.join();
    expect((await joined).sid).toBe(open.sid);
    await eventually(() => expect(conversation.status).toBe("joined"));
    const history = await conversation.getMessages();
    expect(history.items.map((m) => m.body)).toEqual(["before you came"]);
    expect((await conversation.getParticipants()).map((p) => p.identity).sort()).toEqual(["alice", "host"]);
    // Joining twice is refused as Twilio does (409), and changes nothing.
    await expect(conversation.join()).rejects.toMatchObject({ status: 409 });

    // A private conversation the user is invited to (by a Chat app, say): to Conversations it is
    // one it does not take part in yet, and joining takes the invite.
    const invited = await createConversation(server.core, host, service, { friendlyName: "invited room" });
    await createInvite(server.core, host, service, invited.sid, { identity: "alice" });
    const seen = await alice.peekConversationBySid(invited.sid);
    expect(seen.status).toBe("notParticipating");
    const entered = await seen.join();
    await eventually(() => expect(entered.status).toBe("joined"));
    expect(await server.core.store.getByKey("invite", invited.sid, "alice")).toBeNull();
  });

  it("shares a public channel a twilio-chat user made with a Conversations user: each sees the other's messages", async () => {
    const chat = await ChatClient.create(userToken(server, "chatter"), {
      Twilsock: { uri: `${server.url.replace(/^http/, "ws")}/v3/wsconnect` },
    } as never);
    try {
      const channel = await chat.createChannel({ friendlyName: "mixed", uniqueName: "mixed" });
      expect(channel.type).toBe("public");
      const alice = await officialClient("alice");
      const peeked = await alice.peekConversationBySid(channel.sid);
      const conversation = await peeked.join();
      await eventually(() => expect(conversation.status).toBe("joined"));
      await conversation.getMessages();
      await channel.getMessages();

      const toConversations = next<Message>(conversation, "messageAdded");
      await channel.sendMessage("from twilio-chat", { via: "chat" });
      const fromChat = await toConversations;
      expect(fromChat).toMatchObject({ body: "from twilio-chat", author: "chatter" });
      expect(fromChat.attributes).toEqual({ via: "chat" });

      const toChat = next<any>(channel, "messageAdded");
      await conversation.sendMessage("from conversations");
      const fromConversations = await toChat;
      expect(fromConversations.body).toBe("from conversations");
      expect(fromConversations.author).toBe("alice");
      const members = await channel.getMembers();
      expect(members.map((m: any) => m.identity).sort()).toEqual(["alice", "chatter"]);
    } finally {
      await chat.shutdown().catch(() => {});
    }
  });
});
