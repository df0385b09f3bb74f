import { ConfabApiError, ErrorCodes, isTwilioErrorBody, twilioError } from "../rest/errors.js";
import type { FormValue } from "../rest/form.js";
import type { BodyOf, OperationId, ParamsOf, ResponseOf } from "../rest/types.js";
import { fullJitterDelay, type BackoffOptions } from "./backoff.js";
import { CloseCodes } from "./close-codes.js";
import { Emitter } from "./emitter.js";
import type { ClientFrame, ServerEventFrame, ServerFrame, SocketEventMap, WelcomeFrame } from "./frames.js";

/** The states a connection moves through; `denied` is final until the token changes. */
export type ConnectionState = "connecting" | "connected" | "disconnecting" | "disconnected" | "denied";

/** The part of the WebSocket API the client uses (the browser's, or the `ws` package's). */
export type WebSocketLike = {
  readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
};
export type WebSocketConstructor = new (url: string) => WebSocketLike;

export type RealtimeClientOptions = {
  /** The socket URL, e.g. `ws://127.0.0.1:4000/v1/socket`. */
  url: string;
  /** The access token, or a function that returns a fresh one (called on every connect). */
  token: string | (() => string | Promise<string>);
  /** The WebSocket implementation; defaults to the global one (pass `ws` on Node 20). */
  WebSocket?: WebSocketConstructor;
  /** Resume from this cursor on the first connect (e.g. one kept from a previous session). */
  cursor?: string | null;
  /** Milliseconds a request waits for its reply, and the handshake for its welcome (default 10 000). */
  requestTimeoutMs?: number;
  backoff?: BackoffOptions;
  /** Start connecting at once (default true). */
  autoConnect?: boolean;
};

export type RequestCallOptions<K extends OperationId> = {
  params?: ParamsOf<K>;
  body?: BodyOf<K> | Record<string, FormValue>;
  /** With a key, a request cut off by a lost connection is sent again after reconnecting. */
  idempotencyKey?: string;
  timeoutMs?: number;
  /** Wait for a connection without a time limit (an offline send); the timeout starts when the request is sent. */
  queue?: boolean;
};

/** Everything the client emits. Socket events come both under their own name and as `event`. */
export type RealtimeClientEvents = SocketEventMap & {
  stateChanged: { state: ConnectionState; previous: ConnectionState; code?: number; reason?: string };
  welcome: WelcomeFrame;
  event: ServerEventFrame;
  tokenAboutToExpire: { expiresAt: string; secondsLeft: number };
  tokenExpired: undefined;
  /** A frame the client could not use; the connection carries on or is replaced. */
  error: Error;
};

type Pending = {
  frame: Extract<ClientFrame, { type: "request" }> | Extract<ClientFrame, { type: "updateToken" }>;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
  startTimer: () => void;
  sent: boolean;
  retryable: boolean;
  /** Queued (offline) requests time out only while sent, never while waiting for a connection. */
  queued: boolean;
};

type FrameFields = NonNullable<Extract<ClientFrame, { type: "request" }>["params"]>;

const OPEN = 1;
/** Close codes after which reconnecting with the same token is pointless. */
const FINAL_CODES = new Set<number>([CloseCodes.denied]);
const SEEN_CURSORS = 256;

/**
 * A client of Confab's realtime socket: the handshake, request/reply with timeouts, typed
 * events, and reconnect with full-jitter backoff that resumes from the last cursor, so the
 * events missed while away arrive once and in order.
 */
export class RealtimeClient extends Emitter<RealtimeClientEvents> {
  private readonly options: RealtimeClientOptions;
  private socket: WebSocketLike | null = null;
  private currentState: ConnectionState = "disconnected";
  private lastCursor: string | null;
  private readonly seenCursors: string[] = [];
  private readonly pending = new Map<string, Pending>();
  private nextId = 1;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private handshakeTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private lastHeard = 0;
  private token: string | null = null;
  /** The token the current connection said hello with. */
  private helloToken: string | null = null;
  private wantConnected = false;

  constructor(options: RealtimeClientOptions) {
    super();
    this.options = options;
    this.lastCursor = options.cursor ?? null;
    if (typeof options.token === "string") this.token = options.token;
    if (options.autoConnect !== false) this.connect();
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  /** The cursor of the last durable event processed; what a reconnect resumes from. */
  get cursor(): string | null {
    return this.lastCursor;
  }

  connect(): void {
    this.wantConnected = true;
    if (this.socket || this.reconnectTimer) return;
    void this.open();
  }

  /** Closes the connection and stops reconnecting; pending requests fail. */
  disconnect(): Promise<void> {
    this.wantConnected = false;
    this.clearTimers();
    const socket = this.socket;
    if (!socket) {
      this.setState("disconnected");
      this.failAll(new Error("The client was disconnected"), () => true);
      return Promise.resolve();
    }
    this.setState("disconnecting");
    return new Promise((resolve) => {
      this.once("stateChanged", () => resolve());
      socket.close(CloseCodes.normal, "client disconnect");
    });
  }

  /** Calls any REST operation over the socket and resolves to its JSON, as the REST client does. */
  request<K extends OperationId>(operation: K, options: RequestCallOptions<K> = {}): Promise<ResponseOf<K>> {
    const frame: Pending["frame"] = {
      type: "request",
      id: String(this.nextId++),
      operation,
      ...(options.params ? { params: options.params as FrameFields } : {}),
      ...(options.body ? { body: options.body as FrameFields } : {}),
      ...(options.idempotencyKey ? { idempotency_key: options.idempotencyKey } : {}),
    };
    return this.track(frame, options.timeoutMs, Boolean(options.idempotencyKey), options.queue) as Promise<ResponseOf<K>>;
  }

  /** Replaces the token on the open connection (and for every later reconnect). */
  async updateToken(token: string): Promise<void> {
    this.token = token;
    if (this.currentState === "denied") {
      this.setState("disconnected");
      this.connect();
      return;
    }
    await this.track({ type: "updateToken", id: String(this.nextId++), token }, undefined, true);
  }

  /** Tells the other participants that this user is typing (Twilio's 5 s timeout applies). */
  typing(conversationSid: string): void {
    this.sendNow({ type: "typing", conversation_sid: conversationSid });
  }

  private track(frame: Pending["frame"], timeoutMs: number | undefined, retryable: boolean, queue = false): Promise<unknown> {
    if (this.currentState === "denied") return Promise.reject(new Error("The connection was denied; update the token first"));
    return new Promise((resolve, reject) => {
      const timeout = timeoutMs ?? this.options.requestTimeoutMs ?? 10_000;
      const entry: Pending = {
        frame,
        resolve,
        reject,
        timer: undefined,
        startTimer: () => {
          entry.timer ??= setTimeout(() => {
            this.pending.delete(frame.id);
            reject(new ConfabApiError(twilioError(408, ErrorCodes.unavailable, `No reply to ${frameLabel(frame)} within ${timeout} ms`)));
          }, timeout);
        },
        sent: false,
        retryable,
        queued: queue,
      };
      this.pending.set(frame.id, entry);
      // A queued request waits for a connection however long it takes; the others time out from now.
      if (!queue) entry.startTimer();
      if (this.currentState === "connected") this.sendPending(entry);
    });
  }

  private sendPending(entry: Pending): void {
    entry.sent = this.sendNow(entry.frame);
    if (entry.sent) entry.startTimer();
  }

  private sendNow(frame: ClientFrame): boolean {
    if (!this.socket || this.socket.readyState !== OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  private async open(): Promise<void> {
    this.setState("connecting");
    try {
      if (typeof this.options.token === "function") this.token = await this.options.token();
    } catch (error) {
      this.emit("error", error instanceof Error ? error : new Error(String(error)));
      this.scheduleReconnect();
      return;
    }
    if (!this.wantConnected) return;
    const Ctor = this.options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!Ctor) throw new Error("No WebSocket implementation: pass one as the WebSocket option (e.g. the ws package on Node 20)");
    const socket = new Ctor(this.options.url);
    this.socket = socket;
    socket.onopen = () => {
      this.lastHeard = Date.now();
      this.helloToken = this.token;
      this.sendNow({ type: "hello", token: this.token ?? "", cursor: this.lastCursor });
      this.handshakeTimer = setTimeout(
        () => socket.close(CloseCodes.handshakeTimeout, "no welcome"),
        this.options.requestTimeoutMs ?? 10_000,
      );
    };
    socket.onmessage = (message) => this.receive(message.data);
    socket.onerror = () => {
      // A close event always follows; that is where the client decides what to do.
    };
    socket.onclose = (event) => this.closed(socket, event.code, event.reason);
  }

  private receive(data: unknown): void {
    this.lastHeard = Date.now();
    let frame: ServerFrame;
    try {
      frame = JSON.parse(typeof data === "string" ? data : new TextDecoder().decode(data as ArrayBuffer)) as ServerFrame;
    } catch {
      this.emit("error", new Error("The server sent a frame that is not JSON"));
      return;
    }
    switch (frame.type) {
      case "welcome":
        this.welcomed(frame);
        return;
      case "reply": {
        const entry = this.pending.get(frame.id);
        if (!entry) return;
        this.pending.delete(frame.id);
        clearTimeout(entry.timer);
        if (frame.error && isTwilioErrorBody(frame.error)) entry.reject(new ConfabApiError(frame.error));
        else entry.resolve(frame.body);
        return;
      }
      case "event":
        this.eventReceived(frame);
        return;
      case "tokenAboutToExpire":
        this.emit("tokenAboutToExpire", { expiresAt: frame.expires_at, secondsLeft: frame.seconds_left });
        return;
      case "tokenExpired":
        this.emit("tokenExpired", undefined);
        return;
      case "pong":
        return;
      case "error":
        this.emit("error", new ConfabApiError(frame.error));
        return;
      default:
        this.emit("error", new Error(`Unknown frame type ${(frame as { type?: unknown }).type}`));
    }
  }

  private welcomed(frame: WelcomeFrame): void {
    if (this.handshakeTimer) clearTimeout(this.handshakeTimer);
    this.handshakeTimer = null;
    this.attempt = 0;
    if (frame.resume === "reset") this.seenCursors.length = 0;
    if (frame.resume !== "complete") this.lastCursor = frame.cursor;
    this.setState("connected");
    this.emit("welcome", frame);
    this.startKeepalive(frame.ping_interval_ms);
    for (const entry of this.pending.values()) if (!entry.sent) this.sendPending(entry);
  }

  private eventReceived(frame: ServerEventFrame): void {
    const cursor = "cursor" in frame ? (frame.cursor as string | undefined) : undefined;
    if (cursor !== undefined) {
      // Delivered once: an event replayed across a reconnect is dropped here.
      if (this.seenCursors.includes(cursor)) return;
      this.seenCursors.push(cursor);
      if (this.seenCursors.length > SEEN_CURSORS) this.seenCursors.shift();
      this.lastCursor = cursor;
    }
    this.emit("event", frame);
    this.emit(frame.event as keyof SocketEventMap, frame.data as never);
  }

  private startKeepalive(intervalMs: number): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (!intervalMs || intervalMs <= 0) return;
    this.pingTimer = setInterval(() => {
      if (Date.now() - this.lastHeard > intervalMs * 2) {
        // Nothing heard for two intervals: the connection is dead even if no close came.
        this.socket?.close(CloseCodes.goingAway, "keepalive timeout");
        return;
      }
      this.sendNow({ type: "ping" });
    }, intervalMs);
  }

  private closed(socket: WebSocketLike, code: number, reason: string): void {
    if (socket !== this.socket) return;
    this.socket = null;
    this.clearTimers();
    // Requests that reached the server may have taken effect: only those safe to repeat wait.
    this.failAll(
      new ConfabApiError(twilioError(503, ErrorCodes.unavailable, "The connection was lost before the reply")),
      (p) => p.sent && !p.retryable,
    );
    for (const entry of this.pending.values()) {
      entry.sent = false;
      if (entry.queued) {
        clearTimeout(entry.timer);
        entry.timer = undefined;
      }
    }

    if (FINAL_CODES.has(code)) {
      this.wantConnected = false;
      this.failAll(new ConfabApiError(twilioError(401, ErrorCodes.unauthenticated, reason || "Access denied")), () => true);
      this.setState("denied", code, reason);
      return;
    }
    if (!this.wantConnected) {
      this.failAll(new Error("The client was disconnected"), () => true);
      this.setState("disconnected", code, reason);
      return;
    }
    // A token given by updateToken while the old one was expiring: reconnect with it.
    if (code === CloseCodes.tokenExpired && typeof this.options.token !== "function" && this.token === this.helloToken) {
      this.wantConnected = false;
      this.setState("denied", code, reason);
      return;
    }
    this.setState("disconnected", code, reason);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (!this.wantConnected || this.reconnectTimer) return;
    const delay = fullJitterDelay(this.attempt++, this.options.backoff);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.wantConnected) void this.open();
    }, delay);
  }

  private failAll(error: Error, which: (p: Pending) => boolean): void {
    for (const [id, entry] of this.pending) {
      if (!which(entry)) continue;
      clearTimeout(entry.timer);
      this.pending.delete(id);
      entry.reject(error);
    }
  }

  private clearTimers(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.handshakeTimer) clearTimeout(this.handshakeTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.reconnectTimer = this.handshakeTimer = this.pingTimer = null;
  }

  private setState(state: ConnectionState, code?: number, reason?: string): void {
    if (state === this.currentState) return;
    const previous = this.currentState;
    this.currentState = state;
    this.emit("stateChanged", { state, previous, ...(code !== undefined ? { code } : {}), ...(reason ? { reason } : {}) });
  }
}

function frameLabel(frame: Pending["frame"]): string {
  return frame.type === "request" ? `${frame.operation} (request ${frame.id})` : `updateToken (request ${frame.id})`;
}
