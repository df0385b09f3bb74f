/**
 * Fuzzing the native socket over real WebSockets: generated and mutated client frames on an open
 * session (requests for every REST operation, pings, typing, token updates, a second hello,
 * unknown types, text that is not JSON, binary, oversized frames), and first frames on new
 * sockets. What the server must do is decided by the spec's generated frame validators: a frame
 * the spec refuses gets an `error` frame in Twilio's shape and close 4400; a valid one gets its
 * answer (a reply whose error, if any, is Twilio-shaped with the reply's status, never 5xx; a
 * pong; nothing for typing), never a protocol error. The server stays alive throughout.
 * Figures go to chaos-results/fuzz-socket.json.
 */
import { frameValidator } from "@confab/protocol/server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/index.js";
import { testServer } from "../support/server.js";
import { type Frame, TestSocket } from "../support/socket-client.js";
import { userToken } from "../support/user-token.js";
import { recordFigures } from "./support/figures.js";
import { assertAlive, FUZZ_USER, seedPool } from "./support/fuzz-target.js";
import { knobs } from "./support/knobs.js";
import type { SidPool } from "./support/rest-inputs.js";
import { FRESH_ID, firstInput, type SocketInput, sessionInput, type Tokens } from "./support/socket-inputs.js";
import { twilioErrorProblem } from "./support/twilio-error.js";

/** The socket fuzzer's share of the inputs: most on open sessions, some as first frames of new sockets. */
const SESSION_RUNS = Math.round(knobs.fuzzRuns * 0.3);
const FIRST_RUNS = Math.round(knobs.fuzzRuns * 0.07);
const BATCH = 2500;
const MAX_FRAME_BYTES = 256 * 1024;
const WAIT_MS = 10_000;

let server: RunningServer;
let pool: SidPool;
let tokens: Tokens;
beforeAll(async () => {
  server = await testServer();
  pool = await seedPool(server);
  tokens = {
    valid: userToken(server, FUZZ_USER),
    otherIdentity: userToken(server, "fuzz-other"),
    expired: userToken(server, FUZZ_USER, { now: new Date(Date.now() - 7200_000), ttlSeconds: 60 }),
  };
});
afterAll(() => server.close());

type Expected = "protocolError" | "denied" | "welcome" | "reply" | "pong" | "silent" | "tooBig";

let counter = 0;
/** The input as sent: a fresh id where the generator asked for one, and the bytes on the wire. */
function prepare(input: SocketInput): { input: SocketInput; id: string | undefined; wire: string | Uint8Array } {
  if (input.kind !== "json") return { input, id: undefined, wire: input.kind === "text" ? input.text : input.bytes };
  const frame = { ...(input.frame as Record<string, unknown>) };
  let id: string | undefined;
  if (frame.id === FRESH_ID) frame.id = id = `f${++counter}`;
  else if (typeof frame.id === "string") id = frame.id;
  return { input: { kind: "json", frame }, id, wire: JSON.stringify(frame) };
}

/** What the spec says the server does with this input, in this phase of the session. */
function expectedOf(prepared: ReturnType<typeof prepare>, phase: "first" | "session"): Expected {
  const { wire } = prepared;
  if (typeof wire !== "string") return "protocolError";
  if (Buffer.byteLength(wire) > MAX_FRAME_BYTES) return "tooBig";
  let frame: unknown;
  try {
    frame = JSON.parse(wire);
  } catch {
    return "protocolError";
  }
  if (typeof frame !== "object" || frame === null || Array.isArray(frame)) return "protocolError";
  const type = (frame as { type?: unknown }).type;
  const validate =
    typeof type === "string" && ["hello", "request", "updateToken", "typing", "ping"].includes(type) ? frameValidator(type) : undefined;
  if (!validate?.(frame)) return "protocolError";
  if (phase === "first") {
    if (type !== "hello") return "protocolError";
    const token = (frame as { token: string }).token;
    return token === tokens.valid || token === tokens.otherIdentity ? "welcome" : "denied";
  }
  if (type === "hello") return "protocolError";
  return type === "ping" ? "pong" : type === "typing" ? "silent" : "reply";
}

/** The first frame from `from` on that matches, or the socket's close, or a timeout. */
async function outcome(socket: TestSocket, from: number, match: (f: Frame) => boolean): Promise<{ frame?: Frame; close?: number }> {
  const closed = socket.closed.then((c) => ({ close: c.code }));
  const framed = socket.next(match, WAIT_MS, from).then(
    (frame) => ({ frame }),
    () => ({}),
  );
  return Promise.race([framed, closed]);
}

/** The socket's close code, or a failure if it stays open (a socket left half-closed is a bug too). */
async function closeCode(socket: TestSocket, label: string): Promise<number> {
  const closed = await Promise.race([socket.closed, new Promise<null>((r) => setTimeout(() => r(null), WAIT_MS))]);
  if (!closed) throw new Error(`${label}: the socket was not closed within ${WAIT_MS} ms`);
  return closed.code;
}

/** Checks what the server did against what the spec says; throws with the reason when they differ. */
async function check(socket: TestSocket, from: number, prepared: ReturnType<typeof prepare>, expected: Expected): Promise<string> {
  const label = `${expected} expected for ${typeof prepared.wire === "string" ? prepared.wire.slice(0, 300) : `binary ${prepared.wire.length} bytes`}`;
  if (expected === "tooBig") {
    const code = await closeCode(socket, label);
    if (code !== 1009) throw new Error(`${label}: closed with ${code}`);
    return "tooBig";
  }
  if (expected === "protocolError" || expected === "denied") {
    const result = await outcome(socket, from, (f) => f.type === "error");
    if (!result.frame) throw new Error(`${label}: no error frame (close ${result.close})`);
    const status = expected === "denied" ? 401 : 400;
    const problem = twilioErrorProblem(status, result.frame.error);
    if (problem) throw new Error(`${label}: ${problem}`);
    const code = await closeCode(socket, label);
    if (code !== (expected === "denied" ? 4401 : 4400)) throw new Error(`${label}: closed with ${code}`);
    return expected;
  }
  const refused = (f: Frame) => f.type === "error";
  if (expected === "welcome") {
    const result = await outcome(socket, from, (f) => f.type === "welcome" || refused(f));
    if (result.frame?.type !== "welcome") throw new Error(`${label}: got ${JSON.stringify(result)}`);
    return "welcome";
  }
  if (expected === "silent") {
    // Typing has no answer: a ping behind it shows it was taken without a protocol error.
    const fence = `fence${++counter}`;
    socket.send({ type: "ping", id: fence });
    const result = await outcome(socket, from, (f) => (f.type === "pong" && f.id === fence) || refused(f));
    if (result.frame?.type !== "pong") throw new Error(`${label}: got ${JSON.stringify(result)}`);
    return "silent";
  }
  const answer = expected === "pong" ? "pong" : "reply";
  const result = await outcome(socket, from, (f) => (f.type === answer && f.id === prepared.id) || refused(f));
  if (result.frame?.type !== answer) throw new Error(`${label}: got ${JSON.stringify(result).slice(0, 500)}`);
  if (answer === "reply") {
    const status = result.frame.status as number;
    if (status >= 500) throw new Error(`${label}: answered ${status} ${JSON.stringify(result.frame.error)}`);
    if (status >= 400) {
      const problem = twilioErrorProblem(status, result.frame.error);
      if (problem) throw new Error(`${label}: ${problem}`);
      return "reply4xx";
    }
    return "reply2xx";
  }
  return "pong";
}

function sendWire(socket: TestSocket, wire: string | Uint8Array): void {
  socket.ws.send(wire, { binary: typeof wire !== "string" });
}

describe("socket fuzzing", () => {
  it(`answers ${SESSION_RUNS} generated frames on open sessions as the spec says`, async () => {
    const started = Date.now();
    const figures = { tried: 0, byOutcome: {} as Record<string, number>, sessions: 0 };
    let socket: TestSocket | null = null;
    let isClosed = false;
    const session = async () => {
      if (socket && !isClosed) return socket;
      socket = await TestSocket.connect(server, tokens.valid);
      isClosed = false;
      const mine = socket;
      void mine.closed.then(() => {
        if (socket === mine) isClosed = true;
      });
      figures.sessions++;
      return socket;
    };
    const arbitrary = sessionInput(pool, tokens);
    for (let done = 0; done < SESSION_RUNS; done += BATCH) {
      await fc.assert(
        fc.asyncProperty(arbitrary, async (raw) => {
          figures.tried++;
          const s = await session();
          const prepared = prepare(raw);
          const from = s.frames.length;
          sendWire(s, prepared.wire);
          const seen = await check(s, from, prepared, expectedOf(prepared, "session"));
          figures.byOutcome[seen] = (figures.byOutcome[seen] ?? 0) + 1;
          // Frames already handled are not searched again.
          s.frames.length = 0;
        }),
        { numRuns: Math.min(BATCH, SESSION_RUNS - done), seed: knobs.seed + done, endOnFailure: true },
      );
      await assertAlive(server.url);
    }
    (socket as TestSocket | null)?.ws.terminate();
    recordFigures("fuzz-socket-session", { seed: knobs.seed, ...figures, durationMs: Date.now() - started });
    expect(figures.tried).toBeGreaterThanOrEqual(SESSION_RUNS);
    expect(figures.byOutcome.reply2xx).toBeGreaterThan(0);
    expect(figures.byOutcome.protocolError).toBeGreaterThan(0);
  });

  it(`answers ${FIRST_RUNS} generated first frames of new sockets as the spec says`, async () => {
    const started = Date.now();
    const figures = { tried: 0, byOutcome: {} as Record<string, number> };
    for (let done = 0; done < FIRST_RUNS; done += BATCH) {
      await fc.assert(
        fc.asyncProperty(firstInput(tokens), async (raw) => {
          figures.tried++;
          const socket = new TestSocket(server);
          await socket.opened;
          try {
            const prepared = prepare(raw);
            sendWire(socket, prepared.wire);
            const seen = await check(socket, 0, prepared, expectedOf(prepared, "first"));
            figures.byOutcome[seen] = (figures.byOutcome[seen] ?? 0) + 1;
          } finally {
            socket.ws.terminate();
          }
        }),
        { numRuns: Math.min(BATCH, FIRST_RUNS - done), seed: knobs.seed + 1 + done, endOnFailure: true },
      );
      await assertAlive(server.url);
    }
    recordFigures("fuzz-socket-first", { seed: knobs.seed, ...figures, durationMs: Date.now() - started });
    expect(figures.tried).toBeGreaterThanOrEqual(FIRST_RUNS);
    expect(figures.byOutcome.welcome).toBeGreaterThan(0);
    expect(figures.byOutcome.denied).toBeGreaterThan(0);
  });
});
