import type { RunningServer } from "../../src/index.js";
import { type Frame, TestSocket } from "./socket-client.js";

/**
 * A native-socket client that behaves as the SDK does when its connection breaks: it connects
 * again (through whatever load balancer `url` is) with the cursor of the last event it got, and
 * retries a request that got no answer with the same idempotency key.
 */
export class ResumingSocket {
  readonly sockets: TestSocket[] = [];
  private current: Promise<TestSocket>;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {
    this.current = this.open(undefined);
  }

  /** Resolves with the open socket (after a reconnect, the new one). */
  connected(): Promise<TestSocket> {
    return this.current;
  }

  /** Every frame received, over all the sockets, in order. */
  get frames(): Frame[] {
    return this.sockets.flatMap((socket) => socket.frames);
  }

  /** Durable events received, optionally of one name. */
  events(name?: string): Frame[] {
    return this.sockets.flatMap((socket) => socket.events(name));
  }

  /** The cursor to resume from: the last durable event's, or the first welcome's. */
  private cursor(): string | undefined {
    const withCursor = this.frames.filter((f) => (f.type === "event" || f.type === "welcome") && typeof f.cursor === "string");
    return withCursor.at(-1)?.cursor;
  }

  private async open(cursor: string | undefined): Promise<TestSocket> {
    for (let attempt = 0; ; attempt++) {
      try {
        const socket = await TestSocket.connect({ url: this.url } as RunningServer, this.token, cursor);
        this.sockets.push(socket);
        void socket.closed.then(() => {
          if (!this.stopped) this.current = this.open(this.cursor());
        });
        return socket;
      } catch (error) {
        if (this.stopped || attempt > 100) throw error;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  /** A REST operation over the socket, retried on the next socket until answered. */
  async request(operation: string, params: Record<string, unknown>, body: Record<string, unknown>, idempotencyKey: string): Promise<Frame> {
    for (let attempt = 0; ; attempt++) {
      const socket = await this.current;
      try {
        return await socket.request(operation, params, body, idempotencyKey);
      } catch (error) {
        if (attempt > 50) throw error;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  close(): void {
    this.stopped = true;
    for (const socket of this.sockets) socket.ws.terminate();
  }
}
