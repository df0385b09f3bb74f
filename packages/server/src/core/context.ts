import type { Bus, StreamDelivery } from "../bus/index.js";
import type { ClusterNode } from "../cluster/node.js";
import type { MediaContentStore } from "../media/content-store.js";
import type { OutboxRecord, Store, StoreWriter } from "../store/index.js";
import type { ConversationRateLimiter } from "./rate-limit.js";

/** Who is acting: the account itself (Basic auth), or an end user (access token). */
export type Actor =
  /** `webhooks`: the request asked for webhooks (`X-Twilio-Webhook-Enabled: true`), as SDK writes always do. */
  { kind: "admin"; accountSid: string; webhooks?: boolean } | { kind: "user"; accountSid: string; serviceSid: string; identity: string };

/** Limits, as Twilio documents them; each one configurable. */
export type Limits = {
  messageBodyBytes: number;
  attributesBytes: number;
  conversationAttributesBytes: number;
  participantsPerConversation: number;
  conversationsPerIdentity: number;
  /** Writes per conversation per second before 429. */
  writesPerConversationPerSecond: number;
  /** Largest media upload in bytes. */
  mediaBytes: number;
  /** Media files one message may carry (Twilio's SDKs default to 10; the spec allows no more). */
  mediaPerMessage: number;
};

export const defaultLimits: Limits = {
  messageBodyBytes: 32 * 1024,
  attributesBytes: 4 * 1024,
  conversationAttributesBytes: 16 * 1024,
  participantsPerConversation: 1000,
  conversationsPerIdentity: 1000,
  writesPerConversationPerSecond: 100,
  mediaBytes: 150 * 1024 * 1024,
  mediaPerMessage: 10,
};

/**
 * Pre-event hooks: asked before a write, they may reject it (by throwing a ConfabApiError) or
 * change some of its fields (the returned map, by Twilio's webhook parameter names).
 */
export interface PreHooks {
  before(request: PreHookRequest): Promise<Record<string, string>>;
}

export type PreHookRequest = {
  /** Twilio's pre-event name, e.g. `onConversationAdd`, `onMessageAdd`. */
  eventType: string;
  accountSid: string;
  serviceSid: string;
  conversationSid?: string;
  actor: Actor;
  /** The parameters Twilio sends with this event. */
  params: Record<string, string>;
};

/**
 * Turns a domain event, inside the transaction that records it, into events of the affected
 * users' durable streams (see realtime/relay.ts). The core only knows this interface.
 */
export interface EventRelay {
  project(tx: StoreWriter, event: OutboxRecord): Promise<StreamDelivery[]>;
}

/** What every domain service works with. No HTTP, no sockets. */
export type Core = {
  store: Store;
  bus: Bus;
  hooks?: PreHooks;
  /** Writes users' stream events with each domain event (set by the server once it knows its public URL). */
  relay?: EventRelay;
  /** Where media bytes are kept. */
  media: MediaContentStore;
  /** Writes per conversation per second (`limits.writesPerConversationPerSecond`). */
  writeRate: ConversationRateLimiter;
  limits: Limits;
  /** The clock; tests move it. */
  now: () => Date;
  /** Set when this server is one node of several sharing the store and the bus. */
  cluster?: ClusterNode;
};
