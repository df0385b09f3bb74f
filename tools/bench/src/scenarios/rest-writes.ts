import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { startBaseline } from "../baselines/start-baseline.js";
import type { WriteJob, WriteReport } from "../load/http-writer.js";
import { type BenchServer, credentials } from "../server-process.js";
import { Histogram, type Result } from "../stats.js";
import { parallel } from "./fanout.js";

/** Keep-alive connections kept busy by the load generator. */
const CONCURRENCY = 16;

/**
 * REST write throughput: a load generator process keeps 16 connections busy creating messages
 * (`POST /v1/Conversations/{sid}/Messages`, account credentials) round-robin over conversations
 * without participants, for a fixed time. Every request must answer 201: there are enough
 * conversations (200) that the per-conversation write limit (100 a second, Twilio's) is never
 * what stops the load, even on a fast machine. The baseline is a bare
 * `node:http` handler that parses the same form and answers 201, driven the same way.
 */
export async function restWrites(server: BenchServer, conversations: number, durationMs: number): Promise<Result[]> {
  const sids = await parallel(conversations, 8, (i) =>
    server.admin("POST", "/v1/Conversations", { FriendlyName: `writes ${i}` }).then((r) => r.sid),
  );
  const authorization = `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString("base64")}`;
  const paths = sids.map((sid) => `/v1/Conversations/${sid}/Messages`);
  const confab = await write({ url: server.url, paths, authorization, concurrency: CONCURRENCY, durationMs });
  const stored = await server.admin("GET", `/v1/Conversations/${sids[0]}/Messages?PageSize=1&Order=desc`);
  const newest = (stored as unknown as { messages: { index: number }[] }).messages[0];
  if (!newest) throw new Error("REST writes: nothing was stored");

  const bare = await startBaseline("bare-http.ts");
  let baseline: WriteReport;
  try {
    baseline = await write({ url: `http://127.0.0.1:${bare.port}`, paths, authorization, concurrency: CONCURRENCY, durationMs });
  } finally {
    await bare.stop();
  }
  const scenario = `REST message create, ${CONCURRENCY} keep-alive connections, ${conversations} conversations`;
  const base = (value: number) => [{ name: "bare node:http handler", value }];
  const latency = (report: WriteReport, p: number) => {
    const histogram = new Histogram();
    histogram.merge(report.histogram);
    return histogram.percentile(p);
  };
  return [
    {
      scenario,
      metric: `messages created per second (${confab.created} in ${confab.seconds.toFixed(1)} s)`,
      unit: "/s",
      confab: confab.created / confab.seconds,
      baselines: base(baseline.created / baseline.seconds),
      lowerIsBetter: false,
    },
    ...[50, 99].map((p) => ({
      scenario,
      metric: `p${p} request latency`,
      unit: "ms",
      confab: latency(confab, p),
      baselines: base(latency(baseline, p)),
      lowerIsBetter: true,
    })),
  ];
}

/** Runs the load generator in its own process; fails unless every request was answered 201. */
async function write(job: WriteJob): Promise<WriteReport> {
  const child = spawn(process.execPath, ["--import", "tsx", resolve(import.meta.dirname, "../load/http-writer.ts")], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const report = await new Promise<WriteReport>((done, fail) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error("the REST load generator did not finish"));
    }, job.durationMs + 60_000);
    child.once("message", (r: WriteReport) => {
      clearTimeout(timer);
      done(r);
    });
    child.once("exit", (code) => code !== 0 && fail(new Error(`the REST load generator exited with ${code}`)));
    child.send(job);
  });
  if (report.failed > 0 || report.created === 0)
    throw new Error(`REST writes: ${report.failed} failed, ${report.created} created (${report.errors[0]})`);
  return report;
}
