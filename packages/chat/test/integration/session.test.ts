/** The Chat client's life: tokens (with the seconds left), renewal, a refused token, reachability names. */
import { afterEach, describe, expect, it } from "vitest";
import { Client, type User } from "../../src/index.js";
import { adminRest, connect, next, startTestServer, stopAll, tokenFor, until } from "../support/server.js";

afterEach(stopAll);

const clients: Client[] = [];
afterEach(async () => {
  await Promise.allSettled(clients.splice(0).map((c) => c.shutdown()));
});

describe("tokens", () => {
  it("warns before expiry with the seconds left, says when it expired, and carries on after updateToken", async () => {
    const server = await startTestServer();
    const client = new Client(tokenFor(server, "alice", 3), { server: server.url, storage: null });
    clients.push(client);
    const aboutToExpire = next<number>(client, "tokenAboutToExpire", 5000);
    await next<string>(client, "stateChanged");
    const ttl = await aboutToExpire;
    expect(ttl).toBeGreaterThanOrEqual(0);
    expect(ttl).toBeLessThanOrEqual(3);
    await next<void>(client, "tokenExpired", 6000);
    const renewed = tokenFor(server, "alice", 600);
    expect(await client.updateToken(renewed)).toBe(client);
    expect(client.token).toBe(renewed);
    await until(() => client.connectionState === "connected", 10_000, "reconnect with the new token");
    const channel = await client.createChannel({ friendlyName: "after renewal" });
    expect(channel.friendlyName).toBe("after renewal");
  }, 20_000);

  it("reports stateChanged('failed') for a refused token, and create() rejects", async () => {
    const server = await startTestServer();
    const client = new Client("not.a.token", { server: server.url, storage: null });
    clients.push(client);
    const errors: { terminal: boolean }[] = [];
    client.on("connectionError", (e) => errors.push(e));
    expect(await next<string>(client, "stateChanged")).toBe("failed");
    expect(errors.some((e) => e.terminal)).toBe(true);
    await expect(Client.create("not.a.token", { server: server.url, storage: null })).rejects.toThrow();
    expect(() => new Client("")).toThrow(/token/);
  });
});

describe("reachability", () => {
  it("shows online/notifiable under Chat's names and reasons", async () => {
    const server = await startTestServer();
    await adminRest(server).request("UpdateServiceConfiguration", {
      params: { ChatServiceSid: server.credentials.serviceSid },
      body: { ReachabilityEnabled: true },
    });
    const alice = await connect(server, "alice");
    const bob = await connect(server, "bob");
    const channel = await alice.createChannel({ uniqueName: "pair" });
    await channel.add("bob");
    expect(bob.reachabilityEnabled).toBe(true);
    const aliceSeenByBob = await bob.getUser("alice");
    expect(aliceSeenByBob.online).toBe(true);
    expect(aliceSeenByBob.notifiable).toBe(false);
    const offline = next<{ user: User; updateReasons: string[] }>(aliceSeenByBob, "updated");
    await alice.shutdown();
    expect((await offline).updateReasons).toContain("online");
    expect(aliceSeenByBob.online).toBe(false);
  });
});
