import type { Redis } from "ioredis";
import type { Presence } from "./presence.js";

export type RedisPresenceOptions = {
  redis: Redis;
  prefix: string;
  nodeId: string;
  /** How long a node counts as alive after its last heartbeat (it beats three times per TTL). */
  ttlMs: number;
  onError: (error: unknown) => void;
};

/**
 * Presence across nodes in Redis. Per user, the set of nodes holding a socket of theirs; per
 * node, the set of users it holds; and one sorted set of nodes by the time their heartbeat runs
 * out. A node beats every third of the TTL. Every node also looks for nodes whose heartbeat ran
 * out; the one that removes a dead node from the sorted set (ZREM answers 1 to one caller only)
 * takes that node's users out, and reports those left with no node as expired.
 */
export function createRedisPresence(options: RedisPresenceOptions): Presence {
  const { redis, prefix, nodeId, ttlMs, onError } = options;
  const nodesKey = `${prefix}:presence:nodes`;
  const userKey = (user: string) => `${prefix}:presence:user:${user}`;
  const nodeKey = (node: string) => `${prefix}:presence:node:${node}`;
  const handlers: ((serviceSid: string, identity: string) => Promise<void>)[] = [];
  let closed = false;

  const beat = () => redis.zadd(nodesKey, Date.now() + ttlMs, nodeId);
  const sweep = async () => {
    const dead = await redis.zrangebyscore(nodesKey, "-inf", Date.now());
    for (const node of dead) {
      if (node === nodeId || (await redis.zrem(nodesKey, node)) !== 1) continue;
      for (const user of await redis.smembers(nodeKey(node))) {
        const replies = await redis.multi().srem(userKey(user), node).scard(userKey(user)).exec();
        const left = replies?.[1]?.[1] as number | undefined;
        if (left !== 0) continue;
        const slash = user.indexOf("/");
        for (const handler of handlers) await handler(user.slice(0, slash), user.slice(slash + 1)).catch(onError);
      }
      await redis.del(nodeKey(node));
    }
  };
  const ready = beat().catch(onError);
  const timer = setInterval(
    () => {
      if (closed) return;
      void beat().then(sweep).catch(onError);
    },
    Math.max(50, Math.floor(ttlMs / 3)),
  );
  timer.unref();

  return {
    async join(serviceSid, identity) {
      await ready;
      const user = `${serviceSid}/${identity}`;
      const replies = await redis.multi().sadd(userKey(user), nodeId).sadd(nodeKey(nodeId), user).scard(userKey(user)).exec();
      return replies?.[0]?.[1] === 1 && replies?.[2]?.[1] === 1;
    },
    async leave(serviceSid, identity) {
      const user = `${serviceSid}/${identity}`;
      const replies = await redis.multi().srem(userKey(user), nodeId).srem(nodeKey(nodeId), user).scard(userKey(user)).exec();
      return replies?.[0]?.[1] === 1 && replies?.[2]?.[1] === 0;
    },
    onExpired(handler) {
      handlers.push(handler);
    },
    async close() {
      closed = true;
      clearInterval(timer);
      // Counted dead at once: another node takes this one's remaining users out on its next sweep.
      await redis.zadd(nodesKey, 0, nodeId).catch(onError);
    },
  };
}
