/**
 * The legacy official Chat SDK, twilio-chat 6.0.0 unmodified from npm, through the same gateway
 * (Chat's client API is `Client/v1`). @twilio/conversations 2.7.0 runs every scenario of
 * twilsock-sdk.test.ts.
 */
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

  it("edits and removes messages, shows typing, keeps the consumption horizon and updates users", async () => {
    const start = async (identity: string) => {
      const client = await ChatClient.create(userToken(server, identity), twilsock() as never);
      shutdowns.push(() => client.shutdown());
      return client;
    };
    const alice = await start("alice");
    const bob = await start("bob");
    const channel = await alice.createChannel({ friendlyName: "chat edits" });
    const bobJoined = next<any>(bob, "channelJoined");
    await channel.add("bob");
    const bobChannel = await bobJoined;
    await bobChannel.getMessages();

    const added = next<any>(bobChannel, "messageAdded");
    await channel.sendMessage("draft");
    const message = await added;
    const updated = next<any>(bobChannel, "messageUpdated");
    const own = (await channel.getMessages()).items[0] as any;
    await own.updateBody("final");
    expect((await updated).message.body).toBe("final");
    const removed = next<any>(bobChannel, "messageRemoved");
    await own.remove();
    expect((await removed).sid).toBe(message.sid);

    const typing = next<any>(bobChannel, "typingStarted");
    await channel.typing();
    expect((await typing).identity).toBe("alice");

    for (const body of ["a", "b", "c"]) await channel.sendMessage(body);
    await bobChannel.updateLastConsumedMessageIndex(1);
    const deadline = Date.now() + 5000;
    let unconsumed = await bobChannel.getUnconsumedMessagesCount();
    while (unconsumed !== 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      unconsumed = await bobChannel.getUnconsumedMessagesCount();
    }
    expect(unconsumed).toBe(2);

    const aliceSeenByBob = await bob.getUser("alice");
    const renamed = next<any>(aliceSeenByBob, "updated");
    await alice.user.updateFriendlyName("Alice from Chat");
    expect((await renamed).user.friendlyName).toBe("Alice from Chat");

    const left = next<any>(bob, "channelLeft");
    await bobChannel.leave();
    expect((await left).sid).toBe(channel.sid);
  });
});
