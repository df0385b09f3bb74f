/** Value classes and helpers that need no server: paginators, push parsing, cancellation, validation. */
import { describe, expect, it } from "vitest";
import { CancellablePromise, Client, ContentTemplateVariable, NotificationTypes, RestPaginator, User } from "../src/index.js";
import { parseAttributes } from "../src/util/json.js";

describe("RestPaginator", () => {
  it("follows its neighbours and rejects past the ends", async () => {
    const second = new RestPaginator([3, 4], null, null);
    const first = new RestPaginator([1, 2], async () => second, null);
    expect(first.hasNextPage).toBe(true);
    expect(first.hasPrevPage).toBe(false);
    expect((await first.nextPage()).items).toEqual([3, 4]);
    await expect(first.prevPage()).rejects.toThrow("No previous page");
  });
});

describe("push notifications", () => {
  it("parses an FCM payload as Twilio's SDK does", () => {
    const push = Client.parsePushNotification({
      data: { twi_message_type: "twilio.conversations.new_message", twi_body: "hi", conversation_sid: "CH1", message_index: "5" },
    });
    expect(push).toMatchObject({ type: "twilio.conversations.new_message", body: "hi", title: null, badge: null });
    expect(push.data).toEqual({ conversationSid: "CH1", messageIndex: 5 });
  });

  it("parses an APNs payload", () => {
    const push = Client.parsePushNotification({
      aps: { alert: { title: "T", body: "B" }, badge: 2, sound: "default" },
      twi_message_type: "twilio.conversations.added_to_conversation",
    });
    expect(push).toMatchObject({ title: "T", body: "B", badge: 2, sound: "default", type: NotificationTypes.ADDED_TO_CONVERSATION });
  });

  it("rejects what is not a Conversations payload", () => {
    expect(() => Client.parsePushNotification({ data: {} })).toThrow("does not contain Programmable Chat push notification type");
    expect(() => Client.parsePushNotification({})).toThrow("is not Programmable Chat notification");
    expect(() => Client.parsePushNotification("x" as never)).toThrow(TypeError);
  });
});

describe("CancellablePromise", () => {
  it("runs the cancellation handler and rejects", async () => {
    let cancelled = false;
    const promise = new CancellablePromise<number>((_resolve, _reject, onCancel) => onCancel(() => (cancelled = true)));
    promise.cancel();
    await expect(promise).rejects.toThrow("Promise cancelled");
    expect(cancelled).toBe(true);
  });
});

describe("small things", () => {
  it("parses attributes, turning malformed JSON into {}", () => {
    expect(parseAttributes('{"a":1}', "x")).toEqual({ a: 1 });
    expect(parseAttributes("{nope", "x")).toEqual({});
    expect(parseAttributes(null, "x")).toEqual({});
  });

  it("copies a template variable with a new value", () => {
    const variable = new ContentTemplateVariable("name", "default");
    expect(variable.copyWithValue("Ann")).toEqual(new ContentTemplateVariable("name", "Ann"));
  });

  it("rejects a client without a token, and needs a server", () => {
    expect(() => new Client("")).toThrow("A valid Twilio token should be provided");
    expect(() => new Client("a.b.c", {})).toThrow("No Confab server given");
  });

  it("declares User's event names on instances, the other classes' on the class", () => {
    expect("updated" in User).toBe(false);
    expect(Client.messageAdded).toBe("messageAdded");
    expect(Client.version).toBe("3.0.1");
  });
});
