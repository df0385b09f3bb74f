import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { mintAccessToken } from "@confab/server";
import type { WorkerConfig, WorkerReport, WorkerUser } from "../cluster/load-worker.js";
import { type ClusterNodes, startNodes } from "../cluster/nodes.js";
import type { ClusterServices } from "../cluster/services.js";
import { credentials } from "../server-process.js";
import { percentile, type Result } from "../stats.js";

/** A kind of traffic: conversations of some size, one sender in each, sending every `paceMs` at most. */
export type Workload = { name: string; conversations: number; participants: number; paceMs: number };

type Measured = { messagesPerSecond: number; deliveriesPerSecond: number; p50: number; p99: number; complete: number };

const WORKER = resolve(import.meta.dirname, "../cluster/load-worker.ts");
/** Load generator processes (the machine has two cores; the servers need them too). */
const WORKERS = 2;

/**
 * Message throughput and fan-out of a cluster: the same traffic against one, two and three
 * `confab start` processes on one PostgreSQL and one Redis, with the members of each
 * conversation spread over the nodes (so most deliveries cross nodes), and against the embedded
 * single node (SQLite, in-process bus). Load comes from separate processes. Each figure's
 * baseline is one node of the same kind; the one-node cluster's is the embedded server.
 */
export async function clusterScaling(services: ClusterServices, workloads: Workload[], durationMs: number): Promise<Result[]> {
  const results: Result[] = [];
  const measured = new Map<string, Measured>();
  const configurations = [
    { label: "embedded", nodes: 1, cluster: false },
    { label: "1 node", nodes: 1, cluster: true },
    { label: "2 nodes", nodes: 2, cluster: true },
    { label: "3 nodes", nodes: 3, cluster: true },
  ];
  for (const configuration of configurations) {
    const cluster = configuration.cluster
      ? { store: await services.freshDatabase(), bus: services.redisUrl, prefix: `bench${randomBytes(4).toString("hex")}` }
      : undefined;
    const nodes = await startNodes(configuration.nodes, cluster);
    try {
      for (const workload of workloads) {
        const figures = await measure(nodes, workload, durationMs);
        measured.set(`${configuration.label}/${workload.name}`, figures);
        console.error(
          `${workload.name}, ${configuration.label}: ${figures.messagesPerSecond.toFixed(0)} messages/s, ${figures.deliveriesPerSecond.toFixed(0)} deliveries/s, p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms, ${(figures.complete * 100).toFixed(1)}% delivered`,
        );
      }
    } finally {
      await nodes.stop();
    }
  }
  for (const workload of workloads) {
    const embedded = measured.get(`embedded/${workload.name}`) as Measured;
    const one = measured.get(`1 node/${workload.name}`) as Measured;
    for (const label of ["1 node", "2 nodes", "3 nodes"]) {
      const figures = measured.get(`${label}/${workload.name}`) as Measured;
      const baseline = label === "1 node" ? { name: "embedded node", figures: embedded } : { name: "1 node", figures: one };
      const scenario = `cluster: ${workload.name}`;
      const delivered = figures.complete === 1 ? "" : `, ${(figures.complete * 100).toFixed(1)}% delivered`;
      results.push(
        {
          scenario,
          metric: `${workload.participants === 2 ? "messages" : "deliveries"}/s, ${label}${delivered}`,
          unit: "/s",
          confab: workload.participants === 2 ? figures.messagesPerSecond : figures.deliveriesPerSecond,
          baselines: [
            {
              name: baseline.name,
              value: workload.participants === 2 ? baseline.figures.messagesPerSecond : baseline.figures.deliveriesPerSecond,
            },
          ],
          lowerIsBetter: false,
        },
        {
          scenario,
          metric: `p99 send → receive, ${label}`,
          unit: "ms",
          confab: figures.p99,
          baselines: [{ name: baseline.name, value: baseline.figures.p99 }],
          lowerIsBetter: true,
        },
      );
    }
  }
  return results;
}

/** Runs one workload on running nodes: sets up its conversations, then the load processes. */
async function measure(nodes: ClusterNodes, workload: Workload, durationMs: number): Promise<Measured> {
  const run = randomBytes(3).toString("hex");
  const users: WorkerUser[] = [];
  for (let c = 0; c < workload.conversations; c++) {
    const conversation = await nodes.admin("POST", "/v1/Conversations", { FriendlyName: `${workload.name} ${c}` });
    for (let p = 0; p < workload.participants; p++) {
      const identity = `${run}-${c}-${p}`;
      await nodes.admin("POST", `/v1/Conversations/${conversation.sid}/Participants`, { Identity: identity });
      users.push({
        identity,
        // Members of one conversation on different nodes, so deliveries cross the bus.
        url: nodes.urls[(c + p) % nodes.urls.length] as string,
        token: mintAccessToken({ ...credentials, identity, serviceSid: nodes.serviceSid, ttlSeconds: 3600 }),
        ...(p === 0 ? { sendTo: conversation.sid } : {}),
      });
    }
  }
  const shares = Array.from({ length: WORKERS }, (_, w) => users.filter((_, i) => i % WORKERS === w));
  const settleMs = 4000;
  const workers = shares.map((share) => startWorker({ users: share, durationMs, paceMs: workload.paceMs, settleMs }));
  await Promise.all(workers.map((w) => w.ready));
  for (const w of workers) w.go();
  const reports = await Promise.all(workers.map((w) => w.report));
  const acked = reports.reduce((n, r) => n + r.acked, 0);
  const received = reports.reduce((n, r) => n + r.received, 0);
  const latencies = reports.flatMap((r) => r.latencies);
  return {
    messagesPerSecond: acked / (durationMs / 1000),
    deliveriesPerSecond: received / (durationMs / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    complete: acked === 0 ? 0 : received / (acked * workload.participants),
  };
}

function startWorker(config: WorkerConfig): { ready: Promise<void>; go(): void; report: Promise<WorkerReport> } {
  const child = spawn(process.execPath, ["--import", "tsx", WORKER, Buffer.from(JSON.stringify(config)).toString("base64")], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
  });
  let output = "";
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const report = new Promise<WorkerReport>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`a load worker did not finish: ${errors}`)), config.durationMs + 180_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready\n")) markReady();
      // The report is one line, which may come in several chunks: only a whole line is read.
      const last = output
        .split("\n")
        .slice(0, -1)
        .find((line) => line.startsWith("{"));
      if (last) {
        clearTimeout(timer);
        resolve(JSON.parse(last) as WorkerReport);
      }
    });
    child.once("exit", (code) => {
      if (code !== 0) reject(new Error(`a load worker exited with ${code}: ${errors}`));
    });
  });
  return { ready, go: () => child.stdin?.write("go\n"), report };
}
