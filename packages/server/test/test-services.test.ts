/** The test run's throwaway PostgreSQL and Redis (test/support/services.ts) are there and as promised. */
import { connect } from "node:net";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { freshPostgresUrl } from "./support/postgres.js";

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("test services", () => {
  it("gives each caller its own empty PostgreSQL database, durable (fsync on)", async () => {
    const [a, b] = await Promise.all([freshPostgresUrl(), freshPostgresUrl()]);
    expect(a).not.toBe(b);
    await query(a, "CREATE TABLE only_in_a (x int)");
    expect(await query(a, "SELECT to_regclass('only_in_a') IS NOT NULL AS found")).toEqual([{ found: true }]);
    expect(await query(b, "SELECT to_regclass('only_in_a') IS NOT NULL AS found")).toEqual([{ found: false }]);
    expect(await query(a, "SHOW fsync")).toEqual([{ fsync: "on" }]);
    expect(new URL(a).hostname).toMatch(/^(127\.0\.0\.1|localhost|\[::1\])$/);
  });

  it("runs a Redis server that answers", async () => {
    const url = new URL(inject("redisUrl"));
    const reply = await new Promise<string>((done, fail) => {
      const socket = connect(Number(url.port || 6379), url.hostname);
      socket.once("connect", () => socket.write("PING\r\n"));
      socket.once("data", (chunk) => {
        socket.destroy();
        done(chunk.toString());
      });
      socket.once("error", fail);
    });
    expect(reply).toBe("+PONG\r\n");
  });
});
