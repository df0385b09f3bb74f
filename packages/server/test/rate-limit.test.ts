import { describe, expect, it } from "vitest";
import { ConversationRateLimiter } from "../src/core/rate-limit.js";

describe("ConversationRateLimiter", () => {
  it("allows the limit per second per conversation, then answers 429 with Twilio's code", () => {
    let now = 1_000_000;
    const limiter = new ConversationRateLimiter(3, () => now);
    for (let i = 0; i < 3; i++) limiter.take("CH1");
    expect(() => limiter.take("CH1")).toThrow(expect.objectContaining({ status: 429, code: 20429 }));
    // Another conversation has its own window.
    expect(() => limiter.take("CH2")).not.toThrow();
    // A second later the window has moved on.
    now += 1000;
    expect(() => limiter.take("CH1")).not.toThrow();
  });
});
