import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/index.js";
import { seedParticipant, seedUser } from "./support/seed.js";
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

async function asUser(identity: string, path: string) {
  const res = await fetch(`${server.url}${path}`, { headers: { "X-Twilio-Token": tokenFor(identity) } });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe("ParticipantConversations through the official twilio helper", () => {
  it("lists the conversations of an identity with conversation and participant fields", async () => {
    const conversation = await client.conversations.v1.conversations.create({
      friendlyName: "Alpha",
      uniqueName: "alpha-pc",
      attributes: '{"a":1}',
      "timers.closed": "P1D",
    } as never);
    const user = await seedUser(server, server.credentials.serviceSid, "alice");
    const participant = await seedParticipant(server, conversation.sid, { identity: "alice" });
    await seedParticipant(server, conversation.sid, { identity: "bob" });

    const list = await client.conversations.v1.participantConversations.list({ identity: "alice" });
    expect(list).toHaveLength(1);
    const [item] = list;
    expect(item?.accountSid).toBe(server.credentials.accountSid);
    expect(item?.chatServiceSid).toBe(server.credentials.serviceSid);
    expect(item?.participantSid).toBe(participant.sid);
    expect(item?.participantUserSid).toBe(user.sid);
    expect(item?.participantIdentity).toBe("alice");
    expect(item?.participantMessagingBinding).toBeNull();
    expect(item?.conversationSid).toBe(conversation.sid);
    expect(item?.conversationUniqueName).toBe("alpha-pc");
    expect(item?.conversationFriendlyName).toBe("Alpha");
    expect(item?.conversationAttributes).toBe('{"a":1}');
    expect(item?.conversationState).toBe("active");
    expect(item?.conversationDateCreated).toBeInstanceOf(Date);
    expect((item?.conversationTimers as { date_closed?: string } | undefined)?.date_closed).toMatch(/Z$/);
    expect(item?.links).toEqual({
      participant: `${server.url}/v1/Conversations/${conversation.sid}/Participants/${participant.sid}`,
      conversation: `${server.url}/v1/Conversations/${conversation.sid}`,
    });

    // bob has no user: a participant without one says so with null.
    const bob = await client.conversations.v1.participantConversations.list({ identity: "bob" });
    expect(bob[0]?.participantUserSid).toBeNull();
    expect(await client.conversations.v1.participantConversations.list({ identity: "nobody" })).toEqual([]);
  });

  it("lists the conversations of a non-chat address", async () => {
    const first = await client.conversations.v1.conversations.create({ friendlyName: "SMS 1" });
    const second = await client.conversations.v1.conversations.create({ friendlyName: "SMS 2" });
    const p1 = await seedParticipant(server, first.sid, { address: "+15550001111", proxyAddress: "+15559990000" });
    await seedParticipant(server, second.sid, { address: "+15550002222" });
    const p3 = await seedParticipant(server, second.sid, { address: "+15550001111" });

    const list = await client.conversations.v1.participantConversations.list({ address: "+15550001111" });
    expect(list.map((c) => c.participantSid)).toEqual([p1.sid, p3.sid]);
    expect(list[0]?.participantIdentity).toBeNull();
    expect(list[0]?.participantUserSid).toBeNull();
    expect(list[0]?.participantMessagingBinding).toEqual({ type: "sms", address: "+15550001111", proxy_address: "+15559990000" });
  });

  it("pages across pages, for identities and addresses alike, on both paths", async () => {
    const names = Array.from({ length: 5 }, (_, i) => `carol-${i}`);
    for (const name of names) {
      const conversation = await client.conversations.v1.conversations.create({ friendlyName: name });
      await seedParticipant(server, conversation.sid, { identity: "carol" });
      // Non-matching participants in between must not cut pages short.
      await seedParticipant(server, conversation.sid, { address: `+1555000${name.length}${names.indexOf(name)}` });
      await seedParticipant(server, conversation.sid, { address: "+15553334444" });
    }
    const all = await client.conversations.v1.participantConversations.list({ identity: "carol", pageSize: 2 });
    expect(all.map((c) => c.conversationFriendlyName)).toEqual(names);

    const scoped = client.conversations.v1.services(server.credentials.serviceSid).participantConversations;
    const first = await scoped.page({ address: "+15553334444", pageSize: 2 });
    expect(first.instances.map((c) => c.conversationFriendlyName)).toEqual(names.slice(0, 2));
    expect(first.nextPageUrl).toMatch(
      new RegExp(
        `^${server.url}/v1/Services/${server.credentials.serviceSid}/ParticipantConversations\\?Address=%2B15553334444&PageSize=2&Page=1&PageToken=PA\\d+$`,
      ),
    );
    const second = await first.nextPage();
    expect(second?.instances.map((c: { conversationFriendlyName: string }) => c.conversationFriendlyName)).toEqual(names.slice(2, 4));
    const third = await second?.nextPage();
    expect(third?.instances.map((c: { conversationFriendlyName: string }) => c.conversationFriendlyName)).toEqual(names.slice(4));
    expect(third?.nextPageUrl ?? null).toBeNull();
    const back = await second?.previousPage();
    expect(back?.instances.map((c: { participantSid: string }) => c.participantSid)).toEqual(first.instances.map((c) => c.participantSid));
    expect(first.instances[0]?.links.conversation).toMatch(`/v1/Services/${server.credentials.serviceSid}/Conversations/`);
  });

  it("finds an address's conversations behind many other non-chat participants", async () => {
    const crowd = await client.conversations.v1.conversations.create({ friendlyName: "crowd" });
    const sids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const conversation = await client.conversations.v1.conversations.create({ friendlyName: `needle-${i}` });
      sids.push((await seedParticipant(server, conversation.sid, { address: "+15557770000" })).sid);
      // More than one store read's worth of other addresses between the matches.
      for (let j = 0; j < 150; j++) await seedParticipant(server, crowd.sid, { address: `+1444${i}${String(j).padStart(4, "0")}` });
    }
    const found = await client.conversations.v1.participantConversations.list({ address: "+15557770000", pageSize: 2 });
    expect(found.map((c) => c.participantSid)).toEqual(sids);
  });

  it("keeps services apart", async () => {
    const other = await client.conversations.v1.services.create({ friendlyName: "Elsewhere" });
    const conversation = await client.conversations.v1.services(other.sid).conversations.create({ friendlyName: "far" });
    await seedParticipant(server, conversation.sid, { identity: "dora" });
    expect(await client.conversations.v1.participantConversations.list({ identity: "dora" })).toEqual([]);
    expect(await client.conversations.v1.services(other.sid).participantConversations.list({ identity: "dora" })).toHaveLength(1);
  });

  it("needs exactly one of Identity and Address", async () => {
    await expect(client.conversations.v1.participantConversations.list()).rejects.toMatchObject({ status: 400, code: 20001 });
    await expect(
      client.conversations.v1.participantConversations.list({ identity: "alice", address: "+15550001111" }),
    ).rejects.toMatchObject({ status: 400, code: 20001 });
    await expect(client.conversations.v1.services(server.credentials.serviceSid).participantConversations.list()).rejects.toMatchObject({
      status: 400,
    });
  });

  it("lets a user token list only its own identity's conversations", async () => {
    const conversation = await client.conversations.v1.conversations.create({ friendlyName: "Mine" });
    await seedParticipant(server, conversation.sid, { identity: "erin" });
    const own = await asUser("erin", "/v1/ParticipantConversations?Identity=erin");
    expect(own.status).toBe(200);
    expect(own.body.conversations.map((c: { conversation_sid: string }) => c.conversation_sid)).toEqual([conversation.sid]);
    expect(await asUser("frank", "/v1/ParticipantConversations?Identity=erin")).toMatchObject({ status: 403, body: { code: 20403 } });
    expect((await asUser("frank", "/v1/ParticipantConversations?Address=%2B15550001111")).status).toBe(403);
  });
});
