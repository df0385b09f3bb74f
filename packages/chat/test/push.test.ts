/** Push payloads parsed with Chat's type names and fields. */
import { describe, expect, it } from "vitest";
import { Client, PushNotification } from "../src/index.js";

describe("parsePushNotification", () => {
  it("reads a Chat service's FCM payload (channel_sid, message index)", () => {
    const push = Client.parsePushNotification({
      data: {
        twi_message_type: "twilio.channel.new_message",
        twi_body: "alice: hi",
        twi_sound: "ping",
        channel_sid: "CH00000000000000000000000000000001",
        message_sid: "IM00000000000000000000000000000001",
        message_index: "4",
      },
    });
    expect(push).toBeInstanceOf(PushNotification);
    expect(push).toMatchObject({ type: "twilio.channel.new_message", body: "alice: hi", sound: "ping", badge: null });
    expect(push.data).toEqual({
      conversationSid: "CH00000000000000000000000000000001",
      messageSid: "IM00000000000000000000000000000001",
      messageIndex: 4,
    });
  });

  it("names a Conversations service's push types as Chat does", () => {
    const push = Client.parsePushNotification({
      aps: { alert: { title: "t", body: "b" }, badge: 2 },
      twi_message_type: "twilio.conversations.added_to_conversation",
      conversation_sid: "CH00000000000000000000000000000002",
    });
    expect(push.type).toBe("twilio.channel.added_to_channel");
    expect(push.title).toBe("t");
    expect(push.badge).toBe(2);
    expect(push.data).toEqual({ conversationSid: "CH00000000000000000000000000000002" });
  });

  it("rejects a payload that is not a Chat push", () => {
    expect(() => Client.parsePushNotification({ data: { something: "else" } })).toThrow(/push notification type/);
    expect(() => Client.parsePushNotification("nope")).toThrow(TypeError);
  });
});
