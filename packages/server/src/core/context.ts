import type { Bus } from "../bus/index.js";
import type { Store } from "../store/index.js";

/** Who is acting: the account itself (Basic auth), or an end user (access token). */
export type Actor = { kind: "admin"; accountSid: string } | { kind: "user"; accountSid: string; serviceSid: string; identity: string };

/** Limits, as Twilio documents them; each one configurable. */
export type Limits = {
  messageBodyBytes: number;
  attributesBytes: number;
  conversationAttributesBytes: number;
  participantsPerConversation: number;
  conversationsPerIdentity: number;
  /** Writes per conversation per second before 429. */
  writesPerConversationPerSecond: number;
};

export const defaultLimits: Limits = {
  messageBodyBytes: 32 * 1024,
  attributesBytes: 4 * 1024,
  conversationAttributesBytes: 16 * 1024,
  participantsPerConversation: 1000,
  conversationsPerIdentity: 1000,
  writesPerConversationPerSecond: 100,
};

/** What every domain service works with. No HTTP, no sockets. */
export type Core = {
  store: Store;
  bus: Bus;
  limits: Limits;
  /** The clock; tests move it. */
  now: () => Date;
};
