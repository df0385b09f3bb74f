/**
 * `pnpm bench [--quick] [--store postgres://…] [--json <file>]`: runs every scenario against a
 * Confab server started as its own process (on the embedded SQLite store, or on the PostgreSQL
 * database `--store` names), each beside a baseline measured in the same run, and prints a
 * markdown table (and writes the figures as JSON) with the machine they were measured on.
 */
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { resolve } from "node:path";
import { bundleSize } from "./scenarios/bundle-size.js";
import { initialize } from "./scenarios/initialize.js";
import { latency } from "./scenarios/latency.js";
import { startBenchServer } from "./server-process.js";
import { markdownTable, type Result } from "./stats.js";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const jsonPath = args[args.indexOf("--json") + 1];
const store = args.includes("--store") ? args[args.indexOf("--store") + 1] : undefined;

const machine = `${cpus()[0]?.model ?? "cpu"} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}, ${process.platform}`;
const results: Result[] = [];

const server = await startBenchServer(store);
try {
  results.push(...(await latency(server, quick ? 100 : 1000)));
  results.push(...(await initialize(server, quick ? 200 : 1000)));
} finally {
  await server.stop();
}
results.push(...bundleSize());

const storeName = store ? `PostgreSQL (${new URL(store).host})` : "SQLite";
console.log(`\nMachine: ${machine}${quick ? " (quick run)" : ""}, store: ${storeName}\n`);
console.log(markdownTable(results));
// Relative to where `pnpm bench` was typed, not to this package.
if (args.includes("--json") && jsonPath)
  writeFileSync(
    resolve(process.env.INIT_CWD ?? process.cwd(), jsonPath),
    `${JSON.stringify({ machine, quick, store: storeName, results }, null, 2)}\n`,
  );
