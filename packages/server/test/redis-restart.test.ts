/**
 * Redis going away and coming back under a running cluster: writes go on while it is down (Redis
 * is a notification path, never a source of truth), and once it is back each node reconnects by
 * itself and its sockets get what they missed meanwhile.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { type RunningServer, startServer } from "../src/index.js";
import { account, callAs } from "./support/as-user.js";
import { type ChildService, startChildService } from "./support/child-service.js";
import { freePort } from "./support/ports.js";
import { freshPostgresUrl } from "./support/postgres.js";
import { TestSocket } from "./support/socket-client.js";
import { userToken } from "./support/user-token.js";

const dir = mkdtempSync(join(tmpdir(), "confab-redis-restart-"));
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

/** A redis-server on a given port, keeping nothing on disk. */
function redisOn(port: number): Promise<ChildService> {
  return startChildService(
    "Redis",
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "no", "--logfile", ""],
    { cwd: dir },
    (output) => output.includes("Ready to accept connections"),
  );
}

it("keeps writing while Redis is down, and delivers what was missed once it is back", async () => {
  const port = await freePort();
  let redis = await redisOn(port);
  const store = await freshPostgresUrl();
  const nodes: RunningServer[] = [];
  for (const name of ["a", "b"]) {
    const media = mkdtempSync(join(dir, `media-${name}-`));
    const node = await startServer({ port: 0, dataDir: media, store, bus: `redis://127.0.0.1:${port}`, onError: () => {} });
    nodes.push(node);
    cleanup.push(() => node.close());
  }
  cleanup.push(() => redis.stop());
  const [a, b] = nodes as [RunningServer, RunningServer];
  const created = await callAs(a, account, "POST", "/v1/Conversations", { FriendlyName: "restart" });
  const sid = created.body.sid as string;
  await callAs(a, account, "POST", `/v1/Conversations/${sid}/Participants`, { Identity: "bob" });
  const bob = await TestSocket.connect(b, userToken(b, "bob"));
  cleanup.push(async () => void bob.ws.terminate());

  await callAs(a, account, "POST", `/v1/Conversations/${sid}/Messages`, { Body: "before", Author: "alice" });
  await bob.waitForEvents("messageAdded", 1);

  await redis.stop("SIGKILL");
  // Writes do not wait for Redis.
  for (const body of ["while down 1", "while down 2"]) {
    const posted = await callAs(a, account, "POST", `/v1/Conversations/${sid}/Messages`, { Body: body, Author: "alice" });
    expect(posted.status).toBe(201);
  }
  redis = await redisOn(port);
  await bob.waitForEvents("messageAdded", 3, 15_000);
  await callAs(a, account, "POST", `/v1/Conversations/${sid}/Messages`, { Body: "after", Author: "alice" });
  await bob.waitForEvents("messageAdded", 4, 10_000);
  expect(bob.events("messageAdded").map((f) => f.data.body)).toEqual(["before", "while down 1", "while down 2", "after"]);
}, 60_000);
