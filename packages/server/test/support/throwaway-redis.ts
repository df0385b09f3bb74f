import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startChildService } from "./child-service.js";
import { freePort } from "./ports.js";
import type { ThrowawayService } from "./throwaway-postgres.js";

/** Whether redis-server is on the PATH. */
export function hasRedisServer(): boolean {
  return spawnSync("redis-server", ["--version"]).status === 0;
}

/** Whether a Redis server answers PING on this port. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, "127.0.0.1");
    socket.setTimeout(1000);
    socket.once("data", (chunk) => {
      socket.destroy();
      done(chunk.toString().startsWith("+PONG"));
    });
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("error", () => done(false));
    socket.once("timeout", () => {
      socket.destroy();
      done(false);
    });
  });
}

/**
 * Starts a throwaway redis-server on a free 127.0.0.1 port, keeping nothing on disk (no RDB
 * snapshots, no append-only file) and working in a temporary directory that `stop()` removes.
 */
export async function startThrowawayRedis(): Promise<ThrowawayService> {
  const dir = mkdtempSync(join(tmpdir(), "confab-redis-"));
  try {
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      try {
        const server = await startChildService(
          "Redis",
          "redis-server",
          [
            ...["--port", String(port), "--bind", "127.0.0.1", "--dir", dir],
            ...["--save", "", "--appendonly", "no", "--daemonize", "no", "--logfile", ""],
          ],
          { cwd: dir },
          () => answersPing(port),
        );
        return {
          url: `redis://127.0.0.1:${port}`,
          async stop() {
            await server.stop("SIGTERM");
            rmSync(dir, { recursive: true, force: true });
          },
        };
      } catch (error) {
        // The free port may have been taken in the meantime: try another, a few times.
        if (attempt >= 3) throw error;
      }
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
