/**
 * Chat v2 with users' access tokens: the operations the Chat SDK runs (channels, members,
 * messages, invites, user channels) follow Chat's permission semantics under Twilio's default
 * roles. A user creates channels, joins a public one by adding itself as a member, cannot see or
 * join a private one without an invite, joins with an invite (taking its role), and may not act
 * for others or configure the service. A refused request changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/index.js";
import { callAs, type Form, type Reply } from "./support/as-user.js";
import { testServer } from "./support/server.js";
import { TestSocket } from "./support/socket-client.js";
import { userToken } from "./support/user-token.js";

let server: RunningServer;
let S = "";
const as = (identity: string) => (method: string, path: string, form?: Form) => callAs(server, { identity }, method, path, form);
const admin = (method: string, path: string, form?: Form) => callAs(server, { account: true }, method, path, form);

/** Everything these rows could change, read straight from the store. */
async function snapshot() {
  const all = { limit: 100_000 };
  const store = server.core.store;
  return {
    conversations: (await store.list("conversation", { parent: server.credentials.serviceSid, ...all })).items,
    participants: (await store.list("participant", all)).items,
    messages: (await store.list("message", all)).items,
    invites: (await store.list("invite", all)).items,
    roles: (await store.list("role", all)).items,
  };
}

/** Expects a refusal with Twilio's code for the status, and that nothing changed. */
async function refused(request: () => Promise<Reply>, status: 403 | 404) {
  const before = await snapshot();
  const reply = await request();
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.body.code).toBe(status === 403 ? 20403 : 20404);
  expect(await snapshot(), "a refused request changed the store").toEqual(before);
}

let lobby = "";
let secret = "";
let channelAdminRole = "";

beforeAll(async () => {
  server = await testServer();
  S = `/v2/Services/${server.credentials.serviceSid}`;
  const roles = (await admin("GET", `${S}/Roles`)).body.roles as { sid: string; friendly_name: string }[];
  channelAdminRole = roles.find((r) => r.friendly_name === "channel admin")?.sid as string;
  const made = await admin("POST", `${S}/Channels`, { FriendlyName: "Lobby", UniqueName: "lobby", Type: "public" });
  lobby = made.body.sid;
  secret = (await admin("POST", `${S}/Channels`, { FriendlyName: "Secret", Type: "private" })).body.sid;
  expect((await admin("POST", `${S}/Channels/${secret}/Members`, { Identity: "keeper" })).status).toBe(201);
});
afterAll(() => server?.close());

describe("a user's access token on Chat v2", () => {
  it("creates a channel and becomes its member with the channel creator role", async () => {
    const reply = await as("ann")("POST", `${S}/Channels`, { FriendlyName: "Ann's", Type: "private" });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body).toMatchObject({ type: "private", created_by: "ann", members_count: 1 });
    const member = await as("ann")("GET", `${S}/Channels/${reply.body.sid}/Members/ann`);
    expect(member.status).toBe(200);
    expect(member.body.role_sid).toBe(channelAdminRole);
  });

  it("may not name another creator, nor another author", async () => {
    await refused(() => as("ann")("POST", `${S}/Channels`, { FriendlyName: "x", CreatedBy: "bob" }), 403);
  });

  it("sees public channels and its own in the list, not others' private ones", async () => {
    const reply = await as("bob")("GET", `${S}/Channels?PageSize=100`);
    expect(reply.status).toBe(200);
    const sids = (reply.body.channels as { sid: string }[]).map((c) => c.sid);
    expect(sids).toContain(lobby);
    expect(sids).not.toContain(secret);
    const publicOnly = await as("bob")("GET", `${S}/Channels?Type=private`);
    expect((publicOnly.body.channels as { sid: string }[]).map((c) => c.sid)).not.toContain(secret);
  });

  it("fetches a public channel it is not a member of, but not a private one (404)", async () => {
    expect((await as("bob")("GET", `${S}/Channels/lobby`)).body).toMatchObject({ sid: lobby, type: "public" });
    await refused(() => as("bob")("GET", `${S}/Channels/${secret}`), 404);
  });

  it("reads a public channel's messages only once it has joined", async () => {
    await refused(() => as("bob")("GET", `${S}/Channels/${lobby}/Messages`), 404);
    await refused(() => as("bob")("POST", `${S}/Channels/${lobby}/Messages`, { Body: "not yet" }), 404);
  });

  it("joins a public channel by adding itself as a member", async () => {
    const reply = await as("bob")("POST", `${S}/Channels/${lobby}/Members`, { Identity: "bob", LastConsumedMessageIndex: "0" });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body).toMatchObject({ identity: "bob", last_consumed_message_index: 0 });
    const sent = await as("bob")("POST", `${S}/Channels/${lobby}/Messages`, { Body: "hi all" });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ from: "bob", body: "hi all" });
    expect((await as("bob")("GET", `${S}/Channels/${lobby}/Messages`)).body.messages).toHaveLength(1);
  });

  it("may not join a private channel without an invite (404), nor add someone else (403)", async () => {
    await refused(() => as("bob")("POST", `${S}/Channels/${secret}/Members`, { Identity: "bob" }), 404);
    await refused(() => as("bob")("POST", `${S}/Channels/${lobby}/Members`, { Identity: "carl" }), 403);
    await refused(() => as("bob")("POST", `${S}/Channels/${lobby}/Members`, { Identity: "bob2", RoleSid: channelAdminRole }), 403);
  });

  it("sends as itself only, and edits only its own messages", async () => {
    await refused(() => as("bob")("POST", `${S}/Channels/${lobby}/Messages`, { Body: "spoof", From: "keeper" }), 403);
    const theirs = await admin("POST", `${S}/Channels/${lobby}/Messages`, { From: "system", Body: "rules" });
    await refused(() => as("bob")("POST", `${S}/Channels/${lobby}/Messages/${theirs.body.sid}`, { Body: "edited" }), 403);
    const own = (await as("bob")("GET", `${S}/Channels/${lobby}/Messages`)).body.messages[0];
    const edited = await as("bob")("POST", `${S}/Channels/${lobby}/Messages/${own.sid}`, { Body: "hi, all" });
    expect(edited.body).toMatchObject({ body: "hi, all", was_edited: true, last_updated_by: "bob" });
  });

  it("moves its own consumption horizon, not another member's", async () => {
    const moved = await as("bob")("POST", `${S}/Channels/${lobby}/Members/bob`, { LastConsumedMessageIndex: "1" });
    expect(moved.body.last_consumed_message_index).toBe(1);
    expect((await admin("POST", `${S}/Channels/${lobby}/Members`, { Identity: "dora" })).status).toBe(201);
    await refused(() => as("bob")("POST", `${S}/Channels/${lobby}/Members/dora`, { LastConsumedMessageIndex: "1" }), 403);
  });

  it("may not invite as a channel user; the channel's creator (channel admin) may", async () => {
    await refused(() => as("bob")("POST", `${S}/Channels/${lobby}/Invites`, { Identity: "erin" }), 403);
    const own = await as("ann")("POST", `${S}/Channels`, { FriendlyName: "Ann's club", Type: "private" });
    const invite = await as("ann")("POST", `${S}/Channels/${own.body.sid}/Invites`, { Identity: "bob" });
    expect(invite.status, JSON.stringify(invite.body)).toBe(201);
    expect(invite.body).toMatchObject({ identity: "bob", created_by: "ann" });
    // The invitee sees the channel as invited, then joins with the invite.
    const standing = await as("bob")("GET", `${S}/Users/bob/Channels/${own.body.sid}`);
    expect(standing.body).toMatchObject({ status: "invited", member_sid: null });
    expect((await as("bob")("GET", `${S}/Channels/${own.body.sid}`)).status).toBe(200);
    const joined = await as("bob")("POST", `${S}/Channels/${own.body.sid}/Members`, { Identity: "bob" });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    expect((await admin("GET", `${S}/Channels/${own.body.sid}/Invites`)).body.invites).toEqual([]);
    expect((await as("bob")("GET", `${S}/Users/bob/Channels/${own.body.sid}`)).body.status).toBe("joined");
  });

  it("declines its own invite by deleting it", async () => {
    const invite = await admin("POST", `${S}/Channels/${secret}/Invites`, { Identity: "fred" });
    expect((await as("fred")("GET", `${S}/Channels/${secret}/Invites/${invite.body.sid}`)).status).toBe(200);
    const declined = await as("fred")("DELETE", `${S}/Channels/${secret}/Invites/${invite.body.sid}`);
    expect(declined.status).toBe(204);
    await refused(() => as("fred")("GET", `${S}/Channels/${secret}`), 404);
  });

  it("leaves a channel through its user channel, and sees only its own user channels", async () => {
    await refused(() => as("bob")("GET", `${S}/Users/dora/Channels`), 403);
    const left = await as("dora")("DELETE", `${S}/Users/dora/Channels/${lobby}`);
    expect(left.status).toBe(204);
    expect((await as("dora")("GET", `${S}/Users/dora/Channels`)).body.channels).toEqual([]);
    // A public channel it left is still there for it to see, as not participating.
    expect((await as("dora")("GET", `${S}/Users/dora/Channels/${lobby}`)).body.status).toBe("notParticipating");
  });

  it("may not configure the service, its roles, credentials or bindings", async () => {
    await refused(() => as("bob")("GET", `${S}/Roles`), 403);
    await refused(() => as("bob")("POST", `${S}/Roles`, { FriendlyName: "x", Type: "channel", Permission: "sendMessage" }), 403);
    await refused(() => as("bob")("POST", S, { FriendlyName: "mine now" }), 403);
    await refused(() => as("bob")("GET", "/v2/Credentials"), 403);
    await refused(() => as("bob")("GET", `${S}/Bindings`), 403);
    await refused(() => as("bob")("DELETE", `${S}/Channels/${lobby}`), 403);
  });
});

describe("Chat v2 operations over the native socket (as the Chat SDK runs them)", () => {
  it("a user creates a public channel, another joins it and sends, with the same rules as over HTTP", async () => {
    const gina = await TestSocket.connect(server, userToken(server, "gina"));
    const hal = await TestSocket.connect(server, userToken(server, "hal"));
    try {
      const service = { ServiceSid: server.credentials.serviceSid };
      const created = await gina.request("ChatCreateChannel", service, { FriendlyName: "Over the socket", Type: "public" });
      expect(created.status, JSON.stringify(created)).toBe(201);
      const channel = { ...service, ChannelSid: created.body.sid as string };
      const joined = await hal.request("ChatCreateMember", channel, { Identity: "hal" });
      expect(joined.status, JSON.stringify(joined)).toBe(201);
      const sent = await hal.request("ChatCreateMessage", channel, { Body: "hello from hal" });
      expect(sent.body).toMatchObject({ from: "hal", body: "hello from hal", index: 0 });
      const refused = await hal.request("ChatCreateInvite", channel, { Identity: "ivy" });
      expect(refused.error).toMatchObject({ status: 403, code: 20403 });
    } finally {
      gina.ws.terminate();
      hal.ws.terminate();
    }
  });
});
