/**
 * A Confab server in this process (loopback, in-memory store) and clients of it, for the
 * integration tests. Every server and client a test starts is closed by `stopAll()`.
 */
import { createRestClient } from "@confab/protocol/client";
import { mintAccessToken, type RunningServer, startServer } from "@confab/server";
import { Client, type ClientOptions, type Conversation } from "../../src/index.js";

const servers: RunningServer[] = [];
const clients: Client[] = [];

export async function startTestServer(options: Parameters<typeof startServer>[0] = {}): Promise<RunningServer> {
  const server = await startServer({ port: 0, host: "127.0.0.1", dataDir: ":memory:", dev: true, ...options });
  servers.push(server);
  return server;
}

/** A user token for the server's default service. */
export function tokenFor(server: RunningServer, identity: string, ttlSeconds?: number): string {
  const c = server.credentials;
  return mintAccessToken({
    accountSid: c.accountSid,
    apiKeySid: c.apiKeySid,
    apiKeySecret: c.apiKeySecret,
    identity,
    serviceSid: c.serviceSid,
    ...(ttlSeconds !== undefined ? { ttlSeconds } : {}),
  });
}

/** A client of the server, initialized; no cache unless the options give one. */
export async function connect(server: RunningServer, identity: string, options: ClientOptions = {}): Promise<Client> {
  const client = new Client(tokenFor(server, identity), { server: server.url, storage: null, ...options });
  clients.push(client);
  await new Promise<void>((resolve, reject) => {
    client.onceWithReplay("initialized", resolve);
    client.onceWithReplay("initFailed", ({ error }) => reject(new Error(error?.message)));
  });
  return client;
}

/** Tracks a client made by the test itself, so stopAll() shuts it down. */
export function track(client: Client): Client {
  clients.push(client);
  return client;
}

export async function stopAll(): Promise<void> {
  await Promise.allSettled(clients.splice(0).map((c) => c.shutdown()));
  await Promise.allSettled(servers.splice(0).map((s) => s.close()));
}

/** Resolves with the next emission of `event` (its first argument), or rejects after `ms`. */
export function next<T>(emitter: { once(event: string, listener: (value: T) => void): unknown }, event: string, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No ${event} within ${ms} ms`)), ms);
    emitter.once(event, (value: T) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

/** Waits until `check` holds (polling), or fails after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 5000, what = "condition"): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A REST client acting as the account (admin), for setting a test up. */
export function adminRest(server: RunningServer) {
  return createRestClient({
    baseUrl: server.url,
    auth: { username: server.credentials.accountSid, password: server.credentials.authToken },
  });
}

/** Alice and Bob in one conversation, each with their own Conversation object of it. */
export async function twoUsersInAConversation(server: RunningServer, options: ClientOptions = {}) {
  const alice = await connect(server, "alice", options);
  const bob = await connect(server, "bob", options);
  const conversation = await alice.createConversation({ friendlyName: "Pair" });
  const bobJoined = next<Conversation>(bob, "conversationJoined");
  await conversation.add("bob");
  const bobConversation = await bobJoined;
  return { alice, bob, conversation, bobConversation };
}
