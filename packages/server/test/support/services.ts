/**
 * The test run's PostgreSQL and Redis (vitest globalSetup, once per run): throwaway servers
 * started on loopback for the run and removed after it, or servers given from outside through
 * CONFAB_TEST_POSTGRES_URL (a role that may CREATE DATABASE) and CONFAB_TEST_REDIS_URL, in
 * which case nothing is started. Missing Debian packages (postgresql, redis-server) are
 * installed first with the repository's scripts/ensure-debian-packages.mjs, so the README's
 * test command needs nothing installed by hand.
 *
 * Tests read the URLs with `inject("postgresUrl")` / `inject("redisUrl")`; a test that needs a
 * database of its own takes one from `freshPostgresUrl()` in ./postgres.ts.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { hasRedisServer, startThrowawayRedis } from "./throwaway-redis.js";
import { postgresBinDir, startThrowawayPostgres, type ThrowawayService } from "./throwaway-postgres.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** A PostgreSQL server (its maintenance database) whose role may create databases. */
    postgresUrl: string;
    /** The start of the name of every database this run creates (see ./postgres.ts). */
    postgresDatabasePrefix: string;
    /** A Redis server for this run. */
    redisUrl: string;
  }
}

const ensureScript = resolve(import.meta.dirname, "../../../../scripts/ensure-debian-packages.mjs");

function ensurePackages(packages: string[]): void {
  if (packages.length === 0) return;
  const result = spawnSync(process.execPath, [ensureScript, ...packages], { stdio: "inherit" });
  if (result.status !== 0) {
    throw new Error(
      `The tests need ${packages.join(" and ")}: install them, or point CONFAB_TEST_POSTGRES_URL / CONFAB_TEST_REDIS_URL at running servers`,
    );
  }
}

/** Drops the databases this run created on a server that outlives it. */
async function dropRunDatabases(url: string, prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [prefix]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const externalPostgres = process.env.CONFAB_TEST_POSTGRES_URL;
  const externalRedis = process.env.CONFAB_TEST_REDIS_URL;
  ensurePackages([
    ...(!externalPostgres && postgresBinDir() === undefined ? ["postgresql"] : []),
    ...(!externalRedis && !hasRedisServer() ? ["redis-server"] : []),
  ]);
  const prefix = `confab_test_${randomBytes(4).toString("hex")}`;
  const started: ThrowawayService[] = [];
  const stopAll = async () => {
    await Promise.all(started.splice(0).map((service) => service.stop()));
  };
  const keep = (service: ThrowawayService) => {
    started.push(service);
    return service;
  };
  try {
    const [postgres, redis] = await Promise.all([
      externalPostgres ? undefined : startThrowawayPostgres(postgresBinDir() as string).then(keep),
      externalRedis ? undefined : startThrowawayRedis().then(keep),
    ]);
    project.provide("postgresUrl", externalPostgres ?? (postgres as ThrowawayService).url);
    project.provide("postgresDatabasePrefix", prefix);
    project.provide("redisUrl", externalRedis ?? (redis as ThrowawayService).url);
  } catch (error) {
    await stopAll();
    throw error;
  }
  return async () => {
    if (externalPostgres) await dropRunDatabases(externalPostgres, prefix);
    await stopAll();
  };
}
