/**
 * `pnpm bench [--quick] [--store postgres://…] [--json <file>] [--out <dir>] [--only <scenario>] [--clients 1000,5000]
 * [--sizes 10,100] [--phase-ms 5000]`: runs every scenario (or those whose name contains `--only`) against a Confab
 * server started as its own process (on the embedded SQLite store, or on the PostgreSQL database
 * `--store` names), each beside baselines measured in the same run, and prints
 * a markdown table (and writes the figures as JSON, and a latency chart as SVG) with the machine
 * they were measured on. Exits non-zero if any scenario fails its own checks.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { latencyChart } from "./chart.js";
import { bundleSize } from "./scenarios/bundle-size.js";
import { fanout, type LatencyPoint } from "./scenarios/fanout.js";
import { history } from "./scenarios/history.js";
import { initialize } from "./scenarios/initialize.js";
import { latency } from "./scenarios/latency.js";
import { restWrites } from "./scenarios/rest-writes.js";
import { startBenchServer } from "./server-process.js";
import { markdownTable, type Result } from "./stats.js";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
// Relative to where `pnpm bench` was typed, not to this package.
const here = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);
const jsonPath = option("--json");
const outDir = here(option("--out") ?? "bench-results");
/** The whole run is bounded: a hung scenario fails it instead of holding CI. */
const RUN_LIMIT_MS = (quick ? 5 : 25) * 60_000;
const store = option("--store");

const machine = `${cpus()[0]?.model ?? "cpu"} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}, ${process.platform}`;
const results: Result[] = [];
let points: LatencyPoint[] = [];
const began = Date.now();

setTimeout(() => {
  console.error(`the benchmark ran over ${RUN_LIMIT_MS / 60_000} minutes`);
  process.exit(1);
}, RUN_LIMIT_MS).unref();

/** The scenarios, in order; each one file in src/scenarios. */
const scenarios: { name: string; run(): Promise<void> }[] = [
  {
    name: "send → receive latency, 2 clients",
    async run() {
      await withServer(async (server) => void results.push(...(await latency(server, quick ? 100 : 1000))));
    },
  },
  {
    name: "fan-out and idle memory",
    async run() {
      await withServer(async (server) => {
        const numbers = (name: string) => option(name)?.split(",").map(Number);
        const plan = {
          clients: numbers("--clients") ?? (quick ? [200] : [1000, 5000, 10_000]),
          sizes: numbers("--sizes") ?? (quick ? [10] : [10, 100, 1000]),
          phaseMs: Number(option("--phase-ms") ?? (quick ? 3000 : 5000)),
          generators: quick ? 2 : 4,
        };
        const out = await fanout(server, plan);
        results.push(...out.results);
        points = out.points;
      });
    },
  },
  {
    name: "REST writes",
    async run() {
      await withServer(async (server) => void results.push(...(await restWrites(server, 200, quick ? 3000 : 10_000))));
    },
  },
  {
    name: "history",
    async run() {
      await withServer(async (server) => void results.push(...(await history(server, quick ? 10_000 : 1_000_000, quick ? 100 : 500))));
    },
  },
  {
    name: "start-up",
    async run() {
      await withServer(async (server) => void results.push(...(await initialize(server, quick ? 200 : 1000))));
    },
  },
  {
    name: "bundle size",
    async run() {
      results.push(...bundleSize());
    },
  },
];

async function withServer(work: (server: Awaited<ReturnType<typeof startBenchServer>>) => Promise<void>): Promise<void> {
  const server = await startBenchServer(store);
  try {
    await work(server);
  } finally {
    await server.stop();
  }
}

const only = option("--only");
/** Scenarios that failed their own checks: the others still run and print, and the run fails. */
const failures: string[] = [];
for (const scenario of scenarios) {
  if (only && !scenario.name.includes(only)) continue;
  const start = Date.now();
  console.error(`▶ ${scenario.name}`);
  try {
    await scenario.run();
    console.error(`  done in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error(error);
    failures.push(`${scenario.name}: ${(error as Error).message}`);
  }
}

const seconds = (Date.now() - began) / 1000;
const storeName = store ? `PostgreSQL (${new URL(store).host})` : "SQLite";
console.log(`\nMachine: ${machine}${quick ? " (quick run)" : ""}, store: ${storeName}; ${seconds.toFixed(0)} s\n`);
console.log(markdownTable(results));
mkdirSync(outDir, { recursive: true });
if (points.length) {
  writeFileSync(join(outDir, "latency.svg"), latencyChart(points, `${machine}${quick ? ", quick run" : ""}`));
  console.log(`\nChart: ${join(outDir, "latency.svg")}`);
}
if (jsonPath)
  writeFileSync(here(jsonPath), `${JSON.stringify({ machine, quick, store: storeName, seconds, results, points, failures }, null, 2)}\n`);
if (failures.length > 0) console.error(`\nFAILED:\n${failures.join("\n")}`);
process.exit(failures.length > 0 ? 1 : 0);
