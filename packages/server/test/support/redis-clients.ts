import { Redis } from "ioredis";

/**
 * Cuts the Redis connections of the given bus nodes (their names carry the node id), as a
 * network drop or a Redis restart would; other test files' connections on the shared Redis are
 * left alone. Resolves how many were cut.
 */
export async function cutRedisConnections(url: string, nodeIds: string[]): Promise<number> {
  const admin = new Redis(url);
  try {
    const list = (await admin.call("CLIENT", "LIST")) as string;
    let cut = 0;
    for (const line of list.split("\n")) {
      const id = /(?:^| )id=(\d+)/.exec(line)?.[1];
      const name = / name=(\S*)/.exec(line)?.[1] ?? "";
      if (id && nodeIds.some((node) => name.includes(node))) {
        await admin.call("CLIENT", "KILL", "ID", id);
        cut++;
      }
    }
    return cut;
  } finally {
    admin.disconnect();
  }
}
