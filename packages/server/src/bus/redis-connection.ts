import { Redis } from "ioredis";
import { checkRedisUrl, redact } from "./redis-url.js";

/** How long start-up waits for Redis before giving up with a clear error. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Opens a connection to Redis and waits until it is ready. Once open it reconnects by itself
 * (with a growing delay, up to 2 s) whenever Redis restarts or the network drops.
 */
export async function connectRedis(url: string, name: string): Promise<Redis> {
  checkRedisUrl(url);
  const redis = new Redis(url, {
    lazyConnect: true,
    connectionName: name,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
    // Commands wait while Redis is away, but not forever: a publish nobody can take is reported.
    maxRetriesPerRequest: 5,
  });
  // Errors while reconnecting are expected and retried; `connect` below reports the first one.
  redis.on("error", () => {});
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no answer within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS).unref(),
      ),
    ]);
  } catch (error) {
    redis.disconnect();
    throw new Error(`Cannot reach Redis at ${redact(url)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return redis;
}
