/**
 * Who may do what: a table of (actor, operation) → status, one test per cell, each on a fresh
 * conversation. Expectations follow Twilio's default roles (service user/admin, channel
 * user/admin) and docs/server.md: the account may do everything; a user gets 403 (20403) for
 * what its roles do not grant and 404 (20404) for conversations it takes no part in, except
 * joining, which its service role's `joinConversation` governs. A refused write must leave the
 * store as it was; an accepted one must change it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/index.js";
import { type Caller, callAs, type Form, type Reply } from "./support/as-user.js";
import { testServer } from "./support/server.js";

const ACTORS = ["account", "member", "outsider", "chanAdmin", "noCreate", "mute"] as const;
type ActorName = (typeof ACTORS)[number];

/**
 * - account: Basic auth with the Auth Token.
 * - member: default service role (service user), a participant with the default conversation role (channel user).
 * - outsider: default service role, not a participant.
 * - chanAdmin: default service role, a participant with the channel admin role.
 * - noCreate: a custom service role without createConversation/joinConversation; not a participant.
 * - mute: default service role, a participant with a custom conversation role without sendMessage.
 */
const participantActors: ActorName[] = ["member", "chanAdmin", "mute"];

/** One fresh conversation: member, chanAdmin, mute and `other` take part; everyone has authored one message in it. */
type World = {
  /** The conversation's path, under the default service. */
  conv: string;
  sid: string;
  /** Participant SIDs by identity. */
  participants: Record<string, string>;
  /** A message authored by each identity (by account credentials, whatever the author takes part in). */
  messages: Record<string, string>;
};

type Op = {
  method: "GET" | "POST" | "DELETE";
  /** `me`: the actor's identity (undefined for the account). */
  path: (w: World, me: string | undefined) => string;
  form?: (w: World, me: string | undefined) => Form;
  /** Run on a public conversation (Chat's public channel) instead of a private one. */
  public?: boolean;
  /** What else an accepted request must have done (beyond changing the store, for writes). */
  effect?: (w: World, me: string | undefined, reply: Reply, actor: ActorName) => Promise<void>;
};

let server: RunningServer;
let S = "";
let roleSids: Record<"channelAdmin" | "serviceAdmin" | "mute" | "noCreate", string>;
let serial = 0;

const admin = (method: string, path: string, form?: Form) => callAs(server, { account: true }, method, path, form);
const callerOf = (actor: ActorName): Caller => (actor === "account" ? { account: true } : { identity: actor });
const store = () => server.core.store;
const participantOf = (w: World, identity: string) => store().getByKey("participant", w.sid, identity);
const messageOf = (w: World, identity: string) => store().get("message", w.messages[identity] as string);

beforeAll(async () => {
  server = await testServer({ limits: { writesPerConversationPerSecond: 100_000 } });
  S = `/v1/Services/${server.credentials.serviceSid}`;
  const roles = (await admin("GET", `${S}/Roles?PageSize=50`)).body.roles as { sid: string; friendly_name: string }[];
  const named = (name: string) => {
    const role = roles.find((r) => r.friendly_name === name);
    if (!role) throw new Error(`No default role ${name}`);
    return role.sid;
  };
  const create = async (form: Form) => {
    const r = await admin("POST", `${S}/Roles`, form);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.sid as string;
  };
  roleSids = {
    channelAdmin: named("channel admin"),
    serviceAdmin: named("service admin"),
    // Everything a channel user may do but send.
    mute: await create({
      FriendlyName: "mute",
      Type: "conversation",
      Permission: [
        "leaveConversation",
        "editOwnMessage",
        "editOwnMessageAttributes",
        "deleteOwnMessage",
        "editOwnParticipantAttributes",
        "editNotificationLevel",
      ],
    }),
    // A service role that may neither create nor join conversations.
    noCreate: await create({ FriendlyName: "no create", Type: "service", Permission: ["editOwnUserInfo", "leaveConversation"] }),
  };
  for (const identity of ["outsider", "noCreate"]) expect((await admin("POST", `${S}/Users`, { Identity: identity })).status).toBe(201);
  const assigned = await admin("POST", `${S}/Users/noCreate`, { RoleSid: roleSids.noCreate });
  expect(assigned.body.role_sid).toBe(roleSids.noCreate);
});
afterAll(() => server?.close());

async function world(type: "public" | "private" = "private"): Promise<World> {
  const created = await admin("POST", `${S}/Conversations`, { FriendlyName: `world ${++serial}`, Attributes: '{"w":1}' });
  expect(created.status).toBe(201);
  const sid = created.body.sid as string;
  // Conversations v1 makes private conversations only; a public one is Chat's.
  if (type === "public")
    await store().transaction(async (tx) => tx.update("conversation", { ...(await tx.get("conversation", sid))!, type }));
  const conv = `${S}/Conversations/${sid}`;
  const participants: Record<string, string> = {};
  const roles: Record<string, string | undefined> = {
    member: undefined,
    chanAdmin: roleSids.channelAdmin,
    mute: roleSids.mute,
    other: undefined,
  };
  for (const [identity, role] of Object.entries(roles)) {
    const r = await admin("POST", `${conv}/Participants`, { Identity: identity, ...(role ? { RoleSid: role } : {}) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    participants[identity] = r.body.sid;
  }
  const messages: Record<string, string> = {};
  for (const author of ["other", "member", "chanAdmin", "mute", "outsider", "noCreate"]) {
    const r = await admin("POST", `${conv}/Messages`, { Author: author, Body: `by ${author}` });
    expect(r.status).toBe(201);
    messages[author] = r.body.sid;
  }
  return { conv, sid, participants, messages };
}

/** Everything a row could touch, read straight from the store. */
async function snapshot(w: World) {
  const all = { limit: 100_000 };
  const service = server.credentials.serviceSid;
  return {
    conversation: await store().get("conversation", w.sid),
    conversations: await store().count("conversation", { parent: service }),
    participants: (await store().list("participant", { parent: w.sid, ...all })).items,
    messages: (await store().list("message", { parent: w.sid, ...all })).items,
    users: (await store().list("user", { parent: service, ...all })).items,
    roles: (await store().list("role", { parent: service, ...all })).items,
    credentials: await store().count("credential", { parent: server.credentials.accountSid }),
    webhooks: await store().count("conversationWebhook", { parent: w.sid }),
    invites: (await store().list("invite", { parent: w.sid, ...all })).items,
  };
}

const ops = {
  // Conversations
  "create conversation": {
    method: "POST",
    path: () => `${S}/Conversations`,
    form: () => ({ FriendlyName: "new" }),
    effect: async (_w, me, reply) => {
      // A user creating a conversation takes part in it.
      if (me) expect(await store().getByKey("participant", reply.body.sid, me)).not.toBeNull();
    },
  },
  "create conversation with participants": {
    method: "POST",
    path: () => `${S}/ConversationWithParticipants`,
    form: () => ({ FriendlyName: "new", Participant: JSON.stringify({ identity: "other" }) }),
  },
  "fetch conversation": { method: "GET", path: (w) => w.conv },
  "list conversations": {
    method: "GET",
    path: () => `${S}/Conversations?PageSize=1000`,
    effect: async (w, _me, reply, actor) => {
      const sids = (reply.body.conversations as { sid: string }[]).map((c) => c.sid);
      expect(sids.includes(w.sid)).toBe(actor === "account" || participantActors.includes(actor));
    },
  },
  "list participants": { method: "GET", path: (w) => `${w.conv}/Participants` },
  "update friendly name": {
    method: "POST",
    path: (w) => w.conv,
    form: () => ({ FriendlyName: "renamed" }),
    effect: async (w) => expect((await store().get("conversation", w.sid))?.friendlyName).toBe("renamed"),
  },
  "update attributes": {
    method: "POST",
    path: (w) => w.conv,
    form: () => ({ Attributes: '{"edited":true}' }),
    effect: async (w) => expect((await store().get("conversation", w.sid))?.attributes).toBe('{"edited":true}'),
  },
  "update state": {
    method: "POST",
    path: (w) => w.conv,
    form: () => ({ State: "inactive" }),
    effect: async (w) => expect((await store().get("conversation", w.sid))?.state).toBe("inactive"),
  },
  "update timers": { method: "POST", path: (w) => w.conv, form: () => ({ "Timers.Closed": "PT1H" }) },
  "update date created": { method: "POST", path: (w) => w.conv, form: () => ({ DateCreated: "2020-01-01T00:00:00Z" }) },
  "update messaging service": { method: "POST", path: (w) => w.conv, form: () => ({ MessagingServiceSid: `MG${"0".repeat(32)}` }) },
  "update email binding": { method: "POST", path: (w) => w.conv, form: () => ({ "Bindings.Email.Address": "desk@example.com" }) },
  "delete conversation": {
    method: "DELETE",
    path: (w) => w.conv,
    effect: async (w) => expect(await store().get("conversation", w.sid)).toBeNull(),
  },
  "list conversation webhooks": { method: "GET", path: (w) => `${w.conv}/Webhooks` },

  // Participants
  "add participant (another identity)": {
    method: "POST",
    path: (w) => `${w.conv}/Participants`,
    form: () => ({ Identity: "newcomer" }),
    effect: async (w) => expect(await participantOf(w, "newcomer")).not.toBeNull(),
  },
  "add non-chat participant": {
    method: "POST",
    path: (w) => `${w.conv}/Participants`,
    form: () => ({ "MessagingBinding.Address": "+15005550006", "MessagingBinding.ProxyAddress": "+15005550001" }),
  },
  "add self (join)": {
    method: "POST",
    path: (w) => `${w.conv}/Participants`,
    form: (_w, me) => ({ Identity: me as string }),
    effect: async (w, me) => expect((await participantOf(w, me as string))?.roleSid).not.toBe(roleSids.channelAdmin),
  },
  "add self (join) to a public conversation": {
    method: "POST",
    public: true,
    path: (w) => `${w.conv}/Participants`,
    form: (_w, me) => ({ Identity: me as string }),
    effect: async (w, me) => expect((await participantOf(w, me as string))?.roleSid).not.toBe(roleSids.channelAdmin),
  },
  "fetch a public conversation": { method: "GET", public: true, path: (w) => w.conv },
  "list a public conversation's participants": { method: "GET", public: true, path: (w) => `${w.conv}/Participants` },
  "list a public conversation's messages": { method: "GET", public: true, path: (w) => `${w.conv}/Messages` },
  "invite a user": {
    method: "POST",
    path: (w) => `${w.conv}/Invites`,
    form: () => ({ Identity: "invitee" }),
    effect: async (w) => expect(await store().getByKey("invite", w.sid, "invitee")).not.toBeNull(),
  },
  "list invites": { method: "GET", path: (w) => `${w.conv}/Invites` },
  "list the public directory": { method: "GET", path: () => `${S}/ConversationDescriptors` },
  "look at a private conversation (descriptor)": { method: "GET", path: (w) => `${S}/ConversationDescriptors/${w.sid}` },
  "look at a public conversation (descriptor)": {
    method: "GET",
    public: true,
    path: (w) => `${S}/ConversationDescriptors/${w.sid}`,
  },
  "add self as channel admin": {
    method: "POST",
    path: (w) => `${w.conv}/Participants`,
    form: (_w, me) => ({ Identity: me as string, RoleSid: roleSids.channelAdmin }),
  },
  "remove another participant": {
    method: "DELETE",
    path: (w) => `${w.conv}/Participants/${w.participants.other}`,
    effect: async (w) => expect(await participantOf(w, "other")).toBeNull(),
  },
  "leave (remove self)": {
    method: "DELETE",
    path: (w, me) => `${w.conv}/Participants/${me}`,
    effect: async (w, me) => expect(await participantOf(w, me as string)).toBeNull(),
  },
  "update own participant attributes": {
    method: "POST",
    path: (w, me) => `${w.conv}/Participants/${me}`,
    form: () => ({ Attributes: '{"mine":true}' }),
    effect: async (w, me) => expect((await participantOf(w, me as string))?.attributes).toBe('{"mine":true}'),
  },
  "update another participant's attributes": {
    method: "POST",
    path: (w) => `${w.conv}/Participants/${w.participants.other}`,
    form: () => ({ Attributes: '{"theirs":true}' }),
    effect: async (w) => expect((await participantOf(w, "other"))?.attributes).toBe('{"theirs":true}'),
  },
  "change own participant role": {
    method: "POST",
    path: (w, me) => `${w.conv}/Participants/${me}`,
    form: () => ({ RoleSid: roleSids.channelAdmin }),
  },
  "change another participant's role": {
    method: "POST",
    path: (w) => `${w.conv}/Participants/${w.participants.other}`,
    form: () => ({ RoleSid: roleSids.channelAdmin }),
  },
  "move another participant's read horizon": {
    method: "POST",
    path: (w) => `${w.conv}/Participants/${w.participants.other}`,
    form: () => ({ LastReadMessageIndex: "1" }),
  },

  // Messages
  "send message": {
    method: "POST",
    path: (w) => `${w.conv}/Messages`,
    form: () => ({ Body: "hello" }),
    effect: async (_w, me, reply) => expect(reply.body.author).toBe(me ?? "system"),
  },
  "send message as someone else": {
    method: "POST",
    path: (w) => `${w.conv}/Messages`,
    form: () => ({ Body: "forged", Author: "other" }),
  },
  "list messages": { method: "GET", path: (w) => `${w.conv}/Messages` },
  "edit own message body": {
    method: "POST",
    path: (w, me) => `${w.conv}/Messages/${w.messages[me as string]}`,
    form: () => ({ Body: "edited" }),
    effect: async (w, me) => expect((await messageOf(w, me as string))?.body).toBe("edited"),
  },
  "edit another's message body": {
    method: "POST",
    path: (w) => `${w.conv}/Messages/${w.messages.other}`,
    form: () => ({ Body: "edited" }),
    effect: async (w) => expect((await messageOf(w, "other"))?.body).toBe("edited"),
  },
  "edit another's message attributes": {
    method: "POST",
    path: (w) => `${w.conv}/Messages/${w.messages.other}`,
    form: () => ({ Attributes: '{"edited":true}' }),
  },
  "delete own message": {
    method: "DELETE",
    path: (w, me) => `${w.conv}/Messages/${w.messages[me as string]}`,
    effect: async (w, me) => expect(await messageOf(w, me as string)).toBeNull(),
  },
  "delete another's message": {
    method: "DELETE",
    path: (w) => `${w.conv}/Messages/${w.messages.other}`,
    effect: async (w) => expect(await messageOf(w, "other")).toBeNull(),
  },

  // Users
  "fetch user (self)": { method: "GET", path: (_w, me) => `${S}/Users/${me}` },
  "fetch user (other)": { method: "GET", path: () => `${S}/Users/other` },
  "list users": { method: "GET", path: () => `${S}/Users` },
  "create user": { method: "POST", path: () => `${S}/Users`, form: () => ({ Identity: `fresh-${serial}` }) },
  "update own user friendly name": {
    method: "POST",
    path: (_w, me) => `${S}/Users/${me}`,
    form: () => ({ FriendlyName: "Me" }),
    effect: async (_w, me, reply) => expect([reply.body.identity, reply.body.friendly_name]).toEqual([me, "Me"]),
  },
  "update another user's friendly name": { method: "POST", path: () => `${S}/Users/other`, form: () => ({ FriendlyName: "Them" }) },
  "change own user role": { method: "POST", path: (_w, me) => `${S}/Users/${me}`, form: () => ({ RoleSid: roleSids.serviceAdmin }) },
  "delete another user": { method: "DELETE", path: () => `${S}/Users/other` },

  // One user's view of its conversations
  "fetch own user-conversation": { method: "GET", path: (w, me) => `${S}/Users/${me}/Conversations/${w.sid}` },
  "update own user-conversation notification level": {
    method: "POST",
    path: (w, me) => `${S}/Users/${me}/Conversations/${w.sid}`,
    form: () => ({ NotificationLevel: "muted" }),
    effect: async (w, me) => expect((await participantOf(w, me as string))?.notificationLevel).toBe("muted"),
  },
  "leave via own user-conversation": {
    method: "DELETE",
    path: (w, me) => `${S}/Users/${me}/Conversations/${w.sid}`,
    effect: async (w, me) => expect(await participantOf(w, me as string)).toBeNull(),
  },
  "fetch another user's user-conversation": { method: "GET", path: (w) => `${S}/Users/other/Conversations/${w.sid}` },
  "update another user's user-conversation": {
    method: "POST",
    path: (w) => `${S}/Users/other/Conversations/${w.sid}`,
    form: () => ({ NotificationLevel: "muted" }),
  },
  "remove another via their user-conversation": { method: "DELETE", path: (w) => `${S}/Users/other/Conversations/${w.sid}` },
  "list another user's conversations": { method: "GET", path: () => `${S}/Users/other/Conversations` },
  "list another identity's participant conversations": { method: "GET", path: () => `${S}/ParticipantConversations?Identity=other` },

  // The account's configuration
  "list roles": { method: "GET", path: () => `${S}/Roles` },
  "create role": {
    method: "POST",
    path: () => `${S}/Roles`,
    form: () => ({ FriendlyName: `role ${serial}`, Type: "service", Permission: ["createConversation", "joinConversation"] }),
  },
  "list credentials": { method: "GET", path: () => "/v1/Credentials" },
  "fetch service configuration": { method: "GET", path: () => `${S}/Configuration` },
} satisfies Record<string, Op>;

type Cell = number | null;

/** Expected status per actor; `null`: the operation means nothing for that actor (e.g. the account has no "own" message). */
// biome-ignore format: a table
const matrix: Record<keyof typeof ops, [account: Cell, member: Cell, outsider: Cell, chanAdmin: Cell, noCreate: Cell, mute: Cell]> = {
  //                                                   account member outsider chanAdmin noCreate mute
  "create conversation":                               [201,    201,   201,     201,      403,     201],
  "create conversation with participants":             [201,    201,   201,     201,      403,     201],
  "fetch conversation":                                [200,    200,   404,     200,      404,     200],
  "list conversations":                                [200,    200,   200,     200,      200,     200],
  "list participants":                                 [200,    200,   404,     200,      404,     200],
  "update friendly name":                              [200,    403,   404,     200,      404,     403],
  "update attributes":                                 [200,    403,   404,     200,      404,     403],
  "update state":                                      [200,    403,   404,     403,      404,     403],
  "update timers":                                     [200,    403,   404,     403,      404,     403],
  "update date created":                               [200,    403,   404,     403,      404,     403],
  "update messaging service":                          [200,    403,   404,     403,      404,     403],
  "update email binding":                              [200,    403,   404,     403,      404,     403],
  "delete conversation":                               [204,    403,   404,     204,      404,     403],
  "list conversation webhooks":                        [200,    403,   403,     403,      403,     403],
  "add participant (another identity)":                [201,    403,   404,     201,      404,     403],
  "add non-chat participant":                          [201,    403,   404,     201,      404,     403],
  "add self (join)":                                   [null,   409,   404,     409,      404,     409],
  "add self (join) to a public conversation":          [null,   409,   201,     409,      403,     409],
  "fetch a public conversation":                        [200,    200,   200,     200,      200,     200],
  "list a public conversation's participants":         [200,    200,   404,     200,      404,     200],
  "list a public conversation's messages":             [200,    200,   404,     200,      404,     200],
  "invite a user":                                     [201,    403,   404,     201,      404,     403],
  "list invites":                                      [200,    200,   404,     200,      404,     200],
  "list the public directory":                         [200,    200,   200,     200,      200,     200],
  "look at a private conversation (descriptor)":       [200,    200,   404,     200,      404,     200],
  "look at a public conversation (descriptor)":        [200,    200,   200,     200,      200,     200],
  "add self as channel admin":                         [null,   403,   403,     403,      403,     403],
  "remove another participant":                        [204,    403,   404,     204,      404,     403],
  "leave (remove self)":                               [null,   204,   404,     204,      404,     204],
  "update own participant attributes":                 [null,   200,   404,     200,      404,     200],
  "update another participant's attributes":           [200,    403,   404,     200,      404,     403],
  "change own participant role":                       [null,   403,   404,     403,      404,     403],
  "change another participant's role":                 [200,    403,   404,     403,      404,     403],
  "move another participant's read horizon":           [200,    403,   404,     403,      404,     403],
  "send message":                                      [201,    201,   404,     201,      404,     403],
  "send message as someone else":                      [201,    403,   404,     403,      404,     403],
  "list messages":                                     [200,    200,   404,     200,      404,     200],
  "edit own message body":                             [null,   200,   404,     200,      404,     200],
  "edit another's message body":                       [200,    403,   404,     200,      404,     403],
  "edit another's message attributes":                 [200,    403,   404,     200,      404,     403],
  "delete own message":                                [null,   204,   404,     204,      404,     204],
  "delete another's message":                          [204,    403,   404,     204,      404,     403],
  "fetch user (self)":                                 [null,   200,   200,     200,      200,     200],
  "fetch user (other)":                                [200,    200,   200,     200,      200,     200],
  "list users":                                        [200,    403,   403,     403,      403,     403],
  "create user":                                       [201,    403,   403,     403,      403,     403],
  "update own user friendly name":                     [null,   200,   200,     200,      200,     200],
  "update another user's friendly name":               [200,    403,   403,     403,      403,     403],
  "change own user role":                              [null,   403,   403,     403,      403,     403],
  "delete another user":                               [204,    403,   403,     403,      403,     403],
  "fetch own user-conversation":                       [null,   200,   404,     200,      404,     200],
  "update own user-conversation notification level":   [null,   200,   404,     200,      404,     200],
  "leave via own user-conversation":                   [null,   204,   404,     204,      404,     204],
  "fetch another user's user-conversation":            [200,    403,   403,     403,      403,     403],
  "update another user's user-conversation":           [200,    403,   403,     403,      403,     403],
  "remove another via their user-conversation":        [204,    403,   403,     403,      403,     403],
  "list another user's conversations":                 [200,    403,   403,     403,      403,     403],
  "list another identity's participant conversations": [200,    403,   403,     403,      403,     403],
  "list roles":                                        [200,    403,   403,     403,      403,     403],
  "create role":                                       [201,    403,   403,     403,      403,     403],
  "list credentials":                                  [200,    403,   403,     403,      403,     403],
  "fetch service configuration":                       [200,    403,   403,     403,      403,     403],
};

/** The Twilio error code each refusal carries. */
const errorCodes: Record<number, number> = { 403: 20403, 404: 20404, 409: 50433 };

type Row = { actor: ActorName; op: keyof typeof ops; status: number };
const rows: Row[] = (Object.keys(matrix) as (keyof typeof ops)[]).flatMap((op) =>
  ACTORS.flatMap((actor, i) => {
    const status = matrix[op][i];
    return status === null || status === undefined ? [] : [{ actor, op, status }];
  }),
);

describe("permission matrix", () => {
  it.each(rows.map((row) => [`${row.actor} · ${row.op} → ${row.status}`, row] as const))("%s", async (_name, { actor, op, status }) => {
    const spec: Op = ops[op];
    const me = actor === "account" ? undefined : actor;
    const w = await world(spec.public ? "public" : "private");
    const before = await snapshot(w);
    const reply = await callAs(server, callerOf(actor), spec.method, spec.path(w, me), spec.form?.(w, me));
    expect(reply.status, JSON.stringify(reply.body)).toBe(status);
    const after = await snapshot(w);
    if (status >= 400) {
      expect(reply.body.code, JSON.stringify(reply.body)).toBe(errorCodes[status]);
      expect(after, "a refused request changed the store").toEqual(before);
      return;
    }
    if (spec.method !== "GET") expect(after, "an accepted write changed nothing").not.toEqual(before);
    await spec.effect?.(w, me, reply, actor);
  });
});

describe("the matrix itself", () => {
  it("has a row for every actor of every operation it lists", () => {
    for (const [op, cells] of Object.entries(matrix)) expect(cells, op).toHaveLength(ACTORS.length);
    expect(rows.length).toBeGreaterThan(200);
  });
});

/**
 * Left open (a design question, see the report): a user who may not edit the conversation,
 * another participant or another's message can still POST an empty update to it. Confab answers
 * 200, moves `date_updated` and records an `*.updated` event (webhooks, sockets) although the
 * user's roles grant no such write. A user update (core/users.ts) needs the permission even when
 * empty; these should likewise be refused (403) and change nothing. Whether that, or a no-op
 * 200 that writes nothing, is right is not settled, so these are expected to fail for now.
 */
describe("an empty update by a user who may not edit the target", () => {
  const targets: [string, (w: World) => string][] = [
    ["the conversation", (w) => w.conv],
    ["another participant", (w) => `${w.conv}/Participants/${w.participants.other}`],
    ["another's message", (w) => `${w.conv}/Messages/${w.messages.other}`],
  ];
  for (const [what, path] of targets) {
    it.fails(`member · empty update of ${what} → 403, nothing written`, async () => {
      const w = await world();
      const before = await snapshot(w);
      // date_updated is to the second: let one pass so a write would show.
      await new Promise((resolve) => setTimeout(resolve, 1_050));
      const reply = await callAs(server, { identity: "member" }, "POST", path(w), {});
      expect(await snapshot(w), "an empty update changed the store").toEqual(before);
      expect(reply.status).toBe(403);
      expect(reply.body.code).toBe(20403);
    });
  }
});
