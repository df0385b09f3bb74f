/** The legacy IP Messaging client against a real server: initialize, channels map, userInfo, members map, messages, tokens. */
import { afterEach, describe, expect, it } from "vitest";
import { AccessManager } from "../../src/ip-messaging/index.js";
import type { Channel, Member, Message, UserInfo } from "../../src/ip-messaging/index.js";
import { connectConversations, connectIpm, next, startTestServer, stopAll, tokenFor, until } from "../support/server.js";

afterEach(stopAll);

describe("the IP Messaging client", () => {
  it("initializes from an AccessManager and keeps channels, members and messages locally", async () => {
    const server = await startTestServer();
    const setup = await connectConversations(server, "alice");
    const conversation = await setup.createConversation({ friendlyName: "legacy", uniqueName: "legacy" });
    await conversation.add("bob");

    const { client: alice } = await connectIpm(server, "alice");
    const { client: bob } = await connectIpm(server, "bob");
    expect(alice.userInfo.identity).toBe("alice");
    expect(alice.identity).toBe("alice");
    expect(alice.connectionState).toBe("connected");
    expect([...alice.channels.keys()]).toEqual([conversation.sid]);

    const channel = alice.channels.get(conversation.sid)!;
    expect(channel.status).toBe("joined");
    expect(channel.friendlyName).toBe("legacy");
    // Members of joined channels are known from the start, each with its userInfo.
    expect([...channel.members.values()].map((m) => m.userInfo.identity).sort()).toEqual(["alice", "bob"]);
    expect(await alice.getChannelByUniqueName("legacy")).toBe(channel);
    expect(await alice.getChannelBySid("CH00000000000000000000000000000000")).toBe(null);

    const bobChannel = (await bob.getChannelBySid(conversation.sid))!;
    const added = next<Message>(bobChannel, "messageAdded");
    await channel.sendMessage("old school", { v: 1 });
    const message = await added;
    expect(message.body).toBe("old school");
    expect(message.timestamp).toBeInstanceOf(Date);
    expect(bobChannel.messages).toContain(message);
    const updated = next<Message>(bob, "messageUpdated");
    const [own] = await channel.getMessages();
    await own!.updateBody("edited");
    expect(await updated).toBe(message);
    expect(message.body).toBe("edited");

    const joined = next<Member>(bobChannel, "memberJoined");
    await channel.add("carol");
    const carol = await joined;
    expect(carol.userInfo.identity).toBe("carol");
    expect(bobChannel.members.get(carol.sid)).toBe(carol);
    const left = next<Member>(bobChannel, "memberLeft");
    await channel.removeMember("carol");
    await left;
    expect(bobChannel.members.has(carol.sid)).toBe(false);

    const channelUpdated = next<Channel>(bob, "channelUpdated");
    await channel.updateFriendlyName("renamed");
    expect(await channelUpdated).toBe(bobChannel);

    const infoUpdated = next<UserInfo>(alice, "userInfoUpdated");
    await alice.userInfo.updateFriendlyName("Alice A.");
    expect((await infoUpdated).friendlyName).toBe("Alice A.");

    await channel.updateLastConsumedMessageIndex(0);
    expect(channel.lastConsumedMessageIndex).toBe(0);
    expect((await alice.getChannels()).map((c) => c.sid)).toContain(conversation.sid);
  }, 30_000);

  it("follows the AccessManager's new token, and passes it on tokenExpired", async () => {
    const server = await startTestServer();
    const { client, accessManager } = await connectIpm(server, "dora", 2);
    expect(accessManager.identity).toBe("dora");
    const expired = next<AccessManager>(client, "tokenExpired", 8000);
    expect(await expired).toBe(accessManager);
    const updated = next<AccessManager>(accessManager, "tokenUpdated");
    await accessManager.updateToken(tokenFor(server, "dora", 600));
    await updated;
    await until(() => client.connectionState === "connected", 8000, "the reconnect with the new token");
    // A write after the renewal goes through with the new token.
    await client.userInfo.updateFriendlyName("Dora");
    expect(client.userInfo.friendlyName).toBe("Dora");
  }, 20_000);

  it("creates private channels, invites (channelInvited, status 'invited') and joins", async () => {
    const server = await startTestServer();
    const { client: alice } = await connectIpm(server, "alice");
    const { client: bob } = await connectIpm(server, "bob");
    const secret = await alice.createChannel({ uniqueName: "back-room", isPrivate: true });
    expect(secret.type).toBe("private");
    expect(secret.isPrivate).toBe(true);
    expect(secret.status).toBe("joined");
    const lobby = await alice.createChannel({ uniqueName: "lobby" });
    expect(lobby.type).toBe("public");

    const invited = next<Channel>(bob, "channelInvited");
    await secret.invite("bob");
    const channel = await invited;
    expect(channel.status).toBe("invited");
    expect(bob.channels.get(secret.sid)).toBe(channel);
    // Bob sees the public lobby and the channel he is invited to, not other private ones.
    expect((await bob.getChannels()).map((c) => c.uniqueName).sort()).toEqual(["back-room", "lobby"]);

    const joined = next<Channel>(bob, "channelJoined");
    await channel.join();
    expect(await joined).toBe(channel);
    expect(channel.status).toBe("joined");
    expect([...channel.members.values()].map((m) => m.userInfo.identity).sort()).toEqual(["alice", "bob"]);

    const declined = await alice.createChannel({ uniqueName: "no-thanks", isPrivate: true });
    const second = next<Channel>(bob, "channelInvited");
    await declined.invite("bob");
    const removed = next<Channel>(bob, "channelRemoved");
    await (await second).decline();
    expect((await removed).sid).toBe(declined.sid);
    expect(bob.channels.has(declined.sid)).toBe(false);
  }, 20_000);

  it("refuses a token that is not a JWT", () => {
    expect(() => new AccessManager("nope")).toThrow();
  });
});
