import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/index.js";
import { testServer } from "./support/server.js";
import { fetchAsUser } from "./support/user-token.js";
import { twilioClient } from "./support/twilio-client.js";

let server: RunningServer;
let client: ReturnType<typeof twilioClient>;

beforeAll(async () => {
  server = await testServer();
  client = twilioClient(server.url, server.credentials.accountSid, server.credentials.authToken);
});
afterAll(() => server.close());

const hex = (c: string) => c.repeat(32);

/** A request with a user's access token, as an SDK would send it. */
const asUser = (path: string, init: RequestInit = {}) => fetchAsUser(server, "alice", path, init);

describe("Services through the official twilio helper", () => {
  it("creates, fetches, lists and deletes a service with Twilio's links and default roles", async () => {
    const created = await client.conversations.v1.services.create({ friendlyName: "Support desk" });
    expect(created.sid).toMatch(/^IS[0-9a-f]{32}$/);
    expect(created.accountSid).toBe(server.credentials.accountSid);
    expect(created.friendlyName).toBe("Support desk");
    const url = `${server.url}/v1/Services/${created.sid}`;
    expect(created.url).toBe(url);
    expect(created.links).toEqual({
      conversations: `${url}/Conversations`,
      users: `${url}/Users`,
      roles: `${url}/Roles`,
      bindings: `${url}/Bindings`,
      configuration: `${url}/Configuration`,
      participant_conversations: `${url}/ParticipantConversations`,
      conversation_with_participants: `${url}/ConversationWithParticipants`,
    });
    const roles = await server.core.store.list("role", { parent: created.sid, limit: 10 });
    expect(roles.items.map((r) => r.friendlyName).sort()).toEqual(["channel admin", "channel user", "service admin", "service user"]);

    const fetched = await client.conversations.v1.services(created.sid).fetch();
    expect(fetched.friendlyName).toBe("Support desk");
    expect(fetched.dateCreated).toBeInstanceOf(Date);

    const all = await client.conversations.v1.services.list();
    expect(all.map((s) => s.sid)).toContain(created.sid);
    expect(all.map((s) => s.sid)).toContain(server.credentials.serviceSid);

    expect(await client.conversations.v1.services(created.sid).remove()).toBe(true);
    await expect(client.conversations.v1.services(created.sid).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    await expect(client.conversations.v1.services(created.sid).remove()).rejects.toMatchObject({ status: 404, code: 20404 });
    expect(await server.core.store.count("role", { parent: created.sid })).toBe(0);
  });

  it("pages through services with absolute links", async () => {
    const names = Array.from({ length: 5 }, (_, i) => `paged-${i}`);
    const sids: string[] = [];
    for (const name of names) sids.push((await client.conversations.v1.services.create({ friendlyName: name })).sid);
    const seen = (await client.conversations.v1.services.list({ pageSize: 2 }))
      .map((s) => s.friendlyName)
      .filter((n) => n.startsWith("paged-"));
    expect(seen).toEqual(names);
    const page = await client.conversations.v1.services.page({ pageSize: 2 });
    expect(page.instances).toHaveLength(2);
    expect(page.nextPageUrl).toMatch(new RegExp(`^${server.url}/v1/Services\\?PageSize=2&Page=1&PageToken=PA\\d+$`));
    const next = await page.nextPage();
    expect(next?.instances).toHaveLength(2);
    const back = await next?.previousPage();
    expect(back?.instances.map((s: { sid: string }) => s.sid)).toEqual(page.instances.map((s: { sid: string }) => s.sid));
    for (const sid of sids) await client.conversations.v1.services(sid).remove();
  });

  it("answers unknown services with 404 and bad input with 400, changing nothing", async () => {
    await expect(client.conversations.v1.services(`IS${hex("0")}`).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    await expect(client.conversations.v1.services("not-a-sid").fetch()).rejects.toMatchObject({ status: 400, code: 20001 });
    const before = (await client.conversations.v1.services.list()).length;
    await expect(client.conversations.v1.services.create({ friendlyName: "x".repeat(300) })).rejects.toMatchObject({
      status: 400,
      code: 20001,
    });
    expect((await client.conversations.v1.services.list()).length).toBe(before);
  });

  it("refuses to delete the account's default service", async () => {
    const error = await client.conversations.v1
      .services(server.credentials.serviceSid)
      .remove()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 20001 });
    expect((error as Error).message).toMatch(/default/);
    await expect(client.conversations.v1.services(server.credentials.serviceSid).fetch()).resolves.toMatchObject({
      sid: server.credentials.serviceSid,
    });
  });

  it("deletes everything in a service in one go, and nothing outside it", async () => {
    const service = await client.conversations.v1.services.create({ friendlyName: "Doomed" });
    const scoped = client.conversations.v1.services(service.sid);
    const conversation = await scoped.conversations.create({ friendlyName: "c" });
    const keep = await client.conversations.v1.conversations.create({ friendlyName: "kept" });
    const store = server.core.store;
    const stamp = "2024-01-01T00:00:00Z";
    const base = { accountSid: server.credentials.accountSid, serviceSid: service.sid, dateCreated: stamp, dateUpdated: stamp };
    await store.transaction(async (tx) => {
      await tx.insert("user", {
        ...base,
        sid: `US${hex("1")}`,
        identity: "bob",
        friendlyName: null,
        attributes: "{}",
        roleSid: `RL${hex("2")}`,
        isOnline: null,
        isNotifiable: null,
      });
      await tx.insert("participant", {
        ...base,
        sid: `MB${hex("1")}`,
        conversationSid: conversation.sid,
        identity: "bob",
        attributes: "{}",
        messagingBinding: null,
        roleSid: `RL${hex("1")}`,
        lastReadMessageIndex: null,
        lastReadTimestamp: null,
        notificationLevel: "default",
      });
      const message = await tx.insert("message", {
        ...base,
        sid: `IM${hex("1")}`,
        conversationSid: conversation.sid,
        index: 0,
        author: "bob",
        participantSid: `MB${hex("1")}`,
        body: "hi",
        attributes: "{}",
        media: null,
        contentSid: null,
        subject: null,
        idempotencyKey: null,
      });
      await tx.insert("receipt", {
        ...base,
        sid: `DY${hex("1")}`,
        conversationSid: conversation.sid,
        messageSid: message.sid,
        participantSid: `MB${hex("1")}`,
        channelMessageSid: `SM${hex("1")}`,
        status: "read",
        errorCode: null,
      });
      await tx.insert("conversationWebhook", {
        ...base,
        sid: `WH${hex("1")}`,
        conversationSid: conversation.sid,
        target: "webhook",
        url: "https://example.com/hook",
        method: "POST",
        filters: ["onMessageAdded"],
        triggers: [],
        flowSid: null,
        replayAfter: null,
      });
      await tx.insert("binding", {
        ...base,
        sid: `BS${hex("1")}`,
        credentialSid: `CR${hex("1")}`,
        endpoint: "device-1",
        identity: "bob",
        bindingType: "fcm",
        messageTypes: ["new_message"],
        address: null,
      });
      await tx.insert("media", {
        ...base,
        sid: `ME${hex("1")}`,
        contentType: "image/png",
        filename: "a.png",
        size: 3,
        author: "bob",
        category: "media",
        messageSid: null,
        conversationSid: null,
        dateUploadUpdated: null,
      });
    });
    const address = await client.conversations.v1.addressConfigurations.create({
      type: "sms",
      address: "+15550001111",
      "autoCreation.enabled": true,
      "autoCreation.conversationServiceSid": service.sid,
    });

    expect(await scoped.remove()).toBe(true);

    for (const [kind, parent] of [
      ["conversation", service.sid],
      ["user", service.sid],
      ["role", service.sid],
      ["binding", service.sid],
      ["media", service.sid],
      ["participant", conversation.sid],
      ["message", conversation.sid],
      ["conversationWebhook", conversation.sid],
      ["receipt", `IM${hex("1")}`],
    ] as const) {
      expect(await store.count(kind, { parent }), kind).toBe(0);
    }
    expect(await store.get("service", service.sid)).toBeNull();
    await expect(client.conversations.v1.conversations(keep.sid).fetch()).resolves.toMatchObject({ sid: keep.sid });
    // The address falls back to the default service rather than naming a deleted one.
    const after = await client.conversations.v1.addressConfigurations(address.sid).fetch();
    expect(after.autoCreation).toMatchObject({ enabled: true, conversation_service_sid: null });
    await client.conversations.v1.addressConfigurations(address.sid).remove();
  });

  it("forbids users: only account credentials manage services", async () => {
    const sid = server.credentials.serviceSid;
    for (const [path, method] of [
      ["/v1/Services", "GET"],
      ["/v1/Services", "POST"],
      [`/v1/Services/${sid}`, "GET"],
      [`/v1/Services/${sid}`, "DELETE"],
      [`/v1/Services/${sid}/Configuration`, "GET"],
      [`/v1/Services/${sid}/Configuration/Notifications`, "POST"],
      [`/v1/Services/${sid}/Configuration/Webhooks`, "GET"],
    ] as const) {
      const body = method === "POST" && path === "/v1/Services" ? "FriendlyName=mine" : method === "POST" ? "LogEnabled=true" : undefined;
      const answer = await asUser(path, { method, ...(body ? { body } : {}) });
      expect([path, method, answer.status, answer.body.code]).toEqual([path, method, 403, 20403]);
    }
    const notifications = await client.conversations.v1.services(sid).configuration.notifications().fetch();
    expect(notifications.logEnabled).toBe(false);
  });
});
