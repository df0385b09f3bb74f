/**
 * The event bus: domain services publish what happened; transports (REST webhooks, the native
 * socket, the twilsock gateway) subscribe and project events into their own wire formats.
 * Delivery is in publish order. The in-process bus serves one node; the Redis bus fans out
 * across nodes behind the same interface.
 *
 * Two kinds of subscriber: `subscribe` is for work done once per event (webhooks, push,
 * `onEvent`): it runs on the node that publishes the event. `subscribeEveryNode` is for work every
 * node does with each event (handing frames to the sockets it holds). On one node they are the same.
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

export type BusHandler = (event: DomainEvent) => void | Promise<void>;

/**
 * What an every-node subscriber receives when its node may have missed events (the bus lost its
 * connection and got it back): anything durable it serves should be read again from the store.
 */
export const RESYNC_EVENT = "bus.resync";

export interface Bus {
  /** Resolves once this node's subscribers of both kinds have had the event. */
  publish(event: DomainEvent): Promise<void>;
  /** Once per event, on the node that publishes it; handlers run in publish order and must not throw. */
  subscribe(handler: BusHandler): Unsubscribe;
  /**
   * On every node. Events from one publisher arrive in its publish order; events from different
   * nodes interleave in any order, so durable state is read from the store, not trusted from here.
   */
  subscribeEveryNode(handler: BusHandler): Unsubscribe;
  close(): Promise<void>;
}
