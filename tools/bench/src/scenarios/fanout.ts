import { startBaseline } from "../baselines/start-baseline.js";
import { Generators, type PhaseOutcome } from "../load/generators.js";
import type { ClientSpec, Target } from "../load/protocol.js";
import type { Memory } from "../processes.js";
import { Membership } from "../seed/membership.js";
import type { BenchServer } from "../server-process.js";
import type { Result } from "../stats.js";

/** How big a fan-out run is. */
export type FanoutPlan = {
  /** Numbers of connected clients, each a multiple of every conversation size. */
  clients: number[];
  /** Conversation sizes (participants, every one of them connected). */
  sizes: number[];
  /** How long the speakers speak in each phase. */
  phaseMs: number;
  /** Load generator processes the clients are spread over. */
  generators: number;
};

/** One system's latency at one load, for the chart. */
export type LatencyPoint = { system: string; clients: number; size: number; p50: number; p99: number; perSecond: number };

type SystemRun = { name: string; memory: { rss: number; heap: number }; phases: Map<string, PhaseOutcome> };

const phaseKey = (clients: number, size: number) => `${clients}/${size}`;

/**
 * Fan-out under load: N connected clients, each a user in one conversation of each size K. In a
 * phase, the first member of each of (at most) 100 conversations of size K sends a message as
 * soon as its previous one came back to it (closed loop, one message in flight per conversation:
 * the same offered load at every N), for a fixed time; every other member records send → receive latency. The phase passes only if every
 * message reached every other member. The same clients and phases run against Confab's native
 * socket, a bare `ws` broadcast server (the ceiling) and Socket.IO rooms. Before the first
 * phase each server reports the memory that the second half of the (idle) clients added.
 */
export async function fanout(server: BenchServer, plan: FanoutPlan): Promise<{ results: Result[]; points: LatencyPoint[] }> {
  const clients = [...plan.clients].sort((a, b) => b - a);
  const most = clients[0] as number;
  for (const n of clients)
    for (const k of plan.sizes) if (n % k !== 0) throw new Error(`${n} clients do not split into conversations of ${k}`);

  const conversations = await seedConversations(server, most, plan.sizes);
  const confabSpecs = specs(
    most,
    plan.sizes,
    (k, c) => conversations.get(k)?.[c] as string,
    (id) => server.token(`u${id}`),
  );
  const roomSpecs = specs(most, plan.sizes, (k, c) => `k${k}c${c}`);

  const runs: SystemRun[] = [];
  runs.push(
    await runSystem("Confab", "confab", `ws://127.0.0.1:${server.port}/v1/socket`, confabSpecs, () => server.memory(), clients, plan),
  );
  for (const [name, target, script] of [
    ["bare ws broadcast", "ws", "ws-relay.ts"],
    ["Socket.IO rooms", "socketio", "socketio-rooms.ts"],
  ] as const) {
    const baseline = await startBaseline(script);
    try {
      const url = target === "ws" ? `ws://127.0.0.1:${baseline.port}` : `http://127.0.0.1:${baseline.port}`;
      runs.push(await runSystem(name, target, url, roomSpecs, () => baseline.memory(), clients, plan));
    } finally {
      await baseline.stop();
    }
  }
  return report(runs, clients, plan.sizes, most);
}

/** Conversations of each size over users u0…u(n-1), written through the store (see seed/membership.ts). */
async function seedConversations(server: BenchServer, users: number, sizes: number[]): Promise<Map<number, string[]>> {
  const membership = new Membership(server);
  const bySize = new Map<number, string[]>();
  const members: { conversationSid: string; identity: string }[] = [];
  for (const size of sizes) {
    const sids = await membership.conversations(users / size, `k${size}c`);
    bySize.set(size, sids);
    for (let id = 0; id < users; id++) members.push({ conversationSid: sids[Math.floor(id / size)] as string, identity: `u${id}` });
  }
  await membership.members(members);
  return bySize;
}

function specs(
  users: number,
  sizes: number[],
  room: (size: number, conversation: number) => string,
  token?: (id: number) => string,
): ClientSpec[] {
  return Array.from({ length: users }, (_, id) => ({
    id,
    ...(token ? { token: token(id) } : {}),
    rooms: Object.fromEntries(sizes.map((k) => [k, room(k, Math.floor(id / k))])),
  }));
}

async function runSystem(
  name: string,
  target: Target,
  url: string,
  allSpecs: ClientSpec[],
  memory: () => Promise<Memory>,
  clients: number[],
  plan: FanoutPlan,
): Promise<SystemRun> {
  const generators = Generators.start(plan.generators);
  try {
    // The marginal cost of a connection: memory grown by the second half of the clients, once
    // the first half has warmed what every server warms once (caches, compiled code, pools).
    const half = Math.floor(allSpecs.length / 2);
    await generators.connect(target, url, allSpecs.slice(0, half));
    const before = await memory();
    await generators.connect(target, url, allSpecs.slice(half));
    const after = await memory();
    const held = allSpecs.length - half;
    const run: SystemRun = {
      name,
      memory: {
        rss: (after.rss - before.rss) / held,
        heap: (after.heapUsed + after.external - before.heapUsed - before.external) / held,
      },
      phases: new Map(),
    };
    let connected = held;
    for (const n of clients) {
      if (n < connected) await generators.disconnect(n);
      connected = n;
      for (const size of plan.sizes) {
        const outcome = await generators.phase(size, plan.phaseMs);
        const where = `${name}, ${n} clients in conversations of ${size}`;
        if (outcome.sent === 0) throw new Error(`${where}: no message was sent (${outcome.errors.slice(0, 3).join("; ")})`);
        if (outcome.delivered !== outcome.expected || outcome.inFlight !== 0)
          throw new Error(
            `${where}: ${outcome.delivered} of ${outcome.expected} deliveries arrived, ${outcome.inFlight} messages unanswered (${outcome.errors.slice(0, 3).join("; ")})`,
          );
        run.phases.set(phaseKey(n, size), outcome);
        console.error(
          `  ${where}: ${outcome.sent} messages, ${Math.round(outcome.deliveredPerSecond)} deliveries/s, p50 ${outcome.histogram.percentile(50).toFixed(2)} ms, p99 ${outcome.histogram.percentile(99).toFixed(2)} ms`,
        );
      }
    }
    return run;
  } finally {
    await generators.stop();
  }
}

function report(runs: SystemRun[], clients: number[], sizes: number[], held: number): { results: Result[]; points: LatencyPoint[] } {
  const [confab, ...baselines] = runs as [SystemRun, ...SystemRun[]];
  const results: Result[] = [];
  const points: LatencyPoint[] = [];
  for (const n of [...clients].reverse()) {
    for (const size of sizes) {
      const key = phaseKey(n, size);
      const of = (run: SystemRun) => run.phases.get(key) as PhaseOutcome;
      const scenario = `fan-out, ${n} clients, conversations of ${size}`;
      results.push({
        scenario,
        metric: `messages delivered per second (${of(confab).sent} sent)`,
        unit: "/s",
        confab: of(confab).deliveredPerSecond,
        baselines: baselines.map((b) => ({ name: b.name, value: of(b).deliveredPerSecond })),
        lowerIsBetter: false,
      });
      for (const p of [50, 99]) {
        results.push({
          scenario,
          metric: `p${p} send → receive`,
          unit: "ms",
          confab: of(confab).histogram.percentile(p),
          baselines: baselines.map((b) => ({ name: b.name, value: of(b).histogram.percentile(p) })),
          lowerIsBetter: true,
        });
      }
      for (const run of runs) {
        const o = of(run);
        points.push({
          system: run.name,
          clients: n,
          size,
          p50: o.histogram.percentile(50),
          p99: o.histogram.percentile(99),
          perSecond: o.deliveredPerSecond,
        });
      }
    }
  }
  const scenario = `idle connections (${held} held, authenticated on Confab; per connection: the growth from ${held / 2} to ${held})`;
  const kb = (bytes: number) => bytes / 1024;
  const heap: Result = {
    scenario,
    metric: "server memory per connection (JS heap + external, after GC)",
    unit: "KB",
    confab: kb(confab.memory.heap),
    baselines: baselines.map((b) => ({ name: b.name, value: kb(b.memory.heap) })),
    lowerIsBetter: true,
  };
  // RSS grows by whole pages and arenas: over a few hundred sockets (the quick run) its growth can
  // be zero or noise, so it is reported only when every server's grew and enough sockets were held.
  const rssMeasurable = held >= 1000 && [confab, ...baselines].every((run) => run.memory.rss > 0);
  if (!rssMeasurable) {
    results.push({ ...heap, target: "< 10 KB" });
    return { results, points };
  }
  results.push(
    {
      scenario,
      metric: "server memory per connection (RSS, after GC)",
      unit: "KB",
      confab: kb(confab.memory.rss),
      baselines: baselines.map((b) => ({ name: b.name, value: kb(b.memory.rss) })),
      lowerIsBetter: true,
      target: "< 10 KB",
    },
    heap,
    {
      scenario,
      metric: "per GB of RSS (projected)",
      unit: "connections",
      confab: Math.floor(2 ** 30 / confab.memory.rss),
      baselines: baselines.map((b) => ({ name: b.name, value: Math.floor(2 ** 30 / b.memory.rss) })),
      lowerIsBetter: false,
    },
  );
  return { results, points };
}

/** Runs `count` tasks with at most `width` at once; resolves their results in order. */
export async function parallel<T>(count: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}
