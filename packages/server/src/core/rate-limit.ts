import { fail } from "./errors.js";

/**
 * Writes per conversation per second, counted in a one-second sliding window per conversation
 * (Twilio answers an overload with 429 and error 20429). Kept in memory: a limit per node.
 */
export class ConversationRateLimiter {
  private readonly windows = new Map<string, number[]>();

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one write to the conversation; throws 429 when the window is full. */
  take(conversationSid: string): void {
    const now = this.now();
    const window = (this.windows.get(conversationSid) ?? []).filter((t) => now - t < 1000);
    if (window.length >= this.perSecond) {
      this.windows.set(conversationSid, window);
      throw fail.tooManyRequests(`Too many writes to conversation ${conversationSid}: at most ${this.perSecond} a second`);
    }
    window.push(now);
    this.windows.set(conversationSid, window);
    // Forget idle conversations now and then, so the map does not grow without bound.
    if (this.windows.size > 10_000) {
      for (const [sid, times] of this.windows) if (times.every((t) => now - t >= 1000)) this.windows.delete(sid);
    }
  }
}
