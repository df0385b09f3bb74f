import { type Bus, createMemoryBus } from "../bus/index.js";
import { openRedisBus } from "../bus/redis-bus.js";
import type { ClusterNode } from "./node.js";
import { createRedisPresence } from "./redis-presence.js";

/** A cluster's tunables; the defaults suit production, tests shorten them. */
export type ClusterOptions = {
  /** Prefix of the Redis keys and channel; the nodes of one cluster share it. Default `confab`. */
  prefix?: string;
  /** How long a node that stopped beating still counts as holding its users' sockets. Default 15 s. */
  presenceTtlMs?: number;
  /** How old an unpublished outbox event must be before another node publishes it. Default 5 s. */
  outboxStaleMs?: number;
  /** How long a node's claim on outbox events holds. Default 30 s. */
  outboxLeaseMs?: number;
  /** How often each node looks for stale outbox events. Default 1 s. */
  outboxSweepMs?: number;
};

export type OpenedBus = { bus: Bus; cluster?: ClusterNode; outboxSweepMs: number };

/**
 * The bus a server runs on: in-process without a URL (one node, as embedded Confab always was),
 * or Redis with `redis://…`, which makes this server one node of a cluster.
 */
export async function openBus(url: string | undefined, options: ClusterOptions, onError: (error: unknown) => void): Promise<OpenedBus> {
  const outboxSweepMs = options.outboxSweepMs ?? 1000;
  if (url === undefined) return { bus: createMemoryBus(), outboxSweepMs };
  const bus = await openRedisBus({ url, prefix: options.prefix ?? "confab", onError });
  const presence = createRedisPresence({
    redis: bus.redis,
    prefix: bus.prefix,
    nodeId: bus.nodeId,
    ttlMs: options.presenceTtlMs ?? 15_000,
    onError,
  });
  const close = bus.close.bind(bus);
  return {
    bus: {
      ...bus,
      // Presence goes first: its last word (this node is gone) needs the connection the bus closes.
      async close() {
        await presence.close();
        await close();
      },
    },
    cluster: {
      id: bus.nodeId,
      presence,
      outboxStaleMs: options.outboxStaleMs ?? 5000,
      outboxLeaseMs: options.outboxLeaseMs ?? 30_000,
    },
    outboxSweepMs,
  };
}
