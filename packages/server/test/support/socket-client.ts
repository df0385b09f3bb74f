import WebSocket from "ws";
import type { RunningServer } from "../../src/index.js";

export type Frame = { type: string; [key: string]: any };

/**
 * A frame-level client of the native socket for tests: records every frame, waits for the ones a
 * test expects, and exposes the raw `ws` socket for breaking things.
 */
export class TestSocket {
  readonly frames: Frame[] = [];
  readonly ws: WebSocket;
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly opened: Promise<void>;
  private waiters: { match: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  private nextId = 1;

  constructor(server: RunningServer) {
    this.ws = new WebSocket(`${server.url.replace(/^http/, "ws")}/v1/socket`);
    this.opened = new Promise((resolve, reject) => {
      this.ws.once("open", () => resolve());
      this.ws.once("error", reject);
    });
    this.closed = new Promise((resolve) => this.ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
    this.ws.on("message", (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      this.frames.push(frame);
      const matched = this.waiters.filter((w) => w.match(frame));
      this.waiters = this.waiters.filter((w) => !matched.includes(w));
      for (const waiter of matched) waiter.resolve(frame);
    });
  }

  /** Opens a socket and completes the handshake; resolves once `welcome` arrived. */
  static async connect(server: RunningServer, token: string, cursor?: string | null): Promise<TestSocket> {
    const socket = new TestSocket(server);
    await socket.opened;
    socket.send({ type: "hello", token, ...(cursor !== undefined ? { cursor } : {}) });
    const first = await socket.next((f) => f.type === "welcome" || f.type === "error");
    if (first.type !== "welcome") throw new Error(`Handshake refused: ${JSON.stringify(first)}`);
    return socket;
  }

  send(frame: object): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** The first frame (already received or not) matching, or a timeout error. */
  next(match: (f: Frame) => boolean, timeoutMs = 5000, from = 0): Promise<Frame> {
    const seen = this.frames.slice(from).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`No matching frame within ${timeoutMs} ms; got ${this.frames.map((f) => f.event ?? f.type).join(",")}`)),
        timeoutMs,
      );
      this.waiters.push({
        match,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  }

  /** Durable events received so far, optionally of one name. */
  events(name?: string): Frame[] {
    return this.frames.filter((f) => f.type === "event" && f.cursor !== undefined && (name === undefined || f.event === name));
  }

  /** Waits until `count` events of `name` arrived. */
  async waitForEvents(name: string, count: number, timeoutMs = 5000): Promise<Frame[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.events(name).length < count) {
      if (Date.now() > deadline) throw new Error(`Only ${this.events(name).length} of ${count} ${name} events arrived`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.events(name);
  }

  /** Runs a REST operation over the socket; resolves to the reply frame. */
  async request(
    operation: string,
    params: Record<string, unknown> = {},
    body?: Record<string, unknown>,
    idempotencyKey?: string,
  ): Promise<Frame> {
    const id = `r${this.nextId++}`;
    this.send({
      type: "request",
      id,
      operation,
      params,
      ...(body ? { body } : {}),
      ...(idempotencyKey ? { idempotency_key: idempotencyKey } : {}),
    });
    return this.next((f) => f.type === "reply" && f.id === id);
  }

  close(): Promise<{ code: number; reason: string }> {
    this.ws.close(1000);
    return this.closed;
  }
}
