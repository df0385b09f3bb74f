/**
 * Chat v2 conformance: every one of Twilio's 54 Chat v2 REST operations
 * (../shared/reference/twilio-rest/twilio_chat_v2.json), driven through the official `twilio`
 * helper's `chat.v2` client AND again through its `ipMessaging.v2` client (IP Messaging v2 has
 * the same paths), against one Confab server. Each helper client has its own recorder; the
 * coverage tests check that each reached all 54 operations with a success answer.
 *
 * The oracles: the assertions here, Confab's own spec (the test server turns an answer that does
 * not match it into a 500 that fails the run) and Twilio's published Chat v2 schema (the helper's
 * client checks every 2xx JSON answer against it). The last block checks that Chat v2 is a view
 * of the same records as Conversations v1, both ways.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newSid, SidPrefix } from "../src/core/ids.js";
import type { RunningServer } from "../src/index.js";
import type { BindingRecord } from "../src/store/index.js";
import { loadOperationsFromOpenApi, OperationRecorder } from "./support/operation-recorder.js";
import { testServer } from "./support/server.js";
import { twilio, twilioClient } from "./support/twilio-client.js";

type Client = ReturnType<typeof twilioClient>;
/** The two helper clients have the same shape; the IP Messaging one is driven through this type too. */
type ChatV2 = Client["chat"]["v2"];

let server: RunningServer;
let v1: Client["conversations"]["v1"];
const recorders = {
  chat: new OperationRecorder(loadOperationsFromOpenApi()),
  ipMessaging: new OperationRecorder(loadOperationsFromOpenApi()),
};
const apis: Partial<Record<keyof typeof recorders, ChatV2>> = {};

beforeAll(async () => {
  server = await testServer();
  const { accountSid, authToken } = server.credentials;
  apis.chat = twilioClient(server.url, accountSid, authToken, undefined, recorders.chat.record).chat.v2;
  apis.ipMessaging = twilioClient(server.url, accountSid, authToken, undefined, recorders.ipMessaging.record).ipMessaging
    .v2 as unknown as ChatV2;
  v1 = twilioClient(server.url, accountSid, authToken).conversations.v1;
});
afterAll(() => server.close());

const zeros = (prefix: string) => `${prefix}${"0".repeat(32)}`;
const sidOf = (prefix: string) => new RegExp(`^${prefix}[0-9a-f]{32}$`);
const STAMP = "2024-01-01T00:00:00Z";

/** The promise rejects with the helper's RestException, with this status and Twilio code. */
async function expectRestError(promise: Promise<unknown>, status: number, code: number) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected a ${status}/${code} RestException`).toBeInstanceOf(twilio.RestException);
  expect(error).toMatchObject({ status, code });
}

/** Seeds push bindings (nothing registers them over REST: the SDKs do, elsewhere). */
async function seedBindings(serviceSid: string, credentialSid: string, rows: [string, BindingRecord["bindingType"]][]) {
  return server.core.store.transaction(async (tx) => {
    const seeded: BindingRecord[] = [];
    for (const [i, [identity, bindingType]] of rows.entries()) {
      seeded.push(
        await tx.insert("binding", {
          sid: newSid(SidPrefix.binding),
          accountSid: server.credentials.accountSid,
          serviceSid,
          credentialSid,
          endpoint: `${identity}-device-${i}`,
          identity,
          bindingType,
          messageTypes: ["new_message"],
          address: null,
          dateCreated: STAMP,
          dateUpdated: STAMP,
        }),
      );
    }
    return seeded;
  });
}

/** Every Chat v2 operation through one helper client, in a service of its own. */
function exercise(name: keyof typeof recorders) {
  const api = () => apis[name] as ChatV2;
  let serviceSid = "";
  const service = () => api().services(serviceSid);
  const tag = `${name}-`;

  describe(`${name}.v2: services`, () => {
    it("creates, lists, fetches and updates a service with every Chat v2 setting", async () => {
      const created = await api().services.create({ friendlyName: `${tag}service` });
      serviceSid = created.sid;
      expect(created).toMatchObject({
        sid: expect.stringMatching(sidOf("IS")),
        accountSid: server.credentials.accountSid,
        friendlyName: `${tag}service`,
        typingIndicatorTimeout: 5,
        consumptionReportInterval: 10,
        limits: { channel_members: 100, user_channels: 250 },
        webhookMethod: "POST",
        webhookFilters: [],
        url: `${server.url}/v2/Services/${created.sid}`,
      });
      expect(created.links).toMatchObject({ channels: `${created.url}/Channels`, roles: `${created.url}/Roles` });
      expect((await api().services.list()).map((s) => s.sid)).toContain(created.sid);
      expect((await service().fetch()).friendlyName).toBe(`${tag}service`);

      const roles = await service().roles.list();
      const channelUser = roles.find((r) => r.friendlyName === "channel user");
      const serviceUser = roles.find((r) => r.friendlyName === "service user");
      const updated = await service().update({
        friendlyName: `${tag}renamed`,
        defaultChannelRoleSid: channelUser?.sid as string,
        defaultServiceRoleSid: serviceUser?.sid as string,
        readStatusEnabled: true,
        reachabilityEnabled: true,
        typingIndicatorTimeout: 7,
        consumptionReportInterval: 3,
        "notifications.newMessage.enabled": true,
        "notifications.newMessage.template": "New message",
        "notifications.newMessage.badgeCountEnabled": true,
        "notifications.addedToChannel.enabled": true,
        "notifications.invitedToChannel.enabled": true,
        "notifications.invitedToChannel.template": "Come and chat",
        "notifications.removedFromChannel.sound": "bye.wav",
        "notifications.logEnabled": true,
        postWebhookUrl: "https://example.com/chat-post",
        webhookMethod: "get",
        webhookFilters: ["onMessageSent", "onChannelAdded", "onMemberAdded"],
        "limits.channelMembers": 500,
        "limits.userChannels": 300,
        "media.compatibilityMessage": "Open the app to see media",
        preWebhookRetryCount: 2,
        postWebhookRetryCount: 1,
      });
      expect(updated).toMatchObject({
        friendlyName: `${tag}renamed`,
        defaultChannelRoleSid: channelUser?.sid,
        defaultServiceRoleSid: serviceUser?.sid,
        readStatusEnabled: true,
        reachabilityEnabled: true,
        typingIndicatorTimeout: 7,
        consumptionReportInterval: 3,
        postWebhookUrl: "https://example.com/chat-post",
        webhookMethod: "GET",
        webhookFilters: ["onMessageSent", "onChannelAdded", "onMemberAdded"],
        limits: { channel_members: 500, user_channels: 300 },
        preWebhookRetryCount: 2,
        postWebhookRetryCount: 1,
        media: { compatibility_message: "Open the app to see media" },
        notifications: {
          log_enabled: true,
          new_message: { enabled: true, template: "New message", badge_count_enabled: true },
          added_to_channel: { enabled: true },
          removed_from_channel: { sound: "bye.wav" },
          invited_to_channel: { enabled: true, template: "Come and chat" },
        },
      });
      expect((await service().fetch()).toJSON()).toEqual(updated.toJSON());
    });

    it("answers bad service input with 400 and changes nothing", async () => {
      const before = (await service().fetch()).toJSON();
      await expectRestError(service().update({ webhookFilters: ["onNothingAtAll"] }), 400, 20001);
      await expectRestError(service().update({ defaultChannelRoleSid: zeros("RL") }), 400, 20001);
      await expectRestError(service().update({ webhookMethod: "PUT" }), 400, 20001);
      expect((await service().fetch()).toJSON()).toEqual(before);
      await expectRestError(api().services(zeros("IS")).fetch(), 404, 20404);
    });
  });

  describe(`${name}.v2: roles and credentials`, () => {
    it("creates, fetches, updates and deletes a role with Chat's names", async () => {
      const defaults = await service().roles.list();
      expect(defaults.map((r) => [r.friendlyName, r.type]).sort()).toEqual([
        ["channel admin", "channel"],
        ["channel user", "channel"],
        ["service admin", "deployment"],
        ["service user", "deployment"],
      ]);
      expect(defaults.find((r) => r.friendlyName === "service user")?.permissions).toEqual(
        expect.arrayContaining(["createChannel", "joinChannel", "editOwnUserInfo"]),
      );
      const role = await service().roles.create({
        friendlyName: `${tag}moderator`,
        type: "channel",
        permission: ["sendMessage", "removeMember", "destroyChannel", "inviteMember"],
      });
      expect(role).toMatchObject({ type: "channel", permissions: ["sendMessage", "removeMember", "destroyChannel", "inviteMember"] });
      expect(role.url).toBe(`${server.url}/v2/Services/${serviceSid}/Roles/${role.sid}`);
      expect((await service().roles(role.sid).fetch()).friendlyName).toBe(`${tag}moderator`);
      const updated = await service()
        .roles(role.sid)
        .update({ permission: ["sendMessage", "leaveChannel"] });
      expect(updated.permissions).toEqual(["sendMessage", "leaveChannel"]);
      // The same record through Conversations v1, with its names.
      const same = await v1.services(serviceSid).roles(role.sid).fetch();
      expect(same).toMatchObject({ type: "conversation", permissions: ["sendMessage", "leaveConversation"] });
      expect(await service().roles(role.sid).remove()).toBe(true);
      await expectRestError(service().roles(role.sid).fetch(), 404, 20404);
      await expectRestError(service().roles.create({ friendlyName: "x", type: "deployment", permission: ["flyToTheMoon"] }), 400, 20001);
    });

    it("creates, lists, fetches, updates and deletes a credential", async () => {
      const credential = await api().credentials.create({
        type: "apn",
        friendlyName: `${tag}apn`,
        certificate: "c",
        privateKey: "k",
        sandbox: true,
      });
      expect(credential).toMatchObject({ type: "apn", sandbox: "True", url: `${server.url}/v2/Credentials/${credential.sid}` });
      expect((await api().credentials.list()).map((c) => c.sid)).toContain(credential.sid);
      expect((await api().credentials(credential.sid).fetch()).friendlyName).toBe(`${tag}apn`);
      expect(
        (
          await api()
            .credentials(credential.sid)
            .update({ friendlyName: `${tag}apn2`, sandbox: false })
        ).sandbox,
      ).toBe("False");
      expect((await v1.credentials(credential.sid).fetch()).friendlyName).toBe(`${tag}apn2`);
      expect(await api().credentials(credential.sid).remove()).toBe(true);
      await expectRestError(api().credentials(credential.sid).fetch(), 404, 20404);
    });
  });

  describe(`${name}.v2: users, channels, members, messages, invites, webhooks`, () => {
    let channelSid = "";
    const channel = () => service().channels(channelSid);

    it("creates, lists, fetches and updates users", async () => {
      const user = await service().users.create({ identity: `${tag}alice`, friendlyName: "Alice", attributes: '{"team":"a"}' });
      expect(user).toMatchObject({
        sid: expect.stringMatching(sidOf("US")),
        serviceSid,
        identity: `${tag}alice`,
        joinedChannelsCount: 0,
        links: { user_channels: `${user.url}/Channels`, user_bindings: `${user.url}/Bindings` },
      });
      expect((await service().users.list()).map((u) => u.identity)).toContain(`${tag}alice`);
      expect((await service().users(`${tag}alice`).fetch()).sid).toBe(user.sid);
      expect((await service().users(user.sid).update({ friendlyName: "Alice A." })).friendlyName).toBe("Alice A.");
      await expectRestError(service().users.create({ identity: `${tag}alice` }), 409, 50201);
    });

    it("creates, lists, fetches and updates channels, public and private", async () => {
      const created = await service().channels.create({
        friendlyName: "General",
        uniqueName: `${tag}general`,
        attributes: '{"topic":"all"}',
        type: "public",
        createdBy: `${tag}alice`,
      });
      channelSid = created.sid;
      expect(created).toMatchObject({
        sid: expect.stringMatching(sidOf("CH")),
        serviceSid,
        type: "public",
        createdBy: `${tag}alice`,
        membersCount: 0,
        messagesCount: 0,
        url: `${server.url}/v2/Services/${serviceSid}/Channels/${created.sid}`,
      });
      const secret = await service().channels.create({ friendlyName: "Secret", type: "private" });
      expect(secret).toMatchObject({ type: "private", createdBy: "system" });
      expect((await service().channels.list()).map((c) => c.sid)).toEqual([created.sid, secret.sid]);
      expect((await service().channels.list({ type: ["private"] })).map((c) => c.sid)).toEqual([secret.sid]);
      expect((await service().channels(`${tag}general`).fetch()).sid).toBe(created.sid);
      const updated = await channel().update({ friendlyName: "General chat", dateUpdated: new Date(STAMP) });
      expect(updated).toMatchObject({ friendlyName: "General chat", dateUpdated: new Date(STAMP) });
      await expectRestError(service().channels.create({ uniqueName: `${tag}general` }), 409, 50353);
      expect(await service().channels(secret.sid).remove()).toBe(true);
      await expectRestError(service().channels(secret.sid).fetch(), 404, 20404);
    });

    it("adds, lists, fetches, updates and removes members", async () => {
      const alice = await channel().members.create({ identity: `${tag}alice`, attributes: '{"seat":1}' });
      expect(alice).toMatchObject({
        sid: expect.stringMatching(sidOf("MB")),
        channelSid,
        serviceSid,
        identity: `${tag}alice`,
        lastConsumedMessageIndex: null,
        url: `${server.url}/v2/Services/${serviceSid}/Channels/${channelSid}/Members/${alice.sid}`,
      });
      const bob = await channel().members.create({ identity: `${tag}bob`, lastConsumedMessageIndex: 0 });
      expect(bob.lastConsumedMessageIndex).toBe(0);
      expect(bob.lastConsumptionTimestamp).toBeInstanceOf(Date);
      expect((await channel().members.list()).map((m) => m.identity)).toEqual([`${tag}alice`, `${tag}bob`]);
      expect((await channel().members.list({ identity: [`${tag}bob`] })).map((m) => m.sid)).toEqual([bob.sid]);
      expect((await channel().members(`${tag}alice`).fetch()).sid).toBe(alice.sid);
      const moved = await channel().members(bob.sid).update({ lastConsumedMessageIndex: 3, attributes: '{"seat":2}' });
      expect(moved).toMatchObject({ lastConsumedMessageIndex: 3, attributes: '{"seat":2}' });
      expect((await channel().fetch()).membersCount).toBe(2);
      const carol = await channel().members.create({ identity: `${tag}carol` });
      expect(await channel().members(carol.sid).remove()).toBe(true);
      await expectRestError(channel().members(carol.sid).fetch(), 404, 20404);
      await expectRestError(channel().members.create({ identity: `${tag}alice` }), 409, 50433);
      expect((await service().users(`${tag}alice`).fetch()).joinedChannelsCount).toBe(1);
    });

    it("sends, lists, fetches, edits and deletes messages", async () => {
      const first = await channel().messages.create({ from: `${tag}alice`, body: "hello", attributes: '{"k":1}' });
      expect(first).toMatchObject({
        sid: expect.stringMatching(sidOf("IM")),
        from: `${tag}alice`,
        to: channelSid,
        channelSid,
        body: "hello",
        index: 0,
        type: "text",
        media: null,
        wasEdited: false,
        lastUpdatedBy: null,
      });
      const second = await channel().messages.create({ body: "from the system" });
      expect(second).toMatchObject({ from: "system", index: 1 });
      expect((await channel().messages.list()).map((m) => m.index)).toEqual([0, 1]);
      expect((await channel().messages.list({ order: "desc" })).map((m) => m.index)).toEqual([1, 0]);
      expect((await channel().messages(first.sid).fetch()).body).toBe("hello");
      const edited = await channel()
        .messages(first.sid)
        .update({ body: "hello, all", lastUpdatedBy: `${tag}bob` });
      expect(edited).toMatchObject({ body: "hello, all", wasEdited: true, lastUpdatedBy: `${tag}bob` });
      const attributesOnly = await channel().messages(second.sid).update({ attributes: '{"pinned":true}' });
      expect(attributesOnly.wasEdited).toBe(false);
      expect((await channel().fetch()).messagesCount).toBe(2);
      const third = await channel().messages.create({ body: "oops" });
      expect(await channel().messages(third.sid).remove()).toBe(true);
      await expectRestError(channel().messages(third.sid).fetch(), 404, 20404);
    });

    it("invites, lists, fetches and withdraws invites", async () => {
      const invite = await channel().invites.create({ identity: `${tag}dave` });
      expect(invite).toMatchObject({
        sid: expect.stringMatching(sidOf("IN")),
        channelSid,
        serviceSid,
        identity: `${tag}dave`,
        createdBy: "system",
        url: `${server.url}/v2/Services/${serviceSid}/Channels/${channelSid}/Invites/${invite.sid}`,
      });
      const erin = await channel().invites.create({ identity: `${tag}erin` });
      expect((await channel().invites.list()).map((i) => i.identity)).toEqual([`${tag}dave`, `${tag}erin`]);
      expect((await channel().invites.list({ identity: [`${tag}erin`] })).map((i) => i.sid)).toEqual([erin.sid]);
      expect((await channel().invites(invite.sid).fetch()).identity).toBe(`${tag}dave`);
      expect(await channel().invites(erin.sid).remove()).toBe(true);
      await expectRestError(channel().invites(erin.sid).fetch(), 404, 20404);
      await expectRestError(channel().invites.create({ identity: `${tag}alice` }), 409, 50433);
    });

    it("adds, lists, fetches, updates and deletes channel webhooks", async () => {
      const hook = await channel().webhooks.create({
        type: "webhook",
        "configuration.url": "https://example.com/hook",
        "configuration.method": "GET",
        "configuration.filters": ["onMessageSent"],
        "configuration.retryCount": 2,
      });
      expect(hook).toMatchObject({
        sid: expect.stringMatching(sidOf("WH")),
        channelSid,
        type: "webhook",
        configuration: { url: "https://example.com/hook", method: "GET", filters: ["onMessageSent"], retry_count: 2 },
      });
      const studio = await channel().webhooks.create({ type: "studio", "configuration.flowSid": `FW${"1".repeat(32)}` });
      expect(studio.configuration).toMatchObject({ flow_sid: `FW${"1".repeat(32)}` });
      const trigger = await channel().webhooks.create({
        type: "trigger",
        "configuration.url": "https://example.com/trigger",
        "configuration.triggers": ["help"],
      });
      expect((await channel().webhooks.list()).map((w) => w.type)).toEqual(["webhook", "studio", "trigger"]);
      expect((await channel().webhooks(hook.sid).fetch()).sid).toBe(hook.sid);
      const updated = await channel()
        .webhooks(hook.sid)
        .update({ "configuration.filters": ["onMessageSent", "onMemberAdded"] });
      expect(updated.configuration).toMatchObject({ filters: ["onMessageSent", "onMemberAdded"] });
      // The same record through Conversations v1, with its event names.
      const same = await v1.services(serviceSid).conversations(channelSid).webhooks(hook.sid).fetch();
      expect(same.configuration).toMatchObject({ filters: ["onMessageAdded", "onParticipantAdded"] });
      for (const w of [studio, trigger]) expect(await channel().webhooks(w.sid).remove()).toBe(true);
      await expectRestError(channel().webhooks(studio.sid).fetch(), 404, 20404);
      await expectRestError(channel().webhooks.create({ type: "webhook", "configuration.filters": ["onNothing"] } as never), 400, 20001);
    });

    it("lists, fetches, updates and leaves a user's channels", async () => {
      const bob = await service().users(`${tag}bob`).fetch();
      const channels = await service().users(bob.sid).userChannels.list();
      expect(channels.map((c) => [c.channelSid, c.status])).toEqual([[channelSid, "joined"]]);
      // An invite shows as an `invited` channel of the user.
      const dave = await service().users(`${tag}dave`).fetch();
      const invited = await service().users(dave.sid).userChannels.list();
      expect(invited.map((c) => [c.channelSid, c.status, c.memberSid])).toEqual([[channelSid, "invited", null]]);
      const mine = await service().users(bob.sid).userChannels(channelSid).fetch();
      expect(mine).toMatchObject({ userSid: bob.sid, status: "joined", lastConsumedMessageIndex: 3, notificationLevel: "default" });
      expect(mine.links).toMatchObject({ channel: `${server.url}/v2/Services/${serviceSid}/Channels/${channelSid}` });
      const updated = await service()
        .users(bob.sid)
        .userChannels(channelSid)
        .update({ notificationLevel: "muted", lastConsumedMessageIndex: 0 });
      // Unread: from the horizon to the newest index given out (2: the deleted "oops").
      expect(updated).toMatchObject({ notificationLevel: "muted", lastConsumedMessageIndex: 0, unreadMessagesCount: 2 });
      expect((await channel().members(`${tag}bob`).fetch()).lastConsumedMessageIndex).toBe(0);
      expect(await service().users(bob.sid).userChannels(channelSid).remove()).toBe(true);
      expect(await service().users(bob.sid).userChannels.list()).toEqual([]);
      await expectRestError(channel().members(`${tag}bob`).fetch(), 404, 20404);
    });

    it("lists, fetches and deletes push bindings, for the service and for a user", async () => {
      const credential = await api().credentials.create({ type: "fcm", secret: "s" });
      const seeded = await seedBindings(serviceSid, credential.sid, [
        [`${tag}alice`, "fcm"],
        [`${tag}alice`, "apn"],
        [`${tag}bob`, "gcm"],
      ]);
      const [a1, a2, b1] = seeded as [BindingRecord, BindingRecord, BindingRecord];
      expect((await service().bindings.list()).map((b) => b.sid)).toEqual([a1.sid, a2.sid, b1.sid]);
      expect((await service().bindings.list({ bindingType: ["gcm"] })).map((b) => b.sid)).toEqual([b1.sid]);
      expect((await service().bindings.list({ identity: [`${tag}alice`] })).map((b) => b.sid)).toEqual([a1.sid, a2.sid]);
      const fetched = await service().bindings(a1.sid).fetch();
      const alice = await service().users(`${tag}alice`).fetch();
      expect(fetched).toMatchObject({ identity: `${tag}alice`, credentialSid: credential.sid, links: { user: alice.url } });
      const userBindings = service().users(alice.sid).userBindings;
      expect((await userBindings.list()).map((b) => b.sid)).toEqual([a1.sid, a2.sid]);
      expect((await userBindings.list({ bindingType: ["apn"] })).map((b) => b.sid)).toEqual([a2.sid]);
      expect((await userBindings(a2.sid).fetch()).userSid).toBe(alice.sid);
      await expectRestError(userBindings(b1.sid).fetch(), 404, 20404);
      expect(await userBindings(a2.sid).remove()).toBe(true);
      expect(await service().bindings(b1.sid).remove()).toBe(true);
      expect((await service().bindings.list()).map((b) => b.sid)).toEqual([a1.sid]);
      await api().credentials(credential.sid).remove();
    });

    it("deletes a user, the channel, then the service", async () => {
      const dave = await service().users(`${tag}dave`).fetch();
      expect(await service().users(dave.sid).remove()).toBe(true);
      await expectRestError(service().users(dave.sid).fetch(), 404, 20404);
      expect(await channel().remove()).toBe(true);
      await expectRestError(channel().fetch(), 404, 20404);
      expect(await service().remove()).toBe(true);
      await expectRestError(service().fetch(), 404, 20404);
    });
  });
}

exercise("chat");
exercise("ipMessaging");

describe("Chat v2 and Conversations v1 are views of the same records", () => {
  it("a channel made through chat.v2 is a conversation, with its messages and participants, in v1", async () => {
    const chat = apis.chat as ChatV2;
    const serviceSid = server.credentials.serviceSid;
    const channel = await chat.services(serviceSid).channels.create({ friendlyName: "cross", attributes: '{"x":1}' });
    await chat.services(serviceSid).channels(channel.sid).members.create({ identity: "cross-ann" });
    const message = await chat.services(serviceSid).channels(channel.sid).messages.create({ from: "cross-ann", body: "hi v1" });

    const conversation = await v1.conversations(channel.sid).fetch();
    expect(conversation).toMatchObject({ sid: channel.sid, friendlyName: "cross", attributes: '{"x":1}', chatServiceSid: serviceSid });
    expect((await v1.conversations(channel.sid).participants.list()).map((p) => p.identity)).toEqual(["cross-ann"]);
    const messages = await v1.conversations(channel.sid).messages.list();
    expect(messages.map((m) => [m.sid, m.author, m.body, m.index])).toEqual([[message.sid, "cross-ann", "hi v1", 0]]);
    await v1.conversations(channel.sid).remove();
    await expectRestError(chat.services(serviceSid).channels(channel.sid).fetch(), 404, 20404);
  });

  it("a conversation made through v1 is a channel, with its members and messages, in chat.v2 and ipMessaging.v2", async () => {
    const serviceSid = server.credentials.serviceSid;
    const conversation = await v1.conversations.create({ friendlyName: "from v1", uniqueName: "from-v1" });
    const participant = await v1.conversations(conversation.sid).participants.create({ identity: "v1-ben" });
    // An SMS participant is no Chat member.
    const sms = await v1.conversations(conversation.sid).participants.create({
      "messagingBinding.address": "+15550001111",
      "messagingBinding.proxyAddress": "+15017122661",
    });
    await v1.conversations(conversation.sid).messages.create({ author: "v1-ben", body: "hello chat" });
    await v1.conversations(conversation.sid).participants(participant.sid).update({ lastReadMessageIndex: 0 });
    for (const api of [apis.chat, apis.ipMessaging] as ChatV2[]) {
      const channel = await api.services(serviceSid).channels("from-v1").fetch();
      expect(channel).toMatchObject({ sid: conversation.sid, type: "private", createdBy: "system", messagesCount: 1 });
      const members = await api.services(serviceSid).channels(conversation.sid).members.list();
      expect(members.map((m) => [m.sid, m.identity, m.lastConsumedMessageIndex])).toEqual([[participant.sid, "v1-ben", 0]]);
      await expectRestError(api.services(serviceSid).channels(conversation.sid).members(sms.sid).fetch(), 404, 20404);
      const messages = await api.services(serviceSid).channels(conversation.sid).messages.list();
      expect(messages.map((m) => [m.from, m.body, m.type])).toEqual([["v1-ben", "hello chat", "text"]]);
      const user = await api.services(serviceSid).users("v1-ben").fetch();
      expect(user.joinedChannelsCount).toBe(1);
    }
    await v1.conversations(conversation.sid).remove();
  });

  it("a service's Chat settings and its Conversations configuration are one record", async () => {
    const chat = apis.chat as ChatV2;
    const created = await chat.services.create({ friendlyName: "one record" });
    await chat.services(created.sid).update({
      reachabilityEnabled: true,
      "notifications.addedToChannel.enabled": true,
      "notifications.addedToChannel.template": "added",
      preWebhookUrl: "https://example.com/pre",
      webhookFilters: ["onMessageSend", "onChannelDestroyed"],
    });
    expect(await v1.services(created.sid).configuration().fetch()).toMatchObject({ reachabilityEnabled: true });
    expect(await v1.services(created.sid).configuration.notifications().fetch()).toMatchObject({
      addedToConversation: { enabled: true, template: "added" },
    });
    expect(await v1.services(created.sid).configuration.webhooks().fetch()).toMatchObject({
      preWebhookUrl: "https://example.com/pre",
      filters: ["onMessageAdd", "onConversationRemoved"],
    });
    await v1
      .services(created.sid)
      .configuration.webhooks()
      .update({ filters: ["onParticipantRemoved"] });
    expect((await chat.services(created.sid).fetch()).webhookFilters).toEqual(["onMemberRemoved"]);
    await v1.services(created.sid).remove();
    await expectRestError(chat.services(created.sid).fetch(), 404, 20404);
  });
});

describe("a service's own Chat limits", () => {
  it("Limits.ChannelMembers and Limits.UserChannels, once set, bound members and channels in both APIs", async () => {
    const chat = apis.chat as ChatV2;
    const created = await chat.services.create({ friendlyName: "small" });
    const service = chat.services(created.sid);
    await service.update({ "limits.channelMembers": 2, "limits.userChannels": 1 });
    const first = await service.channels.create({ friendlyName: "first" });
    const second = await service.channels.create({ friendlyName: "second" });
    await service.channels(first.sid).members.create({ identity: "lim-a" });
    await service.channels(first.sid).members.create({ identity: "lim-b" });
    await expectRestError(service.channels(first.sid).members.create({ identity: "lim-c" }), 400, 50438);
    await expectRestError(v1.services(created.sid).conversations(first.sid).participants.create({ identity: "lim-c" }), 400, 50438);
    await expectRestError(service.channels(second.sid).members.create({ identity: "lim-a" }), 400, 50439);
    expect((await service.channels(first.sid).fetch()).membersCount).toBe(2);
    await service.remove();
  });
});

describe("coverage", () => {
  for (const name of ["chat", "ipMessaging"] as const) {
    it(`${name}.v2 made every request to one of the 54 operations, and exercised all of them successfully`, () => {
      const recorder = recorders[name];
      expect(recorder.operations).toHaveLength(54);
      expect(recorder.unmatched().map((c) => `${c.method} ${c.path}`)).toEqual([]);
      const missing = recorder.missing().map((o) => {
        const seen = recorder.statuses(o.operationId);
        return `${o.operationId} (${o.method} ${o.path})${seen.length ? `: answered only ${seen.join(", ")}` : ": never called"}`;
      });
      if (missing.length > 0) console.error(`${name}.v2 operations not exercised (${missing.length}):\n  ${missing.join("\n  ")}`);
      expect(missing).toEqual([]);
      expect(recorder.succeeded().size).toBe(54);
    });
  }
});
