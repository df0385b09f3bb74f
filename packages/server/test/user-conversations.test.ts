import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/index.js";
import { seedMessages, seedParticipant, seedUser } from "./support/seed.js";
import { testServer } from "./support/server.js";
import { userToken } from "./support/user-token.js";
import { twilioClient } from "./support/twilio-client.js";

let server: RunningServer;
let client: ReturnType<typeof twilioClient>;

beforeAll(async () => {
  server = await testServer();
  client = twilioClient(server.url, server.credentials.accountSid, server.credentials.authToken);
});
afterAll(() => server.close());

const tokenFor = (identity: string) => userToken(server, identity);

async function asUser(identity: string, path: string, init: RequestInit = {}) {
  const res = await fetch(`${server.url}${path}`, {
    ...init,
    headers: { "X-Twilio-Token": tokenFor(identity), "Content-Type": "application/x-www-form-urlencoded" },
  });
  return { status: res.status, body: res.status === 204 ? undefined : ((await res.json()) as Record<string, any>) };
}

/** A conversation of the default service with `identity` taking part (and its user). */
async function joined(identity: string, friendlyName: string, fields = {}) {
  const conversation = await client.conversations.v1.conversations.create({ friendlyName });
  const user = await seedUser(server, server.credentials.serviceSid, identity);
  const participant = await seedParticipant(server, conversation.sid, { identity }, fields);
  return { conversation, user, participant };
}

describe("UserConversations through the official twilio helper", () => {
  it("fetches a user's view of a conversation by user SID or identity, and conversation SID or unique name", async () => {
    const conversation = await client.conversations.v1.conversations.create({
      friendlyName: "Team",
      uniqueName: "team-uc",
      attributes: '{"topic":"x"}',
    });
    const user = await seedUser(server, server.credentials.serviceSid, "alice");
    const participant = await seedParticipant(server, conversation.sid, { identity: "alice" });

    const view = await client.conversations.v1.users("alice").userConversations(conversation.sid).fetch();
    expect(view.conversationSid).toBe(conversation.sid);
    expect(view.userSid).toBe(user.sid);
    expect(view.participantSid).toBe(participant.sid);
    expect(view.chatServiceSid).toBe(server.credentials.serviceSid);
    expect(view.friendlyName).toBe("Team");
    expect(view.uniqueName).toBe("team-uc");
    expect(view.attributes).toBe('{"topic":"x"}');
    expect(view.conversationState).toBe("active");
    expect(view.notificationLevel).toBe("default");
    expect(view.lastReadMessageIndex).toBeNull();
    expect(view.unreadMessagesCount).toBe(0);
    expect(view.url).toBe(`${server.url}/v1/Users/${user.sid}/Conversations/${conversation.sid}`);
    expect(view.links).toEqual({
      participant: `${server.url}/v1/Conversations/${conversation.sid}/Participants/${participant.sid}`,
      conversation: `${server.url}/v1/Conversations/${conversation.sid}`,
    });

    const byName = await client.conversations.v1.users(user.sid).userConversations("team-uc").fetch();
    expect(byName.participantSid).toBe(participant.sid);

    const scoped = await client.conversations.v1
      .services(server.credentials.serviceSid)
      .users("alice")
      .userConversations(conversation.sid)
      .fetch();
    expect(scoped.url).toBe(
      `${server.url}/v1/Services/${server.credentials.serviceSid}/Users/${user.sid}/Conversations/${conversation.sid}`,
    );
    expect(scoped.links.conversation).toBe(`${server.url}/v1/Services/${server.credentials.serviceSid}/Conversations/${conversation.sid}`);
  });

  it("counts unread messages from the read horizon, or all of them before any is read", async () => {
    const { conversation } = await joined("bob", "Unread");
    await seedMessages(server, conversation.sid, 5);
    const users = client.conversations.v1.users("bob");
    expect((await users.userConversations(conversation.sid).fetch()).unreadMessagesCount).toBe(5);

    const moved = await users.userConversations(conversation.sid).update({ lastReadMessageIndex: 1 });
    expect(moved.lastReadMessageIndex).toBe(1);
    expect(moved.unreadMessagesCount).toBe(3);
    const participant = await server.core.store.getByKey("participant", conversation.sid, "bob");
    expect(participant?.lastReadMessageIndex).toBe(1);
    expect(participant?.lastReadTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const stamped = await users.userConversations(conversation.sid).update({
      lastReadMessageIndex: 4,
      lastReadTimestamp: new Date("2024-01-02T03:04:05Z"),
    });
    expect(stamped.unreadMessagesCount).toBe(0);
    expect((await server.core.store.getByKey("participant", conversation.sid, "bob"))?.lastReadTimestamp).toBe("2024-01-02T03:04:05Z");
  });

  it("has no unread count when the service keeps no read status", async () => {
    const other = await client.conversations.v1.services.create({ friendlyName: "No read status" });
    // No REST parameter turns read status off; the store can.
    await server.core.store.transaction(async (tx) => {
      const service = await tx.get("service", other.sid);
      if (service) await tx.update("service", { ...service, readStatusEnabled: false });
    });
    const conversation = await client.conversations.v1.services(other.sid).conversations.create({ friendlyName: "quiet" });
    await seedUser(server, other.sid, "quinn");
    await seedParticipant(server, conversation.sid, { identity: "quinn" });
    await seedMessages(server, conversation.sid, 2);
    const view = await client.conversations.v1.services(other.sid).users("quinn").userConversations(conversation.sid).fetch();
    expect(view.unreadMessagesCount).toBeNull();
  });

  it("mutes and unmutes, writing the participant", async () => {
    const { conversation } = await joined("carol", "Mute");
    const uc = client.conversations.v1.services(server.credentials.serviceSid).users("carol").userConversations(conversation.sid);
    expect((await uc.update({ notificationLevel: "muted" })).notificationLevel).toBe("muted");
    expect((await server.core.store.getByKey("participant", conversation.sid, "carol"))?.notificationLevel).toBe("muted");
    expect((await uc.fetch()).notificationLevel).toBe("muted");
    expect((await uc.update({ notificationLevel: "default" })).notificationLevel).toBe("default");
    await expect(uc.update({ notificationLevel: "loud" as never })).rejects.toMatchObject({ status: 400 });
    expect((await uc.fetch()).notificationLevel).toBe("default");
  });

  it("lists a user's conversations across pages", async () => {
    const names = Array.from({ length: 5 }, (_, i) => `dave-${i}`);
    for (const name of names) await joined("dave", name);
    // Someone else's conversation is not dave's.
    await joined("erin", "not dave's");
    const list = await client.conversations.v1.users("dave").userConversations.list({ pageSize: 2 });
    expect(list.map((c) => c.friendlyName)).toEqual(names);
    const first = await client.conversations.v1.users("dave").userConversations.page({ pageSize: 2 });
    expect(first.instances).toHaveLength(2);
    expect(first.nextPageUrl).toMatch(new RegExp(`^${server.url}/v1/Users/dave/Conversations\\?PageSize=2&Page=1&PageToken=PA\\d+$`));
    const second = await first.nextPage();
    expect(second?.instances.map((c: { friendlyName: string }) => c.friendlyName)).toEqual(names.slice(2, 4));
    const back = await second?.previousPage();
    expect(back?.instances.map((c: { conversationSid: string }) => c.conversationSid)).toEqual(
      first.instances.map((c) => c.conversationSid),
    );
    const scoped = await client.conversations.v1.services(server.credentials.serviceSid).users("dave").userConversations.list();
    expect(scoped).toHaveLength(5);
  });

  it("leaves a conversation by deleting the user's view of it", async () => {
    const { conversation, participant } = await joined("fay", "Leave");
    expect(await client.conversations.v1.users("fay").userConversations(conversation.sid).remove()).toBe(true);
    expect(await server.core.store.get("participant", participant.sid)).toBeNull();
    expect(await server.core.store.get("conversation", conversation.sid)).not.toBeNull();
    await expect(client.conversations.v1.users("fay").userConversations(conversation.sid).fetch()).rejects.toMatchObject({
      status: 404,
      code: 20404,
    });
    await expect(client.conversations.v1.users("fay").userConversations(conversation.sid).remove()).rejects.toMatchObject({
      status: 404,
    });

    const again = await joined("fay", "Leave scoped");
    const scoped = client.conversations.v1.services(server.credentials.serviceSid).users("fay").userConversations(again.conversation.sid);
    expect(await scoped.remove()).toBe(true);
    expect(await server.core.store.get("participant", again.participant.sid)).toBeNull();
  });

  it("answers 404 for unknown users, unknown conversations and conversations the user is not in", async () => {
    const { conversation } = await joined("gus", "Gus");
    await seedUser(server, server.credentials.serviceSid, "hal");
    await expect(client.conversations.v1.users("nobody").userConversations(conversation.sid).fetch()).rejects.toMatchObject({
      status: 404,
    });
    await expect(client.conversations.v1.users("nobody").userConversations.list()).rejects.toMatchObject({ status: 404 });
    await expect(
      client.conversations.v1
        .users("gus")
        .userConversations(`CH${"0".repeat(32)}`)
        .fetch(),
    ).rejects.toMatchObject({
      status: 404,
    });
    await expect(client.conversations.v1.users("hal").userConversations(conversation.sid).fetch()).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      client.conversations.v1.users("hal").userConversations(conversation.sid).update({ notificationLevel: "muted" }),
    ).rejects.toMatchObject({ status: 404 });
    expect(await client.conversations.v1.users("hal").userConversations.list()).toEqual([]);
  });

  it("rejects a bad read horizon and writes nothing", async () => {
    const { conversation } = await joined("ike", "Bad input");
    const uc = client.conversations.v1.users("ike").userConversations(conversation.sid);
    await expect(uc.update({ lastReadMessageIndex: -1 })).rejects.toMatchObject({ status: 400 });
    await expect(uc.update({ lastReadTimestamp: "yesterday" as never })).rejects.toMatchObject({ status: 400 });
    const participant = await server.core.store.getByKey("participant", conversation.sid, "ike");
    expect(participant?.lastReadMessageIndex).toBeNull();
    expect(participant?.lastReadTimestamp).toBeNull();
  });

  describe("with user tokens", () => {
    it("lets a user see and update only its own conversations", async () => {
      const { conversation } = await joined("jo", "Jo's");
      await seedMessages(server, conversation.sid, 3);
      await joined("kai", "Kai's");

      const list = await asUser("jo", "/v1/Users/jo/Conversations");
      expect(list.status).toBe(200);
      expect(list.body?.conversations.map((c: { friendly_name: string }) => c.friendly_name)).toEqual(["Jo's"]);
      const fetched = await asUser("jo", `/v1/Users/jo/Conversations/${conversation.sid}`);
      expect(fetched).toMatchObject({ status: 200, body: { unread_messages_count: 3 } });

      const read = await asUser("jo", `/v1/Users/jo/Conversations/${conversation.sid}`, {
        method: "POST",
        body: new URLSearchParams({ LastReadMessageIndex: "2", NotificationLevel: "muted" }),
      });
      expect(read).toMatchObject({
        status: 200,
        body: { last_read_message_index: 2, unread_messages_count: 0, notification_level: "muted" },
      });

      expect(await asUser("kai", "/v1/Users/jo/Conversations")).toMatchObject({ status: 403, body: { code: 20403 } });
      expect((await asUser("kai", `/v1/Users/jo/Conversations/${conversation.sid}`)).status).toBe(403);
      const meddle = await asUser("kai", `/v1/Users/jo/Conversations/${conversation.sid}`, {
        method: "POST",
        body: new URLSearchParams({ LastReadMessageIndex: "0" }),
      });
      expect(meddle.status).toBe(403);
      expect((await asUser("kai", `/v1/Users/jo/Conversations/${conversation.sid}`, { method: "DELETE" })).status).toBe(403);
      const participant = await server.core.store.getByKey("participant", conversation.sid, "jo");
      expect(participant?.lastReadMessageIndex).toBe(2);
    });

    it("lets a user leave a conversation, and needs editNotificationLevel to mute", async () => {
      const { conversation, participant } = await joined("lou", "Lou's");
      expect((await asUser("lou", `/v1/Users/lou/Conversations/${conversation.sid}`, { method: "DELETE" })).status).toBe(204);
      expect(await server.core.store.get("participant", participant.sid)).toBeNull();

      // A conversation role without editNotificationLevel (the service user role lacks it too).
      const silent = await client.conversations.v1.roles.create({
        friendlyName: "silent",
        type: "conversation",
        permission: ["sendMessage"],
      });
      const other = await joined("lou", "Lou's other", { roleSid: silent.sid });
      const mute = await asUser("lou", `/v1/Users/lou/Conversations/${other.conversation.sid}`, {
        method: "POST",
        body: new URLSearchParams({ NotificationLevel: "muted" }),
      });
      expect(mute).toMatchObject({ status: 403, body: { code: 20403 } });
      expect((await asUser("lou", `/v1/Users/lou/Conversations/${other.conversation.sid}`, { method: "DELETE" })).status).toBe(403);
      const after = await server.core.store.get("participant", other.participant.sid);
      expect(after?.notificationLevel).toBe("default");
    });
  });
});
