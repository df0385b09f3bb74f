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

// Twilio's notification placeholders are literal `${…}` text, not template strings.
// biome-ignore lint/suspicious/noTemplateCurlyInString: Twilio placeholder
const MESSAGE_TEMPLATE = "${PARTICIPANT}: ${MESSAGE}";
// biome-ignore lint/suspicious/noTemplateCurlyInString: Twilio placeholder
const MEDIA_TEMPLATE = "${MEDIA_COUNT} files";
// biome-ignore lint/suspicious/noTemplateCurlyInString: Twilio placeholder
const ADDED_TEMPLATE = "Added to ${CONVERSATION}";

async function rolesOf(serviceSid: string) {
  const roles = (await server.core.store.list("role", { parent: serviceSid, limit: 10 })).items;
  const named = (name: string) => roles.find((r) => r.friendlyName === name)?.sid as string;
  return {
    serviceAdmin: named("service admin"),
    serviceUser: named("service user"),
    channelAdmin: named("channel admin"),
    channelUser: named("channel user"),
  };
}

const asUser = (path: string, init: RequestInit = {}) => fetchAsUser(server, "alice", path, init);

describe("Service configuration", () => {
  it("fetches and updates the default roles and reachability", async () => {
    const service = await client.conversations.v1.services.create({ friendlyName: "Configured" });
    const roles = await rolesOf(service.sid);
    const configuration = client.conversations.v1.services(service.sid).configuration();
    const fetched = await configuration.fetch();
    const url = `${server.url}/v1/Services/${service.sid}/Configuration`;
    expect(fetched).toMatchObject({
      chatServiceSid: service.sid,
      defaultConversationCreatorRoleSid: roles.channelAdmin,
      defaultConversationRoleSid: roles.channelUser,
      defaultChatServiceRoleSid: roles.serviceUser,
      reachabilityEnabled: false,
      url,
      links: { notifications: `${url}/Notifications`, webhooks: `${url}/Webhooks` },
    });

    const updated = await configuration.update({
      defaultConversationCreatorRoleSid: roles.channelUser,
      defaultConversationRoleSid: roles.channelAdmin,
      defaultChatServiceRoleSid: roles.serviceAdmin,
      reachabilityEnabled: true,
    });
    expect(updated).toMatchObject({
      defaultConversationCreatorRoleSid: roles.channelUser,
      defaultConversationRoleSid: roles.channelAdmin,
      defaultChatServiceRoleSid: roles.serviceAdmin,
      reachabilityEnabled: true,
    });
    // Only the fields given change.
    const again = await configuration.update({ reachabilityEnabled: false });
    expect(again).toMatchObject({ defaultChatServiceRoleSid: roles.serviceAdmin, reachabilityEnabled: false });
  });

  it("rejects roles of the wrong type or of another service with 400, changing nothing", async () => {
    const service = await client.conversations.v1.services.create({ friendlyName: "Strict" });
    const roles = await rolesOf(service.sid);
    const otherRoles = await rolesOf(server.credentials.serviceSid);
    const configuration = client.conversations.v1.services(service.sid).configuration();
    const before = await configuration.fetch();
    for (const update of [
      { defaultConversationCreatorRoleSid: roles.serviceAdmin },
      { defaultConversationRoleSid: roles.serviceUser },
      { defaultChatServiceRoleSid: roles.channelUser },
      { defaultChatServiceRoleSid: otherRoles.serviceAdmin, reachabilityEnabled: true },
      { defaultConversationRoleSid: `RL${"0".repeat(32)}` },
      { defaultConversationRoleSid: "nonsense" },
    ]) {
      await expect(configuration.update(update)).rejects.toMatchObject({ status: 400, code: 20001 });
    }
    expect(await configuration.fetch()).toMatchObject({
      defaultConversationCreatorRoleSid: before.defaultConversationCreatorRoleSid,
      defaultConversationRoleSid: before.defaultConversationRoleSid,
      defaultChatServiceRoleSid: before.defaultChatServiceRoleSid,
      reachabilityEnabled: false,
    });
    await expect(
      client.conversations.v1
        .services(`IS${"0".repeat(32)}`)
        .configuration()
        .fetch(),
    ).rejects.toMatchObject({
      status: 404,
      code: 20404,
    });
  });
});

describe("Service notifications", () => {
  it("fetches the defaults and updates the nested fields", async () => {
    const sid = server.credentials.serviceSid;
    const notifications = client.conversations.v1.services(sid).configuration.notifications();
    const fetched = await notifications.fetch();
    expect(fetched).toMatchObject({
      accountSid: server.credentials.accountSid,
      chatServiceSid: sid,
      logEnabled: false,
      newMessage: {
        enabled: false,
        template: null,
        sound: null,
        badge_count_enabled: false,
        with_media: { enabled: false, template: null },
      },
      addedToConversation: { enabled: false, template: null, sound: null },
      removedFromConversation: { enabled: false, template: null, sound: null },
      url: `${server.url}/v1/Services/${sid}/Configuration/Notifications`,
    });

    const updated = await notifications.update({
      logEnabled: true,
      "newMessage.enabled": true,
      "newMessage.template": MESSAGE_TEMPLATE,
      "newMessage.sound": "ring",
      "newMessage.badgeCountEnabled": true,
      "newMessage.withMedia.enabled": true,
      "newMessage.withMedia.template": MEDIA_TEMPLATE,
      "addedToConversation.enabled": true,
      "addedToConversation.template": ADDED_TEMPLATE,
      "removedFromConversation.sound": "bell",
    });
    expect(updated.logEnabled).toBe(true);
    expect(updated.newMessage).toEqual({
      enabled: true,
      template: MESSAGE_TEMPLATE,
      sound: "ring",
      badge_count_enabled: true,
      with_media: { enabled: true, template: MEDIA_TEMPLATE },
    });
    expect(updated.addedToConversation).toEqual({ enabled: true, template: ADDED_TEMPLATE, sound: null });
    expect(updated.removedFromConversation).toEqual({ enabled: false, template: null, sound: "bell" });

    const partial = await notifications.update({ "newMessage.enabled": false });
    expect(partial.newMessage).toMatchObject({ enabled: false, template: MESSAGE_TEMPLATE, badge_count_enabled: true });
    expect(partial.logEnabled).toBe(true);
    await expect(notifications.update({ logEnabled: "maybe" as never })).rejects.toMatchObject({ status: 400, code: 20001 });
    expect((await notifications.fetch()).logEnabled).toBe(true);
  });
});

describe("Service webhook configuration", () => {
  it("fetches, updates, validates filters and upper-cases the method", async () => {
    const service = await client.conversations.v1.services.create({ friendlyName: "Hooked" });
    const webhooks = client.conversations.v1.services(service.sid).configuration.webhooks();
    expect(await webhooks.fetch()).toMatchObject({
      accountSid: server.credentials.accountSid,
      chatServiceSid: service.sid,
      preWebhookUrl: null,
      postWebhookUrl: null,
      filters: [],
      method: "POST",
      url: `${server.url}/v1/Services/${service.sid}/Configuration/Webhooks`,
    });
    const updated = await webhooks.update({
      preWebhookUrl: "https://example.com/pre",
      postWebhookUrl: "https://example.com/post",
      filters: ["onMessageAdd", "onParticipantAdded", "onUserUpdated"],
      method: "get",
    });
    expect(updated).toMatchObject({
      preWebhookUrl: "https://example.com/pre",
      postWebhookUrl: "https://example.com/post",
      filters: ["onMessageAdd", "onParticipantAdded", "onUserUpdated"],
      method: "GET",
    });
    const single = await webhooks.update({ filters: ["onConversationAdded"] });
    expect(single.filters).toEqual(["onConversationAdded"]);
    expect(single.method).toBe("GET");

    for (const bad of [{ filters: ["onMessageAdded", "onSomethingElse"] }, { method: "PUT" }, { preWebhookUrl: "not a url" }]) {
      await expect(webhooks.update(bad)).rejects.toMatchObject({ status: 400, code: 20001 });
    }
    expect(await webhooks.fetch()).toMatchObject({
      filters: ["onConversationAdded"],
      method: "GET",
      preWebhookUrl: "https://example.com/pre",
    });
  });
});

describe("Account configuration", () => {
  it("fetches and updates the defaults, checking the default service", async () => {
    const configuration = client.conversations.v1.configuration();
    const fetched = await configuration.fetch();
    expect(fetched).toMatchObject({
      accountSid: server.credentials.accountSid,
      defaultChatServiceSid: server.credentials.serviceSid,
      defaultMessagingServiceSid: null,
      defaultInactiveTimer: null,
      defaultClosedTimer: null,
      url: `${server.url}/v1/Configuration`,
      links: {
        service: `${server.url}/v1/Services/${server.credentials.serviceSid}/Configuration`,
        webhooks: `${server.url}/v1/Configuration/Webhooks`,
      },
    });

    const other = await client.conversations.v1.services.create({ friendlyName: "Next default" });
    const messagingServiceSid = `MG${"a".repeat(32)}`;
    const updated = await configuration.update({
      defaultChatServiceSid: other.sid,
      defaultMessagingServiceSid: messagingServiceSid,
      defaultInactiveTimer: "PT5M",
      defaultClosedTimer: "P1D",
    });
    expect(updated).toMatchObject({
      defaultChatServiceSid: other.sid,
      defaultMessagingServiceSid: messagingServiceSid,
      defaultInactiveTimer: "PT5M",
      defaultClosedTimer: "P1D",
    });
    expect(updated.links.service).toBe(`${server.url}/v1/Services/${other.sid}/Configuration`);
    // The shortened paths now act on the new default; the old default may now go.
    const conversation = await client.conversations.v1.conversations.create({ friendlyName: "in new default" });
    expect(conversation.chatServiceSid).toBe(other.sid);
    await expect(client.conversations.v1.services(other.sid).remove()).rejects.toMatchObject({ status: 400 });
    await configuration.update({ defaultChatServiceSid: server.credentials.serviceSid });
    expect(await client.conversations.v1.services(other.sid).remove()).toBe(true);
  });

  it("rejects a service that is not the account's, and bad timers, changing nothing", async () => {
    const configuration = client.conversations.v1.configuration();
    const before = await configuration.fetch();
    for (const [bad, code] of [
      [{ defaultChatServiceSid: `IS${"0".repeat(32)}` }, 20001],
      [{ defaultChatServiceSid: "IS-nope" }, 20001],
      // Twilio's own codes for timers under their minimums.
      [{ defaultInactiveTimer: "PT30S" }, 50375],
      [{ defaultClosedTimer: "PT5M" }, 50376],
      [{ defaultInactiveTimer: "ten minutes" }, 20001],
      [{ defaultMessagingServiceSid: "MG123" }, 20001],
    ] as const) {
      await expect(configuration.update(bad)).rejects.toMatchObject({ status: 400, code });
    }
    const after = await configuration.fetch();
    expect(after.toJSON()).toEqual(before.toJSON());
  });
});

describe("Account webhook configuration", () => {
  it("fetches and updates the account webhook with its target", async () => {
    const webhooks = client.conversations.v1.configuration.webhooks();
    expect(await webhooks.fetch()).toMatchObject({
      accountSid: server.credentials.accountSid,
      method: "POST",
      filters: [],
      preWebhookUrl: null,
      postWebhookUrl: null,
      target: "webhook",
      url: `${server.url}/v1/Configuration/Webhooks`,
    });
    const updated = await webhooks.update({
      method: "get",
      filters: ["onConversationUpdated", "onUserAdded"],
      preWebhookUrl: "https://example.com/pre",
      postWebhookUrl: "http://example.com/post",
      target: "flex",
    });
    expect(updated).toMatchObject({
      method: "GET",
      filters: ["onConversationUpdated", "onUserAdded"],
      preWebhookUrl: "https://example.com/pre",
      postWebhookUrl: "http://example.com/post",
      target: "flex",
    });
    for (const bad of [{ filters: ["onNothing"] }, { method: "DELETE" }, { target: "studio" as never }, { postWebhookUrl: "ftp://x" }]) {
      await expect(webhooks.update(bad)).rejects.toMatchObject({ status: 400, code: 20001 });
    }
    expect((await webhooks.fetch()).toJSON()).toEqual(updated.toJSON());
    // An empty URL clears it, and the rest stays.
    const cleared = await webhooks.update({ preWebhookUrl: "", target: "webhook" });
    expect(cleared).toMatchObject({ preWebhookUrl: null, postWebhookUrl: "http://example.com/post", target: "webhook", method: "GET" });
  });

  it("forbids users", async () => {
    for (const [path, method] of [
      ["/v1/Configuration", "GET"],
      ["/v1/Configuration", "POST"],
      ["/v1/Configuration/Webhooks", "GET"],
      ["/v1/Configuration/Webhooks", "POST"],
      [`/v1/Services/${server.credentials.serviceSid}/Configuration`, "POST"],
      [`/v1/Services/${server.credentials.serviceSid}/Configuration/Webhooks`, "POST"],
    ] as const) {
      const answer = await asUser(path, { method, ...(method === "POST" ? { body: "" } : {}) });
      expect([path, method, answer.status, answer.body.code]).toEqual([path, method, 403, 20403]);
    }
  });
});
