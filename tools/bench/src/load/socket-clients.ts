/**
 * A load generator process: holds many light socket clients (plain `ws` or `socket.io-client`,
 * not the SDK) for one target server, and on command makes the first member of each
 * conversation speak while every member records how long each message took to reach it.
 * Driven by its parent over IPC (protocol.ts).
 */
import { io, type Socket } from "socket.io-client";
import WebSocket from "ws";
import { Histogram } from "../stats.js";
import { type ClientSpec, epochNow, type FromGenerator, type PhaseReport, type Target, type ToGenerator } from "./protocol.js";

/** One connection, whatever the target: send a payload to a room, hear payloads. */
interface Connection {
  spec: ClientSpec;
  send(room: string, payload: string): void;
  /** Tells the server this idle client is alive (Confab drops a socket silent for 2.5 ping intervals). */
  keepAlive?(): void;
  close(): void;
}

type Payload = { p: number; t: number; s: number };

const CONNECT_CONCURRENCY = 50;
const CONNECT_TIMEOUT_MS = 30_000;
const PING_EVERY_MS = 20_000;
/**
 * At most this many conversations speak at once, whatever the number of clients: the offered
 * load (messages in flight) stays the same from 1,000 to 10,000 clients, so the figures show
 * what more connections and bigger conversations cost, not a deeper queue.
 */
const SPEAKING = 100;

const connections = new Map<number, Connection>();
let phase: { size: number; until: number } | null = null;
let stats = freshStats();
let requestId = 0;

function freshStats(): Omit<PhaseReport, "histogram" | "inFlight"> & { histogram: Histogram } {
  return { sent: 0, delivered: 0, lastAt: 0, histogram: new Histogram(), errors: [] };
}

/** Messages sent that have not come back to their speaker yet (nor failed). */
let inFlight = 0;

function send(message: FromGenerator): void {
  process.send?.(message);
}

function speak(connection: Connection): void {
  if (!phase || epochNow() >= phase.until) return;
  const payload: Payload = { p: phase.size, t: epochNow(), s: connection.spec.id };
  inFlight++;
  connection.send(connection.spec.rooms[phase.size] as string, JSON.stringify(payload));
}

/** The first member of each of the first SPEAKING conversations of this size. */
function speaks(id: number, size: number): boolean {
  return id % size === 0 && id / size < SPEAKING;
}

function heard(connection: Connection, text: string): void {
  let payload: Payload;
  try {
    payload = JSON.parse(text);
  } catch {
    return;
  }
  if (!phase || payload.p !== phase.size) return;
  if (payload.s === connection.spec.id) {
    // Its own message came back: created and fanned out; the next one goes.
    stats.sent++;
    inFlight--;
    speak(connection);
    return;
  }
  const now = epochNow();
  stats.delivered++;
  stats.lastAt = Math.max(stats.lastAt, now);
  stats.histogram.add(now - payload.t);
}

function error(message: string): void {
  if (stats.errors.length < 20) stats.errors.push(message);
}

/** Confab's native socket (spec/asyncapi/realtime.yaml): hello → welcome, requests, messageAdded events. */
function confab(url: string, spec: ClientSpec): Promise<Connection> {
  return new Promise((ready, fail) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const connection: Connection = {
      spec,
      send(room, payload) {
        const id = `r${++requestId}`;
        ws.send(
          JSON.stringify({
            type: "request",
            id,
            operation: "CreateConversationMessage",
            params: { ConversationSid: room },
            body: { Body: payload },
          }),
        );
      },
      keepAlive: () => ws.send('{"type":"ping"}'),
      close: () => ws.close(),
    };
    ws.on("open", () => ws.send(JSON.stringify({ type: "hello", token: spec.token, cursor: null })));
    ws.on("error", (e) => fail(e));
    ws.on("message", (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.type === "welcome") ready(connection);
      else if (frame.type === "event" && frame.event === "messageAdded") heard(connection, frame.data.body);
      else if (frame.type === "reply" && frame.status >= 400) {
        error(`${frame.status} ${frame.error?.message}`);
        inFlight--;
        // Not created: this speaker tries again shortly.
        setTimeout(() => speak(connection), 50);
      } else if (frame.type === "error") fail(new Error(frame.error?.message ?? "socket error"));
    });
  });
}

/** The bare ws relay: `room|payload` frames. */
function bareWs(url: string, spec: ClientSpec): Promise<Connection> {
  return new Promise((ready, fail) => {
    const ws = new WebSocket(`${url}/?rooms=${Object.values(spec.rooms).join(",")}`, { perMessageDeflate: false });
    const connection: Connection = { spec, send: (room, payload) => ws.send(`${room}|${payload}`), close: () => ws.close() };
    ws.on("open", () => ready(connection));
    ws.on("error", (e) => fail(e));
    ws.on("message", (data) => {
      const text = data.toString();
      heard(connection, text.slice(text.indexOf("|") + 1));
    });
  });
}

/** Socket.IO: rooms joined from the handshake query, `m` events. */
function socketIo(url: string, spec: ClientSpec): Promise<Connection> {
  return new Promise((ready, fail) => {
    const socket: Socket = io(url, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      query: { rooms: Object.values(spec.rooms).join(",") },
    });
    const connection: Connection = { spec, send: (room, payload) => socket.emit("m", room, payload), close: () => socket.close() };
    socket.on("connect", () => ready(connection));
    socket.on("connect_error", (e) => fail(e));
    socket.on("m", (payload: string) => heard(connection, payload));
  });
}

const connectors: Record<Target, (url: string, spec: ClientSpec) => Promise<Connection>> = { confab, ws: bareWs, socketio: socketIo };

async function connectAll(target: Target, url: string, specs: ClientSpec[]): Promise<void> {
  const errors: string[] = [];
  let connected = 0;
  const queue = [...specs];
  const worker = async () => {
    for (let spec = queue.shift(); spec; spec = queue.shift()) {
      const current = spec;
      try {
        const timeout = new Promise<never>((_, fail) => setTimeout(() => fail(new Error("connect timeout")), CONNECT_TIMEOUT_MS).unref());
        connections.set(current.id, await Promise.race([connectors[target](url, current), timeout]));
        connected++;
      } catch (e) {
        if (errors.length < 20) errors.push(`client ${current.id}: ${(e as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECT_CONCURRENCY }, worker));
  send({ type: "connected", count: connected, errors });
}

setInterval(() => {
  for (const connection of connections.values()) connection.keepAlive?.();
}, PING_EVERY_MS).unref();

process.on("message", (message: ToGenerator) => {
  switch (message.type) {
    case "connect":
      void connectAll(message.target, message.url, message.clients);
      return;
    case "phase":
      phase = { size: message.size, until: message.until };
      stats = freshStats();
      setTimeout(
        () => {
          for (const connection of connections.values()) if (speaks(connection.spec.id, message.size)) speak(connection);
        },
        Math.max(0, message.start - epochNow()),
      );
      return;
    case "report":
      send({ type: "report", ...stats, inFlight, histogram: stats.histogram.toJSON() });
      return;
    case "disconnect": {
      let closed = 0;
      for (const [id, connection] of connections)
        if (id >= message.from) {
          connection.close();
          connections.delete(id);
          closed++;
        }
      send({ type: "disconnected", count: closed });
      return;
    }
  }
});
// Never outlive the bench.
process.on("disconnect", () => process.exit(0));
