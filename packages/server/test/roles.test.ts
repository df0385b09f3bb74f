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

describe("Roles through the official twilio helper", () => {
  it("lists the four default roles of the default service on the global path", async () => {
    const roles = await client.conversations.v1.roles.list();
    expect(roles.map((r) => r.friendlyName).sort()).toEqual(["channel admin", "channel user", "service admin", "service user"]);
    const serviceUser = roles.find((r) => r.friendlyName === "service user");
    expect(serviceUser?.type).toBe("service");
    expect(serviceUser?.permissions).toEqual(["createConversation", "joinConversation", "editOwnUserInfo"]);
    expect(serviceUser?.chatServiceSid).toBe(server.credentials.serviceSid);
    expect(serviceUser?.url).toBe(`${server.url}/v1/Roles/${serviceUser?.sid}`);
  });

  it("creates, fetches, replaces permissions and deletes on the global path", async () => {
    const created = await client.conversations.v1.roles.create({
      friendlyName: "moderator",
      type: "conversation",
      permission: ["sendMessage", "deleteAnyMessage", "sendMessage"],
    });
    expect(created.sid).toMatch(/^RL[0-9a-f]{32}$/);
    expect(created.type).toBe("conversation");
    expect(created.permissions).toEqual(["sendMessage", "deleteAnyMessage"]);
    expect(created.url).toBe(`${server.url}/v1/Roles/${created.sid}`);

    const fetched = await client.conversations.v1.roles(created.sid).fetch();
    expect(fetched.friendlyName).toBe("moderator");

    const updated = await client.conversations.v1.roles(created.sid).update({ permission: ["editAnyMessage"] });
    expect(updated.permissions).toEqual(["editAnyMessage"]);
    expect((await client.conversations.v1.roles(created.sid).fetch()).permissions).toEqual(["editAnyMessage"]);

    expect(await client.conversations.v1.roles(created.sid).remove()).toBe(true);
    await expect(client.conversations.v1.roles(created.sid).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    await expect(client.conversations.v1.roles(created.sid).remove()).rejects.toMatchObject({ status: 404, code: 20404 });
    await expect(client.conversations.v1.roles(created.sid).update({ permission: ["sendMessage"] })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("works on the service-scoped twins, and keeps services apart", async () => {
    const service = client.conversations.v1.services(server.credentials.serviceSid);
    const created = await service.roles.create({ friendlyName: "directory", type: "service", permission: ["editAnyUserInfo"] });
    expect(created.url).toBe(`${server.url}/v1/Services/${server.credentials.serviceSid}/Roles/${created.sid}`);
    expect((await service.roles(created.sid).fetch()).permissions).toEqual(["editAnyUserInfo"]);
    const updated = await service.roles(created.sid).update({ permission: ["editAnyUserInfo", "editOwnUserInfo"] });
    expect(updated.permissions).toEqual(["editAnyUserInfo", "editOwnUserInfo"]);

    const other = await client.conversations.v1.services.create({ friendlyName: "Other" });
    await expect(client.conversations.v1.services(other.sid).roles(created.sid).fetch()).rejects.toMatchObject({ status: 404 });
    expect(await client.conversations.v1.services(other.sid).roles.list()).toHaveLength(4);

    expect(await service.roles(created.sid).remove()).toBe(true);
    await expect(service.roles(created.sid).fetch()).rejects.toMatchObject({ status: 404 });
  });

  it("pages through roles", async () => {
    const service = client.conversations.v1.services(server.credentials.serviceSid);
    const names = Array.from({ length: 5 }, (_, i) => `paged-role-${i}`);
    for (const name of names) await service.roles.create({ friendlyName: name, type: "conversation", permission: ["sendMessage"] });
    const all = await service.roles.list({ pageSize: 2 });
    expect(all.map((r) => r.friendlyName).filter((n) => n.startsWith("paged-role-"))).toEqual(names);
    const first = await service.roles.page({ pageSize: 2 });
    expect(first.instances).toHaveLength(2);
    const second = await first.nextPage();
    expect(second?.instances).toHaveLength(2);
    const back = await second?.previousPage();
    expect(back?.instances.map((r: { sid: string }) => r.sid)).toEqual(first.instances.map((r) => r.sid));
  });

  it("rejects unknown permissions, naming them, and writes nothing", async () => {
    const before = (await client.conversations.v1.roles.list()).length;
    const error = await client.conversations.v1.roles
      .create({ friendlyName: "bad", type: "service", permission: ["createConversation", "launchRockets"] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 20001 });
    expect((error as Error).message).toContain("launchRockets");
    // A conversation permission is not a service one.
    await expect(
      client.conversations.v1.roles.create({ friendlyName: "bad", type: "service", permission: ["deleteOwnMessage"] }),
    ).rejects.toMatchObject({ status: 400, code: 20001 });
    await expect(
      client.conversations.v1.roles.create({ friendlyName: "bad", type: "galaxy" as never, permission: ["sendMessage"] }),
    ).rejects.toMatchObject({ status: 400 });
    expect((await client.conversations.v1.roles.list()).length).toBe(before);

    const role = await client.conversations.v1.roles.create({ friendlyName: "keep", type: "conversation", permission: ["sendMessage"] });
    await expect(client.conversations.v1.roles(role.sid).update({ permission: ["createConversation"] })).rejects.toMatchObject({
      status: 400,
      code: 20001,
    });
    expect((await client.conversations.v1.roles(role.sid).fetch()).permissions).toEqual(["sendMessage"]);
  });

  it("refuses to delete a role in use (400, code 50300) and keeps it", async () => {
    const roles = await client.conversations.v1.roles.list();
    const defaultRole = roles.find((r) => r.friendlyName === "channel user");
    await expect(client.conversations.v1.roles(defaultRole?.sid as string).remove()).rejects.toMatchObject({ status: 400, code: 50300 });

    const userRole = await client.conversations.v1.roles.create({
      friendlyName: "vip",
      type: "service",
      permission: ["createConversation"],
    });
    const user = await client.conversations.v1.users.create({ identity: "vip-user", roleSid: userRole.sid });
    await expect(client.conversations.v1.roles(userRole.sid).remove()).rejects.toMatchObject({ status: 400, code: 50300 });
    await client.conversations.v1.users(user.sid).remove();
    expect(await client.conversations.v1.roles(userRole.sid).remove()).toBe(true);

    const partRole = await client.conversations.v1.roles.create({
      friendlyName: "guest",
      type: "conversation",
      permission: ["sendMessage"],
    });
    const conversation = await client.conversations.v1.conversations.create({ friendlyName: "role-use" });
    await seedParticipant(server, conversation.sid, { identity: "guest-1" }, { roleSid: partRole.sid });
    const error = await client.conversations.v1
      .roles(partRole.sid)
      .remove()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 50300 });
    expect((await client.conversations.v1.roles(partRole.sid).fetch()).sid).toBe(partRole.sid);
  });

  it("is for account credentials only", async () => {
    const roles = await client.conversations.v1.roles.list();
    const sid = roles[0]?.sid as string;
    expect((await asUser("someone", "/v1/Roles")).status).toBe(403);
    expect((await asUser("someone", `/v1/Roles/${sid}`)).status).toBe(403);
    const created = await asUser("someone", "/v1/Roles", {
      method: "POST",
      body: new URLSearchParams({ FriendlyName: "x", Type: "service", Permission: "createConversation" }),
    });
    expect(created).toMatchObject({ status: 403, body: { code: 20403 } });
    expect((await asUser("someone", `/v1/Roles/${sid}`, { method: "DELETE" })).status).toBe(403);
    expect((await client.conversations.v1.roles.list()).length).toBe(roles.length);
  });
});
