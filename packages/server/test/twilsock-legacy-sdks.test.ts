/**
 * The older official SDKs, unmodified from npm, through the same gateway: @twilio/conversations
 * 2.7.0 (the same API as 3.x on twilsock 0.14) and twilio-chat 6.0.0 (Chat's client API, v1).
 */
import { Client as Conversations27 } from "@twilio/conversations";
import { Client as ChatClient } from "twilio-chat";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/index.js";
import { testServer } from "./support/server.js";
import { userToken } from "./support/user-token.js";

let server: RunningServer;
const shutdowns: (() => Promise<unknown>)[] = [];

beforeEach(async () => {
  server = await testServer();
});
afterEach(async () => {
  for (const stop of shutdowns.splice(0)) await stop().catch(() => {});
  await server.close();
});

const twilsock = () => ({ Twilsock: { uri: `${server.url.replace(/^http/, "ws")}/v3/wsconnect` } });

function next<T>(emitter: { once: (...args: any[]) => unknown }, event: string, ms = 8000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No ${event} within ${ms} ms`)), ms);
    emitter.once(event, (value: T) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

describe("@twilio/conversations 2.7.0 through the twilsock gateway", () => {
  it("initializes and exchanges messages", async () => {
    const start = async (identity: string) => {
      const client = new Conversations27(userToken(server, identity), twilsock() as never);
      shutdowns.push(() => client.shutdown());
      await next<void>(client, "initialized");
      return client;
    };
    const alice = await start("alice");
    const bob = await start("bob");
    const conversation = await alice.createConversation({ friendlyName: "2.7" });
    const joined = next<any>(bob, "conversationJoined");
    await conversation.add("bob");
    const bobConversation = await joined;
    const received = next<any>(bobConversation, "messageAdded");
    await conversation.sendMessage("from 2.7.0");
    expect((await received).body).toBe("from 2.7.0");
  });
});

describe("twilio-chat 6.0.0 through the twilsock gateway", () => {
  it("initializes, creates a channel, adds a member and exchanges messages", async () => {
    const start = async (identity: string) => {
      const client = await ChatClient.create(userToken(server, identity), twilsock() as never);
      shutdowns.push(() => client.shutdown());
      return client;
    };
    const alice = await start("alice");
    const bob = await start("bob");
    const channel = await alice.createChannel({ friendlyName: "chat room", uniqueName: "chat-1" });
    expect(channel.friendlyName).toBe("chat room");
    const bobJoined = next<any>(bob, "channelJoined");
    await channel.add("bob");
    const bobChannel = await bobJoined;
    expect(bobChannel.sid).toBe(channel.sid);
    // Chat opens a channel's messages lazily: a message sent before then is history, not an event.
    await bobChannel.getMessages();
    const received = next<any>(bobChannel, "messageAdded");
    await channel.sendMessage("from twilio-chat");
    const message = await received;
    expect(message.body).toBe("from twilio-chat");
    expect(message.author).toBe("alice");
    const members = await channel.getMembers();
    expect(members.map((m: any) => m.identity).sort()).toEqual(["alice", "bob"]);
  });
});
