import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/index.js";
import { seedParticipant } from "./support/seed.js";
import { testServer } from "./support/server.js";
import { fetchAsUser, userToken } from "./support/user-token.js";
import { twilioClient } from "./support/twilio-client.js";

let server: RunningServer;
let client: ReturnType<typeof twilioClient>;

beforeAll(async () => {
  server = await testServer();
  client = twilioClient(server.url, server.credentials.accountSid, server.credentials.authToken);
});
afterAll(() => server.close());

const _tokenFor = (identity: string) => userToken(server, identity);

const asUser = (identity: string, path: string, init: RequestInit = {}) => fetchAsUser(server, identity, path, init);

const form = (fields: Record<string, string>) => ({ method: "POST", body: new URLSearchParams(fields) });

async function roleSid(name: string, serviceSid = server.credentials.serviceSid): Promise<string> {
  const roles = await client.conversations.v1.services(serviceSid).roles.list();
  return roles.find((r) => r.friendlyName === name)?.sid as string;
}

describe("Users through the official twilio helper", () => {
  it("creates, fetches by SID and by identity, updates and deletes on the global paths", async () => {
    const created = await client.conversations.v1.users.create({
      identity: "alice",
      friendlyName: "Alice",
      attributes: JSON.stringify({ team: "blue" }),
    });
    expect(created.sid).toMatch(/^US[0-9a-f]{32}$/);
    expect(created.identity).toBe("alice");
    expect(created.chatServiceSid).toBe(server.credentials.serviceSid);
    expect(created.roleSid).toBe(await roleSid("service user"));
    expect(JSON.parse(created.attributes)).toEqual({ team: "blue" });
    expect(created.isOnline).toBeNull();
    expect(created.isNotifiable).toBeNull();
    expect(created.url).toBe(`${server.url}/v1/Users/${created.sid}`);
    expect(created.links).toEqual({ user_conversations: `${server.url}/v1/Users/${created.sid}/Conversations` });

    expect((await client.conversations.v1.users(created.sid).fetch()).identity).toBe("alice");
    expect((await client.conversations.v1.users("alice").fetch()).sid).toBe(created.sid);

    const admin = await roleSid("service admin");
    const updated = await client.conversations.v1.users("alice").update({ friendlyName: "Alice A.", roleSid: admin });
    expect(updated.friendlyName).toBe("Alice A.");
    expect(updated.roleSid).toBe(admin);
    expect(JSON.parse(updated.attributes)).toEqual({ team: "blue" });

    expect(await client.conversations.v1.users("alice").remove()).toBe(true);
    await expect(client.conversations.v1.users(created.sid).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    await expect(client.conversations.v1.users("alice").update({ friendlyName: "x" })).rejects.toMatchObject({ status: 404 });
    await expect(client.conversations.v1.users("alice").remove()).rejects.toMatchObject({ status: 404 });
  });

  it("works on the service-scoped twins, and keeps services apart", async () => {
    const other = await client.conversations.v1.services.create({ friendlyName: "Users elsewhere" });
    const service = client.conversations.v1.services(other.sid);
    const created = await service.users.create({ identity: "bob" });
    expect(created.chatServiceSid).toBe(other.sid);
    expect(created.roleSid).toBe(await roleSid("service user", other.sid));
    expect(created.attributes).toBe("{}");
    expect(created.friendlyName).toBeNull();
    expect(created.url).toBe(`${server.url}/v1/Services/${other.sid}/Users/${created.sid}`);
    expect((await service.users("bob").fetch()).sid).toBe(created.sid);
    expect((await service.users(created.sid).update({ attributes: '{"a":1}' })).attributes).toBe('{"a":1}');
    expect((await service.users.list()).map((u) => u.identity)).toEqual(["bob"]);

    // Same identity in another service is another user.
    const elsewhere = await client.conversations.v1.users.create({ identity: "bob" });
    expect(elsewhere.sid).not.toBe(created.sid);
    await expect(client.conversations.v1.services(server.credentials.serviceSid).users(created.sid).fetch()).rejects.toMatchObject({
      status: 404,
    });
    // A role of another service is not this service's.
    const foreignRole = await roleSid("service admin");
    await expect(service.users("bob").update({ roleSid: foreignRole })).rejects.toMatchObject({ status: 400, code: 20001 });

    expect(await service.users("bob").remove()).toBe(true);
    expect(await service.users.list()).toHaveLength(0);
    expect((await client.conversations.v1.users("bob").fetch()).sid).toBe(elsewhere.sid);
  });

  it("answers a taken identity with 409 and code 50201, writing nothing", async () => {
    await client.conversations.v1.users.create({ identity: "dup" });
    const before = (await client.conversations.v1.users.list()).length;
    await expect(client.conversations.v1.users.create({ identity: "dup", friendlyName: "again" })).rejects.toMatchObject({
      status: 409,
      code: 50201,
    });
    expect((await client.conversations.v1.users.list()).length).toBe(before);
    expect((await client.conversations.v1.users("dup").fetch()).friendlyName).toBeNull();
  });

  it("rejects bad input with a 4xx and writes nothing", async () => {
    const before = (await client.conversations.v1.users.list()).length;
    await expect(client.conversations.v1.users.create({ identity: "carol", attributes: "{nope" })).rejects.toMatchObject({
      status: 400,
    });
    const big = JSON.stringify({ blob: "x".repeat(server.core.limits.attributesBytes) });
    await expect(client.conversations.v1.users.create({ identity: "carol", attributes: big })).rejects.toMatchObject({
      status: 400,
      code: 50006,
    });
    // A conversation role is no user role, and a role that does not exist is bad input too.
    const conversationRole = await roleSid("channel user");
    await expect(client.conversations.v1.users.create({ identity: "carol", roleSid: conversationRole })).rejects.toMatchObject({
      status: 400,
      code: 20001,
    });
    await expect(client.conversations.v1.users.create({ identity: "carol", roleSid: `RL${"0".repeat(32)}` })).rejects.toMatchObject({
      status: 400,
    });
    await expect(client.conversations.v1.users.create({ identity: "carol", roleSid: "nope" })).rejects.toMatchObject({ status: 400 });
    expect((await client.conversations.v1.users.list()).length).toBe(before);

    await client.conversations.v1.users.create({ identity: "carol" });
    await expect(client.conversations.v1.users("carol").update({ roleSid: conversationRole, friendlyName: "C" })).rejects.toMatchObject({
      status: 400,
    });
    const carol = await client.conversations.v1.users("carol").fetch();
    expect(carol.friendlyName).toBeNull();
    expect(carol.roleSid).toBe(await roleSid("service user"));
  });

  it("pages through users", async () => {
    const names = Array.from({ length: 5 }, (_, i) => `paged-user-${i}`);
    for (const identity of names) await client.conversations.v1.users.create({ identity });
    const all = await client.conversations.v1.users.list({ pageSize: 2 });
    expect(all.map((u) => u.identity).filter((i) => i.startsWith("paged-user-"))).toEqual(names);
    const first = await client.conversations.v1.users.page({ pageSize: 2 });
    expect(first.nextPageUrl).toMatch(new RegExp(`^${server.url}/v1/Users\\?PageSize=2&Page=1&PageToken=PA\\d+$`));
    const second = await first.nextPage();
    const back = await second?.previousPage();
    expect(back?.instances.map((u: { sid: string }) => u.sid)).toEqual(first.instances.map((u) => u.sid));
  });

  it("says whether a user is reachable only when the service has reachability on", async () => {
    const other = await client.conversations.v1.services.create({ friendlyName: "Reachable" });
    await client.conversations.v1
      .services(other.sid)
      .configuration()
      .update({ reachabilityEnabled: true } as never);
    const service = client.conversations.v1.services(other.sid);
    await service.users.create({ identity: "dana" });
    const fetched = await service.users("dana").fetch();
    expect(fetched.isOnline).toBe(false);
    expect(fetched.isNotifiable).toBe(false);
    // A list does not say.
    expect((await service.users.list())[0]?.isOnline).toBeNull();
  });

  it("keeps a deleted user's participants", async () => {
    const user = await client.conversations.v1.users.create({ identity: "erin" });
    const conversation = await client.conversations.v1.conversations.create({ friendlyName: "erin's" });
    const participant = await seedParticipant(server, conversation.sid, { identity: "erin" });
    await client.conversations.v1.users(user.sid).remove();
    expect(await server.core.store.get("participant", participant.sid)).not.toBeNull();
  });

  describe("with user tokens", () => {
    it("lets any user of the service fetch a user, and only the account list, create and delete", async () => {
      const frank = await client.conversations.v1.users.create({ identity: "frank", friendlyName: "Frank" });
      const fetched = await asUser("gina", "/v1/Users/frank");
      expect(fetched).toMatchObject({ status: 200, body: { sid: frank.sid, friendly_name: "Frank" } });
      expect((await asUser("gina", `/v1/Services/${server.credentials.serviceSid}/Users/${frank.sid}`)).status).toBe(200);
      expect((await asUser("gina", "/v1/Users")).status).toBe(403);
      expect(await asUser("gina", "/v1/Users", form({ Identity: "mallory" }))).toMatchObject({ status: 403, body: { code: 20403 } });
      expect((await asUser("gina", "/v1/Users/frank", { method: "DELETE" })).status).toBe(403);
      await expect(client.conversations.v1.users("mallory").fetch()).rejects.toMatchObject({ status: 404 });
      expect((await client.conversations.v1.users("frank").fetch()).sid).toBe(frank.sid);
    });

    it("lets a user edit its own info with editOwnUserInfo, but not others' nor its role", async () => {
      await client.conversations.v1.users.create({ identity: "hank" });
      await client.conversations.v1.users.create({ identity: "ivy" });
      const own = await asUser("hank", "/v1/Users/hank", form({ FriendlyName: "Hank", Attributes: '{"x":1}' }));
      expect(own).toMatchObject({ status: 200, body: { friendly_name: "Hank", attributes: '{"x":1}' } });

      expect(await asUser("hank", "/v1/Users/ivy", form({ FriendlyName: "Not Ivy" }))).toMatchObject({
        status: 403,
        body: { code: 20403 },
      });
      const admin = await roleSid("service admin");
      expect((await asUser("hank", "/v1/Users/hank", form({ RoleSid: admin }))).status).toBe(403);
      expect((await client.conversations.v1.users("ivy").fetch()).friendlyName).toBeNull();
      expect((await client.conversations.v1.users("hank").fetch()).roleSid).toBe(await roleSid("service user"));
    });

    it("lets a user with editAnyUserInfo edit anyone's info", async () => {
      const editor = await client.conversations.v1.roles.create({
        friendlyName: "editor",
        type: "service",
        permission: ["editAnyUserInfo"],
      });
      await client.conversations.v1.users.create({ identity: "jack", roleSid: editor.sid });
      await client.conversations.v1.users.create({ identity: "kim" });
      expect(await asUser("jack", "/v1/Users/kim", form({ FriendlyName: "Kim" }))).toMatchObject({ status: 200 });
      expect((await client.conversations.v1.users("kim").fetch()).friendlyName).toBe("Kim");
    });

    it("does not reach another service", async () => {
      const other = await client.conversations.v1.services.create({ friendlyName: "Closed" });
      await client.conversations.v1.services(other.sid).users.create({ identity: "lee" });
      expect((await asUser("lee", `/v1/Services/${other.sid}/Users/lee`)).status).toBe(404);
    });
  });
});
