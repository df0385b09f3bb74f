/**
 * One conversation, three kinds of client: Confab's own SDK on the native socket, Twilio's
 * official @twilio/conversations 3.0.1 through the twilsock gateway, and a twilio-chat 6 user who
 * sees the conversation as a channel. Each sees the others' messages.
 */
import { Client as TwilioClient } from "@twilio/conversations";
import { Client as ChatClient } from "twilio-chat";
import { afterEach, describe, expect, it } from "vitest";
import type { Message } from "../../src/index.js";
import { connect, next, startTestServer, stopAll, tokenFor, until } from "../support/server.js";

const official: { shutdown(): Promise<unknown> }[] = [];
afterEach(async () => {
  for (const client of official.splice(0)) await client.shutdown().catch(() => {});
  await stopAll();
});

describe("Confab SDK, official Conversations SDK and Chat SDK in one conversation", () => {
  it("each sees every message, whoever sent it", async () => {
    const server = await startTestServer();
    const twilsock = { Twilsock: { uri: `${server.url.replace(/^http/, "ws")}/v3/wsconnect` } };

    const carol = await connect(server, "carol");
    const conversation = await carol.createConversation({ friendlyName: "mixed" });
    await conversation.add("tina");
    await conversation.add("chad");

    const tina = new TwilioClient(tokenFor(server, "tina"), twilsock as never);
    official.push(tina);
    await next<void>(tina, "initialized");
    const chad = await ChatClient.create(tokenFor(server, "chad"), twilsock as never);
    official.push(chad);

    const tinaConversation = await tina.getConversationBySid(conversation.sid);
    const chadChannel = await chad.getChannelBySid(conversation.sid);
    await Promise.all([tinaConversation.getMessages(), chadChannel.getMessages()]);

    const seen: Record<string, string[]> = { carol: [], tina: [], chad: [] };
    conversation.on("messageAdded", (m: Message) => seen.carol?.push(`${m.author}:${m.body}`));
    tinaConversation.on("messageAdded", (m: { author: string | null; body: string | null }) => seen.tina?.push(`${m.author}:${m.body}`));
    chadChannel.on("messageAdded", (m: { author: string; body: string }) => seen.chad?.push(`${m.author}:${m.body}`));

    await conversation.sendMessage("hello from confab");
    await until(() => seen.tina?.length === 1 && seen.chad?.length === 1, 8000, "the first message everywhere");
    await tinaConversation.sendMessage("hello from twilio");
    await until(() => seen.carol?.length === 2 && seen.chad?.length === 2, 8000, "the second message everywhere");
    await chadChannel.sendMessage("hello from chat");
    await until(() => seen.carol?.length === 3 && seen.tina?.length === 3, 8000, "the third message everywhere");

    const expected = ["carol:hello from confab", "tina:hello from twilio", "chad:hello from chat"];
    expect(seen).toEqual({ carol: expected, tina: expected, chad: expected });
  }, 30_000);
});
