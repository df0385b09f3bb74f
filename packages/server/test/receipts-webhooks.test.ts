import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newSid, SidPrefix } from "../src/core/ids.js";
import type { RunningServer } from "../src/index.js";
import type { ReceiptRecord } from "../src/store/index.js";
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

async function asUser(identity: string, method: string, path: string, form?: Record<string, string>) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      "X-Twilio-Token": userToken(server, identity),
      "Content-Type": "application/x-www-form-urlencoded",
    },
    ...(form ? { body: new URLSearchParams(form).toString() } : {}),
  });
  return { status: res.status, body: res.status === 204 ? undefined : ((await res.json()) as Record<string, any>) };
}

const conversations = () => client.conversations.v1.conversations;
const FLOW = `FW${"b".repeat(32)}`;

describe("delivery receipts", () => {
  it("lists none for a chat message, with a correct envelope", async () => {
    const conversation = await conversations().create({});
    const message = await conversations()(conversation.sid).messages.create({ body: "hi" });
    const receipts = conversations()(conversation.sid).messages(message.sid).deliveryReceipts;
    expect(await receipts.list()).toEqual([]);
    const page = await receipts.page({ pageSize: 5 });
    expect(page.instances).toEqual([]);
    expect(page.nextPageUrl).toBeFalsy();
    const auth = Buffer.from(`${server.credentials.accountSid}:${server.credentials.authToken}`).toString("base64");
    const path = `/v1/Conversations/${conversation.sid}/Messages/${message.sid}/Receipts`;
    const raw = await (await fetch(`${server.url}${path}`, { headers: { Authorization: `Basic ${auth}` } })).json();
    expect(raw).toEqual({
      delivery_receipts: [],
      meta: {
        page: 0,
        page_size: 50,
        first_page_url: `${server.url}${path}?PageSize=50&Page=0`,
        previous_page_url: null,
        url: `${server.url}${path}?PageSize=50&Page=0`,
        next_page_url: null,
        key: "delivery_receipts",
      },
    });
    await expect(receipts(`DY${"0".repeat(32)}`).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    await expect(
      conversations()(conversation.sid)
        .messages(`IM${"0".repeat(32)}`)
        .deliveryReceipts.list(),
    ).rejects.toMatchObject({
      status: 404,
    });
  });

  it("serves receipts a delivery channel wrote, and sums them up in the message's delivery", async () => {
    const conversation = await conversations().create({});
    const sid = conversation.sid;
    const sms = await conversations()(sid).participants.create({
      "messagingBinding.address": "+15558675310",
      "messagingBinding.proxyAddress": "+15017122661",
    });
    const sms2 = await conversations()(sid).participants.create({
      "messagingBinding.address": "+15558675311",
      "messagingBinding.proxyAddress": "+15017122661",
    });
    const message = await conversations()(sid).messages.create({ body: "to sms" });
    const receipt = (participantSid: string, status: ReceiptRecord["status"]): ReceiptRecord => ({
      sid: newSid(SidPrefix.receipt),
      accountSid: message.accountSid,
      serviceSid: server.credentials.serviceSid,
      conversationSid: sid,
      messageSid: message.sid,
      participantSid,
      channelMessageSid: newSid("SM"),
      status,
      errorCode: null,
      dateCreated: "2024-01-01T00:00:00Z",
      dateUpdated: "2024-01-01T00:00:00Z",
    });
    const delivered = receipt(sms.sid, "delivered");
    await server.core.store.transaction(async (tx) => {
      await tx.insert("receipt", delivered);
      await tx.insert("receipt", receipt(sms2.sid, "sent"));
    });

    const receipts = conversations()(sid).messages(message.sid).deliveryReceipts;
    const listed = await receipts.list({ pageSize: 1 });
    expect(listed.map((r) => r.participantSid)).toEqual([sms.sid, sms2.sid]);
    const fetched = await receipts(delivered.sid).fetch();
    expect(fetched).toMatchObject({ status: "delivered", participantSid: sms.sid, messageSid: message.sid });
    expect(fetched.url).toBe(`${server.url}/v1/Conversations/${sid}/Messages/${message.sid}/Receipts/${delivered.sid}`);
    const scoped = client.conversations.v1.services(server.credentials.serviceSid).conversations(sid).messages(message.sid);
    expect((await scoped.deliveryReceipts.list()).length).toBe(2);
    expect((await scoped.deliveryReceipts(delivered.sid).fetch()).url).toBe(
      `${server.url}/v1/Services/${server.credentials.serviceSid}/Conversations/${sid}/Messages/${message.sid}/Receipts/${delivered.sid}`,
    );

    expect((await conversations()(sid).messages(message.sid).fetch()).delivery).toEqual({
      total: 2,
      sent: "all",
      delivered: "some",
      read: "none",
      failed: "none",
      undelivered: "none",
    });
  });
});

describe("conversation-scoped webhooks", () => {
  it("creates, lists, fetches, updates and deletes webhooks of each target", async () => {
    const conversation = await conversations().create({});
    const webhooks = conversations()(conversation.sid).webhooks;
    const hook = await webhooks.create({
      target: "webhook",
      "configuration.url": "https://example.com/hook",
      "configuration.method": "get",
      "configuration.filters": ["onMessageAdded", "onParticipantAdded"],
    });
    expect(hook.sid).toMatch(/^WH[0-9a-f]{32}$/);
    expect(hook.target).toBe("webhook");
    expect(hook.configuration).toEqual({
      url: "https://example.com/hook",
      method: "get",
      filters: ["onMessageAdded", "onParticipantAdded"],
    });
    expect(hook.url).toBe(`${server.url}/v1/Conversations/${conversation.sid}/Webhooks/${hook.sid}`);

    const trigger = await webhooks.create({
      target: "trigger",
      "configuration.url": "https://example.com/trigger",
      "configuration.triggers": ["help"],
    });
    expect(trigger.configuration).toEqual({ url: "https://example.com/trigger", method: "post", filters: [], triggers: ["help"] });
    const studio = await webhooks.create({ target: "studio", "configuration.flowSid": FLOW, "configuration.replayAfter": 0 });
    expect(studio.configuration).toEqual({ flow_sid: FLOW, replay_after: 0 });

    expect((await webhooks.list({ pageSize: 2 })).map((w) => w.target)).toEqual(["webhook", "trigger", "studio"]);
    expect((await webhooks(hook.sid).fetch()).configuration).toMatchObject({ method: "get" });

    const updated = await webhooks(hook.sid).update({ "configuration.method": "post", "configuration.filters": ["onMessageUpdated"] });
    expect(updated.configuration).toEqual({ url: "https://example.com/hook", method: "post", filters: ["onMessageUpdated"] });
    expect((await webhooks(hook.sid).fetch()).configuration).toMatchObject({ filters: ["onMessageUpdated"] });

    expect(await webhooks(trigger.sid).remove()).toBe(true);
    await expect(webhooks(trigger.sid).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    expect((await webhooks.list()).length).toBe(2);
  });

  it("allows five webhooks per conversation and requires a URL or a flow", async () => {
    const conversation = await conversations().create({});
    const webhooks = conversations()(conversation.sid).webhooks;
    await expect(webhooks.create({ target: "webhook" })).rejects.toMatchObject({ status: 400, code: 20001 });
    await expect(webhooks.create({ target: "trigger", "configuration.triggers": ["x"] })).rejects.toMatchObject({ status: 400 });
    await expect(webhooks.create({ target: "studio", "configuration.url": "https://example.com" })).rejects.toMatchObject({
      status: 400,
    });
    await expect(webhooks.create({ target: "pigeon" as never, "configuration.url": "https://example.com" })).rejects.toMatchObject({
      status: 400,
    });
    for (let i = 0; i < 5; i++) await webhooks.create({ target: "webhook", "configuration.url": `https://example.com/${i}` });
    await expect(webhooks.create({ target: "webhook", "configuration.url": "https://example.com/6" })).rejects.toMatchObject({
      status: 400,
    });
    expect((await webhooks.list()).length).toBe(5);
    await expect(webhooks(`WH${"0".repeat(32)}`).fetch()).rejects.toMatchObject({ status: 404 });
    await expect(conversations()(`CH${"0".repeat(32)}`).webhooks.list()).rejects.toMatchObject({ status: 404 });
  });

  it("serves the service-scoped twins, and only to the account", async () => {
    const service = client.conversations.v1.services(server.credentials.serviceSid);
    const conversation = await service.conversations.create({});
    await service.conversations(conversation.sid).participants.create({ identity: "member" });
    const webhooks = service.conversations(conversation.sid).webhooks;
    const hook = await webhooks.create({ target: "studio", "configuration.flowSid": FLOW });
    expect(hook.chatServiceSid).toBe(server.credentials.serviceSid);
    expect(hook.url).toBe(
      `${server.url}/v1/Services/${server.credentials.serviceSid}/Conversations/${conversation.sid}/Webhooks/${hook.sid}`,
    );
    expect((await webhooks(hook.sid).update({ "configuration.flowSid": `FW${"c".repeat(32)}` })).configuration).toEqual({
      flow_sid: `FW${"c".repeat(32)}`,
    });
    expect((await webhooks.list()).map((w) => w.sid)).toEqual([hook.sid]);

    const path = `/v1/Conversations/${conversation.sid}/Webhooks`;
    expect((await asUser("member", "GET", path)).status).toBe(403);
    expect((await asUser("member", "POST", path, { Target: "webhook", "Configuration.Url": "https://example.com" })).status).toBe(403);
    expect((await asUser("member", "DELETE", `${path}/${hook.sid}`)).status).toBe(403);

    expect(await webhooks(hook.sid).remove()).toBe(true);
    expect(await webhooks.list()).toEqual([]);
  });
});
