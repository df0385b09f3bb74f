/**
 * The event bus: domain services publish what happened; transports (REST webhooks, the native
 * socket, the twilsock gateway) subscribe and project events into their own wire formats.
 * Delivery is in publish order per topic. The in-process bus serves one node; a Redis bus will
 * fan out across nodes behind the same interface.
 */
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
};

export type Unsubscribe = () => void;

export interface Bus {
  publish(event: DomainEvent): Promise<void>;
  /** Receives every event; handlers run in publish order and must not throw. */
  subscribe(handler: (event: DomainEvent) => void | Promise<void>): Unsubscribe;
  close(): Promise<void>;
}
