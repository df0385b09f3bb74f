/**
 * Load held: a steady mixed load at a fixed rate (socket sends, socket reads of a page of
 * messages, typing, REST lists over HTTP) against a server run as its own process, for
 * CONFAB_LOAD_SECONDS. Every window records the server's resident memory (from /proc) and the
 * p50/p99 latency of the operations that have a reply. After the warm-up, memory and latency
 * stay flat: the later windows are within a bound of the earlier ones, and nothing fails.
 * The series goes to chaos-results/load-held.json.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RealtimeClient, type WebSocketConstructor } from "@confab/protocol/socket";
import { afterAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { freePort } from "../support/ports.js";
import { processAuth, processToken, startServerProcess } from "../support/server-process.js";
import { recordFigures } from "./support/figures.js";
import { knobs } from "./support/knobs.js";
import { below, seededRandom } from "./support/random.js";

/** Operations a second, all kinds together. */
const RATE = Number(process.env.CONFAB_LOAD_RATE ?? 60);
/** Window length: 5 s in the bounded run, 10 s in a long one. */
const WINDOW_MS = knobs.loadSeconds >= 180 ? 10_000 : 5_000;
const USERS = 12;
const CONVERSATIONS = 12;
/** Operations in flight beyond which new ones are shed (counted): the server is not keeping up. */
const MAX_IN_FLIGHT = 300;
/** Later windows may use this much more memory than the early ones (fraction), plus a fixed slack. */
const MEMORY_GROWTH = 0.25;
const MEMORY_SLACK_MB = 24;
/** Later windows' p99 may be at most this factor of the early ones' (with a floor for tiny values). */
const P99_FACTOR = 3;
const P99_FLOOR_MS = 100;

const dataDir = mkdtempSync(join(tmpdir(), "confab-load-"));
let server: ChildProcess | undefined;
const clients: RealtimeClient[] = [];

afterAll(async () => {
  for (const client of clients) await client.disconnect().catch(() => undefined);
  server?.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

type Window = {
  at: number;
  rssMb: number;
  ops: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  deliveries: number;
  inFlight: number;
};

describe("load held", () => {
  it(`keeps memory and latency flat under ${RATE} mixed operations a second for ${knobs.loadSeconds} s`, async () => {
    const random = seededRandom(knobs.seed);
    const port = await freePort();
    server = await startServerProcess(port, dataDir);
    const pid = server.pid as number;
    const base = `http://127.0.0.1:${port}`;
    const rest = async (method: string, path: string, form?: Record<string, string>) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { Authorization: processAuth, "Content-Type": "application/x-www-form-urlencoded" },
        ...(form ? { body: new URLSearchParams(form).toString() } : {}),
      });
      const body = (await res.json()) as Record<string, any>;
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(body)}`);
      return body;
    };

    const identities = Array.from({ length: USERS }, (_, u) => `load-${u}`);
    const conversations: { sid: string; members: number[] }[] = [];
    for (let c = 0; c < CONVERSATIONS; c++) {
      const sid = (await rest("POST", "/v1/Conversations", { FriendlyName: `load ${c}` })).sid as string;
      const members = [c % USERS, (c + 1) % USERS, (c + 5) % USERS];
      for (const u of members) await rest("POST", `/v1/Conversations/${sid}/Participants`, { Identity: identities[u] as string });
      conversations.push({ sid, members });
    }
    let deliveries = 0;
    for (const identity of identities) {
      const client = new RealtimeClient({
        url: `ws://127.0.0.1:${port}/v1/socket`,
        token: () => processToken(identity),
        WebSocket: WebSocket as unknown as WebSocketConstructor,
        requestTimeoutMs: 30_000,
      });
      client.on("messageAdded", () => deliveries++);
      clients.push(client);
    }
    await Promise.all(clients.map((client) => new Promise<void>((ready) => client.on("welcome", () => ready()))));

    // One operation, timed from issue to reply; typing has no reply and is not timed.
    let latencies: number[] = [];
    let errors = 0;
    let ops = 0;
    let inFlight = 0;
    const errorSamples: string[] = [];
    let sent = 0;
    let shed = 0;
    const operate = async () => {
      if (inFlight >= MAX_IN_FLIGHT) {
        shed++;
        return;
      }
      const conversation = conversations[below(random, conversations.length)] as { sid: string; members: number[] };
      const user = conversation.members[below(random, conversation.members.length)] as number;
      const client = clients[user] as RealtimeClient;
      const kind = random();
      const started = performance.now();
      inFlight++;
      try {
        if (kind < 0.45) {
          const key = `load-${knobs.seed}-${sent++}`;
          await client.request("CreateConversationMessage", {
            params: { ConversationSid: conversation.sid },
            body: { Body: `m ${key}` },
            idempotencyKey: key,
          });
        } else if (kind < 0.7) {
          await client.request("ListConversationMessage", { params: { ConversationSid: conversation.sid, PageSize: 20, Order: "desc" } });
        } else if (kind < 0.85) {
          client.typing(conversation.sid);
          return;
        } else {
          await rest(
            "GET",
            below(random, 2) === 0 ? "/v1/Conversations?PageSize=20" : `/v1/Conversations/${conversation.sid}/Participants`,
          );
        }
        latencies.push(performance.now() - started);
      } catch (error) {
        errors++;
        if (errorSamples.length < 5) errorSamples.push(String(error));
      } finally {
        ops++;
        inFlight--;
      }
    };

    const windows: Window[] = [];
    const started = Date.now();
    const end = started + knobs.loadSeconds * 1000;
    let nextWindow = started + WINDOW_MS;
    let issued = 0;
    const pending = new Set<Promise<void>>();
    // Open loop: operations are issued on schedule whether or not earlier ones have finished.
    while (Date.now() < end) {
      const due = Math.floor(((Date.now() - started) / 1000) * RATE);
      for (; issued < due; issued++) {
        const op = operate();
        pending.add(op);
        void op.finally(() => pending.delete(op));
      }
      if (Date.now() >= nextWindow) {
        const sorted = [...latencies].sort((a, b) => a - b);
        windows.push({
          at: Math.round((Date.now() - started) / 1000),
          rssMb: Math.round(residentMb(pid) * 10) / 10,
          ops,
          errors,
          p50Ms: Math.round(percentile(sorted, 50) * 10) / 10,
          p99Ms: Math.round(percentile(sorted, 99) * 10) / 10,
          deliveries,
          inFlight,
        });
        latencies = [];
        ops = errors = deliveries = 0;
        nextWindow += WINDOW_MS;
      }
      await sleep(10);
    }
    await Promise.all(pending);

    // Warm-up: the first fifth of the run. Then compare the last third with the first third.
    const settled = windows.slice(Math.max(1, Math.floor(windows.length / 5)));
    const third = Math.max(1, Math.floor(settled.length / 3));
    const early = settled.slice(0, third);
    const late = settled.slice(-third);
    const earlyRss = median(early.map((w) => w.rssMb));
    const lateRss = median(late.map((w) => w.rssMb));
    const earlyP99 = median(early.map((w) => w.p99Ms));
    const lateP99 = median(late.map((w) => w.p99Ms));
    const totalErrors = windows.reduce((n, w) => n + w.errors, 0);
    recordFigures("load-held", {
      seed: knobs.seed,
      seconds: knobs.loadSeconds,
      ratePerSecond: RATE,
      windowMs: WINDOW_MS,
      operations: windows.reduce((n, w) => n + w.ops, 0),
      errors: totalErrors,
      errorSamples,
      shed,
      earlyRssMb: earlyRss,
      lateRssMb: lateRss,
      earlyP99Ms: earlyP99,
      lateP99Ms: lateP99,
      windows,
    });

    expect(windows.length).toBeGreaterThanOrEqual(6);
    expect(totalErrors).toBe(0);
    expect(shed).toBe(0);
    expect(lateRss).toBeLessThanOrEqual(earlyRss * (1 + MEMORY_GROWTH) + MEMORY_SLACK_MB);
    expect(lateP99).toBeLessThanOrEqual(Math.max(earlyP99, P99_FLOOR_MS) * P99_FACTOR);
    // The load was really carried: operations completed at about the scheduled rate.
    expect(median(late.map((w) => w.ops)) / (WINDOW_MS / 1000)).toBeGreaterThan(RATE * 0.8);
  });
});
