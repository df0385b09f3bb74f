/**
 * A load generator process for REST writes: keeps `concurrency` keep-alive connections busy
 * POSTing form-encoded messages round-robin over some paths for a fixed time, then reports how
 * many were created (201) and their latencies. Driven by its parent over IPC.
 */
import { Agent, request } from "node:http";
import { Histogram } from "../stats.js";

export type WriteJob = { url: string; paths: string[]; authorization: string; concurrency: number; durationMs: number };
export type WriteReport = { created: number; failed: number; errors: string[]; seconds: number; histogram: { counts: [number, number][] } };

function post(agent: Agent, url: URL, path: string, authorization: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((done, fail) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path,
        method: "POST",
        headers: {
          Authorization: authorization,
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () => done({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", fail);
    req.end(body);
  });
}

async function run(job: WriteJob): Promise<WriteReport> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const url = new URL(job.url);
  const histogram = new Histogram();
  const report: WriteReport = { created: 0, failed: 0, errors: [], seconds: 0, histogram: { counts: [] } };
  const began = performance.now();
  const until = began + job.durationMs;
  let n = 0;
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (performance.now() < until) {
        const i = n++;
        const start = performance.now();
        const { status, text } = await post(
          agent,
          url,
          job.paths[i % job.paths.length] as string,
          job.authorization,
          `Body=message+${i}&Author=writer`,
        );
        histogram.add(performance.now() - start);
        if (status === 201) report.created++;
        else {
          report.failed++;
          if (report.errors.length < 10) report.errors.push(`${status} ${text.slice(0, 200)}`);
        }
      }
    }),
  );
  report.seconds = (performance.now() - began) / 1000;
  agent.destroy();
  return { ...report, histogram: histogram.toJSON() };
}

process.once("message", (job: WriteJob) => {
  run(job).then(
    (report) => process.send?.(report, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
