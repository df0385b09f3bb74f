import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { type Bus, type BusHandler, type DomainEvent, RESYNC_EVENT } from "./bus.js";
import { connectRedis } from "./redis-connection.js";
import { decodeEvent, encodeEvent } from "./redis-codec.js";

export type RedisBusOptions = {
  /** `redis://host:port[/db]`. */
  url: string;
  /** Prefix of the channel (and of the presence keys); the nodes of one cluster share it. Default `confab`. */
  prefix?: string;
  /** This node's name in the cluster (default: random, new at every start). */
  nodeId?: string;
  /** A subscriber threw, or Redis refused a publish. */
  onError?: (error: unknown) => void;
};

export type RedisBus = Bus & {
  /** This node's name in the cluster. */
  readonly nodeId: string;
  /** The connection for commands (presence), shared so a node holds two connections, not three. */
  readonly redis: Redis;
  readonly prefix: string;
};

type Entry = { handler: BusHandler; everyNode: boolean };

/**
 * The bus of a cluster of nodes, over Redis pub/sub. Once-per-event subscribers (webhooks, push)
 * run only on the node that publishes; every-node subscribers (the sockets' hub) run on every
 * node. The publishing node hands its own events to its subscribers directly, in publish order,
 * and to the other nodes through one channel, which keeps each publisher's order. Redis is a
 * notification path only: what clients must not miss is in the store, and after a lost
 * connection every-node subscribers get a `bus.resync` event to read it again.
 */
export async function openRedisBus(options: RedisBusOptions): Promise<RedisBus> {
  const nodeId = options.nodeId ?? randomUUID();
  const prefix = options.prefix ?? "confab";
  const channel = `${prefix}:events`;
  const onError = options.onError ?? ((error: unknown) => console.error(error));
  const publisher = await connectRedis(options.url, `confab-${nodeId}`);
  let subscriber: Redis;
  try {
    subscriber = await connectRedis(options.url, `confab-${nodeId}-sub`);
    await subscriber.subscribe(channel);
  } catch (error) {
    publisher.disconnect();
    throw error;
  }

  const entries = new Set<Entry>();
  // One chain for everything this node's subscribers receive, so async handlers see events in order.
  let tail: Promise<void> = Promise.resolve();
  let closed = false;
  const deliver = (event: DomainEvent, own: boolean): Promise<void> => {
    const delivery = tail.then(async () => {
      for (const entry of [...entries]) {
        if (!own && !entry.everyNode) continue;
        try {
          await entry.handler(event);
        } catch (error) {
          onError(error);
        }
      }
    });
    tail = delivery;
    return delivery;
  };

  subscriber.on("message", (_channel: string, text: string) => {
    let decoded: ReturnType<typeof decodeEvent>;
    try {
      decoded = decodeEvent(text);
    } catch (error) {
      onError(error);
      return;
    }
    if (decoded.node !== nodeId) void deliver(decoded.event, false);
  });
  // Back after a lost connection: subscribe again (ioredis does too; this one's reply tells when
  // the subscription is live), then have every-node subscribers read what they may have missed.
  let connected = true;
  subscriber.on("close", () => {
    connected = false;
  });
  subscriber.on("ready", () => {
    if (connected || closed) return;
    connected = true;
    subscriber
      .subscribe(channel)
      .then(() => deliver(resyncEvent(), false))
      .catch(onError);
  });

  const add = (handler: BusHandler, everyNode: boolean) => {
    const entry = { handler, everyNode };
    entries.add(entry);
    return () => void entries.delete(entry);
  };

  return {
    nodeId,
    redis: publisher,
    prefix,
    publish(event) {
      if (closed) return Promise.reject(new Error("The bus is closed"));
      // Not awaited: commands on one connection go out in the order given, and a Redis outage
      // must not hold up writes (the other nodes resync from the store when it is back).
      publisher.publish(channel, encodeEvent(nodeId, event)).catch(onError);
      return deliver(event, true);
    },
    subscribe: (handler) => add(handler, false),
    subscribeEveryNode: (handler) => add(handler, true),
    async close() {
      if (closed) return;
      closed = true;
      await tail;
      entries.clear();
      subscriber.disconnect();
      // QUIT after whatever is still queued, so the last publishes reach the other nodes.
      await publisher.quit().catch(() => publisher.disconnect());
    },
  };
}

function resyncEvent(): DomainEvent {
  return { type: RESYNC_EVENT, accountSid: "", serviceSid: "", data: {}, date: new Date().toISOString() };
}
