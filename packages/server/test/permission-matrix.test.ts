/**
 * Who may do what, as a matrix: each row is one actor doing one operation on a fresh
 * conversation, with the status Twilio's roles give; every refused write is checked to have
 * changed nothing.
 */
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/index.js";
import { testServer } from "./support/server.js";
import { userToken } from "./support/user-token.js";

type Actor = "admin" | "member" | "outsider" | "chanAdmin" | "mute" | "noCreate";
type World = {
  conversation: string;
  memberSid: string;
  otherSid: string;
  ownMessage: string;
  otherMessage: string;
  userSids: Record<string, string>;
};
type Row = {
  actor: Actor;
  does: string;
  request: (w: World) => { method: string; path: string; form?: Record<string, string> };
  status: number;
  /** For a refused write: what must still hold. */
  unchanged?: (w: World) => Promise<void>;
};

let server: RunningServer;
let basic = "";
let channelAdminRole = "";
let muteRole = "";
let noCreateRole = "";
let serial = 0;

async function call(actor: Actor, method: string, path: string, form?: Record<string, string>) {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  if (actor === "admin") headers.Authorization = basic;
  else headers["X-Twilio-Token"] = userToken(server, actor);
  const res = await fetch(`${server.url}${path}`, { method, headers, ...(form ? { body: new URLSearchParams(form).toString() } : {}) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const admin = (method: string, path: string, form?: Record<string, string>) => call("admin", method, path, form);

beforeAll(async () => {
  server = await testServer({ limits: { writesPerConversationPerSecond: 10_000 } });
  basic = `Basic ${Buffer.from(`${server.credentials.accountSid}:${server.credentials.authToken}`).toString("base64")}`;
  const roles = `/v1/Services/${server.credentials.serviceSid}/Roles`;
  const list = (await admin("GET", roles)).body.roles as { sid: string; friendly_name: string }[];
  channelAdminRole = list.find((r) => r.friendly_name === "channel admin")?.sid as string;
  muteRole = (await admin("POST", roles, { FriendlyName: `mute`, Type: "conversation", Permission: "leaveConversation" })).body.sid;
  noCreateRole = (await admin("POST", roles, { FriendlyName: `no create`, Type: "service", Permission: "editOwnUserInfo" })).body.sid;
  await admin("POST", "/v1/Users", { Identity: "noCreate", RoleSid: noCreateRole });
});
afterAll(() => server.close());

/** A fresh conversation: member, chanAdmin and mute take part, and `other`; two messages. */
async function world(): Promise<World> {
  const c = (await admin("POST", "/v1/Conversations", { FriendlyName: `matrix ${++serial}` })).body.sid as string;
  const add = async (identity: string, role?: string) =>
    (await admin("POST", `/v1/Conversations/${c}/Participants`, { Identity: identity, ...(role ? { RoleSid: role } : {}) })).body
      .sid as string;
  const memberSid = await add("member");
  await add("chanAdmin", channelAdminRole);
  await add("mute", muteRole);
  const otherSid = await add("other");
  const otherMessage = (await admin("POST", `/v1/Conversations/${c}/Messages`, { Author: "other", Body: "theirs" })).body.sid as string;
  const ownMessage = (await admin("POST", `/v1/Conversations/${c}/Messages`, { Author: "member", Body: "mine" })).body.sid as string;
  const userSids: Record<string, string> = {};
  for (const identity of ["member", "other"]) userSids[identity] = (await admin("GET", `/v1/Users/${identity}`)).body.sid;
  return { conversation: c, memberSid, otherSid, ownMessage, otherMessage, userSids };
}

const conv = (w: World) => `/v1/Conversations/${w.conversation}`;
const friendlyNameIs = (name: string) => async (w: World) => expect((await admin("GET", conv(w))).body.friendly_name).toBe(name);
const stillThere = async (w: World) => expect((await admin("GET", conv(w))).status).toBe(200);
const participantsAre = (n: number) => async (w: World) =>
  expect((await admin("GET", `${conv(w)}/Participants`)).body.participants).toHaveLength(n);
const messagesAre = (n: number) => async (w: World) => expect((await admin("GET", `${conv(w)}/Messages`)).body.messages).toHaveLength(n);
const messageBodyIs = (which: "ownMessage" | "otherMessage", body: string) => async (w: World) =>
  expect((await admin("GET", `${conv(w)}/Messages/${w[which]}`)).body.body).toBe(body);
const attributesOf = (which: "memberSid" | "otherSid", attributes: string) => async (w: World) =>
  expect((await admin("GET", `${conv(w)}/Participants/${w[which]}`)).body.attributes).toBe(attributes);

const rows: Row[] = [
  // Creating and reading conversations
  { actor: "admin", does: "create a conversation", request: () => ({ method: "POST", path: "/v1/Conversations", form: {} }), status: 201 },
  { actor: "member", does: "create a conversation", request: () => ({ method: "POST", path: "/v1/Conversations", form: {} }), status: 201 },
  {
    actor: "noCreate",
    does: "create a conversation",
    request: () => ({ method: "POST", path: "/v1/Conversations", form: {} }),
    status: 403,
  },
  { actor: "member", does: "fetch the conversation", request: (w) => ({ method: "GET", path: conv(w) }), status: 200 },
  { actor: "outsider", does: "fetch the conversation", request: (w) => ({ method: "GET", path: conv(w) }), status: 404 },
  { actor: "member", does: "list its messages", request: (w) => ({ method: "GET", path: `${conv(w)}/Messages` }), status: 200 },
  { actor: "outsider", does: "list its messages", request: (w) => ({ method: "GET", path: `${conv(w)}/Messages` }), status: 404 },
  // Changing the conversation
  ...(["admin", "chanAdmin"] as const).map((actor) => ({
    actor,
    does: "rename it",
    request: (w: World) => ({ method: "POST", path: conv(w), form: { FriendlyName: "renamed" } }),
    status: 200,
  })),
  {
    actor: "member",
    does: "rename it",
    request: (w) => ({ method: "POST", path: conv(w), form: { FriendlyName: "renamed" } }),
    status: 403,
    unchanged: async (w) => friendlyNameIs(`matrix ${serial}`)(w),
  },
  {
    actor: "outsider",
    does: "rename it",
    request: (w) => ({ method: "POST", path: conv(w), form: { FriendlyName: "renamed" } }),
    status: 404,
  },
  { actor: "chanAdmin", does: "close it", request: (w) => ({ method: "POST", path: conv(w), form: { State: "closed" } }), status: 403 },
  { actor: "admin", does: "close it", request: (w) => ({ method: "POST", path: conv(w), form: { State: "closed" } }), status: 200 },
  { actor: "member", does: "delete it", request: (w) => ({ method: "DELETE", path: conv(w) }), status: 403, unchanged: stillThere },
  { actor: "chanAdmin", does: "delete it", request: (w) => ({ method: "DELETE", path: conv(w) }), status: 204 },
  { actor: "outsider", does: "delete it", request: (w) => ({ method: "DELETE", path: conv(w) }), status: 404, unchanged: stillThere },
  // The roster
  {
    actor: "member",
    does: "add someone",
    request: (w) => ({ method: "POST", path: `${conv(w)}/Participants`, form: { Identity: "newcomer" } }),
    status: 403,
    unchanged: participantsAre(4),
  },
  {
    actor: "chanAdmin",
    does: "add someone",
    request: (w) => ({ method: "POST", path: `${conv(w)}/Participants`, form: { Identity: "newcomer" } }),
    status: 201,
  },
  {
    actor: "member",
    does: "remove someone else",
    request: (w) => ({ method: "DELETE", path: `${conv(w)}/Participants/${w.otherSid}` }),
    status: 403,
    unchanged: participantsAre(4),
  },
  {
    actor: "chanAdmin",
    does: "remove someone else",
    request: (w) => ({ method: "DELETE", path: `${conv(w)}/Participants/${w.otherSid}` }),
    status: 204,
  },
  { actor: "member", does: "leave", request: (w) => ({ method: "DELETE", path: `${conv(w)}/Participants/${w.memberSid}` }), status: 204 },
  {
    actor: "member",
    does: "change its own attributes",
    request: (w) => ({ method: "POST", path: `${conv(w)}/Participants/${w.memberSid}`, form: { Attributes: '{"me":1}' } }),
    status: 200,
  },
  {
    actor: "member",
    does: "change someone else's attributes",
    request: (w) => ({ method: "POST", path: `${conv(w)}/Participants/${w.otherSid}`, form: { Attributes: '{"x":1}' } }),
    status: 403,
    unchanged: attributesOf("otherSid", "{}"),
  },
  {
    actor: "chanAdmin",
    does: "change someone else's attributes",
    request: (w) => ({ method: "POST", path: `${conv(w)}/Participants/${w.otherSid}`, form: { Attributes: '{"x":1}' } }),
    status: 200,
  },
  // Messages
  {
    actor: "member",
    does: "send a message",
    request: (w) => ({ method: "POST", path: `${conv(w)}/Messages`, form: { Body: "hi" } }),
    status: 201,
  },
  {
    actor: "mute",
    does: "send a message",
    request: (w) => ({ method: "POST", path: `${conv(w)}/Messages`, form: { Body: "hi" } }),
    status: 403,
    unchanged: messagesAre(2),
  },
  {
    actor: "outsider",
    does: "send a message",
    request: (w) => ({ method: "POST", path: `${conv(w)}/Messages`, form: { Body: "hi" } }),
    status: 404,
    unchanged: messagesAre(2),
  },
  {
    actor: "member",
    does: "edit its own message",
    request: (w) => ({ method: "POST", path: `${conv(w)}/Messages/${w.ownMessage}`, form: { Body: "edited" } }),
    status: 200,
  },
  {
    actor: "member",
    does: "edit someone else's message",
    request: (w) => ({ method: "POST", path: `${conv(w)}/Messages/${w.otherMessage}`, form: { Body: "edited" } }),
    status: 403,
    unchanged: messageBodyIs("otherMessage", "theirs"),
  },
  {
    actor: "chanAdmin",
    does: "edit someone else's message",
    request: (w) => ({ method: "POST", path: `${conv(w)}/Messages/${w.otherMessage}`, form: { Body: "edited" } }),
    status: 200,
  },
  {
    actor: "member",
    does: "delete its own message",
    request: (w) => ({ method: "DELETE", path: `${conv(w)}/Messages/${w.ownMessage}` }),
    status: 204,
  },
  {
    actor: "member",
    does: "delete someone else's message",
    request: (w) => ({ method: "DELETE", path: `${conv(w)}/Messages/${w.otherMessage}` }),
    status: 403,
    unchanged: messagesAre(2),
  },
  {
    actor: "chanAdmin",
    does: "delete someone else's message",
    request: (w) => ({ method: "DELETE", path: `${conv(w)}/Messages/${w.otherMessage}` }),
    status: 204,
  },
  // Users and their views
  {
    actor: "member",
    does: "rename itself",
    request: () => ({ method: "POST", path: "/v1/Users/member", form: { FriendlyName: "Mem" } }),
    status: 200,
  },
  {
    actor: "member",
    does: "rename another user",
    request: () => ({ method: "POST", path: "/v1/Users/other", form: { FriendlyName: "Oth" } }),
    status: 403,
  },
  {
    actor: "member",
    does: "mute its own view of the conversation",
    request: (w) => ({
      method: "POST",
      path: `/v1/Users/${w.userSids.member}/Conversations/${w.conversation}`,
      form: { NotificationLevel: "muted" },
    }),
    status: 200,
  },
  {
    actor: "member",
    does: "read another user's view",
    request: (w) => ({ method: "GET", path: `/v1/Users/${w.userSids.other}/Conversations/${w.conversation}` }),
    status: 403,
  },
  // Account-only resources
  { actor: "member", does: "list roles", request: () => ({ method: "GET", path: "/v1/Roles" }), status: 403 },
  {
    actor: "member",
    does: "create a role",
    request: () => ({ method: "POST", path: "/v1/Roles", form: { FriendlyName: "r", Type: "service", Permission: "createConversation" } }),
    status: 403,
  },
  { actor: "admin", does: "list roles", request: () => ({ method: "GET", path: "/v1/Roles" }), status: 200 },
  { actor: "member", does: "list credentials", request: () => ({ method: "GET", path: "/v1/Credentials" }), status: 403 },
];

describe("permission matrix", () => {
  it.each(rows.map((r) => [`${r.actor} may${r.status < 400 ? "" : " not"} ${r.does} (${r.status})`, r] as const))(
    "%s",
    async (_name, row) => {
      const w = await world();
      const { method, path, form } = row.request(w);
      const result = await call(row.actor, method, path, form);
      expect(result.status, JSON.stringify(result.body)).toBe(row.status);
      if (row.status === 403) expect(result.body.code).toBe(20403);
      if (row.status === 404) expect(result.body.code).toBe(20404);
      await row.unchanged?.(w);
    },
  );
});
