/** Public and private channels, invites and declines, descriptors, joining and leaving. */
import { afterEach, describe, expect, it } from "vitest";
import type { Channel, Member } from "../../src/index.js";
import { connect, next, startTestServer, stopAll } from "../support/server.js";

afterEach(stopAll);

describe("public and private channels", () => {
  it("creates both types; the public one is listed and joinable by anyone, the private one is hidden", async () => {
    const server = await startTestServer();
    const alice = await connect(server, "alice");
    const bob = await connect(server, "bob");

    const lobby = await alice.createChannel({ uniqueName: "lobby", friendlyName: "Lobby", attributes: { topic: "all" } });
    expect(lobby.type).toBe("public");
    expect(lobby.isPrivate).toBe(false);
    expect(lobby.status).toBe("joined");
    expect(lobby.createdBy).toBe("alice");
    expect(lobby.attributes).toEqual({ topic: "all" });
    const secret = await alice.createChannel({ uniqueName: "secret", friendlyName: "Secret", isPrivate: true });
    expect(secret.type).toBe("private");
    expect(secret.isPrivate).toBe(true);
    expect((await alice.getSubscribedChannels()).items.map((c) => c.uniqueName).sort()).toEqual(["lobby", "secret"]);

    // Bob sees the public directory, not the private channel.
    const directory = await bob.getPublicChannelDescriptors();
    expect(directory.items.map((d) => d.uniqueName)).toEqual(["lobby"]);
    const descriptor = directory.items[0]!;
    expect(descriptor).toMatchObject({ sid: lobby.sid, channel: lobby.sid, friendlyName: "Lobby", type: "public", isPrivate: false });
    expect(descriptor.status).toBe("notParticipating");
    expect(descriptor.membersCount).toBe(1);
    expect(descriptor.messagesCount).toBe(0);
    expect(descriptor.attributes).toEqual({ topic: "all" });
    expect(descriptor.createdBy).toBe("alice");
    expect(descriptor.dateCreated).toBeInstanceOf(Date);
    await expect(bob.getChannelBySid(secret.sid)).rejects.toThrow(/not found/);
    await expect(bob.getChannelByUniqueName("secret")).rejects.toThrow(/not found/);

    // Bob joins the public channel from its descriptor.
    const channel = await descriptor.getChannel();
    expect(channel.status).toBe("notParticipating");
    expect(channel.type).toBe("public");
    const aliceSeesJoin = next<Member>(lobby, "memberJoined");
    const joined = next<Channel>(bob, "channelJoined");
    await channel.join();
    expect(await joined).toBe(channel);
    expect(channel.status).toBe("joined");
    expect((await aliceSeesJoin).identity).toBe("bob");
    const descriptors = await bob.getUserChannelDescriptors();
    expect(descriptors.items.map((d) => [d.uniqueName, d.status, d.membersCount])).toEqual([["lobby", "joined", 2]]);

    // Bob cannot join the private channel without an invite.
    const peeked = await bob.getChannelByUniqueName("lobby");
    expect(peeked).toBe(channel);
    const bobLeft = next<Member>(lobby, "memberLeft");
    const left = next<Channel>(bob, "channelLeft");
    await channel.leave();
    expect(await left).toBe(channel);
    expect((await bobLeft).identity).toBe("bob");
    expect(channel.status).toBe("notParticipating");
  }, 20_000);
});

describe("invites", () => {
  it("an invited user sees the private channel (channelAdded, channelInvited) and joins it", async () => {
    const server = await startTestServer();
    const alice = await connect(server, "alice");
    const bob = await connect(server, "bob");
    const secret = await alice.createChannel({ uniqueName: "secret", isPrivate: true });

    const added = next<Channel>(bob, "channelAdded");
    const invited = next<Channel>(bob, "channelInvited");
    await secret.invite("bob");
    const channel = await invited;
    expect(await added).toBe(channel);
    expect(channel.sid).toBe(secret.sid);
    expect(channel.status).toBe("invited");
    expect(channel.type).toBe("private");
    expect(channel.createdBy).toBe("alice");
    expect((await bob.getSubscribedChannels()).items).toContain(channel);
    expect(await bob.getChannelBySid(secret.sid)).toBe(channel);
    const [descriptor] = (await bob.getUserChannelDescriptors()).items;
    expect(descriptor).toMatchObject({ sid: secret.sid, status: "invited", isPrivate: true, membersCount: 1 });

    const joined = next<Channel>(bob, "channelJoined");
    const aliceSees = next<Member>(secret, "memberJoined");
    let addedAgain = 0;
    bob.on("channelAdded", () => addedAgain++);
    await channel.join();
    expect(await joined).toBe(channel);
    // The channel was announced when the invite came; joining does not announce it again.
    expect(addedAgain).toBe(0);
    expect(channel.status).toBe("joined");
    expect((await aliceSees).identity).toBe("bob");
    await channel.sendMessage("thanks for the invite");
    expect((await secret.getMessages()).items.map((m) => m.body)).toEqual(["thanks for the invite"]);
  }, 20_000);

  it("a declined invite removes the channel; the invitee cannot read it", async () => {
    const server = await startTestServer();
    const alice = await connect(server, "alice");
    const bob = await connect(server, "bob");
    const secret = await alice.createChannel({ uniqueName: "secret", isPrivate: true });
    const invited = next<Channel>(bob, "channelInvited");
    await secret.invite("bob");
    const channel = await invited;

    const updated = next<{ channel: Channel; updateReasons: string[] }>(bob, "channelUpdated");
    const removed = next<Channel>(bob, "channelRemoved");
    await channel.decline();
    expect(await removed).toBe(channel);
    expect((await updated).updateReasons).toEqual(["status"]);
    expect(channel.status).toBe("notParticipating");
    expect((await bob.getSubscribedChannels()).items).toEqual([]);
    await expect(bob.getChannelBySid(secret.sid)).rejects.toThrow(/not found/);
    // Declined, the invite is gone: joining now is refused.
    await expect(channel.join()).rejects.toThrow();
    await expect(channel.decline()).rejects.toThrow();
  }, 20_000);

  it("invites made while the invitee is offline (to private and public channels) are there at its next start", async () => {
    const server = await startTestServer();
    const alice = await connect(server, "alice");
    const secret = await alice.createChannel({ uniqueName: "later", isPrivate: true });
    const lobby = await alice.createChannel({ uniqueName: "lobby" });
    await secret.invite("carol");
    await lobby.invite("carol");
    const carol = await connect(server, "carol");
    const channels = (await carol.getSubscribedChannels()).items;
    expect(channels.map((c) => [c.uniqueName, c.status, c.type]).sort()).toEqual([
      ["later", "invited", "private"],
      ["lobby", "invited", "public"],
    ]);
    expect(await carol.getLocalChannels()).toEqual(channels);
  }, 20_000);

  it("a user without the permission cannot invite, and nothing changes", async () => {
    const server = await startTestServer();
    const alice = await connect(server, "alice");
    const bob = await connect(server, "bob");
    const lobby = await alice.createChannel({ uniqueName: "lobby" });
    const channel = await bob.getChannelBySid(lobby.sid);
    await channel.join();
    await expect(channel.invite("mallory")).rejects.toThrow();
    await expect(lobby.invite("")).rejects.toThrow(TypeError);
    const mallory = await connect(server, "mallory");
    expect((await mallory.getSubscribedChannels()).items).toEqual([]);
  }, 20_000);
});
