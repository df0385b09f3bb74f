/**
 * The PostgreSQL and Redis a cluster benchmark runs on: throwaway servers on loopback, started
 * with the server package's test helpers (the same ones its tests use), or the ones named by
 * CONFAB_BENCH_POSTGRES_URL / CONFAB_BENCH_REDIS_URL.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDatabase, postgresBinDir, startThrowawayPostgres } from "../../../../packages/server/test/support/throwaway-postgres.js";
import { startThrowawayRedis } from "../../../../packages/server/test/support/throwaway-redis.js";

export type ClusterServices = {
  /** A new empty database on the PostgreSQL server, for one run. */
  freshDatabase(): Promise<string>;
  redisUrl: string;
  stop(): Promise<void>;
};

export async function startClusterServices(): Promise<ClusterServices> {
  const stops: (() => Promise<void>)[] = [];
  let postgresUrl = process.env.CONFAB_BENCH_POSTGRES_URL;
  let redisUrl = process.env.CONFAB_BENCH_REDIS_URL;
  if (!postgresUrl) {
    const bin = postgresBinDir();
    if (bin === undefined)
      throw new Error("The cluster benchmark needs PostgreSQL (apt-get install postgresql) or CONFAB_BENCH_POSTGRES_URL");
    const postgres = await startThrowawayPostgres(bin);
    stops.push(() => postgres.stop());
    postgresUrl = postgres.url;
  }
  if (!redisUrl) {
    const redis = await startThrowawayRedis();
    stops.push(() => redis.stop());
    redisUrl = redis.url;
  }
  const server = postgresUrl;
  const created: string[] = [];
  return {
    redisUrl,
    async freshDatabase() {
      const name = `confab_bench_${randomBytes(4).toString("hex")}`;
      const url = await createDatabase(server, name);
      created.push(name);
      return url;
    },
    async stop() {
      if (stops.length < 2 || process.env.CONFAB_BENCH_POSTGRES_URL) {
        const admin = new pg.Client({ connectionString: server });
        await admin.connect();
        for (const name of created) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      }
      for (const stop of stops.reverse()) await stop();
    },
  };
}
