/**
 * Chat's channel model on the core: public and private conversations, the public directory,
 * looking at a conversation one is not in, joining, and invites. Every refusal is checked to be
 * Twilio-shaped and to change nothing; every accepted write to record its domain event.
 */
import { ConfabApiError } from "@confab/protocol/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DomainEvent } from "../src/bus/index.js";
import { listPublicConversations, peekConversation } from "../src/core/channels.js";
import type { Actor } from "../src/core/context.js";
import { createConversation, deleteConversation, listConversations, updateConversation } from "../src/core/conversations.js";
import { createInvite, declineInvite, deleteInvite, fetchInvite, listInvites, listInvitesOf } from "../src/core/invites.js";
import { addParticipant, joinConversation, listParticipants } from "../src/core/participants.js";
import { createRole } from "../src/core/roles.js";
import { updateUser } from "../src/core/users.js";
import type { RunningServer } from "../src/index.js";
import type { ServiceRecord } from "../src/store/index.js";
import { callAs } from "./support/as-user.js";
import { testServer } from "./support/server.js";

let server: RunningServer;
let service: ServiceRecord;
let admin: Actor;
const events: DomainEvent[] = [];
const user = (identity: string): Actor & { kind: "user" } => ({
  kind: "user",
  accountSid: server.credentials.accountSid,
  serviceSid: server.credentials.serviceSid,
  identity,
});
const page = { pageSize: 50 };
const core = () => server.core;

beforeAll(async () => {
  server = await testServer({ limits: { writesPerConversationPerSecond: 100_000 } });
  admin = { kind: "admin", accountSid: server.credentials.accountSid };
  const found = await server.core.store.get("service", server.credentials.serviceSid);
  if (!found) throw new Error("no default service");
  service = found;
  server.core.bus.subscribe((event) => {
    events.push(event);
  });
});
afterAll(() => server?.close());

/** The Twilio error a promise rejects with (status and code), or fails the test when it resolves. */
async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof ConfabApiError)) throw error;
    const body = error.toJSON();
    expect(body.more_info).toMatch(/^https:\/\/www\.twilio\.com\/docs\/errors\/\d+$/);
    return { status: body.status, code: body.code, message: body.message };
  }
  throw new Error("expected a refusal");
}

/** The domain events of one type recorded after `from` (an index into `events`). */
const eventsOf = (type: string, from: number) => events.slice(from).filter((e) => e.type === type);

let serial = 0;
async function channel(type: "public" | "private", creator?: string) {
  return createConversation(core(), creator ? user(creator) : admin, service, { friendlyName: `ch ${++serial}`, type });
}

describe("channel types", () => {
  it("makes conversations private unless asked, and keeps the type asked for", async () => {
    const plain = await createConversation(core(), admin, service, { friendlyName: "plain" });
    expect(plain.type).toBe("private");
    const open = await channel("public", "ann");
    expect(open.type).toBe("public");
    expect(open.createdBy).toBe("ann");
    expect((await core().store.get("conversation", open.sid))?.type).toBe("public");
  });

  it("refuses an unknown type with a 400 and creates nothing", async () => {
    const before = await core().store.count("conversation", { parent: service.sid });
    const r = await refusal(createConversation(core(), admin, service, { friendlyName: "bad", type: "secret" as never }));
    expect(r).toMatchObject({ status: 400, code: 20001 });
    expect(await core().store.count("conversation", { parent: service.sid })).toBe(before);
  });

  it("lets the account change a type, recording the change; a user may not", async () => {
    const c = await channel("private");
    const from = events.length;
    const updated = await updateConversation(core(), admin, service, c.sid, { type: "public" });
    expect(updated.type).toBe("public");
    const [event] = eventsOf("conversation.updated", from);
    expect(event?.data.updated).toContain("type");
    await addParticipant(core(), admin, service, c.sid, { identity: "owner" });
    const r = await refusal(updateConversation(core(), user("owner"), service, c.sid, { type: "private" }));
    expect(r).toMatchObject({ status: 403, code: 20403 });
    expect((await core().store.get("conversation", c.sid))?.type).toBe("public");
    expect(await refusal(updateConversation(core(), admin, service, c.sid, { type: "open" as never }))).toMatchObject({ status: 400 });
  });

  it("filters conversation lists by type, for the account and for a user", async () => {
    const pub = await channel("public", "typed");
    const priv = await channel("private", "typed");
    const all = { pageSize: 1000 };
    const publics = await listConversations(core(), admin, service, { type: "public" }, all);
    expect(publics.items.every((c) => c.type === "public")).toBe(true);
    expect(publics.items.map((c) => c.sid)).toContain(pub.sid);
    const privates = await listConversations(core(), admin, service, { type: "private" }, all);
    expect(privates.items.map((c) => c.sid)).toContain(priv.sid);
    expect(privates.items.map((c) => c.sid)).not.toContain(pub.sid);
    const mine = await listConversations(core(), user("typed"), service, { type: "private" }, all);
    expect(mine.items.map((c) => c.sid)).toEqual([priv.sid]);
    expect(await refusal(listConversations(core(), admin, service, { type: "secret" as never }, all))).toMatchObject({ status: 400 });
  });

  it("lets only the account say who created a conversation", async () => {
    const c = await createConversation(core(), admin, service, { friendlyName: "by", createdBy: "someone" });
    expect(c.createdBy).toBe("someone");
    expect(await refusal(createConversation(core(), user("ann"), service, { createdBy: "bob" }))).toMatchObject({ status: 403 });
  });
});

describe("the public directory and looking without taking part", () => {
  it("lists public conversations to any user of the service, with counts, in pages", async () => {
    const a = await channel("public", "lister");
    await channel("private", "lister");
    const b = await channel("public");
    await addParticipant(core(), admin, service, b.sid, { identity: "x" });
    const seen: string[] = [];
    let after: number | undefined;
    for (;;) {
      const p = await listPublicConversations(core(), user("stranger"), service, { pageSize: 2, ...(after ? { after } : {}) });
      for (const d of p.items) {
        expect(d.conversation.type).toBe("public");
        seen.push(d.conversation.sid);
        if (d.conversation.sid === b.sid) expect(d).toMatchObject({ membersCount: 1, messagesCount: 0 });
        if (d.conversation.sid === a.sid) expect(d.membersCount).toBe(1);
      }
      if (!p.hasMore) break;
      after = p.positions.at(-1);
    }
    expect(seen).toContain(a.sid);
    expect(seen).toContain(b.sid);
    expect(new Set(seen).size).toBe(seen.length);
    const other = { ...user("stranger"), serviceSid: `IS${"0".repeat(32)}` };
    expect(await refusal(listPublicConversations(core(), other, service, page))).toMatchObject({ status: 404, code: 20404 });
  });

  it("shows a public conversation's descriptor to a non-member but keeps its participants for members", async () => {
    const c = await channel("public", "host");
    const peeked = await peekConversation(core(), user("visitor"), service, c.sid);
    expect(peeked).toMatchObject({ standing: "notParticipating", membersCount: 1, invite: null });
    expect(peeked.conversation.sid).toBe(c.sid);
    expect((await peekConversation(core(), user("host"), service, c.sid)).standing).toBe("joined");
    expect(await refusal(listParticipants(core(), user("visitor"), service, c.sid, page))).toMatchObject({ status: 404 });
  });

  it("hides a private conversation from a non-member", async () => {
    const c = await channel("private", "host");
    expect(await refusal(peekConversation(core(), user("visitor"), service, c.sid))).toMatchObject({ status: 404, code: 20404 });
  });
});

describe("joining", () => {
  it("lets a user join a public conversation with joinConversation, once", async () => {
    const c = await channel("public", "host");
    const from = events.length;
    const joined = await joinConversation(core(), user("walker"), service, c.sid);
    expect(joined).toMatchObject({ identity: "walker", roleSid: service.defaultConversationRoleSid });
    expect(eventsOf("participant.added", from)).toHaveLength(1);
    expect(await refusal(joinConversation(core(), user("walker"), service, c.sid))).toMatchObject({ status: 409, code: 50433 });
  });

  it("refuses joining without joinConversation and changes nothing", async () => {
    const role = await createRole(core(), admin, service, { friendlyName: "no join", type: "service", permissions: ["editOwnUserInfo"] });
    await addParticipant(core(), admin, service, (await channel("private")).sid, { identity: "nojoin" });
    await updateUser(core(), admin, service, "nojoin", { roleSid: role.sid });
    const c = await channel("public");
    expect(await refusal(joinConversation(core(), user("nojoin"), service, c.sid))).toMatchObject({ status: 403, code: 20403 });
    expect(await core().store.getByKey("participant", c.sid, "nojoin")).toBeNull();
  });

  it("keeps a private conversation closed to a user without an invite (404)", async () => {
    const c = await channel("private", "host");
    expect(await refusal(joinConversation(core(), user("crasher"), service, c.sid))).toMatchObject({ status: 404 });
    expect(await core().store.getByKey("participant", c.sid, "crasher")).toBeNull();
  });

  it("refuses joining a closed conversation", async () => {
    const c = await channel("public");
    await updateConversation(core(), admin, service, c.sid, { state: "closed" });
    expect(await refusal(joinConversation(core(), user("late"), service, c.sid))).toMatchObject({ status: 400, code: 50407 });
  });
});

describe("invites", () => {
  it("invites, lists, fetches; the invitee sees the private conversation and joins with the invite's role", async () => {
    const c = await channel("private", "host");
    const from = events.length;
    const invite = await createInvite(core(), user("host"), service, c.sid, { identity: "guest" });
    expect(invite.sid).toMatch(/^IN[0-9a-f]{32}$/);
    expect(invite).toMatchObject({
      conversationSid: c.sid,
      identity: "guest",
      createdBy: "host",
      roleSid: service.defaultConversationRoleSid,
    });
    const [added] = eventsOf("invite.added", from);
    expect(added?.data.invite).toMatchObject({ sid: invite.sid });
    expect(added?.conversationSid).toBe(c.sid);
    // A new identity becomes a user of the service.
    expect(await core().store.getByKey("user", service.sid, "guest")).not.toBeNull();
    expect((await listInvites(core(), user("host"), service, c.sid, {}, page)).items.map((i) => i.sid)).toEqual([invite.sid]);
    expect((await listInvites(core(), admin, service, c.sid, { identity: "nobody" }, page)).items).toEqual([]);
    expect((await fetchInvite(core(), admin, service, c.sid, invite.sid)).identity).toBe("guest");
    expect((await listInvitesOf(core(), service, "guest", page)).items.map((i) => i.sid)).toEqual([invite.sid]);
    const peeked = await peekConversation(core(), user("guest"), service, c.sid);
    expect(peeked).toMatchObject({ standing: "invited" });
    expect(peeked.invite?.sid).toBe(invite.sid);
    // Invited is not joined: the conversation's content stays closed.
    expect(await refusal(listParticipants(core(), user("guest"), service, c.sid, page))).toMatchObject({ status: 404 });
    const joinedFrom = events.length;
    const joined = await joinConversation(core(), user("guest"), service, c.sid);
    expect(joined.identity).toBe("guest");
    expect(await core().store.get("invite", invite.sid)).toBeNull();
    const [removed] = eventsOf("invite.removed", joinedFrom);
    expect(removed?.data).toMatchObject({ reason: "joined" });
    expect(eventsOf("participant.added", joinedFrom)).toHaveLength(1);
  });

  it("refuses a join whose invite was withdrawn while it was under way, and adds no one", async () => {
    const c = await channel("private", "host");
    const invite = await createInvite(core(), user("host"), service, c.sid, { identity: "racer" });
    const original = core().hooks;
    // The pre-event hook runs between the checks and the write: withdraw the invite there.
    core().hooks = {
      async before(request) {
        if (request.eventType === "onParticipantAdd") await deleteInvite(core(), admin, service, c.sid, invite.sid);
        return original ? original.before(request) : {};
      },
    };
    try {
      expect(await refusal(joinConversation(core(), user("racer"), service, c.sid))).toMatchObject({ status: 404 });
    } finally {
      core().hooks = original;
    }
    expect(await core().store.getByKey("participant", c.sid, "racer")).toBeNull();
  });

  it("gives the joiner the role the account invited with", async () => {
    const c = await channel("private");
    const channelAdmin = service.defaultConversationCreatorRoleSid;
    await createInvite(core(), admin, service, c.sid, { identity: "vip", roleSid: channelAdmin });
    expect((await joinConversation(core(), user("vip"), service, c.sid)).roleSid).toBe(channelAdmin);
  });

  it("consumes an invite when the account adds the invitee", async () => {
    const c = await channel("private");
    const invite = await createInvite(core(), admin, service, c.sid, { identity: "added" });
    await addParticipant(core(), admin, service, c.sid, { identity: "added" });
    expect(await core().store.get("invite", invite.sid)).toBeNull();
  });

  it("refuses bad invites with Twilio's errors and stores nothing", async () => {
    const c = await channel("private", "host");
    await addParticipant(core(), admin, service, c.sid, { identity: "plainMember" });
    const count = () => core().store.count("invite", { parent: c.sid });
    // A channel user may neither add nor invite.
    expect(await refusal(createInvite(core(), user("plainMember"), service, c.sid, { identity: "z" }))).toMatchObject({
      status: 403,
      code: 20403,
    });
    // Outsiders do not see the conversation at all.
    expect(await refusal(createInvite(core(), user("outsider"), service, c.sid, { identity: "z" }))).toMatchObject({ status: 404 });
    expect(await refusal(createInvite(core(), user("host"), service, c.sid, { identity: "" }))).toMatchObject({ status: 400, code: 20001 });
    expect(await refusal(createInvite(core(), user("host"), service, c.sid, { identity: "plainMember" }))).toMatchObject({
      status: 409,
      code: 50433,
    });
    expect(
      await refusal(createInvite(core(), user("host"), service, c.sid, { identity: "z", roleSid: service.defaultConversationRoleSid })),
    ).toMatchObject({ status: 403 });
    expect(
      await refusal(createInvite(core(), admin, service, c.sid, { identity: "z", roleSid: service.defaultChatServiceRoleSid })),
    ).toMatchObject({
      status: 400,
    });
    expect(await count()).toBe(0);
    await createInvite(core(), user("host"), service, c.sid, { identity: "z" });
    expect(await refusal(createInvite(core(), user("host"), service, c.sid, { identity: "z" }))).toMatchObject({ status: 409 });
    expect(await count()).toBe(1);
    const closed = await channel("private");
    await updateConversation(core(), admin, service, closed.sid, { state: "closed" });
    expect(await refusal(createInvite(core(), admin, service, closed.sid, { identity: "z" }))).toMatchObject({ status: 400, code: 50407 });
  });

  it("lets a role with inviteMember invite without addParticipant", async () => {
    const inviter = await createRole(core(), admin, service, {
      friendlyName: "inviter",
      type: "conversation",
      permissions: ["sendMessage", "inviteMember"],
    });
    const c = await channel("private");
    await addParticipant(core(), admin, service, c.sid, { identity: "usher", roleSid: inviter.sid });
    expect((await createInvite(core(), user("usher"), service, c.sid, { identity: "friend" })).createdBy).toBe("usher");
  });

  it("lets the invitee decline, and only an invitee", async () => {
    const c = await channel("private", "host");
    const invite = await createInvite(core(), user("host"), service, c.sid, { identity: "shy" });
    expect(await refusal(declineInvite(core(), user("other"), service, c.sid))).toMatchObject({ status: 404 });
    expect(await refusal(declineInvite(core(), admin, service, c.sid))).toMatchObject({ status: 403 });
    const from = events.length;
    expect((await declineInvite(core(), user("shy"), service, c.sid)).sid).toBe(invite.sid);
    expect(await core().store.get("invite", invite.sid)).toBeNull();
    expect(eventsOf("invite.removed", from)[0]?.data).toMatchObject({ reason: "declined" });
    expect(await refusal(peekConversation(core(), user("shy"), service, c.sid))).toMatchObject({ status: 404 });
    expect(await refusal(joinConversation(core(), user("shy"), service, c.sid))).toMatchObject({ status: 404 });
  });

  it("withdraws invites: the inviter yes, a plain member no; gone with the conversation", async () => {
    const c = await channel("private", "host");
    await addParticipant(core(), admin, service, c.sid, { identity: "plain" });
    const invite = await createInvite(core(), user("host"), service, c.sid, { identity: "maybe" });
    expect(await refusal(deleteInvite(core(), user("plain"), service, c.sid, invite.sid))).toMatchObject({ status: 403 });
    expect(await refusal(fetchInvite(core(), user("plain"), service, c.sid, `IN${"0".repeat(32)}`))).toMatchObject({ status: 404 });
    await deleteInvite(core(), user("host"), service, c.sid, invite.sid);
    expect(await refusal(fetchInvite(core(), admin, service, c.sid, invite.sid))).toMatchObject({ status: 404 });
    const again = await createInvite(core(), user("host"), service, c.sid, { identity: "maybe" });
    const from = events.length;
    await deleteConversation(core(), admin, service, c.sid);
    expect(await core().store.get("invite", again.sid)).toBeNull();
    expect(eventsOf("conversation.removed", from)[0]?.data.invitees).toEqual(["maybe"]);
  });
});

describe("invites by identity, and declining through delete", () => {
  it("finds an invite by the invitee's identity, shows it to the invitee, and lets the invitee delete it (decline)", async () => {
    const c = await channel("private", "host");
    const invite = await createInvite(core(), user("host"), service, c.sid, { identity: "byname" });
    expect((await fetchInvite(core(), user("host"), service, c.sid, "byname")).sid).toBe(invite.sid);
    expect((await fetchInvite(core(), user("byname"), service, c.sid, invite.sid)).sid).toBe(invite.sid);
    expect(await refusal(fetchInvite(core(), user("nosy"), service, c.sid, invite.sid))).toMatchObject({ status: 404 });
    const from = events.length;
    await deleteInvite(core(), user("byname"), service, c.sid, "byname");
    expect(eventsOf("invite.removed", from)[0]?.data).toMatchObject({ reason: "declined" });
    expect(await core().store.get("invite", invite.sid)).toBeNull();
  });
});

describe("over REST (x-confab operations)", () => {
  const S = () => `/v1/Services/${server.credentials.serviceSid}`;
  const as = (identity: string) => ({ identity });

  it("pages the public directory by its links, and shows a descriptor with the caller's standing", async () => {
    for (let i = 0; i < 3; i++) await channel("public", "dir");
    const seen: string[] = [];
    let next: string | null = `${S()}/ConversationDescriptors?PageSize=2`;
    while (next) {
      const r = await callAs(server, as("reader"), "GET", next);
      expect(r.status).toBe(200);
      for (const d of r.body.conversations) {
        expect(d).toMatchObject({ type: "public", status: null });
        expect(typeof d.members_count).toBe("number");
        seen.push(d.sid);
      }
      next = r.body.meta.next_page_url ? new URL(r.body.meta.next_page_url).pathname + new URL(r.body.meta.next_page_url).search : null;
    }
    expect(seen.length).toBe((await listPublicConversations(core(), admin, service, { pageSize: 1000 })).items.length);
    const c = await channel("private", "dir");
    await createInvite(core(), user("dir"), service, c.sid, { identity: "reader" });
    const d = await callAs(server, as("reader"), "GET", `${S()}/ConversationDescriptors/${c.sid}`);
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({
      sid: c.sid,
      type: "private",
      status: "invited",
      created_by: "dir",
      members_count: 1,
      messages_count: 0,
    });
    expect(d.body.invite_sid).toMatch(/^IN/);
    const bad = await callAs(server, as("reader"), "GET", `${S()}/ConversationDescriptors?PageToken=nonsense`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ status: 400, code: 20001 });
  });

  it("invites, refuses bad invites with Twilio's error body, and lets the invitee decline by deleting", async () => {
    const c = await channel("private", "rhost");
    const path = `${S()}/Conversations/${c.sid}/Invites`;
    const missing = await callAs(server, as("rhost"), "POST", path, {});
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ status: 400, code: 20001 });
    expect(Object.keys(missing.body).sort()).toEqual(["code", "message", "more_info", "status"]);
    const created = await callAs(server, as("rhost"), "POST", path, { Identity: "rguest" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ identity: "rguest", conversation_sid: c.sid, created_by: "rhost" });
    expect(created.body.url).toBe(`${server.url}${path}/${created.body.sid}`);
    const again = await callAs(server, as("rhost"), "POST", path, { Identity: "rguest" });
    expect(again).toMatchObject({ status: 409, body: { code: 50433, status: 409 } });
    const listed = await callAs(server, as("rhost"), "GET", `${path}?Identity=rguest`);
    expect(listed.body.invites.map((i: { sid: string }) => i.sid)).toEqual([created.body.sid]);
    expect((await callAs(server, as("rguest"), "GET", `${path}/rguest`)).body.sid).toBe(created.body.sid);
    expect((await callAs(server, as("rguest"), "DELETE", `${path}/${created.body.sid}`)).status).toBe(204);
    expect((await callAs(server, as("rguest"), "GET", `${path}/rguest`)).status).toBe(404);
  });
});
