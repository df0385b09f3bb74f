/**
 * `pnpm --filter @confab/bench bench:cluster [--quick] [--json <file>]`: message throughput and
 * fan-out with one, two and three server processes on one PostgreSQL and one Redis (throwaway
 * servers, or CONFAB_BENCH_POSTGRES_URL / CONFAB_BENCH_REDIS_URL), beside one node; prints a
 * markdown table with the machine it ran on. Needs the built server (`pnpm build`).
 */
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { resolve } from "node:path";
import { startClusterServices } from "./cluster/services.js";
import { clusterScaling, type Workload } from "./scenarios/cluster-scaling.js";
import { markdownTable } from "./stats.js";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const jsonPath = args[args.indexOf("--json") + 1];
const machine = `${cpus()[0]?.model ?? "cpu"} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}, ${process.platform}`;

const workloads: Workload[] = [
  // Throughput: many two-person conversations, each sender as fast as the server answers (within
  // the 100 writes per second per conversation that the server allows).
  { name: "2-party conversations", conversations: quick ? 6 : 16, participants: 2, paceMs: 12 },
  // Fan-out: big conversations, each message delivered to every member's socket.
  { name: `fan-out to ${quick ? 20 : 50}`, conversations: 2, participants: quick ? 20 : 50, paceMs: 40 },
];

const services = await startClusterServices();
let results: Awaited<ReturnType<typeof clusterScaling>>;
try {
  results = await clusterScaling(services, workloads, quick ? 3000 : 10_000);
} finally {
  await services.stop();
}
console.log(`\nMachine: ${machine}${quick ? " (quick run)" : ""}\n`);
console.log(markdownTable(results));
if (args.includes("--json") && jsonPath)
  writeFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), jsonPath), `${JSON.stringify({ machine, quick, results }, null, 2)}\n`);
