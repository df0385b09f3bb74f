/**
 * A load generator process of the cluster benchmark (never in a server's process). It takes its
 * users as JSON (argv[2], base64), connects each user's native socket to its node, prints
 * `ready`, waits for `go` on stdin, then has every sender send paced messages over its socket
 * for the run's duration while every user counts what it receives, until deliveries stop
 * coming. It prints one JSON line:
 * messages acknowledged, refused, received, and send → receive latencies.
 */
import { createInterface } from "node:readline";
import { RealtimeClient, type WebSocketConstructor } from "@confab/protocol/socket";
import WebSocket from "ws";

export type WorkerUser = { identity: string; url: string; token: string; sendTo?: string };
export type WorkerConfig = { users: WorkerUser[]; durationMs: number; paceMs: number; settleMs: number };
export type WorkerReport = { acked: number; refused: number; received: number; latencies: number[] };

const WS = WebSocket as unknown as WebSocketConstructor;
const config = JSON.parse(Buffer.from(process.argv[2] as string, "base64").toString()) as WorkerConfig;
/** Milliseconds on the machine's clock, comparable between processes. */
const clock = () => performance.timeOrigin + performance.now();

const report: WorkerReport = { acked: 0, refused: 0, received: 0, latencies: [] };
const clients = await Promise.all(
  config.users.map(async (user) => {
    const client = new RealtimeClient({ url: `${user.url.replace(/^http/, "ws")}/v1/socket`, token: user.token, WebSocket: WS });
    await new Promise((resolve) => client.once("welcome", resolve));
    client.on("messageAdded", ((message: { body?: string | null }) => {
      report.received++;
      report.latencies.push(Math.round((clock() - Number(message.body)) * 10) / 10);
    }) as never);
    return { user, client };
  }),
);
console.log("ready");
await new Promise<void>((resolve) => {
  const lines = createInterface({ input: process.stdin });
  lines.on("line", (line) => {
    if (line.trim() === "go") {
      lines.close();
      resolve();
    }
  });
});

const deadline = Date.now() + config.durationMs;
await Promise.all(
  clients
    .filter(({ user }) => user.sendTo)
    .map(async ({ user, client }) => {
      while (Date.now() < deadline) {
        const started = Date.now();
        try {
          await client.request("CreateConversationMessage", {
            params: { ConversationSid: user.sendTo as string },
            body: { Body: String(clock()) },
          });
          report.acked++;
        } catch {
          report.refused++;
        }
        const wait = config.paceMs - (Date.now() - started);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    }),
);
// Deliveries still on their way when the last send was acknowledged: wait until none has come
// for `settleMs` (at most a minute).
const settledBy = Date.now() + 60_000;
for (let seen = -1; seen !== report.received && Date.now() < settledBy; ) {
  seen = report.received;
  await new Promise((r) => setTimeout(r, config.settleMs));
}
console.log(JSON.stringify(report));
await Promise.all(clients.map(({ client }) => client.disconnect()));
process.exit(0);
