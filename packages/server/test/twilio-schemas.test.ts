import { describe, expect, it } from "vitest";
import { checkAgainstTwilio } from "./support/twilio-schemas.js";

describe("the Twilio schema oracle used by the conformance tests", () => {
  it("finds the operation by method and path and rejects a body that breaks Twilio's schema", () => {
    const url = `http://127.0.0.1/v1/Conversations/CH${"0".repeat(32)}`;
    expect(checkAgainstTwilio("GET", url, { sid: `CH${"0".repeat(32)}`, state: "active" })).toEqual([]);
    expect(checkAgainstTwilio("GET", url, { sid: 42 })).not.toEqual([]);
    expect(checkAgainstTwilio("GET", url, { state: "sleeping" })).not.toEqual([]);
  });

  it("checks Chat v2 (and IP Messaging v2) answers against Twilio's Chat v2 schema", () => {
    const url = `http://127.0.0.1/v2/Services/IS${"0".repeat(32)}/Channels/CH${"0".repeat(32)}`;
    expect(checkAgainstTwilio("GET", url, { sid: `CH${"0".repeat(32)}`, type: "public", members_count: 2 })).toEqual([]);
    expect(checkAgainstTwilio("GET", url, { type: "secret" })).not.toEqual([]);
    expect(checkAgainstTwilio("GET", url, { members_count: "two" })).not.toEqual([]);
  });
});
