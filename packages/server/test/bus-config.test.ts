/**
 * Choosing the bus: in-process by default (one node, as always), Redis with `bus: "redis://…"`,
 * `confab start --bus` or `CONFAB_BUS`; a bad URL stops the start with a clear message.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, inject, it } from "vitest";
import { startServer } from "../src/index.js";
import { freePort } from "./support/ports.js";
import { startNodeProcess } from "./support/node-process.js";

const run = promisify(execFile);
const packageDir = resolve(import.meta.dirname, "..");
const dataDir = mkdtempSync(join(tmpdir(), "confab-bus-config-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  run(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], { cwd: packageDir, env: { ...process.env, ...env } });

describe("bus configuration", () => {
  it("keeps the in-process bus and one node when no bus is given", async () => {
    const server = await startServer({ port: 0, dataDir: ":memory:", onError: () => {} });
    try {
      expect(server.core.cluster).toBeUndefined();
      expect(server.realtime.hub.readsFromStore).toBe(false);
    } finally {
      await server.close();
    }
  });

  it("joins a cluster on a Redis URL", async () => {
    const server = await startServer({ port: 0, dataDir: ":memory:", bus: inject("redisUrl"), onError: () => {} });
    try {
      expect(server.core.cluster?.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(server.realtime.hub.readsFromStore).toBe(true);
    } finally {
      await server.close();
    }
  });

  it("refuses a bad bus URL with a clear error", async () => {
    await expect(startServer({ port: 0, dataDir: ":memory:", bus: "postgres://127.0.0.1/x" })).rejects.toThrow(
      /Bad bus URL "postgres:\/\/127.0.0.1\/x": unsupported scheme postgres:/,
    );
  });

  it("confab start takes --bus and CONFAB_BUS, and exits with the error on a bad one", async () => {
    const failed = await cli(["start", "--port", "0", "--data-dir", dataDir, "--bus", "redis//nowhere"]).catch((error) => error);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('Bad bus URL "redis//nowhere": not a URL');
    const fromEnv = await cli(["start", "--port", "0", "--data-dir", dataDir], { CONFAB_BUS: "redis://127.0.0.1:6379/zero" }).catch(
      (error) => error,
    );
    expect(fromEnv.code).toBe(1);
    expect(fromEnv.stderr).toContain("the database must be a number");

    const port = await freePort();
    const node = await startNodeProcess(port, dataDir, [], { CONFAB_BUS: inject("redisUrl") });
    try {
      expect(node.output()).toMatch(/Cluster node {5}[0-9a-f-]{36} \(bus redis:\/\/127\.0\.0\.1:\d+\)/);
    } finally {
      node.child.kill("SIGTERM");
    }
  });
});
