import { describe, expect, it } from "vitest";
import {
  badgeText,
  connectionText,
  identityError,
  orderByLastMessage,
  previewText,
  readBy,
  renewDelayMs,
  tokenExpiry,
  typingText,
  unreadCount,
} from "../src/lib/logic.js";

const at = (iso: string) => new Date(iso);
const conv = (sid: string, created: string, last?: string, name: string | null = sid) => ({
  sid,
  friendlyName: name,
  dateCreated: at(created),
  lastMessage: last ? { index: 0, dateCreated: at(last) } : undefined,
  lastReadMessageIndex: null,
});

describe("orderByLastMessage", () => {
  it("puts the newest last message first, a conversation without messages by its creation", () => {
    const list = [
      conv("CH1", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"),
      conv("CH2", "2026-01-03T00:00:00Z"),
      conv("CH3", "2026-01-01T00:00:00Z", "2026-01-04T00:00:00Z"),
    ];
    expect(orderByLastMessage(list).map((c) => c.sid)).toEqual(["CH3", "CH2", "CH1"]);
    expect(list.map((c) => c.sid)).toEqual(["CH1", "CH2", "CH3"]); // not in place
  });

  it("breaks ties by name, then SID, and copes with missing dates", () => {
    const list = [
      conv("CH9", "2026-01-01T00:00:00Z", undefined, "b"),
      conv("CH8", "2026-01-01T00:00:00Z", undefined, "a"),
      conv("CH7", "2026-01-01T00:00:00Z", undefined, "a"),
      { sid: "CH0", friendlyName: null, dateCreated: null, lastReadMessageIndex: null },
    ];
    expect(orderByLastMessage(list).map((c) => c.sid)).toEqual(["CH7", "CH8", "CH9", "CH0"]);
  });
});

describe("unreadCount", () => {
  it("counts messages after the read horizon", () => {
    expect(unreadCount({ lastMessage: { index: 9 }, lastReadMessageIndex: 4 })).toBe(5);
    expect(unreadCount({ lastMessage: { index: 9 }, lastReadMessageIndex: 9 })).toBe(0);
  });
  it("counts every message without a horizon, none without messages, never below zero", () => {
    expect(unreadCount({ lastMessage: { index: 2 }, lastReadMessageIndex: null })).toBe(3);
    expect(unreadCount({ lastMessage: undefined, lastReadMessageIndex: null })).toBe(0);
    expect(unreadCount({ lastMessage: {}, lastReadMessageIndex: 3 })).toBe(0);
    expect(unreadCount({ lastMessage: { index: 1 }, lastReadMessageIndex: 5 })).toBe(0);
  });
  it("caps the badge", () => {
    expect(badgeText(5)).toBe("5");
    expect(badgeText(100)).toBe("99+");
  });
});

describe("readBy", () => {
  it("lists the others whose horizon reached the message, sorted", () => {
    const participants = [
      { identity: "carol", lastReadMessageIndex: 3 },
      { identity: "alice", lastReadMessageIndex: 7 },
      { identity: "bob", lastReadMessageIndex: 2 },
      { identity: null, lastReadMessageIndex: 9 },
      { identity: "dave", lastReadMessageIndex: null },
    ];
    expect(readBy(participants, 3, "alice")).toEqual(["carol"]);
    expect(readBy(participants, 2, "dave")).toEqual(["alice", "bob", "carol"]);
  });
});

describe("text helpers", () => {
  it("says who is typing", () => {
    expect(typingText([])).toBe("");
    expect(typingText(["bob"])).toBe("bob is typing…");
    expect(typingText(["bob", "carol"])).toBe("bob and carol are typing…");
    expect(typingText(["a", "b", "c"])).toBe("3 people are typing…");
  });
  it("previews a message on one line", () => {
    expect(previewText("hello\n  there", false)).toBe("hello there");
    expect(previewText("", true)).toBe("Attachment");
    expect(previewText("x".repeat(80), false, 10)).toBe(`${"x".repeat(9)}…`);
  });
  it("describes the connection only when not connected", () => {
    expect(connectionText("connected")).toBeNull();
    expect(connectionText("disconnected")).toMatch(/Offline/);
    expect(connectionText("denied")).toMatch(/refused/);
  });
  it("checks identities", () => {
    expect(identityError(" ")).toMatch(/Enter/);
    expect(identityError("x".repeat(65))).toMatch(/64/);
    expect(identityError("alice")).toBeNull();
  });
});

describe("token renewal", () => {
  it("renews two minutes before expiry, or a third of a short life before", () => {
    expect(renewDelayMs(3600, 0, 0)).toBe(3_480_000);
    expect(renewDelayMs(60, 0, 0)).toBe(40_000);
    expect(renewDelayMs(60, 0, 50_000)).toBe(0);
  });
  it("reads a JWT's expiry", () => {
    const payload = btoa(JSON.stringify({ exp: 1234 })).replace(/=+$/, "");
    expect(tokenExpiry(`h.${payload}.s`)).toBe(1234);
    expect(tokenExpiry("nonsense")).toBeNull();
  });
});
