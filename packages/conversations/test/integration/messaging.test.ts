/** Media, typing, read horizon, delivery receipts and paging against a real Confab server. */
import { afterEach, describe, expect, it } from "vitest";
import type { Message, Participant } from "../../src/index.js";
import { recordDeliveryStatus } from "@confab/server";
import { adminRest, next, startTestServer, stopAll, twoUsersInAConversation, until } from "../support/server.js";

afterEach(stopAll);

describe("media messages", () => {
  it("uploads, sends and serves the bytes through a temporary URL", async () => {
    const server = await startTestServer();
    const { conversation, bobConversation } = await twoUsersInAConversation(server);
    const bytes = new TextEncoder().encode("not really a png");
    const seen = next<Message>(bobConversation, "messageAdded");
    await conversation.sendMessage({ contentType: "image/png", filename: "pic.png", media: Buffer.from(bytes) });
    const message = await seen;
    expect(message.type).toBe("media");
    expect(message.attachedMedia).toHaveLength(1);
    const media = message.attachedMedia![0]!;
    expect(media.contentType).toBe("image/png");
    expect(media.filename).toBe("pic.png");
    expect(media.size).toBe(bytes.length);
    expect(media.category).toBe("media");
    const url = await media.getContentTemporaryUrl();
    expect(url).toMatch(/^http/);
    const response = await fetch(url!);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
    const urls = await message.getTemporaryContentUrlsForAttachedMedia();
    expect([...urls.keys()]).toEqual([media.sid]);
  });

  it("sends media through the MessageBuilder", async () => {
    const server = await startTestServer();
    const { conversation } = await twoUsersInAConversation(server);
    const index = await conversation
      .prepareMessage()
      .setBody("caption")
      .setAttributes({ a: 1 })
      .addMedia({ contentType: "text/plain", filename: "a.txt", media: "hello" })
      .addMedia({ contentType: "text/plain", filename: "b.txt", media: "again" })
      .build()
      .send();
    const page = await conversation.getMessages();
    const message = page.items.find((m) => m.index === index)!;
    expect(message.body).toBe("caption");
    expect(message.attachedMedia?.map((m) => m.filename)).toEqual(["a.txt", "b.txt"]);
  });
});

describe("typing", () => {
  it("shows the other side typing, and ends it after the timeout", async () => {
    const server = await startTestServer();
    const { conversation, bobConversation } = await twoUsersInAConversation(server);
    await bobConversation.getParticipants();
    const started = next<Participant>(bobConversation, "typingStarted");
    await conversation.typing();
    const typist = await started;
    expect(typist.identity).toBe("alice");
    expect(typist.isTyping).toBe(true);
    const ended = await next<Participant>(bobConversation, "typingEnded", 9000);
    expect(ended.isTyping).toBe(false);
  }, 15_000);
});

describe("read horizon and unread counts", () => {
  it("counts unread messages and moves the horizon", async () => {
    const server = await startTestServer();
    const { conversation, bobConversation } = await twoUsersInAConversation(server);
    for (const text of ["one", "two", "three"]) await conversation.sendMessage(text);
    await until(
      () => bobConversation.lastMessage?.index !== undefined && bobConversation.lastMessage.index >= 2,
      5000,
      "bob's lastMessage",
    );
    expect(await bobConversation.getUnreadMessagesCount()).toBe(3);
    const updated = next<{ updateReasons: string[] }>(bobConversation, "updated");
    expect(await bobConversation.updateLastReadMessageIndex(0)).toBe(2);
    expect(bobConversation.lastReadMessageIndex).toBe(0);
    expect((await updated).updateReasons).toContain("lastReadMessageIndex");
    expect(await bobConversation.advanceLastReadMessageIndex(0)).toBe(2);
    expect(await bobConversation.setAllMessagesRead()).toBe(0);
    expect(await bobConversation.setAllMessagesUnread()).toBe(3);
    expect(bobConversation.lastReadMessageIndex).toBe(null);
    // Alice sees Bob's read horizon on his participant.
    await bobConversation.updateLastReadMessageIndex(1);
    await until(
      async () => (await conversation.getParticipantByIdentity("bob"))?.lastReadMessageIndex === 1,
      5000,
      "bob's horizon at alice",
    );
    await bobConversation.setUserNotificationLevel("muted");
    expect(bobConversation.notificationLevel).toBe("muted");
  });
});

describe("delivery receipts", () => {
  it("summarizes receipts on the message and lists them in detail", async () => {
    // No REST API makes receipts: a delivery channel reports them through the server's core.
    const server = await startTestServer();
    const { conversation } = await twoUsersInAConversation(server);
    const admin = adminRest(server);
    const sms = await admin.request("CreateConversationParticipant", {
      params: { ConversationSid: conversation.sid },
      body: { "MessagingBinding.Address": "+15558675310", "MessagingBinding.ProxyAddress": "+15017122661" },
    });
    await conversation.sendMessage("to everyone");
    const [message] = (await conversation.getMessages(1)).items;
    expect(message!.aggregatedDeliveryReceipt).toBe(null);
    const updated = next<{ updateReasons: string[] }>(message!, "updated");
    await recordDeliveryStatus(server.core, {
      messageSid: message!.sid,
      participantSid: sms.sid,
      status: "delivered",
      channelMessageSid: `SM${"1".repeat(32)}`,
    });
    expect((await updated).updateReasons).toContain("deliveryReceipt");
    expect(message!.aggregatedDeliveryReceipt?.total).toBe(1);
    expect(message!.aggregatedDeliveryReceipt?.delivered).toBe("all");
    const detailed = await message!.getDetailedDeliveryReceipts();
    expect(detailed).toHaveLength(1);
    expect(detailed[0]).toMatchObject({ participantSid: sms.sid, status: "delivered", errorCode: 0, messageSid: message!.sid });
  });
});

describe("paging messages", () => {
  it("pages backwards from the end and forward again, items ascending", async () => {
    const server = await startTestServer();
    const { conversation } = await twoUsersInAConversation(server);
    for (let i = 0; i < 7; i++) await conversation.sendMessage(`m${i}`);
    const newest = await conversation.getMessages(3);
    expect(newest.items.map((m) => m.body)).toEqual(["m4", "m5", "m6"]);
    expect(newest.hasPrevPage).toBe(true);
    expect(newest.hasNextPage).toBe(false);
    const older = await newest.prevPage();
    expect(older.items.map((m) => m.body)).toEqual(["m1", "m2", "m3"]);
    const oldest = await older.prevPage();
    expect(oldest.items.map((m) => m.body)).toEqual(["m0"]);
    expect(oldest.hasPrevPage).toBe(false);
    const back = await oldest.nextPage();
    expect(back.items.map((m) => m.body)).toEqual(["m1", "m2", "m3"]);

    const forward = await conversation.getMessages(3, 2, "forward");
    expect(forward.items.map((m) => m.index)).toEqual([2, 3, 4]);
    expect(forward.hasPrevPage).toBe(true);
    expect((await forward.nextPage()).items.map((m) => m.index)).toEqual([5, 6]);
    const anchoredBack = await conversation.getMessages(2, 4);
    expect(anchoredBack.items.map((m) => m.index)).toEqual([3, 4]);
    expect(anchoredBack.hasNextPage).toBe(true);
    expect((await anchoredBack.prevPage()).items.map((m) => m.index)).toEqual([1, 2]);
    expect(await conversation.getMessagesCount()).toBe(7);
    expect(await conversation.getParticipantsCount()).toBe(2);
  });
});
