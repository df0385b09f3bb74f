import { describe, expect, it } from "vitest";
import { decodeForm, encodeForm } from "../src/rest/form.js";

describe("encodeForm", () => {
  it("keeps Twilio's flat dotted keys as they are", () => {
    expect(encodeForm({ "Timers.Inactive": "PT5M", FriendlyName: "Team" })).toBe("Timers.Inactive=PT5M&FriendlyName=Team");
  });

  it("flattens nested objects into dotted keys", () => {
    const body = encodeForm({ Timers: { Inactive: "PT5M", Closed: "P1D" }, Bindings: { Email: { Address: "a@b.c" } } });
    expect(body).toBe("Timers.Inactive=PT5M&Timers.Closed=P1D&Bindings.Email.Address=a%40b.c");
  });

  it("repeats the key for each item of a list", () => {
    expect(encodeForm({ Filters: ["onMessageAdded", "onConversationAdded"] })).toBe("Filters=onMessageAdded&Filters=onConversationAdded");
    expect(encodeForm({ "AutoCreation.WebhookFilters": ["a", "b"] })).toBe("AutoCreation.WebhookFilters=a&AutoCreation.WebhookFilters=b");
  });

  it("sends objects inside a list as JSON strings, as Twilio's helpers do", () => {
    expect(decodeForm(encodeForm({ Participant: [{ identity: "alice" }] }))).toEqual({ Participant: '{"identity":"alice"}' });
  });

  it("writes booleans, numbers and dates as text and leaves out null and undefined", () => {
    const body = encodeForm({ Enabled: true, Index: 0, Date: new Date("2020-01-02T03:04:05Z"), Gone: undefined, Nothing: null });
    expect(body).toBe("Enabled=true&Index=0&Date=2020-01-02T03%3A04%3A05.000Z");
  });

  it("escapes reserved characters", () => {
    expect(decodeForm(encodeForm({ Body: "a&b=c d+é" }))).toEqual({ Body: "a&b=c d+é" });
  });
});

describe("decodeForm", () => {
  it("turns a repeated key into a list, in order, and a single one into a string", () => {
    expect(decodeForm("Filters=b&Filters=a&Filters=c&Method=POST")).toEqual({ Filters: ["b", "a", "c"], Method: "POST" });
  });

  it("keeps dotted keys flat", () => {
    expect(decodeForm("Timers.Inactive=PT1M&Bindings.Email.Name=Ann")).toEqual({ "Timers.Inactive": "PT1M", "Bindings.Email.Name": "Ann" });
  });

  it("decodes + as a space and percent escapes", () => {
    expect(decodeForm("Body=hello+world%21")).toEqual({ Body: "hello world!" });
  });
});
