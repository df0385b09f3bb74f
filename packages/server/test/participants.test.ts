import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/index.js";
import { updateConversation } from "../src/core/conversations.js";
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

/** A REST call with a user's access token (the twilio helper only sends account credentials). */
async function asUser(identity: string, method: string, path: string, form?: Record<string, string>) {
  const token = userToken(server, identity);
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { "X-Twilio-Token": token, "Content-Type": "application/x-www-form-urlencoded" },
    ...(form ? { body: new URLSearchParams(form).toString() } : {}),
  });
  return { status: res.status, body: res.status === 204 ? undefined : ((await res.json()) as Record<string, any>) };
}

const conversations = () => client.conversations.v1.conversations;
const defaultService = async () => {
  const service = await server.core.store.get("service", server.credentials.serviceSid);
  if (!service) throw new Error("no default service");
  return service;
};
const newConversation = (params: Record<string, unknown> = {}) => conversations().create(params as never);
const countParticipants = async (sid: string) => (await conversations()(sid).participants.list()).length;

describe("conversation participants through the official twilio helper", () => {
  it("adds a chat participant, finds it by SID and by identity, updates and removes it", async () => {
    const conversation = await newConversation({ uniqueName: "participants-basic" });
    const participants = conversations()(conversation.sid).participants;
    const alice = await participants.create({ identity: "alice", attributes: JSON.stringify({ team: "blue" }) });
    expect(alice.sid).toMatch(/^MB[0-9a-f]{32}$/);
    expect(alice.identity).toBe("alice");
    expect(alice.messagingBinding).toBeNull();
    expect(JSON.parse(alice.attributes)).toEqual({ team: "blue" });
    expect(alice.url).toBe(`${server.url}/v1/Conversations/${conversation.sid}/Participants/${alice.sid}`);

    const service = await server.core.store.get("service", server.credentials.serviceSid);
    expect(alice.roleSid).toBe(service?.defaultConversationRoleSid);
    // A new identity becomes a user of the service, with the service's default role.
    const user = await server.core.store.getByKey("user", server.credentials.serviceSid, "alice");
    expect(user?.roleSid).toBe(service?.defaultChatServiceRoleSid);

    expect((await participants(alice.sid).fetch()).identity).toBe("alice");
    expect((await participants("alice").fetch()).sid).toBe(alice.sid);
    // The conversation may be named by its unique name too.
    expect((await conversations()("participants-basic").participants("alice").fetch()).sid).toBe(alice.sid);

    const updated = await participants("alice").update({ attributes: JSON.stringify({ team: "red" }) });
    expect(JSON.parse(updated.attributes)).toEqual({ team: "red" });

    expect(await participants(alice.sid).remove()).toBe(true);
    await expect(participants(alice.sid).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    expect(await countParticipants(conversation.sid)).toBe(0);
  });

  it("publishes participant events, and user.added for a new identity", async () => {
    const conversation = await newConversation();
    const events: string[] = [];
    const unsubscribe = server.core.bus.subscribe((e) => {
      if (e.conversationSid === conversation.sid || e.type.startsWith("user.")) events.push(e.type);
    });
    try {
      const participants = conversations()(conversation.sid).participants;
      await participants.create({ identity: "evented" });
      await participants("evented").update({ attributes: "{}" });
      await participants("evented").remove();
      await participants.create({ identity: "evented" });
    } finally {
      unsubscribe();
    }
    expect(events).toEqual(["user.added", "participant.added", "participant.updated", "participant.removed", "participant.added"]);
  });

  it("adds a non-chat participant by its messaging binding", async () => {
    const conversation = await newConversation();
    const participants = conversations()(conversation.sid).participants;
    const sms = await participants.create({ "messagingBinding.address": "+15558675310", "messagingBinding.proxyAddress": "+15017122661" });
    expect(sms.identity).toBeNull();
    expect(sms.messagingBinding).toEqual({ type: "sms", address: "+15558675310", proxy_address: "+15017122661" });
    const whatsapp = await participants.create({
      "messagingBinding.address": "whatsapp:+15558675311",
      "messagingBinding.proxyAddress": "whatsapp:+15017122661",
    });
    expect(whatsapp.messagingBinding).toMatchObject({ type: "whatsapp" });
    const projected = await participants.create({ identity: "gmms", "messagingBinding.projectedAddress": "+15017122661" });
    expect(projected.messagingBinding).toEqual({ type: "sms", projected_address: "+15017122661" });
    await expect(
      participants.create({ "messagingBinding.address": "+15558675310", "messagingBinding.proxyAddress": "+15017122661" }),
    ).rejects.toMatchObject({ status: 409, code: 50433 });
  });

  it("answers a duplicate identity with 409 50433 and adds nothing", async () => {
    const conversation = await newConversation();
    const participants = conversations()(conversation.sid).participants;
    await participants.create({ identity: "dup" });
    await expect(participants.create({ identity: "dup" })).rejects.toMatchObject({ status: 409, code: 50433 });
    expect(await countParticipants(conversation.sid)).toBe(1);
  });

  it("rejects bad input with 400 and writes nothing", async () => {
    const conversation = await newConversation();
    const participants = conversations()(conversation.sid).participants;
    const service = await server.core.store.get("service", server.credentials.serviceSid);
    await expect(participants.create({})).rejects.toMatchObject({ status: 400, code: 20001 });
    await expect(participants.create({ identity: "both", "messagingBinding.address": "+15558675310" })).rejects.toMatchObject({
      status: 400,
    });
    await expect(participants.create({ identity: "proxy", "messagingBinding.proxyAddress": "+15017122661" })).rejects.toMatchObject({
      status: 400,
    });
    // A service role is not a conversation role.
    await expect(participants.create({ identity: "r", roleSid: service?.defaultChatServiceRoleSid })).rejects.toMatchObject({
      status: 400,
    });
    await expect(participants.create({ identity: "r", roleSid: `RL${"0".repeat(32)}` })).rejects.toMatchObject({ status: 400 });
    await expect(participants.create({ identity: "a", attributes: "{not json" })).rejects.toMatchObject({ status: 400 });
    expect(await countParticipants(conversation.sid)).toBe(0);
    expect(await server.core.store.getByKey("user", server.credentials.serviceSid, "both")).toBeNull();

    const admin = await participants.create({ identity: "boss", roleSid: service?.defaultConversationCreatorRoleSid });
    expect(admin.roleSid).toBe(service?.defaultConversationCreatorRoleSid);
    await expect(participants("boss").update({ roleSid: service?.defaultChatServiceRoleSid })).rejects.toMatchObject({ status: 400 });
  });

  it("answers 404 for a missing conversation or participant", async () => {
    const missing = conversations()(`CH${"0".repeat(32)}`).participants;
    await expect(missing.create({ identity: "x" })).rejects.toMatchObject({ status: 404, code: 20404 });
    await expect(missing.list()).rejects.toMatchObject({ status: 404 });
    const conversation = await newConversation();
    const participants = conversations()(conversation.sid).participants;
    await expect(participants("nobody").fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    await expect(participants(`MB${"0".repeat(32)}`).update({ attributes: "{}" })).rejects.toMatchObject({ status: 404 });
    await expect(participants("nobody").remove()).rejects.toMatchObject({ status: 404 });
  });

  it("takes no participants into a closed conversation (400 50407)", async () => {
    const conversation = await newConversation({ state: "closed" });
    await expect(conversations()(conversation.sid).participants.create({ identity: "late" })).rejects.toMatchObject({
      status: 400,
      code: 50407,
    });
    expect(await countParticipants(conversation.sid)).toBe(0);
  });

  it("moves the read horizon", async () => {
    const conversation = await newConversation();
    const participants = conversations()(conversation.sid).participants;
    const p = await participants.create({ identity: "reader" });
    expect(p.lastReadMessageIndex).toBeNull();
    expect(p.lastReadTimestamp).toBeNull();
    const moved = await participants("reader").update({ lastReadMessageIndex: 4 });
    expect(moved.lastReadMessageIndex).toBe(4);
    expect(moved.lastReadTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const stamped = await participants(p.sid).update({ lastReadMessageIndex: 5, lastReadTimestamp: "2024-01-02T03:04:05Z" });
    expect(stamped.lastReadTimestamp).toBe("2024-01-02T03:04:05Z");
    expect((await participants(p.sid).fetch()).lastReadMessageIndex).toBe(5);
    // An empty value clears it.
    const auth = Buffer.from(`${server.credentials.accountSid}:${server.credentials.authToken}`).toString("base64");
    const res = await fetch(`${server.url}/v1/Conversations/${conversation.sid}/Participants/${p.sid}`, {
      method: "POST",
      headers: { Authorization: `Basic ${auth}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: "LastReadMessageIndex=",
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { last_read_message_index: unknown }).last_read_message_index).toBeNull();
  });

  it("pages through participants", async () => {
    const conversation = await newConversation();
    const participants = conversations()(conversation.sid).participants;
    const names = ["p0", "p1", "p2", "p3", "p4"];
    for (const identity of names) await participants.create({ identity });
    expect((await participants.list({ pageSize: 2 })).map((p) => p.identity)).toEqual(names);
    const page = await participants.page({ pageSize: 2 });
    expect(page.instances).toHaveLength(2);
    const next = await page.nextPage();
    expect(next?.instances.map((p: { identity: string }) => p.identity)).toEqual(["p2", "p3"]);
    const back = await next?.previousPage();
    expect(back?.instances.map((p: { identity: string }) => p.identity)).toEqual(["p0", "p1"]);
  });

  it("serves the service-scoped twins", async () => {
    const service = client.conversations.v1.services(server.credentials.serviceSid);
    const conversation = await service.conversations.create({ friendlyName: "scoped" });
    const participants = service.conversations(conversation.sid).participants;
    const p = await participants.create({ identity: "scoped-user" });
    expect(p.chatServiceSid).toBe(server.credentials.serviceSid);
    expect(p.url).toBe(
      `${server.url}/v1/Services/${server.credentials.serviceSid}/Conversations/${conversation.sid}/Participants/${p.sid}`,
    );
    expect((await participants("scoped-user").fetch()).sid).toBe(p.sid);
    expect((await participants.list()).map((x) => x.sid)).toEqual([p.sid]);
    expect((await participants(p.sid).update({ lastReadMessageIndex: 0 })).lastReadMessageIndex).toBe(0);
    await expect(participants.create({ identity: "scoped-user" })).rejects.toMatchObject({ status: 409, code: 50433 });
    expect(await participants(p.sid).remove()).toBe(true);
    await expect(participants(p.sid).fetch()).rejects.toMatchObject({ status: 404 });
    await expect(
      client.conversations.v1
        .services(`IS${"0".repeat(32)}`)
        .conversations(conversation.sid)
        .participants.list(),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("enforces the participant limit (400 50438)", async () => {
    const limited = await testServer({ limits: { participantsPerConversation: 2 } });
    try {
      const c = twilioClient(limited.url, limited.credentials.accountSid, limited.credentials.authToken);
      const conversation = await c.conversations.v1.conversations.create({});
      const participants = c.conversations.v1.conversations(conversation.sid).participants;
      await participants.create({ identity: "one" });
      await participants.create({ identity: "two" });
      await expect(participants.create({ identity: "three" })).rejects.toMatchObject({ status: 400, code: 50438 });
      expect((await participants.list()).length).toBe(2);
    } finally {
      await limited.close();
    }
  });
});

describe("participants with user access tokens", () => {
  it("lets a user join a public conversation by itself, and hides conversations it is not in", async () => {
    const conversation = await newConversation();
    const path = `/v1/Conversations/${conversation.sid}/Participants`;
    expect((await asUser("outsider", "GET", path)).status).toBe(404);
    // A Conversations v1 conversation is private: without an invite there is nothing to join.
    expect((await asUser("joiner", "POST", path, { Identity: "joiner" })).status).toBe(404);
    expect(await server.core.store.getByKey("participant", conversation.sid, "joiner")).toBeNull();
    await updateConversation(
      server.core,
      { kind: "admin", accountSid: server.credentials.accountSid },
      await defaultService(),
      conversation.sid,
      {
        type: "public",
      },
    );
    // The default service role has joinConversation.
    const joined = await asUser("joiner", "POST", path, { Identity: "joiner" });
    expect(joined.status).toBe(201);
    expect(joined.body?.identity).toBe("joiner");
    const listed = await asUser("joiner", "GET", path);
    expect(listed.status).toBe(200);
    expect(listed.body?.participants.map((p: { identity: string }) => p.identity)).toEqual(["joiner"]);
    expect((await asUser("joiner", "GET", `${path}/joiner`)).body?.sid).toBe(joined.body?.sid);
  });

  it("keeps users within their conversation role", async () => {
    const conversation = await newConversation();
    const participants = conversations()(conversation.sid).participants;
    await participants.create({ identity: "member" });
    await participants.create({ identity: "other" });
    const path = `/v1/Conversations/${conversation.sid}/Participants`;
    // The default conversation role cannot add others, change roles, or move others' horizons.
    const added = await asUser("member", "POST", path, { Identity: "friend" });
    expect(added).toMatchObject({ status: 403, body: { code: 20403 } });
    expect((await asUser("member", "POST", `${path}/other`, { LastReadMessageIndex: "1" })).status).toBe(403);
    expect((await asUser("member", "POST", `${path}/other`, { Attributes: "{}" })).status).toBe(403);
    expect((await asUser("member", "DELETE", `${path}/other`)).status).toBe(403);
    // Its own participant it may update, and leave.
    const own = await asUser("member", "POST", `${path}/member`, { LastReadMessageIndex: "2", Attributes: '{"x":1}' });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ last_read_message_index: 2, attributes: '{"x":1}' });
    expect((await asUser("member", "DELETE", `${path}/member`)).status).toBe(204);
    expect((await participants.list()).map((p) => p.identity)).toEqual(["other"]);
  });

  it("lets the creator of a conversation add others (its creator role has addParticipant)", async () => {
    const created = await asUser("creator", "POST", "/v1/Conversations", { FriendlyName: "mine" });
    expect(created.status).toBe(201);
    const path = `/v1/Conversations/${created.body?.sid}/Participants`;
    expect((await asUser("creator", "POST", path, { Identity: "guest" })).status).toBe(201);
    expect((await asUser("creator", "DELETE", `${path}/guest`)).status).toBe(204);
  });
});

describe("the limit of conversations per identity", () => {
  it("refuses one more conversation for an identity at its limit, and writes nothing", async () => {
    const limited = await testServer({ limits: { conversationsPerIdentity: 2 } });
    try {
      const admin = twilioClient(limited.url, limited.credentials.accountSid, limited.credentials.authToken);
      const sids: string[] = [];
      for (let i = 0; i < 3; i++) sids.push((await admin.conversations.v1.conversations.create({ friendlyName: `c${i}` })).sid);
      await admin.conversations.v1.conversations(sids[0] as string).participants.create({ identity: "busy" });
      await admin.conversations.v1.conversations(sids[1] as string).participants.create({ identity: "busy" });
      await expect(admin.conversations.v1.conversations(sids[2] as string).participants.create({ identity: "busy" })).rejects.toMatchObject(
        {
          status: 400,
          code: 50439,
        },
      );
      expect(await admin.conversations.v1.conversations(sids[2] as string).participants.list()).toEqual([]);
    } finally {
      await limited.close();
    }
  });
});
