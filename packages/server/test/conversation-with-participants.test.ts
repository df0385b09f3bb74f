import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintAccessToken } from "../src/auth/access-token.js";
import type { RunningServer } from "../src/index.js";
import { testServer } from "./support/server.js";
import { twilioClient } from "./support/twilio-client.js";

let server: RunningServer;
let client: ReturnType<typeof twilioClient>;

beforeAll(async () => {
  server = await testServer();
  client = twilioClient(server.url, server.credentials.accountSid, server.credentials.authToken);
});
afterAll(() => server.close());

const conversationCount = async () => (await client.conversations.v1.conversations.list()).length;
const sms = (address: string) => JSON.stringify({ messaging_binding: { address, proxy_address: "+15017122661" } });

describe("ConversationWithParticipants through the official twilio helper", () => {
  it("creates a conversation with its participants", async () => {
    const created = await client.conversations.v1.conversationWithParticipants.create({
      friendlyName: "Support",
      uniqueName: "cwp-1",
      attributes: JSON.stringify({ topic: "billing" }),
      participant: [JSON.stringify({ identity: "cwp-alice", attributes: JSON.stringify({ vip: true }) }), sms("+15558675310")],
    });
    expect(created.sid).toMatch(/^CH[0-9a-f]{32}$/);
    expect(created.friendlyName).toBe("Support");
    expect(created.uniqueName).toBe("cwp-1");
    expect(created.url).toBe(`${server.url}/v1/Conversations/${created.sid}`);

    const participants = await client.conversations.v1.conversations(created.sid).participants.list();
    expect(participants.map((p) => p.identity)).toEqual(["cwp-alice", null]);
    expect(JSON.parse(participants[0]?.attributes ?? "")).toEqual({ vip: true });
    expect(participants[1]?.messagingBinding).toEqual({ type: "sms", address: "+15558675310", proxy_address: "+15017122661" });
    expect(await server.core.store.getByKey("user", server.credentials.serviceSid, "cwp-alice")).not.toBeNull();
  });

  it("creates a conversation with one participant, or none", async () => {
    const one = await client.conversations.v1.conversationWithParticipants.create({
      participant: [JSON.stringify({ identity: "solo" })],
    });
    expect((await client.conversations.v1.conversations(one.sid).participants.list()).map((p) => p.identity)).toEqual(["solo"]);
    const none = await client.conversations.v1.conversationWithParticipants.create({ friendlyName: "empty" });
    expect(await client.conversations.v1.conversations(none.sid).participants.list()).toEqual([]);
  });

  it("creates nothing when any participant cannot be added", async () => {
    const before = await conversationCount();
    const create = (participant: string[], uniqueName = "cwp-atomic") =>
      client.conversations.v1.conversationWithParticipants.create({ uniqueName, participant });

    // A duplicate of the first participant: found only while writing, so the write rolls back.
    await expect(create([JSON.stringify({ identity: "first" }), JSON.stringify({ identity: "first" })])).rejects.toMatchObject({
      status: 409,
      code: 50433,
    });
    // An invalid second participant.
    await expect(create([JSON.stringify({ identity: "first" }), JSON.stringify({ attributes: "{}" })])).rejects.toMatchObject({
      status: 400,
    });
    await expect(
      create([JSON.stringify({ identity: "first" }), JSON.stringify({ identity: "x", messaging_binding: { address: "+1555" } })]),
    ).rejects.toMatchObject({ status: 400 });
    await expect(create([JSON.stringify({ identity: "first" }), "[1,2]"])).rejects.toMatchObject({ status: 400 });
    await expect(create([JSON.stringify({ identity: "first" }), "{not json"])).rejects.toMatchObject({ status: 400 });
    await expect(create([JSON.stringify({ identity: 42 })])).rejects.toMatchObject({ status: 400 });
    await expect(create([sms("+15558675310"), sms("+15558675310")])).rejects.toMatchObject({ status: 409 });

    expect(await conversationCount()).toBe(before);
    await expect(client.conversations.v1.conversations("cwp-atomic").fetch()).rejects.toMatchObject({ status: 404 });
    expect(await server.core.store.getByKey("user", server.credentials.serviceSid, "first")).toBeNull();
    // The unique name is still free.
    const ok = await create([JSON.stringify({ identity: "first" })]);
    expect(ok.uniqueName).toBe("cwp-atomic");
  });

  it("answers a taken unique name with 409 and adds no participants", async () => {
    await client.conversations.v1.conversations.create({ uniqueName: "cwp-taken" });
    const before = await conversationCount();
    await expect(
      client.conversations.v1.conversationWithParticipants.create({
        uniqueName: "cwp-taken",
        participant: [JSON.stringify({ identity: "nobody-new" })],
      }),
    ).rejects.toMatchObject({ status: 409, code: 50353 });
    expect(await conversationCount()).toBe(before);
    expect(await server.core.store.getByKey("user", server.credentials.serviceSid, "nobody-new")).toBeNull();
  });

  it("serves the service-scoped twin", async () => {
    const service = client.conversations.v1.services(server.credentials.serviceSid);
    const created = await service.conversationWithParticipants.create({
      friendlyName: "scoped",
      participant: [JSON.stringify({ identity: "scoped-a" }), JSON.stringify({ identity: "scoped-b" })],
    });
    expect(created.chatServiceSid).toBe(server.credentials.serviceSid);
    expect(created.url).toBe(`${server.url}/v1/Services/${server.credentials.serviceSid}/Conversations/${created.sid}`);
    expect((await service.conversations(created.sid).participants.list()).map((p) => p.identity)).toEqual(["scoped-a", "scoped-b"]);
    await expect(
      client.conversations.v1.services(`IS${"0".repeat(32)}`).conversationWithParticipants.create({ friendlyName: "x" }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("lets a user create one, taking part in it as its creator", async () => {
    const c = server.credentials;
    const token = mintAccessToken({ ...c, identity: "cwp-user", serviceSid: c.serviceSid });
    const res = await fetch(`${server.url}/v1/ConversationWithParticipants`, {
      method: "POST",
      headers: { "X-Twilio-Token": token, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams([
        ["FriendlyName", "by a user"],
        ["Participant", JSON.stringify({ identity: "cwp-friend" })],
      ]).toString(),
    });
    expect(res.status).toBe(201);
    const { sid } = (await res.json()) as { sid: string };
    const participants = await client.conversations.v1.conversations(sid).participants.list();
    const service = await server.core.store.get("service", c.serviceSid);
    expect(participants.map((p) => [p.identity, p.roleSid])).toEqual([
      ["cwp-user", service?.defaultConversationCreatorRoleSid],
      ["cwp-friend", service?.defaultConversationRoleSid],
    ]);
  });
});
