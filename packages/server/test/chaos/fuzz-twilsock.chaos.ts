/**
 * Fuzzing the twilsock gateway over real WebSockets: generated and mutated frames on initialised
 * sessions (tunnelled requests for every path of the client API's spec, init, update, telemetry,
 * acks, unknown methods, headers the spec refuses) and raw bytes that are not frames (wrong magic,
 * truncated preambles, lying header lengths and payload sizes). The gateway answers every request
 * with one reply carrying its id, never a 5xx status nor a 5xx tunnelled HTTP status; a refused
 * frame's reply has a 4xx status; a refused tunnelled request carries Twilio's error body with
 * its status; bytes that are not a frame get the protocol's 406 close frame and nothing worse.
 * Figures go to chaos-results/fuzz-twilsock.json.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { RunningServer } from "../../src/index.js";
import { decodeFrame, encodeFrame, type TwilsockFrame } from "../../src/twilsock/framing.js";
import { account, callAs } from "../support/as-user.js";
import { testServer } from "../support/server.js";
import { userToken } from "../support/user-token.js";
import { recordFigures } from "./support/figures.js";
import { assertAlive, FUZZ_USER, seedPool } from "./support/fuzz-target.js";
import { knobs } from "./support/knobs.js";
import type { SidPool } from "./support/rest-inputs.js";
import { FRESH, twilsockInput } from "./support/twilsock-inputs.js";
import { twilioErrorProblem } from "./support/twilio-error.js";

/** The twilsock fuzzer's share of the inputs. */
const RUNS = Math.round(knobs.fuzzRuns * 0.28);
const BATCH = 2500;
const WAIT_MS = 10_000;
/** The gateway's largest frame (src/twilsock/gateway.ts). */
const MAX_FRAME_BYTES = 256 * 1024;

let server: RunningServer;
let pool: SidPool;
let tokens: { valid: string; other: string };
beforeAll(async () => {
  server = await testServer();
  pool = await seedPool(server);
  // The fuzz user's own Sync objects (its conversations map, its profile) are named by its user SID.
  const me = await callAs(server, account, "GET", `/v1/Users/${FUZZ_USER}`);
  pool.US = [...(pool.US ?? []), me.body.sid as string];
  tokens = { valid: userToken(server, FUZZ_USER), other: userToken(server, "fuzz-other") };
});
afterAll(() => server.close());

/** A twilsock connection that records decoded frames and whether it closed. */
class Connection {
  readonly frames: TwilsockFrame[] = [];
  closed = false;
  private waiters: (() => void)[] = [];
  constructor(readonly ws: WebSocket) {
    ws.on("message", (data: Buffer) => {
      this.frames.push(decodeFrame(new Uint8Array(data)));
      this.wake();
    });
    ws.on("close", () => {
      this.closed = true;
      this.wake();
    });
  }

  static async open(): Promise<Connection> {
    const connection = new Connection(new WebSocket(`${server.url.replace(/^http/, "ws")}/v3/wsconnect`));
    await new Promise((resolve, reject) => connection.ws.once("open", resolve).once("error", reject));
    connection.ws.send(encodeFrame({ id: "TMinit", method: "init", token: tokens.valid, capabilities: ["client_update"] }));
    const reply = await connection.until((f) => f.header.id === "TMinit");
    if ((reply?.header.status as { code?: number } | undefined)?.code !== 200)
      throw new Error(`init refused: ${JSON.stringify(reply?.header)}`);
    return connection;
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** The first frame matching, or undefined once the socket closed or the wait ran out. */
  async until(match: (f: TwilsockFrame) => boolean): Promise<TwilsockFrame | undefined> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const found = this.frames.find(match);
      if (found || this.closed || Date.now() > deadline) return found;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

let counter = 0;

/** Checks every frame the gateway sent for one input; returns how the input was answered. */
function checkFrames(frames: TwilsockFrame[], label: string): string {
  let seen = "nothing";
  for (const { header, payload } of frames) {
    const status = header.status as { code?: unknown; status?: unknown } | undefined;
    if (header.method === "close") {
      if (status?.code !== 406) throw new Error(`${label}: close frame ${JSON.stringify(header)}`);
      seen = "close406";
      continue;
    }
    if (header.method !== "reply") continue;
    if (typeof status?.code !== "number" || typeof status.status !== "string")
      throw new Error(`${label}: reply without a status ${JSON.stringify(header)}`);
    if (status.code >= 500) throw new Error(`${label}: reply status ${status.code} ${JSON.stringify(header)}`);
    if (status.code >= 400) {
      seen = "refused4xx";
      continue;
    }
    const http = header.http_status as { code?: unknown } | undefined;
    if (http === undefined) {
      seen = "ok";
      continue;
    }
    if (typeof http.code !== "number" || http.code >= 500)
      throw new Error(`${label}: tunnelled status ${JSON.stringify(http)}: ${JSON.stringify(payload)}`);
    if (http.code >= 400) {
      const problem = twilioErrorProblem(http.code, payload);
      if (problem) throw new Error(`${label}: ${problem}`);
      seen = "http4xx";
    } else seen = "http2xx";
  }
  return seen;
}

describe("twilsock fuzzing", () => {
  it(`answers ${RUNS} generated frames and raw bytes as the protocol says`, async () => {
    const started = Date.now();
    const figures = { tried: 0, byOutcome: {} as Record<string, number>, sessions: 0 };
    let connection: Connection | null = null;
    const session = async () => {
      if (connection && !connection.closed) return connection;
      connection = await Connection.open();
      figures.sessions++;
      return connection;
    };
    const arbitrary = twilsockInput(pool, tokens);
    for (let done = 0; done < RUNS; done += BATCH) {
      await fc.assert(
        fc.asyncProperty(arbitrary, async (input) => {
          figures.tried++;
          const c = await session();
          c.frames.length = 0;
          let id: string | undefined;
          let bytes: Uint8Array | string;
          if (input.kind === "frame") {
            const header = { ...input.header };
            if (header.id === FRESH) header.id = id = `TMf${++counter}`;
            bytes = encodeFrame(header as never, input.payload);
          } else bytes = input.bytes;
          const label = `${input.kind === "frame" ? JSON.stringify(input).slice(0, 400) : `raw ${String(bytes).slice(0, 200)}`}`;
          c.ws.send(bytes, { binary: typeof bytes !== "string" });
          const method = input.kind === "frame" ? input.header.method : undefined;
          let decodable = true;
          try {
            decodeFrame(typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes);
          } catch {
            decodable = false;
          }
          const size = typeof bytes === "string" ? Buffer.byteLength(bytes) : bytes.length;
          if (size > MAX_FRAME_BYTES) {
            // Past the gateway's frame limit the WebSocket is closed (1009), whatever the frame says.
            await c.until(() => false);
            if (!c.closed) throw new Error(`${label}: a ${size}-byte frame did not close the socket`);
            figures.byOutcome.tooBig = (figures.byOutcome.tooBig ?? 0) + 1;
            return;
          }
          if (!decodable) {
            // What does not decode gets the protocol's 406 close frame.
            const close = await c.until((f) => f.header.method === "close");
            if ((close?.header.status as { code?: number } | undefined)?.code !== 406) throw new Error(`${label}: no 406 close frame`);
          } else if (id && method !== "close") {
            // Every request gets exactly one reply with its id.
            const reply = await c.until((f) => f.header.method === "reply" && f.header.id === id);
            if (!reply) throw new Error(`${label}: no reply (closed: ${c.closed})`);
          } else if (method === "close") {
            await c.until(() => false);
            if (!c.closed) throw new Error(`${label}: the gateway did not close the socket`);
          } else {
            // No answer is due: a telemetry frame behind it shows the gateway carried on.
            const fence = `TMfence${++counter}`;
            c.ws.send(encodeFrame({ id: fence, method: "telemetry.v1" } as never));
            const reply = await c.until((f) => f.header.id === fence);
            if (!reply) throw new Error(`${label}: the gateway stopped answering (closed: ${c.closed})`);
          }
          const seen = checkFrames(c.frames, label);
          figures.byOutcome[seen] = (figures.byOutcome[seen] ?? 0) + 1;
        }),
        { numRuns: Math.min(BATCH, RUNS - done), seed: knobs.seed + 2 + done, endOnFailure: true },
      );
      await assertAlive(server.url);
    }
    (connection as Connection | null)?.ws.terminate();
    recordFigures("fuzz-twilsock", { seed: knobs.seed, ...figures, durationMs: Date.now() - started });
    expect(figures.tried).toBeGreaterThanOrEqual(RUNS);
    expect(figures.byOutcome.http2xx).toBeGreaterThan(0);
    expect(figures.byOutcome.http4xx).toBeGreaterThan(0);
    expect(figures.byOutcome.close406).toBeGreaterThan(0);
  });
});
