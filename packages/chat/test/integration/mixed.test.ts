/**
 * A Chat user and a Conversations user in one conversation: the Chat user sees a channel with
 * members, the Conversations user a conversation with participants; each sees the other's
 * messages, typing and read (consumption) horizon.
 */
import type { Message as ConversationsMessage, Participant } from "@confab/conversations";
import { afterEach, describe, expect, it } from "vitest";
import type { Channel, Member, Message } from "../../src/index.js";
import { connect, connectConversations, next, startTestServer, stopAll, until } from "../support/server.js";

afterEach(stopAll);

describe("a Chat user and a Conversations user in one conversation", () => {
  it("see each other's messages, typing and horizon, each under its own SDK's names", async () => {
    const server = await startTestServer();
    const carol = await connectConversations(server, "carol");
    const chad = await connect(server, "chad");

    const conversation = await carol.createConversation({ friendlyName: "mixed" });
    const joined = next<Channel>(chad, "channelJoined");
    await conversation.add("chad");
    const channel = await joined;
    expect(channel.sid).toBe(conversation.sid);
    expect(channel.status).toBe("joined");
    expect(channel.friendlyName).toBe("mixed");
    expect((await channel.getMembers()).map((m) => m.identity).sort()).toEqual(["carol", "chad"]);

    const atChad = next<Message>(channel, "messageAdded");
    await conversation.sendMessage("from conversations");
    expect((await atChad).body).toBe("from conversations");

    const atCarol = next<ConversationsMessage>(conversation, "messageAdded");
    await channel.sendMessage("from chat");
    const received = await atCarol;
    expect(received.body).toBe("from chat");
    expect(received.author).toBe("chad");

    // Typing crosses both ways.
    await conversation.getParticipants();
    const carolSees = next<Participant>(conversation, "typingStarted");
    await channel.typing();
    expect((await carolSees).identity).toBe("chad");
    const chadSees = next<Member>(channel, "typingStarted");
    await conversation.typing();
    expect((await chadSees).identity).toBe("carol");

    // Chad's consumption horizon is Carol's view of his read horizon, and back.
    await channel.updateLastConsumedMessageIndex(1);
    await until(async () => (await conversation.getParticipantByIdentity("chad"))?.lastReadMessageIndex === 1, 5000, "chad's horizon");
    const carolMember = await channel.getMemberByIdentity("carol");
    await conversation.updateLastReadMessageIndex(0);
    await until(() => carolMember.lastConsumedMessageIndex === 0, 5000, "carol's horizon at chad");

    // Renaming the conversation is a channelUpdated with Chat's reason.
    const updated = next<{ channel: Channel; updateReasons: string[] }>(chad, "channelUpdated");
    await conversation.updateFriendlyName("renamed");
    expect((await updated).updateReasons).toContain("friendlyName");
    expect(channel.friendlyName).toBe("renamed");

    // Removing Chad from the conversation is a channelLeft on his side.
    const left = next<Channel>(chad, "channelLeft");
    await conversation.removeParticipant("chad");
    expect(await left).toBe(channel);
  }, 30_000);
});
