/**
 * Push notifications end to end: a message through the REST API reaches the other participant's
 * device bindings through the pluggable sender, in the payload the official SDK parses.
 */
import { Client } from "@twilio/conversations";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/index.js";
import type { PushSender } from "../src/push/index.js";
import type { BindingRecord } from "../src/store/index.js";
import { testServer } from "./support/server.js";
import { twilioClient } from "./support/twilio-client.js";

const sent: { binding: BindingRecord; payload: Record<string, unknown> }[] = [];
const sender: PushSender = {
  async send(binding, payload) {
    sent.push({ binding, payload });
  },
};

let server: RunningServer;
let client: ReturnType<typeof twilioClient>;
const stamp = "2024-01-01T00:00:00Z";

function binding(identity: string, type: BindingRecord["bindingType"], n: number): BindingRecord {
  return {
    sid: `BS${n.toString(16).padStart(32, "0")}`,
    accountSid: server.credentials.accountSid,
    serviceSid: server.credentials.serviceSid,
    credentialSid: `CR${"0".repeat(32)}`,
    endpoint: `endpoint-${identity}-${type}`,
    identity,
    bindingType: type,
    messageTypes: ["new_message", "added_to_conversation"],
    address: `device-${n}`,
    dateCreated: stamp,
    dateUpdated: stamp,
  };
}

beforeAll(async () => {
  server = await testServer({ push: { sender } });
  client = twilioClient(server.url, server.credentials.accountSid, server.credentials.authToken);
  await client.conversations.v1
    .services(server.credentials.serviceSid)
    .configuration.notifications()
    .update({
      "newMessage.enabled": true,
      "newMessage.sound": "ding",
      "addedToConversation.enabled": true,
    } as never);
  await server.core.store.transaction(async (tx) => {
    await tx.insert("binding", binding("bob", "fcm", 1));
    await tx.insert("binding", binding("bob", "apn", 2));
    await tx.insert("binding", binding("alice", "fcm", 3));
  });
});
afterAll(() => server.close());

const conv = (sid: string) => client.conversations.v1.conversations(sid);
const settle = () => server.pushIdle();

describe("push notifications", () => {
  it("notify the other participants of a new message on each of their bindings", async () => {
    const conversation = await client.conversations.v1.conversations.create({ friendlyName: "Team" });
    await conv(conversation.sid).participants.create({ identity: "alice" });
    await conv(conversation.sid).participants.create({ identity: "bob" });
    await settle();
    sent.length = 0;
    await conv(conversation.sid).messages.create({ author: "alice", body: "lunch?" });
    await settle();
    expect(sent.map((s) => `${s.binding.identity}/${s.binding.bindingType}`).sort()).toEqual(["bob/apn", "bob/fcm"]);
    for (const { payload } of sent) {
      const parsed = Client.parsePushNotification(payload);
      expect(parsed.type).toBe("twilio.conversations.new_message");
      expect(parsed.body).toBe("alice: lunch?");
      expect(parsed.sound).toBe("ding");
      expect(parsed.data).toMatchObject({ conversationSid: conversation.sid, conversationTitle: "Team", messageIndex: 0 });
    }
  });

  it("tell a participant it was added, and send nothing to muted participants", async () => {
    const conversation = await client.conversations.v1.conversations.create({ friendlyName: "Ops" });
    sent.length = 0;
    const bob = await conv(conversation.sid).participants.create({ identity: "bob" });
    await settle();
    expect(sent.map((s) => Client.parsePushNotification(s.payload).type)).toEqual([
      "twilio.conversations.added_to_conversation",
      "twilio.conversations.added_to_conversation",
    ]);
    const users = await client.conversations.v1.users("bob").fetch();
    await client.conversations.v1.users(users.sid).userConversations(conversation.sid).update({ notificationLevel: "muted" });
    await conv(conversation.sid).participants.create({ identity: "alice" });
    await settle();
    sent.length = 0;
    await conv(conversation.sid).messages.create({ author: "alice", body: "shh" });
    await settle();
    expect(sent).toEqual([]);
    expect(bob.identity).toBe("bob");
  });
});
