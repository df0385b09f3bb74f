import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fail } from "../src/core/errors.js";
import type { RunningServer } from "../src/index.js";
import { testServer } from "./support/server.js";
import { userToken } from "./support/user-token.js";
import { twilioClient } from "./support/twilio-client.js";

let server: RunningServer;
let client: ReturnType<typeof twilioClient>;
/** A clock the tests may move forward. */
let offsetMs = 0;

beforeAll(async () => {
  server = await testServer({ now: () => new Date(Date.now() + offsetMs), limits: { messageBodyBytes: 64, attributesBytes: 64 } });
  client = twilioClient(server.url, server.credentials.accountSid, server.credentials.authToken);
});
afterAll(() => server.close());

async function call(auth: Record<string, string>, method: string, path: string, form?: Record<string, string>, headers = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...auth, "Content-Type": "application/x-www-form-urlencoded", ...headers },
    ...(form ? { body: new URLSearchParams(form).toString() } : {}),
  });
  return { status: res.status, body: res.status === 204 ? undefined : ((await res.json()) as Record<string, any>) };
}

/** A REST call with a user's access token (the twilio helper only sends account credentials). */
function asUser(identity: string, method: string, path: string, form?: Record<string, string>) {
  return call({ "X-Twilio-Token": userToken(server, identity) }, method, path, form);
}

function asAccount(method: string, path: string, form?: Record<string, string>, headers = {}) {
  const basic = Buffer.from(`${server.credentials.accountSid}:${server.credentials.authToken}`).toString("base64");
  return call({ Authorization: `Basic ${basic}` }, method, path, form, headers);
}

const conversations = () => client.conversations.v1.conversations;
const newConversation = (params: Record<string, unknown> = {}) => conversations().create(params as never);

describe("conversation messages through the official twilio helper", () => {
  it("creates, fetches, edits and deletes messages; indexes are never reused", async () => {
    const conversation = await newConversation();
    const messages = conversations()(conversation.sid).messages;
    const first = await messages.create({ body: "hello", attributes: JSON.stringify({ n: 1 }) });
    expect(first.sid).toMatch(/^IM[0-9a-f]{32}$/);
    expect(first.index).toBe(0);
    expect(first.author).toBe("system");
    expect(first.participantSid).toBeNull();
    expect(first.media).toBeNull();
    expect(first.delivery).toBeNull();
    expect(first.url).toBe(`${server.url}/v1/Conversations/${conversation.sid}/Messages/${first.sid}`);
    expect(first.links).toEqual({
      delivery_receipts: `${first.url}/Receipts`,
      channel_metadata: `${first.url}/ChannelMetadata`,
    });

    const second = await messages.create({ body: "second" });
    expect(second.index).toBe(1);
    const stored = await server.core.store.get("conversation", conversation.sid);
    expect(stored?.lastMessageIndex).toBe(1);
    expect(stored?.lastMessageDate).toBe(second.dateCreated?.toISOString().replace(/\.\d{3}Z$/, "Z"));

    expect((await messages(first.sid).fetch()).body).toBe("hello");
    const edited = await messages(first.sid).update({ body: "hello, edited" });
    expect(edited.body).toBe("hello, edited");
    expect(edited.index).toBe(0);

    expect(await messages(second.sid).remove()).toBe(true);
    await expect(messages(second.sid).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    const third = await messages.create({ body: "third" });
    expect(third.index).toBe(2);
    expect((await messages.list()).map((m) => m.index)).toEqual([0, 2]);
  });

  it("names the author's participant", async () => {
    const conversation = await newConversation();
    const sid = conversation.sid;
    const alice = await conversations()(sid).participants.create({ identity: "alice" });
    const sms = await conversations()(sid).participants.create({
      "messagingBinding.address": "+15558675310",
      "messagingBinding.proxyAddress": "+15017122661",
    });
    const fromAlice = await conversations()(sid).messages.create({ author: "alice", body: "hi" });
    expect(fromAlice.author).toBe("alice");
    expect(fromAlice.participantSid).toBe(alice.sid);
    expect((await conversations()(sid).messages.create({ author: "+15558675310", body: "sms" })).participantSid).toBe(sms.sid);
    expect((await conversations()(sid).messages.create({ author: "stranger", body: "?" })).participantSid).toBeNull();
  });

  it("pages through 7 messages three at a time, in both orders", async () => {
    const conversation = await newConversation();
    const messages = conversations()(conversation.sid).messages;
    for (let i = 0; i < 7; i++) await messages.create({ body: `m${i}` });

    expect((await messages.list({ pageSize: 3 })).map((m) => m.body)).toEqual(["m0", "m1", "m2", "m3", "m4", "m5", "m6"]);
    expect((await messages.list({ pageSize: 3, order: "desc" })).map((m) => m.body)).toEqual(["m6", "m5", "m4", "m3", "m2", "m1", "m0"]);

    const page = await messages.page({ pageSize: 3, order: "desc" });
    expect(page.instances.map((m: { index: number }) => m.index)).toEqual([6, 5, 4]);
    expect(page.nextPageUrl).toMatch(/[?&]Order=desc(&|$)/);
    const next = await page.nextPage();
    expect(next?.instances.map((m: { index: number }) => m.index)).toEqual([3, 2, 1]);
    const last = await next?.nextPage();
    expect(last?.instances.map((m: { index: number }) => m.index)).toEqual([0]);
    expect(last?.nextPageUrl).toBeFalsy();
    const back = await last?.previousPage();
    expect(back?.instances.map((m: { index: number }) => m.index)).toEqual([3, 2, 1]);

    const asc = await messages.page({ pageSize: 3 });
    expect(asc.instances.map((m: { index: number }) => m.index)).toEqual([0, 1, 2]);
    const ascNext = await asc.nextPage();
    expect(ascNext?.instances.map((m: { index: number }) => m.index)).toEqual([3, 4, 5]);
  });

  it("reactivates an inactive conversation and restarts its inactive timer", async () => {
    const conversation = await newConversation({ "timers.inactive": "PT10M" });
    offsetMs += 11 * 60 * 1000;
    try {
      expect((await conversations()(conversation.sid).fetch()).state).toBe("inactive");
      const before = Date.now() + offsetMs;
      await conversations()(conversation.sid).messages.create({ body: "wake up" });
      const after = await conversations()(conversation.sid).fetch();
      expect(after.state).toBe("active");
      const dateInactive = Date.parse((after.timers as { date_inactive: string }).date_inactive);
      expect(dateInactive).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 10 * 60 * 1000);
      const stored = await server.core.store.get("conversation", conversation.sid);
      expect(stored).toMatchObject({ state: "active", lastMessageIndex: 0 });
    } finally {
      offsetMs = 0;
    }
    const inactive = await newConversation({ state: "inactive" });
    await conversations()(inactive.sid).messages.create({ body: "hello" });
    expect((await conversations()(inactive.sid).fetch()).state).toBe("active");
  });

  it("refuses messages to a closed conversation (400 50407), and over-long bodies or attributes", async () => {
    const closed = await newConversation({ state: "closed" });
    await expect(conversations()(closed.sid).messages.create({ body: "late" })).rejects.toMatchObject({ status: 400, code: 50407 });
    expect(await conversations()(closed.sid).messages.list()).toEqual([]);

    const open = await newConversation();
    const messages = conversations()(open.sid).messages;
    await expect(messages.create({ body: "x".repeat(65) })).rejects.toMatchObject({ status: 400, code: 50511 });
    await expect(messages.create({ body: "ok", attributes: JSON.stringify({ x: "y".repeat(64) }) })).rejects.toMatchObject({
      status: 400,
      code: 50006,
    });
    await expect(messages.create({ attributes: "{not json" })).rejects.toMatchObject({ status: 400 });
    expect(await messages.list()).toEqual([]);
    expect((await server.core.store.get("conversation", open.sid))?.lastMessageIndex).toBeNull();
    const m = await messages.create({ body: "fine" });
    await expect(messages(m.sid).update({ body: "z".repeat(65) })).rejects.toMatchObject({ status: 400, code: 50511 });
    expect((await messages(m.sid).fetch()).body).toBe("fine");
  });

  it("answers 404 for a missing conversation or message", async () => {
    await expect(conversations()(`CH${"0".repeat(32)}`).messages.create({ body: "x" })).rejects.toMatchObject({
      status: 404,
      code: 20404,
    });
    const conversation = await newConversation();
    const other = await newConversation();
    const elsewhere = await conversations()(other.sid).messages.create({ body: "elsewhere" });
    const messages = conversations()(conversation.sid).messages;
    await expect(messages(elsewhere.sid).fetch()).rejects.toMatchObject({ status: 404 });
    await expect(messages(`IM${"0".repeat(32)}`).update({ body: "x" })).rejects.toMatchObject({ status: 404 });
    await expect(messages(`IM${"0".repeat(32)}`).remove()).rejects.toMatchObject({ status: 404 });
  });

  it("attaches media by SID", async () => {
    const conversation = await newConversation();
    const media = `ME${"a".repeat(32)}`;
    const m = await conversations()(conversation.sid).messages.create({ mediaSid: media });
    expect(m.body).toBeNull();
    expect(m.media).toEqual([{ sid: media, content_type: "application/octet-stream", filename: null, size: 0, category: "media" }]);
  });

  it("attaches uploaded media with its details, once", async () => {
    const conversation = await newConversation();
    const sid = `ME${"c".repeat(32)}`;
    await server.core.store.transaction((tx) =>
      tx.insert("media", {
        sid,
        accountSid: server.credentials.accountSid,
        serviceSid: server.credentials.serviceSid,
        contentType: "image/png",
        filename: "cat.png",
        size: 1234,
        author: "system",
        category: "media",
        messageSid: null,
        conversationSid: null,
        dateCreated: "2024-01-01T00:00:00Z",
        dateUpdated: "2024-01-01T00:00:00Z",
        dateUploadUpdated: "2024-01-01T00:00:00Z",
      }),
    );
    const messages = conversations()(conversation.sid).messages;
    const m = await messages.create({ body: "look", mediaSid: sid });
    expect(m.media).toEqual([{ sid, content_type: "image/png", filename: "cat.png", size: 1234, category: "media" }]);
    expect(await server.core.store.get("media", sid)).toMatchObject({ messageSid: m.sid, conversationSid: conversation.sid });
    await expect(messages.create({ mediaSid: sid })).rejects.toMatchObject({ status: 400 });
    expect((await messages.list()).length).toBe(1);
  });

  it("attaches several media in order with MediaSid repeated, refusing a repeat or more than the limit and keeping nothing", async () => {
    const conversation = await newConversation();
    const sids = ["1", "2", "3"].map((d) => `ME${d.repeat(32)}`);
    const post = async (mediaSids: string[]) => {
      const basic = Buffer.from(`${server.credentials.accountSid}:${server.credentials.authToken}`).toString("base64");
      const res = await fetch(`${server.url}/v1/Conversations/${conversation.sid}/Messages`, {
        method: "POST",
        headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(mediaSids.map((sid) => ["MediaSid", sid])).toString(),
      });
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    };
    const sent = await post(sids);
    expect(sent.status).toBe(201);
    expect(sent.body.media.map((m: { sid: string }) => m.sid)).toEqual(sids);
    expect((await post([sids[0] as string, sids[0] as string])).body).toMatchObject({ status: 400, code: 20001 });
    const eleven = Array.from({ length: 11 }, (_, i) => `ME${i.toString(16).padStart(32, "0")}`);
    expect((await post(eleven)).body).toMatchObject({ status: 400, message: expect.stringContaining("MediaSid") });
    expect((await conversations()(conversation.sid).messages.list()).length).toBe(1);
  });

  it("returns the same message for a repeated idempotency token", async () => {
    const conversation = await newConversation();
    const path = `/v1/Conversations/${conversation.sid}/Messages`;
    const token = { "I-Twilio-Idempotency-Token": "retry-1" };
    const first = await asAccount("POST", path, { Body: "once" }, token);
    const again = await asAccount("POST", path, { Body: "once" }, token);
    expect(first.status).toBe(201);
    expect(again.body?.sid).toBe(first.body?.sid);
    const other = await asAccount("POST", path, { Body: "twice" }, { "I-Twilio-Idempotency-Token": "retry-2" });
    expect(other.body?.index).toBe(1);
    expect((await conversations()(conversation.sid).messages.list()).length).toBe(2);
  });

  it("publishes message events and lets a pre-event hook rewrite or reject a message", async () => {
    const conversation = await newConversation();
    const messages = conversations()(conversation.sid).messages;
    const events: string[] = [];
    const unsubscribe = server.core.bus.subscribe((e) => {
      if (e.conversationSid === conversation.sid) events.push(`${e.type}:${e.origin?.webhooks}`);
    });
    const hooks = server.core.hooks;
    const asked: Record<string, string>[] = [];
    server.core.hooks = {
      async before(request): Promise<Record<string, string>> {
        asked.push({ eventType: request.eventType, ...request.params });
        if (request.params.Body === "forbidden") throw fail.forbidden("rejected by the hook");
        return request.eventType === "onMessageAdd" ? { body: `${request.params.Body} (checked)` } : {};
      },
    };
    try {
      const m = await messages.create({ body: "hello", xTwilioWebhookEnabled: "true" });
      expect(m.body).toBe("hello (checked)");
      expect(asked[0]).toMatchObject({ eventType: "onMessageAdd", Body: "hello", Author: "system" });
      await expect(messages.create({ body: "forbidden", xTwilioWebhookEnabled: "true" })).rejects.toMatchObject({ status: 403 });
      expect((await messages.list()).map((x) => x.body)).toEqual(["hello (checked)"]);
      // Without the header, the account's writes do not ask hooks.
      expect((await messages.create({ body: "quiet" })).body).toBe("quiet");
      await messages(m.sid).update({ body: "edited" });
      await messages(m.sid).remove();
    } finally {
      server.core.hooks = hooks;
      unsubscribe();
    }
    expect(events).toEqual(["message.added:true", "message.added:false", "message.updated:false", "message.removed:false"]);
  });

  it("serves the service-scoped twins", async () => {
    const service = client.conversations.v1.services(server.credentials.serviceSid);
    const conversation = await service.conversations.create({});
    const messages = service.conversations(conversation.sid).messages;
    const a = await messages.create({ body: "a" });
    const b = await messages.create({ body: "b" });
    expect(a.chatServiceSid).toBe(server.credentials.serviceSid);
    expect(a.url).toBe(`${server.url}/v1/Services/${server.credentials.serviceSid}/Conversations/${conversation.sid}/Messages/${a.sid}`);
    expect((await messages.list({ order: "desc" })).map((m) => m.sid)).toEqual([b.sid, a.sid]);
    expect((await messages(a.sid).fetch()).body).toBe("a");
    expect((await messages(a.sid).update({ attributes: '{"edited":true}' })).attributes).toBe('{"edited":true}');
    expect(await messages(b.sid).remove()).toBe(true);
    expect((await messages.list()).map((m) => m.sid)).toEqual([a.sid]);
  });
});

describe("messages with user access tokens", () => {
  it("sends as the user, and keeps users to their own messages", async () => {
    const conversation = await newConversation();
    const sid = conversation.sid;
    const path = `/v1/Conversations/${sid}/Messages`;
    const alice = await conversations()(sid).participants.create({ identity: "alice" });
    await conversations()(sid).participants.create({ identity: "bob" });

    const sent = await asUser("alice", "POST", path, { Body: "from alice" });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ author: "alice", participant_sid: alice.sid, index: 0 });
    expect((await asUser("alice", "POST", path, { Body: "as bob", Author: "bob" })).status).toBe(403);
    expect((await asUser("mallory", "POST", path, { Body: "hi" })).status).toBe(404);
    expect((await asUser("mallory", "GET", path)).status).toBe(404);

    const mine = `${path}/${sent.body?.sid}`;
    expect((await asUser("alice", "POST", mine, { Body: "edited" })).body?.body).toBe("edited");
    expect((await asUser("bob", "POST", mine, { Body: "not yours" })).status).toBe(403);
    expect((await asUser("bob", "POST", mine, { Attributes: "{}" })).status).toBe(403);
    expect((await asUser("bob", "DELETE", mine)).status).toBe(403);
    expect((await asUser("bob", "GET", path)).body?.messages).toHaveLength(1);
    expect((await asUser("alice", "DELETE", mine)).status).toBe(204);
    expect(await conversations()(sid).messages.list()).toEqual([]);
  });
});

describe("the write rate per conversation", () => {
  it("answers writes beyond the limit with 429 and Twilio's code, and stores only those allowed", async () => {
    const limited = await testServer({ limits: { writesPerConversationPerSecond: 3 } });
    try {
      const admin = twilioClient(limited.url, limited.credentials.accountSid, limited.credentials.authToken);
      const conversation = await admin.conversations.v1.conversations.create({ friendlyName: "busy" });
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, (_, i) =>
          admin.conversations.v1.conversations(conversation.sid).messages.create({ author: "a", body: `m${i}` }),
        ),
      );
      const refused = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
      expect(refused.length).toBeGreaterThanOrEqual(2);
      for (const error of refused) expect(error).toMatchObject({ status: 429, code: 20429 });
      const stored = await admin.conversations.v1.conversations(conversation.sid).messages.list();
      expect(stored).toHaveLength(results.length - refused.length);
    } finally {
      await limited.close();
    }
  });
});
