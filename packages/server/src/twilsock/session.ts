import { randomBytes } from "node:crypto";
import {
  checkCompatRequest,
  compatResponseMismatch,
  describeValidationError,
  ErrorCodes,
  frameValidator,
  type Router,
  twilioError,
} from "@confab/protocol/server";
import type { WebSocket } from "ws";
import type { StreamDelivery } from "../bus/index.js";
import type { Actor, Core } from "../core/context.js";
import { ensureUser } from "../core/users.js";
import type { RealtimeHub, StreamSubscriber } from "../realtime/hub.js";
import type { RealtimeOptions } from "../realtime/options.js";
import { type SessionIdentity, userActor, verifySessionToken } from "../auth/session-token.js";
import { positionOf, START } from "../realtime/cursor.js";
import { SessionTimers } from "../realtime/session-timers.js";
import { latestPosition, readStream } from "../realtime/stream-reader.js";
import { streamOf } from "../store/index.js";
import type { TunnelContext, TunnelRequest, TunnelResponse } from "./aim/context.js";
import { decodeFrame, encodeFrame, type TwilsockFrame, type TwilsockHeader } from "./framing.js";
import { Subscriptions } from "./sync/subscriptions.js";
import { route } from "./tunnel.js";
import { tunnelError } from "./tunnel-error.js";

/** The spec's header schema of each client method (spec/asyncapi/twilsock.yaml), by method. */
const HEADER_SCHEMAS: Record<string, string> = {
  init: "init",
  update: "update",
  message: "message",
  "telemetry.v1": "telemetry",
  close: "clientClose",
  reply: "ack",
};

/** What the init reply confirms of the capabilities a client asks for. */
const CAPABILITIES = ["client_update", "offline_storage", "telemetry.v1"];

type Phase = "init" | "ready" | "closed";

/**
 * One twilsock connection of an official Twilio SDK (twilsock V3.0): `init` with the token,
 * `message` frames tunnelling the client API and Sync reads, `update` for a new token,
 * notifications for the Sync objects it subscribed to, built from the user's stream.
 */
export class TwilsockSession implements StreamSubscriber {
  private phase: Phase = "init";
  private who: SessionIdentity | null = null;
  private actor: Actor | null = null;
  private frameCounter = 0;
  private readonly timers = new SessionTimers();
  /** Work in the order it came: stream events and subscription replays never overtake each other. */
  private queue: Promise<void> = Promise.resolve();
  private readonly subscriptions: Subscriptions;
  /** In a cluster: the last stream event handled, and whether a read of newer ones is queued. */
  private streamPosition = START;
  private readQueued = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly core: Core,
    private readonly router: Router,
    private readonly hub: RealtimeHub,
    private readonly options: RealtimeOptions,
    private readonly base: string,
  ) {
    this.subscriptions = new Subscriptions(core, base, (messageType, payload) => this.notify(messageType, payload));
    this.timers.later(options.handshakeTimeoutMs, () => {
      if (this.phase === "init") this.socket.close(1000, "no init");
    });
    socket.on("message", (data: Buffer) => {
      let frame: TwilsockFrame;
      try {
        frame = decodeFrame(new Uint8Array(data));
      } catch {
        // The protocol's "could not parse" close: the client treats it as fatal.
        this.sendClose(406, "Protocol error");
        return;
      }
      void this.receive(frame).catch((error) => {
        this.options.onError(error);
        if (frame.header.method !== "reply") this.reply(frame.header.id, { code: 500, status: "Internal Server Error" });
      });
    });
    socket.on("close", () => this.closed());
    socket.on("error", () => this.closed());
  }

  get key(): string | null {
    return this.who ? streamOf(this.who.service.sid, this.who.identity) : null;
  }

  get identity(): SessionIdentity | null {
    return this.who;
  }

  deliver(frame: StreamDelivery["frame"]): void {
    const who = this.who;
    if (!who || this.phase !== "ready") return;
    if (frame.cursor !== undefined && this.hub.readsFromStore) {
      // In a cluster the bus only says there is something new: read it, in stream order.
      if ((positionOf(frame.cursor) ?? START) > this.streamPosition) this.readNewEvents(who);
      return;
    }
    this.enqueue(async () => {
      if (frame.event === "typingStarted") {
        const data = frame.data as { conversation_sid: string; identity: string };
        this.notify("twilio.ipmsg.typing_indicator", {
          channel_sid: data.conversation_sid,
          identity: data.identity,
          typing_timeout: Math.round(this.options.typingTimeoutMs / 1000),
        });
        return;
      }
      await this.subscriptions.live(who, frame);
    });
  }

  resync(): void {
    if (this.who && this.phase === "ready") this.readNewEvents(this.who);
  }

  /**
   * Hands the Sync subscriptions the stream's events after the last one handled, read from the
   * store, in the connection's work queue; notifications that come while a read is queued join it.
   */
  private readNewEvents(who: SessionIdentity): void {
    if (this.readQueued) return;
    this.readQueued = true;
    this.enqueue(async () => {
      this.readQueued = false;
      const frames: [StreamDelivery["frame"], number][] = [];
      await readStream(this.core, streamOf(who.service.sid, who.identity), this.streamPosition, (frame, position) => {
        frames.push([frame, position]);
        return true;
      });
      for (const [frame, position] of frames) {
        this.streamPosition = position;
        await this.subscriptions.live(who, frame);
      }
    });
  }

  close(code: number, reason: string): void {
    this.sendClose(code === 1001 ? 308 : 500, reason);
    this.socket.close(1000, reason);
    this.closed();
  }

  private async receive(frame: TwilsockFrame): Promise<void> {
    const { header } = frame;
    const validate = frameValidator(`twilsock_${HEADER_SCHEMAS[header.method] ?? "none"}_headers`);
    if (validate && !validate(header)) {
      // A request the protocol does not allow is refused like a bad HTTP request; acks are dropped.
      if (header.method !== "reply") {
        this.reply(header.id, {
          code: 400,
          status: "Bad Request",
          description: describeValidationError(validate.errors?.[0], `${header.method} header`),
        });
      }
      return;
    }
    switch (header.method) {
      case "reply":
        return; // acknowledgements of our notifications
      case "init":
        return this.init(header);
      case "update":
        return this.update(header);
      case "close":
        this.socket.close(1000, "client closed");
        return;
      case "telemetry.v1":
        this.reply(header.id, { code: 200, status: "OK" });
        return;
      case "message":
        if (this.phase !== "ready") return this.reply(header.id, { code: 401, status: "Unauthorized", description: "Send init first" });
        return this.message(header, frame.payload);
      default:
        // Anything else (notification contexts, pings) is acknowledged and needs nothing more here.
        this.reply(header.id, { code: 200, status: "OK" });
    }
  }

  private async init(header: TwilsockHeader): Promise<void> {
    const checked = await verifySessionToken(this.core, String(header.token ?? ""));
    if ("error" in checked) {
      this.reply(header.id, { code: 401, status: "Unauthorized", errorCode: checked.error.code, description: checked.error.message });
      return;
    }
    this.who = checked;
    this.actor = userActor(checked);
    await ensureUser(this.core, checked.service, checked.identity);
    this.phase = "ready";
    this.hub.register(this);
    if (this.hub.readsFromStore) {
      // Live events start after the stream's end as of now; what came before, a Sync
      // subscription replays from the client's last_event_id.
      const key = streamOf(checked.service.sid, checked.identity);
      this.enqueue(async () => {
        this.streamPosition = await latestPosition(this.core, key);
      });
    }
    this.hub.online(this);
    const asked = Array.isArray(header.capabilities) ? (header.capabilities as string[]) : [];
    this.reply(
      header.id,
      { code: 200, status: "OK" },
      {
        continuation_token: randomBytes(16).toString("hex"),
        continuation_token_status: { reissued: true },
        capabilities: CAPABILITIES.filter((c) => asked.includes(c)),
        offline_storage: { ip_messaging: { storage_id: `${checked.service.sid}.${checked.identity}` } },
        init_registrations: [],
        debug_info: {},
      },
    );
    this.scheduleExpiry();
  }

  private async update(header: TwilsockHeader): Promise<void> {
    const checked = await verifySessionToken(this.core, String(header.token ?? ""));
    const current = this.who;
    if ("error" in checked || !current || checked.identity !== current.identity || checked.service.sid !== current.service.sid) {
      const code = "error" in checked ? checked.error.code : 20101;
      this.reply(header.id, {
        code: 401,
        status: "Unauthorized",
        errorCode: code,
        description: "The new token is not valid for this session",
      });
      return;
    }
    this.who = { ...current, expiresAt: checked.expiresAt };
    this.scheduleExpiry();
    this.reply(header.id, { code: 200, status: "OK" });
  }

  private async message(header: TwilsockHeader, payload: unknown): Promise<void> {
    const http = header.http_request as
      | { path?: string; method?: string; params?: Record<string, string>; headers?: Record<string, string> }
      | undefined;
    if (!http?.path || !http.method) return this.reply(header.id, { code: 400, status: "Bad Request", description: "No http_request" });
    const [path, search] = http.path.split("?") as [string, string | undefined];
    const query = { ...Object.fromEntries(new URLSearchParams(search ?? "")), ...(http.params ?? {}) };
    const request: TunnelRequest = { method: http.method.toUpperCase(), path, query, headers: http.headers ?? {}, body: payload };
    const ctx: TunnelContext = {
      core: this.core,
      router: this.router,
      hub: this.hub,
      session: this,
      who: this.who as SessionIdentity,
      actor: this.actor as Actor,
      base: this.base,
    };
    const response = await this.answerTunnelled(ctx, request);
    this.reply(
      header.id,
      { code: 200, status: "OK" },
      { http_status: { code: response.status, status: response.status < 400 ? "OK" : "Error" }, http_headers: {} },
      response.body,
    );
  }

  /**
   * Every tunnelled request is checked against spec/openapi-compat with the generated validators
   * before it reaches a route, as REST requests are by the router: what is not in the spec is a
   * 404, what does not match it a 400 in Twilio's shape.
   */
  private async answerTunnelled(ctx: TunnelContext, request: TunnelRequest): Promise<TunnelResponse> {
    const checked = checkCompatRequest(request);
    const notFound = { status: 404, body: twilioError(404, ErrorCodes.notFound, `No resource at ${request.path}`) };
    if (checked === null) return notFound;
    if ("error" in checked) return { status: checked.error.status, body: checked.error };
    const response = checked.operation === "CreateSyncSubscription" ? this.subscribe(request) : ((await route(ctx, request)) ?? notFound);
    if (this.options.validateResponses && response.status < 300 && response.body !== undefined) {
      const mismatch = compatResponseMismatch(checked.operation, response.body);
      if (mismatch) {
        this.options.onError(new Error(`${checked.operation} answered with a body that does not match spec/openapi-compat: ${mismatch}`));
        return { status: 500, body: twilioError(500, ErrorCodes.internal, "Internal server error") };
      }
    }
    return response;
  }

  /** `POST /v4/Subscriptions`: answered at once; the replay and the outcome follow as notifications, in stream order. */
  private subscribe(request: TunnelRequest): TunnelResponse {
    const who = this.who as SessionIdentity;
    const body = request.body as {
      action?: string;
      correlation_id?: number;
      requests?: { object_sid: string; object_type: string; last_event_id?: number }[];
    };
    const requests = typeof body === "object" && body !== null && Array.isArray(body.requests) ? body.requests : [];
    const wellFormed = requests.every(
      (r: unknown) =>
        typeof r === "object" &&
        r !== null &&
        typeof (r as { object_sid?: unknown }).object_sid === "string" &&
        typeof (r as { object_type?: unknown }).object_type === "string",
    );
    if (typeof body !== "object" || body === null || (body.action !== "establish" && body.action !== "cancel") || !wellFormed) {
      return tunnelError(
        400,
        ErrorCodes.invalidParameter,
        'Expected {"action": "establish" or "cancel", "requests": [{"object_sid": "…", "object_type": "…"}]}',
      );
    }
    this.enqueue(() =>
      body.action === "cancel"
        ? Promise.resolve(this.subscriptions.cancel(requests))
        : this.subscriptions.establish(who, body.correlation_id ?? 0, requests),
    );
    return { status: 200, body: { max_batch_size: 100, ttl_in_s: -1, estimated_delivery_in_ms: 5000 } };
  }

  private scheduleExpiry(): void {
    this.timers.tokenExpiry(
      (this.who as SessionIdentity).expiresAt,
      this.core.now,
      this.options.tokenWarningMs,
      () => this.send({ method: "client_update", client_update_type: "token_about_to_expire" }),
      () => {
        this.sendClose(410, "Token expired");
        this.socket.close(1000, "token expired");
      },
    );
  }

  private notify(messageType: string, payload: unknown): void {
    this.send({ method: "notification", message_type: messageType, payload_type: "application/json" }, payload);
  }

  private reply(id: string, status: Record<string, unknown>, extra: Record<string, unknown> = {}, payload?: unknown): void {
    this.send({ method: "reply", id, status, ...extra }, payload);
  }

  private sendClose(code: number, status: string): void {
    this.send({ method: "close", status: { code, status } });
  }

  private send(header: Omit<TwilsockHeader, "id"> & { id?: string }, payload?: unknown): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    const id = header.id ?? `TM${(++this.frameCounter).toString(16).padStart(32, "0")}`;
    this.socket.send(encodeFrame({ ...header, id } as TwilsockHeader, payload));
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((error) => this.options.onError(error));
  }

  private closed(): void {
    if (this.phase === "closed") return;
    this.phase = "closed";
    this.timers.clear();
    this.hub.unregister(this);
  }
}
