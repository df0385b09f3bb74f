import { randomUUID } from "node:crypto";
import { ErrorCodes, frameValidator, type Router, twilioError, type TwilioErrorBody } from "@confab/protocol/server";
import { CloseCodes } from "@confab/protocol/socket";
import type { WebSocket } from "ws";
import type { StreamDelivery } from "../bus/index.js";
import type { Actor, Core } from "../core/context.js";
import { ensureUser } from "../core/users.js";
import { streamOf } from "../store/index.js";
import { closeReason } from "./close-reason.js";
import { cursorOf, positionOf, START } from "./cursor.js";
import type { RealtimeHub, StreamSubscriber } from "./hub.js";
import type { RealtimeOptions } from "./options.js";
import { type SessionIdentity, userActor, verifySessionToken } from "../auth/session-token.js";
import { streamFloor } from "./retention.js";
import { SessionTimers } from "./session-timers.js";
import { latestPosition, readStream } from "./stream-reader.js";
import { type RequestFrame, runOperation } from "./socket-request.js";

type Frame = StreamDelivery["frame"];
type Phase = "handshake" | "welcoming" | "replaying" | "live" | "closed";

/**
 * One socket's session, from `hello` to close (spec/asyncapi/realtime.yaml): the handshake and
 * resume, requests run through the REST router as the session's user, typing, token renewal and
 * expiry, and delivery of the user's stream with back-pressure.
 */
export class Session implements StreamSubscriber {
  readonly id = randomUUID();
  private phase: Phase = "handshake";
  private who: SessionIdentity | null = null;
  private actor: Actor | null = null;
  /** Position of the last durable event sent; live events at or before it are not sent again. */
  private sentPosition = START;
  /** Live events that arrived while the replay was running. */
  private held: Frame[] = [];
  /** Reading the stream from the store (in a cluster); `readAgain` when more arrived meanwhile. */
  private reading = false;
  private readAgain = false;
  /** Frames the bus announced and not yet sent, by position: a read sends them without reading their payload. */
  private readonly announced = new Map<number, Frame>();
  private readonly timers = new SessionTimers();
  private lastHeard = Date.now();

  constructor(
    private readonly socket: WebSocket,
    private readonly core: Core,
    private readonly router: Router,
    private readonly hub: RealtimeHub,
    private readonly options: RealtimeOptions,
  ) {
    this.timers.later(options.handshakeTimeoutMs, () => {
      if (this.phase === "handshake") this.close(CloseCodes.handshakeTimeout, "no hello");
    });
    socket.on("message", (data, isBinary) => {
      this.lastHeard = Date.now();
      if (isBinary) return this.protocolError("Binary frames are not part of this protocol");
      void this.receive(data.toString()).catch((error) => {
        this.options.onError(error);
        this.close(1011, "internal error");
      });
    });
    socket.on("close", () => this.closed());
    socket.on("error", () => this.closed());
  }

  /** The stream and user this session delivers, once `hello` was accepted. */
  get key(): string | null {
    return this.who ? streamOf(this.who.service.sid, this.who.identity) : null;
  }

  get identity(): SessionIdentity | null {
    return this.who;
  }

  /** A frame for this session's user: sent now, held during the replay, dropped if already sent. */
  deliver(frame: Frame): void {
    if (this.phase === "replaying" || this.phase === "welcoming") {
      this.held.push(frame);
      return;
    }
    if (this.phase !== "live") return;
    if (frame.cursor !== undefined && this.hub.readsFromStore) {
      // In a cluster the bus only says there is something new: read it, in stream order.
      const position = positionOf(frame.cursor) ?? START;
      if (position <= this.sentPosition) return;
      this.announced.set(position, frame);
      this.readNewEvents();
      return;
    }
    this.sendEvent(frame);
  }

  resync(): void {
    if (this.phase === "live") this.readNewEvents();
  }

  /** Closes the socket (server shutdown: 1001; the client resumes elsewhere). */
  close(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) {
      this.socket.close(code, closeReason(reason));
    }
    this.closed();
  }

  private async receive(text: string): Promise<void> {
    let frame: { type?: unknown } & Record<string, unknown>;
    try {
      frame = JSON.parse(text);
    } catch {
      return this.protocolError("A frame must be one JSON object");
    }
    const type = typeof frame?.type === "string" ? frame.type : "";
    const validate = ["hello", "request", "updateToken", "typing", "ping"].includes(type) ? frameValidator(type) : undefined;
    if (!validate) return this.protocolError(`Unknown frame type ${JSON.stringify(frame?.type)}`);
    if (!validate(frame)) return this.protocolError(`Invalid ${type} frame: ${validate.errors?.[0]?.message ?? "invalid"}`);
    if (this.phase === "handshake") {
      if (type !== "hello") return this.protocolError("The first frame must be hello");
      return this.hello(frame.token as string, (frame.cursor as string | null | undefined) ?? null);
    }
    if (type === "hello") return this.protocolError("hello may be sent only once");
    if (this.phase === "welcoming") return this.protocolError("Wait for welcome before sending frames");
    if (this.phase === "closed") return;
    switch (type) {
      case "ping":
        this.send({ type: "pong", ...(frame.id !== undefined ? { id: frame.id } : {}) });
        return;
      case "request":
        return this.request(frame as unknown as RequestFrame);
      case "updateToken":
        return this.updateToken(frame.id as string, frame.token as string);
      case "typing":
        await this.hub.typing(this, frame.conversation_sid as string);
        return;
    }
  }

  private async hello(token: string, cursor: string | null): Promise<void> {
    this.phase = "welcoming";
    const checked = await verifySessionToken(this.core, token);
    if ("error" in checked) return this.deny(checked.error);
    this.who = { ...checked, service: this.hub.sharedService(checked.service) };
    this.actor = userActor(checked);
    await ensureUser(this.core, checked.service, checked.identity);
    // Registered before reading the stream: an event committed from here on is either in the
    // replay or held, never in neither.
    this.hub.register(this);
    const key = streamOf(checked.service.sid, checked.identity);
    const latest = await latestPosition(this.core, key);
    const from = cursor === null ? null : positionOf(cursor);
    // A cursor from the future (another server's) or from before what retention dropped cannot resume.
    const tooOld = from !== null && from < (await streamFloor(this.core, checked.service.sid));
    const resume = cursor === null ? "none" : from === null || from > latest || tooOld ? "reset" : "complete";
    this.sentPosition = resume === "complete" ? (from as number) : latest;
    this.phase = "replaying";
    this.send({
      type: "welcome",
      session_id: this.id,
      identity: checked.identity,
      chat_service_sid: checked.service.sid,
      cursor: cursorOf(resume === "complete" ? (from as number) : latest),
      resume,
      token_expires_at: checked.expiresAt.toISOString(),
      ping_interval_ms: this.options.pingIntervalMs,
      reachability_enabled: checked.service.reachabilityEnabled,
    });
    this.scheduleExpiry();
    this.watchLiveness();
    if (resume === "complete") await this.replay(key);
    if (this.phase !== "replaying") return;
    this.phase = "live";
    const held = this.held;
    this.held = [];
    for (const frame of held) this.deliver(frame);
    this.hub.online(this);
  }

  /**
   * Sends the stream's events after the last one sent, read from the store: one read at a time,
   * and one more if new events were announced during it. Every event is sent once, in order,
   * whatever order the bus announced them in.
   */
  private readNewEvents(): void {
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = true;
    const key = this.key as string;
    void (async () => {
      do {
        this.readAgain = false;
        await readStream(
          this.core,
          key,
          this.sentPosition,
          (frame) => {
            if (this.phase !== "live") return false;
            this.sendEvent(frame);
            return true;
          },
          () => this.drained(),
          (position) => this.announced.get(position),
        );
        for (const position of this.announced.keys()) if (position <= this.sentPosition) this.announced.delete(position);
      } while (this.readAgain && this.phase === "live");
    })()
      .catch((error) => {
        this.options.onError(error);
        this.close(1011, "internal error");
      })
      .finally(() => {
        this.reading = false;
      });
  }

  /** Sends every stored event after the resume point, waiting for the socket to drain between reads. */
  private replay(key: string): Promise<void> {
    return readStream(
      this.core,
      key,
      this.sentPosition,
      (frame, position) => {
        if (this.phase !== "replaying") return false;
        this.sentPosition = position;
        this.send(frame);
        return true;
      },
      () => this.drained(),
    );
  }

  private sendEvent(frame: Frame): void {
    if (frame.cursor !== undefined) {
      const position = positionOf(frame.cursor) ?? START;
      if (position <= this.sentPosition) return;
      this.sentPosition = position;
    }
    if (this.socket.bufferedAmount > this.options.maxQueueBytes) {
      // The client reads too slowly: it resumes from its cursor on a new socket instead of
      // holding this node's memory (and every other client's share of it).
      this.close(CloseCodes.tooSlow, "send queue overflow");
      return;
    }
    this.send(frame);
  }

  private async request(frame: RequestFrame): Promise<void> {
    const outcome = await runOperation(this.router, this.actor as Actor, frame);
    this.send({ type: "reply", id: frame.id, ...outcome });
  }

  private async updateToken(id: string, token: string): Promise<void> {
    const checked = await verifySessionToken(this.core, token);
    const current = this.who as SessionIdentity;
    if ("error" in checked) {
      this.send({ type: "reply", id, status: checked.error.status, error: checked.error });
      return;
    }
    if (checked.accountSid !== current.accountSid || checked.service.sid !== current.service.sid || checked.identity !== current.identity) {
      const error = twilioError(403, ErrorCodes.forbidden, "The new token must be for the same account, service and identity");
      this.send({ type: "reply", id, status: 403, error });
      return;
    }
    this.who = { ...current, expiresAt: checked.expiresAt };
    this.scheduleExpiry();
    this.send({ type: "reply", id, status: 200, body: { token_expires_at: checked.expiresAt.toISOString() } });
  }

  private scheduleExpiry(): void {
    const expiresAt = (this.who as SessionIdentity).expiresAt;
    this.timers.tokenExpiry(
      expiresAt,
      this.core.now,
      this.options.tokenWarningMs,
      (secondsLeft) => this.send({ type: "tokenAboutToExpire", expires_at: expiresAt.toISOString(), seconds_left: secondsLeft }),
      () => {
        this.send({ type: "tokenExpired" });
        this.close(CloseCodes.tokenExpired, "token expired");
      },
    );
  }

  /** A client that stays silent for two and a half ping intervals is gone, whatever TCP says. */
  private watchLiveness(): void {
    const interval = this.options.pingIntervalMs;
    const check = () => {
      if (Date.now() - this.lastHeard > interval * 2.5) return this.close(CloseCodes.goingAway, "keepalive timeout");
      this.timers.later(interval, check);
    };
    this.timers.later(interval, check);
  }

  private drained(): Promise<void> {
    if (this.socket.bufferedAmount < this.options.maxQueueBytes / 2) return Promise.resolve();
    return new Promise((resolve) => {
      const poll = () =>
        this.phase === "closed" || this.socket.bufferedAmount < this.options.maxQueueBytes / 2 ? resolve() : this.timers.later(10, poll);
      poll();
    });
  }

  private deny(error: TwilioErrorBody): void {
    this.send({ type: "error", error });
    this.close(CloseCodes.denied, error.message.slice(0, 100));
  }

  private protocolError(message: string): void {
    this.send({ type: "error", error: twilioError(400, ErrorCodes.invalidParameter, message) });
    this.close(CloseCodes.protocolError, message.slice(0, 100));
  }

  private send(frame: object): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  private closed(): void {
    if (this.phase === "closed") return;
    this.phase = "closed";
    this.timers.clear();
    this.held = [];
    this.announced.clear();
    this.hub.unregister(this);
  }
}
