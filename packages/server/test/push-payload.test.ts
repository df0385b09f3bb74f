/** Push payloads as the official SDK reads them: built here, parsed by @twilio/conversations. */
import { Client } from "@twilio/conversations";
import { describe, expect, it } from "vitest";
import { pushPayload } from "../src/push/index.js";
import type { ConversationRecord, MessageRecord } from "../src/store/index.js";
import { conversationRecord, messageRecord } from "./store-contract.js";

const conversation: ConversationRecord = conversationRecord("IS0", { friendlyName: "Support" });
const message: MessageRecord = { ...messageRecord(conversation.sid, { body: "hello there", author: "alice" }), index: 4 };
const settings = { enabled: true, template: null, sound: "ping.wav" };

describe("push payloads", () => {
  it("are parsed by the official SDK from FCM data", () => {
    const payload = pushPayload("fcm", { type: "twilio.conversations.new_message", conversation, message, actor: "alice", settings });
    const parsed = Client.parsePushNotification(payload);
    expect(parsed.type).toBe("twilio.conversations.new_message");
    expect(parsed.body).toBe("alice: hello there");
    expect(parsed.title).toBe("Support");
    expect(parsed.sound).toBe("ping.wav");
    expect(parsed.data).toEqual({
      conversationSid: conversation.sid,
      conversationTitle: "Support",
      messageSid: message.sid,
      messageIndex: 4,
    });
  });

  it("are parsed by the official SDK from an APNs dictionary, with a badge", () => {
    const payload = pushPayload("apn", {
      type: "twilio.conversations.new_message",
      conversation,
      message,
      actor: "alice",
      settings,
      badge: 3,
    });
    const parsed = Client.parsePushNotification(payload);
    expect(parsed.body).toBe("alice: hello there");
    expect(parsed.badge).toBe(3);
    expect(parsed.data.messageIndex).toBe(4);
  });

  it("use the service's template when it has one", () => {
    const payload = pushPayload("fcm", {
      type: "twilio.conversations.added_to_conversation",
      conversation,
      actor: "bob",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Twilio's template syntax.
      settings: { enabled: true, template: "${PARTICIPANT} added you to ${CONVERSATION}", sound: null },
    });
    const parsed = Client.parsePushNotification(payload);
    expect(parsed.type).toBe("twilio.conversations.added_to_conversation");
    expect(parsed.body).toBe("bob added you to Support");
  });
});
