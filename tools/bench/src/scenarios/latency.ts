import { RealtimeClient, type WebSocketConstructor } from "@confab/protocol/socket";
import WebSocket from "ws";
import { startBaseline } from "../baselines/start-baseline.js";
import type { BenchServer } from "../server-process.js";
import { percentile, type Result } from "../stats.js";

const WS = WebSocket as unknown as WebSocketConstructor;
/** Milliseconds between two sends (both sides of the comparison keep the same pace). */
const PACE_MS = 15;

/**
 * Send-to-receive latency between two users of one conversation: Alice sends a message over her
 * socket, the clock stops when Bob's socket delivers it. One message at a time (no queueing in
 * the figure), paced like a lively chat. The baseline is the same exchange, at the same pace,
 * through a bare `ws` relay.
 */
export async function latency(server: BenchServer, messages: number): Promise<Result[]> {
  const conversation = await server.admin("POST", "/v1/Conversations", { FriendlyName: "latency" });
  for (const identity of ["alice", "bob"])
    await server.admin("POST", `/v1/Conversations/${conversation.sid}/Participants`, { Identity: identity });
  const url = `ws://127.0.0.1:${server.port}/v1/socket`;
  const alice = new RealtimeClient({ url, token: server.token("alice"), WebSocket: WS });
  const bob = new RealtimeClient({ url, token: server.token("bob"), WebSocket: WS });
  await Promise.all([alice, bob].map((c) => new Promise((r) => c.once("welcome", r))));

  const confab: number[] = [];
  for (let i = 0; i < messages; i++) {
    const arrived = new Promise<void>((resolve) => {
      const listener = (frame: { body?: string | null }) => {
        if (frame.body !== `m${i}`) return;
        bob.off("messageAdded", listener as never);
        resolve();
      };
      bob.on("messageAdded", listener as never);
    });
    const start = performance.now();
    const sent = alice.request("CreateConversationMessage", { params: { ConversationSid: conversation.sid }, body: { Body: `m${i}` } });
    await Promise.all([arrived, sent]);
    confab.push(performance.now() - start);
    // A chat's pace, under the server's 100 writes a second per conversation.
    await new Promise((r) => setTimeout(r, PACE_MS));
  }
  await Promise.all([alice.disconnect(), bob.disconnect()]);

  const relay = await startBaseline("ws-relay.ts");
  const bare: number[] = [];
  try {
    const [a, b] = await Promise.all([0, 1].map(() => openWs(`ws://127.0.0.1:${relay.port}/?rooms=r`)));
    for (let i = 0; i < messages; i++) {
      const arrived = new Promise<void>((resolve) => (b as WebSocket).once("message", () => resolve()));
      const start = performance.now();
      (a as WebSocket).send(`r|${JSON.stringify({ type: "message", body: `m${i}` })}`);
      await arrived;
      bare.push(performance.now() - start);
      await new Promise((r) => setTimeout(r, PACE_MS));
    }
    a?.close();
    b?.close();
  } finally {
    await relay.stop();
  }
  return [50, 99].map((p) => ({
    scenario: "send → receive, 2 clients",
    metric: `p${p} latency (${messages} messages)`,
    unit: "ms",
    confab: percentile(confab, p),
    baselines: [{ name: "bare ws relay", value: percentile(bare, p) }],
    lowerIsBetter: true,
  }));
}

function openWs(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}
