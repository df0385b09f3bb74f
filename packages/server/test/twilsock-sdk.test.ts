/**
 * The unmodified official SDK (@twilio/conversations 3.0.1 from npm) against Confab's twilsock
 * gateway: the only change an app makes is the Twilsock URI.
 */
import { Client as TwilioClient, type Conversation, type Message } from "twilio-conversations-3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/index.js";
import { testServer } from "./support/server.js";
import { userToken } from "./support/user-token.js";

let server: RunningServer;
const clients: TwilioClient[] = [];

beforeEach(async () => {
  server = await testServer();
});
afterEach(async () => {
  for (const client of clients.splice(0)) await client.shutdown().catch(() => {});
  await server.close();
});

async function officialClient(identity: string, token = userToken(server, identity)): Promise<TwilioClient> {
  const client = new TwilioClient(token, { Twilsock: { uri: `${server.url.replace(/^http/, "ws")}/v3/wsconnect` } } as never);
  clients.push(client);
  await new Promise<void>((resolve, reject) => {
    client.once("initialized", () => resolve());
    client.once("initFailed", ({ error }) => reject(new Error(error?.message ?? "initFailed")));
  });
  return client;
}

function next<T>(emitter: { once(event: string, listener: (value: T) => void): unknown }, event: string, ms = 8000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No ${event} within ${ms} ms`)), ms);
    emitter.once(event, (value: T) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

describe("@twilio/conversations 3.0.1 through the twilsock gateway", () => {
  it("initializes, creates a conversation, adds a participant and exchanges messages", async () => {
    const alice = await officialClient("alice");
    expect(alice.connectionState).toBe("connected");
    expect(alice.user.identity).toBe("alice");
    const bob = await officialClient("bob");

    const conversation = await alice.createConversation({ friendlyName: "through twilsock", uniqueName: "gw-1" });
    expect(conversation.friendlyName).toBe("through twilsock");
    const bobJoined = next<Conversation>(bob, "conversationJoined");
    await conversation.add("bob");
    const bobConversation = await bobJoined;
    expect(bobConversation.sid).toBe(conversation.sid);

    const received = next<Message>(bobConversation, "messageAdded");
    const index = await conversation.sendMessage("hello from the official SDK", { foo: 1 });
    expect(index).toBe(0);
    const message = await received;
    expect(message).toMatchObject({ body: "hello from the official SDK", author: "alice", index: 0 });
    expect(message.attributes).toEqual({ foo: 1 });

    const reply = next<Message>(conversation, "messageAdded");
    await bobConversation.sendMessage("hi alice");
    expect((await reply).body).toBe("hi alice");

    const page = await conversation.getMessages();
    expect(page.items.map((m) => m.body)).toEqual(["hello from the official SDK", "hi alice"]);
    const participants = await conversation.getParticipants();
    expect(participants.map((p) => p.identity).sort()).toEqual(["alice", "bob"]);
    const subscribed = await bob.getSubscribedConversations();
    expect(subscribed.items.map((c) => c.sid)).toContain(conversation.sid);
  });
});
