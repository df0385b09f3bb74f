/**
 * Chat's channel model on the native socket: the invitee's `inviteAdded` / `inviteRemoved`
 * stream events (checked against the spec's frame schemas), the type in conversation payloads,
 * and the x-confab operations (directory, descriptor, invites, declining) run over the socket.
 */
import { frameValidator } from "@confab/protocol/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createConversation } from "../src/core/conversations.js";
import type { RunningServer } from "../src/index.js";
import { testServer } from "./support/server.js";
import { type Frame, TestSocket } from "./support/socket-client.js";
import { userToken } from "./support/user-token.js";

let server: RunningServer;
const open: TestSocket[] = [];
const S = () => server.credentials.serviceSid;

async function connect(identity: string, cursor?: string | null): Promise<TestSocket> {
  const socket = await TestSocket.connect(server, userToken(server, identity), cursor);
  open.push(socket);
  return socket;
}

/** A frame checked against its schema in spec/asyncapi/realtime.yaml. */
function valid(frame: Frame): Frame {
  const validate = frameValidator(frame.event);
  expect(validate, `a validator for ${frame.event}`).toBeDefined();
  expect(validate?.(frame), JSON.stringify(validate?.errors)).toBe(true);
  return frame;
}

/** A private conversation made over Alice's socket (she holds the creator role, so she may invite). */
async function privateConversation(alice: TestSocket): Promise<string> {
  const created = await alice.request("CreateConversation", {}, { FriendlyName: "private room" });
  expect(created.status).toBe(201);
  return created.body.sid as string;
}

const invite = (socket: TestSocket, conversationSid: string, identity: string) =>
  socket.request("CreateServiceConversationInvite", { ChatServiceSid: S(), ConversationSid: conversationSid }, { Identity: identity });

beforeEach(async () => {
  server = await testServer({ limits: { writesPerConversationPerSecond: 10_000 } });
});

afterEach(async () => {
  for (const socket of open.splice(0)) socket.ws.terminate();
  await server.close();
});

describe("invites on the stream", () => {
  it("tells the invitee (only) with inviteAdded, then inviteRemoved and conversationJoined when it joins", async () => {
    const alice = await connect("alice");
    const bob = await connect("bob");
    const sid = await privateConversation(alice);
    const invited = await invite(alice, sid, "bob");
    expect(invited.status).toBe(201);
    const added = valid(await bob.next((f) => f.event === "inviteAdded"));
    expect(added.data.invite).toMatchObject({ sid: invited.body.sid, identity: "bob", conversation_sid: sid, created_by: "alice" });
    expect(added.data.conversation).toMatchObject({ sid, type: "private", friendly_name: "private room", members_count: 1 });
    expect(alice.events("inviteAdded")).toEqual([]);
    // Joining: the invitee adds itself, which the invite allows on a private conversation.
    const joined = await bob.request("CreateConversationParticipant", { ConversationSid: sid }, { Identity: "bob" });
    expect(joined.status).toBe(201);
    const removed = valid(await bob.next((f) => f.event === "inviteRemoved"));
    expect(removed.data).toMatchObject({ reason: "joined", invite: { sid: invited.body.sid } });
    const joinedEvent = valid(await bob.next((f) => f.event === "conversationJoined"));
    expect(joinedEvent.data).toMatchObject({ sid, type: "private" });
    expect(bob.frames.indexOf(removed)).toBeLessThan(bob.frames.indexOf(joinedEvent));
    // Now a participant, Bob reads the conversation.
    expect((await bob.request("ListConversationParticipant", { ConversationSid: sid })).status).toBe(200);
  });

  it("tells an invitee of changes to the conversation it is invited to", async () => {
    const alice = await connect("alice");
    const hank = await connect("hank");
    const sid = await privateConversation(alice);
    await invite(alice, sid, "hank");
    await hank.next((f) => f.event === "inviteAdded");
    expect((await alice.request("UpdateConversation", { Sid: sid }, { FriendlyName: "renamed" })).status).toBe(200);
    const updated = valid(await hank.next((f) => f.event === "conversationUpdated"));
    expect(updated.data).toMatchObject({ conversation: { sid, friendly_name: "renamed", type: "private" }, updated: ["friendly_name"] });
  });

  it("declines over the socket (deleting its own invite), and cannot join afterwards", async () => {
    const alice = await connect("alice");
    const carol = await connect("carol");
    const sid = await privateConversation(alice);
    await invite(alice, sid, "carol");
    await carol.next((f) => f.event === "inviteAdded");
    const declined = await carol.request("DeleteServiceConversationInvite", { ChatServiceSid: S(), ConversationSid: sid, Sid: "carol" });
    expect(declined.status).toBe(204);
    expect(valid(await carol.next((f) => f.event === "inviteRemoved")).data.reason).toBe("declined");
    const refused = await carol.request("CreateConversationParticipant", { ConversationSid: sid }, { Identity: "carol" });
    expect(refused).toMatchObject({ status: 404, error: { code: 20404, status: 404 } });
  });

  it("refuses a bad invite over the socket with Twilio's error and tells nobody", async () => {
    const alice = await connect("alice");
    const bob = await connect("bob");
    const sid = await privateConversation(alice);
    const empty = await alice.request("CreateServiceConversationInvite", { ChatServiceSid: S(), ConversationSid: sid }, {});
    expect(empty).toMatchObject({ status: 400, error: { code: 20001 } });
    const byOutsider = await invite(bob, sid, "dave");
    expect(byOutsider).toMatchObject({ status: 404, error: { code: 20404 } });
    await invite(alice, sid, "bob");
    const twice = await invite(alice, sid, "bob");
    expect(twice).toMatchObject({ status: 409, error: { code: 50433 } });
    await bob.next((f) => f.event === "inviteAdded");
    expect(bob.events("inviteAdded")).toHaveLength(1);
  });

  it("lists the caller's pending invites across the service over the socket, and no one else's", async () => {
    const alice = await connect("alice");
    const ivan = await connect("ivan");
    const first = await privateConversation(alice);
    const second = await privateConversation(alice);
    await invite(alice, first, "ivan");
    await invite(alice, second, "ivan");
    const mine = await ivan.request("ListServiceUserInvite", { ChatServiceSid: S(), UserSid: "ivan" });
    expect(mine.status).toBe(200);
    expect(mine.body.invites.map((i: { conversation_sid: string }) => i.conversation_sid).sort()).toEqual([first, second].sort());
    const theirs = await alice.request("ListServiceUserInvite", { ChatServiceSid: S(), UserSid: "ivan" });
    expect(theirs).toMatchObject({ status: 403, error: { code: 20403 } });
    const nobody = await ivan.request("ListServiceUserInvite", { ChatServiceSid: S(), UserSid: "nobody-at-all" });
    expect(nobody).toMatchObject({ status: 404, error: { code: 20404 } });
  });

  it("replays a missed invite once to a reconnecting invitee", async () => {
    const alice = await connect("alice");
    const first = await connect("erin");
    const cursor = first.frames[0]?.cursor as string;
    first.ws.terminate();
    const sid = await privateConversation(alice);
    await invite(alice, sid, "erin");
    const back = await connect("erin", cursor);
    const [added] = await back.waitForEvents("inviteAdded", 1);
    expect(added?.data.conversation.sid).toBe(sid);
    await new Promise((r) => setTimeout(r, 100));
    expect(back.events("inviteAdded")).toHaveLength(1);
  });

  it("tells an invitee its invite went with a deleted conversation", async () => {
    const alice = await connect("alice");
    const frank = await connect("frank");
    const sid = await privateConversation(alice);
    await invite(alice, sid, "frank");
    await frank.next((f) => f.event === "inviteAdded");
    expect((await alice.request("DeleteConversation", { Sid: sid })).status).toBe(204);
    const removed = valid(await frank.next((f) => f.event === "inviteRemoved"));
    expect(removed.data).toMatchObject({ reason: "conversation_removed", conversation: { sid } });
  });
});

describe("public conversations over the socket", () => {
  it("lists the directory, shows a descriptor to a non-member, and lets it join; payloads carry the type", async () => {
    const alice = await connect("alice");
    const grace = await connect("grace");
    const service = await server.core.store.get("service", S());
    if (!service) throw new Error("no service");
    const lobby = await createConversation(
      server.core,
      { kind: "user", accountSid: service.accountSid, serviceSid: service.sid, identity: "alice" },
      service,
      { friendlyName: "lobby", type: "public" },
    );
    const added = valid(await alice.next((f) => f.event === "conversationAdded"));
    expect(added.data).toMatchObject({ sid: lobby.sid, type: "public" });
    const directory = await grace.request("ListServiceConversationDescriptor", { ChatServiceSid: S() });
    expect(directory.status).toBe(200);
    expect(directory.body.conversations.map((c: { sid: string }) => c.sid)).toEqual([lobby.sid]);
    const peeked = await grace.request("FetchServiceConversationDescriptor", { ChatServiceSid: S(), Sid: lobby.sid });
    expect(peeked.body).toMatchObject({ sid: lobby.sid, status: "not_participating", members_count: 1, created_by: "alice" });
    // Looking is not reading: the messages are for participants.
    expect((await grace.request("ListConversationMessage", { ConversationSid: lobby.sid })).status).toBe(404);
    expect((await grace.request("CreateConversationParticipant", { ConversationSid: lobby.sid }, { Identity: "grace" })).status).toBe(201);
    valid(await grace.next((f) => f.event === "conversationJoined"));
    expect((await grace.request("ListConversationMessage", { ConversationSid: lobby.sid })).status).toBe(200);
    const updated = await alice.request("UpdateConversation", { Sid: lobby.sid }, { FriendlyName: "main lobby" });
    expect(updated.status).toBe(200);
    expect(valid(await grace.next((f) => f.event === "conversationUpdated")).data.conversation.type).toBe("public");
  });
});
