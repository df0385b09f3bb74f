/**
 * The event bus: domain services publish what happened; transports (REST webhooks, the native
 * socket, the twilsock gateway) subscribe and project events into their own wire formats.
 * Delivery is in publish order per topic. The in-process bus serves one node; a Redis bus will
 * fan out across nodes behind the same interface.
 */
/**
 * A frame for the sockets of one user: an event of its durable stream (with the cursor it was
 * stored at) or an ephemeral one (typing, reachability; no cursor).
 */
export type StreamDelivery = {
  serviceSid: string;
  identity: string;
  frame: { type: "event"; event: string; cursor?: string; data: unknown; date: string };
};

export type DomainEvent = {
  /** What happened, e.g. `conversation.added`, `message.added`. */
  type: string;
  accountSid: string;
  serviceSid: string;
  /** The conversation it happened in, when it happened in one. */
  conversationSid?: string;
  /** The resources involved, as the domain has them. */
  data: Record<string, unknown>;
  /** Who caused it and whether it fires webhooks (see core/events.ts). */
  origin?: { source: "SDK" | "API"; identity?: string; webhooks: boolean };
  date: string;
  /** What the event became in users' streams, for the sockets that hold them (see realtime/). */
  deliveries?: StreamDelivery[];
};

export type Unsubscribe = () => void;

export interface Bus {
  publish(event: DomainEvent): Promise<void>;
  /** Receives every event; handlers run in publish order and must not throw. */
  subscribe(handler: (event: DomainEvent) => void | Promise<void>): Unsubscribe;
  close(): Promise<void>;
}
