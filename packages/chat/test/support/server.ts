/**
 * A Confab server in this process (loopback, in-memory store) and Chat, IP Messaging and
 * Conversations clients of it, for the integration tests. `stopAll()` closes everything a test
 * started.
 */
import { Client as ConversationsClient } from "@confab/conversations";
import { createRestClient } from "@confab/protocol/client";
import { mintAccessToken, type RunningServer, startServer } from "@confab/server";
import { Client, type ClientOptions } from "../../src/index.js";
import { AccessManager, Client as IpmClient } from "../../src/ip-messaging/index.js";

const servers: RunningServer[] = [];
const clients: { shutdown(): Promise<unknown> }[] = [];

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

/** A Chat client of the server, initialized (`stateChanged("initialized")`). */
export async function connect(server: RunningServer, identity: string, options: ClientOptions = {}): Promise<Client> {
  const client = new Client(tokenFor(server, identity), { server: server.url, storage: null, ...options });
  clients.push(client);
  await new Promise<void>((resolve, reject) => {
    client.onceWithReplay("stateChanged", (state) => (state === "initialized" ? resolve() : reject(new Error("initialization failed"))));
  });
  return client;
}

/** A Conversations client of the same server, initialized. */
export async function connectConversations(server: RunningServer, identity: string): Promise<ConversationsClient> {
  const client = new ConversationsClient(tokenFor(server, identity), { server: server.url, storage: null });
  clients.push(client);
  await new Promise<void>((resolve, reject) => {
    client.onceWithReplay("initialized", resolve);
    client.onceWithReplay("initFailed", ({ error }) => reject(new Error(error?.message)));
  });
  return client;
}

/** An IP Messaging client of the server, initialized, and its AccessManager. */
export async function connectIpm(server: RunningServer, identity: string, ttlSeconds?: number) {
  const accessManager = new AccessManager(tokenFor(server, identity, ttlSeconds));
  const client = new IpmClient(accessManager, { server: server.url, storage: null });
  clients.push({
    shutdown: async () => {
      accessManager.shutdown();
      await client.shutdown();
    },
  });
  await client.initialize();
  return { client, accessManager };
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
