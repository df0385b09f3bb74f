/**
 * The socket client against a small but real WebSocket server (the `ws` package) that speaks the
 * handshake, request/reply and a durable, cursored event stream, and that drops connections on
 * command, the way a crashing or restarting server would.
 */
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { RealtimeClient, type ConnectionState } from "../src/socket/realtime-client.js";

type Frame = Record<string, any>;

class TinyServer {
  readonly wss: WebSocketServer;
  readonly ready: Promise<void>;
  readonly log: Frame[] = [];
  /** The user's durable stream: every event ever published, in order. */
  readonly stream: Frame[] = [];
  readonly sockets = new Set<WebSocket>();
  token = "good";

  constructor(port = 0) {
    this.wss = new WebSocketServer({ host: "127.0.0.1", port });
    this.ready = new Promise((resolve) => this.wss.once("listening", () => resolve()));
    this.wss.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
      socket.on("message", (data) => this.onFrame(socket, JSON.parse(String(data))));
    });
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/v1/socket`;
  }

  publish(data: Frame): void {
    const frame = { type: "event", event: "messageAdded", cursor: String(this.stream.length + 1), data, date: new Date().toISOString() };
    this.stream.push(frame);
    for (const socket of this.sockets) if ((socket as any).welcomed) socket.send(JSON.stringify(frame));
  }

  /** Kills every connection without a closing handshake, as a crash would. */
  dropAll(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  private onFrame(socket: WebSocket, frame: Frame): void {
    this.log.push(frame);
    if (frame.type === "hello") {
      if (frame.token !== this.token) {
        socket.close(4401, "denied");
        return;
      }
      const from = frame.cursor ? Number(frame.cursor) : this.stream.length;
      socket.send(
        JSON.stringify({
          type: "welcome",
          session_id: "s1",
          identity: "alice",
          chat_service_sid: `IS${"0".repeat(32)}`,
          cursor: String(this.stream.length),
          resume: frame.cursor ? "complete" : "none",
          token_expires_at: new Date(Date.now() + 3600_000).toISOString(),
          ping_interval_ms: 30_000,
          reachability_enabled: false,
        }),
      );
      // Replay what the client missed, then mark it live.
      for (const missed of this.stream.slice(from)) socket.send(JSON.stringify(missed));
      (socket as any).welcomed = true;
      return;
    }
    if (frame.type === "request") {
      if (frame.operation === "Hang") return;
      if (frame.operation === "FetchConversation" && frame.params?.Sid === "missing") {
        socket.send(
          JSON.stringify({
            type: "reply",
            id: frame.id,
            status: 404,
            error: { code: 20404, message: "Not found", more_info: "https://www.twilio.com/docs/errors/20404", status: 404 },
          }),
        );
        return;
      }
      socket.send(JSON.stringify({ type: "reply", id: frame.id, status: 200, body: { echo: frame.operation, params: frame.params } }));
      return;
    }
    if (frame.type === "updateToken") {
      this.token = frame.token;
      socket.send(JSON.stringify({ type: "reply", id: frame.id, status: 200 }));
    }
    if (frame.type === "ping") socket.send(JSON.stringify({ type: "pong" }));
  }

  close(): Promise<void> {
    this.dropAll();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }
}

let server: TinyServer | null = null;
let client: RealtimeClient | null = null;

afterEach(async () => {
  await client?.disconnect();
  await server?.close();
  client = null;
  server = null;
});

function waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (predicate()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error("timed out waiting"));
      setTimeout(tick, 10);
    };
    tick();
  });
}

async function start(options: Partial<ConstructorParameters<typeof RealtimeClient>[0]> = {}): Promise<RealtimeClient> {
  server = server ?? new TinyServer();
  await server.ready;
  client = new RealtimeClient({
    url: server.url,
    token: "good",
    WebSocket: WebSocket as never,
    backoff: { minMs: 20, maxMs: 100 },
    ...options,
  });
  return client;
}

describe("RealtimeClient", () => {
  it("goes connecting → connected and answers requests", async () => {
    const states: ConnectionState[] = [];
    const c = await start();
    c.on("stateChanged", ({ state }) => states.push(state));
    await waitFor(() => c.state === "connected");
    expect(states).toEqual(["connected"]);
    expect(server?.log[0]).toMatchObject({ type: "hello", token: "good", cursor: null });
    const reply = await c.request("FetchConversation", { params: { Sid: "CH1" } });
    expect(reply).toEqual({ echo: "FetchConversation", params: { Sid: "CH1" } });
  });

  it("sends requests made before the connection is up once it is", async () => {
    const c = await start();
    const reply = c.request("ListConversation", { params: { PageSize: 5 } });
    expect(c.state).toBe("connecting");
    await expect(reply).resolves.toEqual({ echo: "ListConversation", params: { PageSize: 5 } });
  });

  it("turns an error reply into a ConfabApiError", async () => {
    const c = await start();
    await expect(c.request("FetchConversation", { params: { Sid: "missing" } })).rejects.toMatchObject({ status: 404, code: 20404 });
  });

  it("times a request out when no reply comes", async () => {
    const c = await start({ requestTimeoutMs: 150 });
    await waitFor(() => c.state === "connected");
    await expect(c.request("Hang" as never, {})).rejects.toThrow(/No reply to Hang/);
  });

  it("reconnects after the server drops it and resumes from its cursor: every missed event once, in order", async () => {
    const c = await start();
    const received: string[] = [];
    c.on("messageAdded", (m: any) => received.push(m.body));
    await waitFor(() => c.state === "connected");

    server?.publish({ body: "1" });
    server?.publish({ body: "2" });
    await waitFor(() => received.length === 2);
    expect(c.cursor).toBe("2");

    const states: ConnectionState[] = [];
    c.on("stateChanged", ({ state }) => states.push(state));
    server?.dropAll();
    // Published while the client is away.
    server?.publish({ body: "3" });
    server?.publish({ body: "4" });
    await waitFor(() => c.state === "connected" && received.length === 4);
    server?.publish({ body: "5" });
    await waitFor(() => received.length === 5);

    expect(received).toEqual(["1", "2", "3", "4", "5"]);
    expect(states).toEqual(["disconnected", "connecting", "connected"]);
    const hellos = server?.log.filter((f) => f.type === "hello") ?? [];
    expect(hellos.map((h) => h.cursor)).toEqual([null, "2"]);
  });

  it("drops an event replayed twice across reconnects", async () => {
    const c = await start();
    const received: string[] = [];
    c.on("messageAdded", (m: any) => received.push(m.body));
    await waitFor(() => c.state === "connected");
    server?.publish({ body: "a" });
    await waitFor(() => received.length === 1);
    // A server that replays too much must not make the client see an event twice.
    for (const socket of server?.sockets ?? []) socket.send(JSON.stringify(server?.stream[0]));
    server?.publish({ body: "b" });
    await waitFor(() => received.length >= 2);
    await new Promise((r) => setTimeout(r, 50));
    expect(received).toEqual(["a", "b"]);
  });

  it("keeps reconnecting with backoff while the server is down, then resumes", async () => {
    const c = await start();
    await waitFor(() => c.state === "connected");
    const port = ((server as TinyServer).wss.address() as AddressInfo).port;
    await server?.close();
    await waitFor(() => c.state === "connecting" || c.state === "disconnected");
    await new Promise((r) => setTimeout(r, 300));
    expect(c.state).not.toBe("connected");
    server = new TinyServer(port);
    await server.ready;
    await waitFor(() => c.state === "connected", 5000);
  });

  it("retries a request cut off by a lost connection only when it has an idempotency key", async () => {
    const c = await start();
    await waitFor(() => c.state === "connected");
    const s = server as TinyServer;
    // The next two requests reach the server, which crashes before replying.
    const originalLog = s.log.length;
    const withKey = c.request("Hang" as never, { idempotencyKey: "k1", timeoutMs: 3000 });
    const withoutKey = c.request("Hang" as never, { timeoutMs: 3000 });
    await waitFor(() => s.log.length === originalLog + 2);
    s.dropAll();
    await expect(withoutKey).rejects.toThrow(/connection was lost/);
    await waitFor(() => s.log.filter((f) => f.idempotency_key === "k1").length === 2);
    withKey.catch(() => {});
  });

  it("is denied with a bad token and does not reconnect until the token changes", async () => {
    const c = await start({ token: "bad" });
    await waitFor(() => c.state === "denied");
    await new Promise((r) => setTimeout(r, 200));
    expect(server?.log.filter((f) => f.type === "hello")).toHaveLength(1);
    await c.updateToken("good");
    await waitFor(() => c.state === "connected");
  });

  it("updates the token in place", async () => {
    const c = await start();
    await waitFor(() => c.state === "connected");
    await c.updateToken("newer");
    expect(server?.token).toBe("newer");
  });
});
