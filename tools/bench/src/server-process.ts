import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { mintAccessToken } from "@confab/server";
import { type Memory, memoryOf, probedNode, stopChild } from "./processes.js";

const cli = resolve(import.meta.dirname, "../../../packages/server/dist/cli.js");

export const credentials = {
  accountSid: `AC${"b".repeat(32)}`,
  authToken: "bench-auth-token",
  apiKeySid: `SK${"b".repeat(32)}`,
  apiKeySecret: "bench-api-secret",
};

export type BenchServer = {
  url: string;
  port: number;
  /** The server's data directory (its SQLite database is `confab.db` there). */
  dataDir: string;
  /** The server process's memory after a full GC, measured inside it. */
  memory(): Promise<Memory>;
  token(identity: string, ttlSeconds?: number): string;
  /** An account (Basic auth) request; resolves to the parsed JSON. */
  admin(method: string, path: string, form?: Record<string, string>): Promise<{ sid: string }>;
  stop(): Promise<void>;
};

export function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

/** Extra Node flags for the server only, to profile it: `BENCH_SERVER_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof"`. */
function profilingFlags(): string[] {
  return (process.env.BENCH_SERVER_NODE_FLAGS ?? "").split(" ").filter(Boolean);
}

/**
 * Starts the built server as its own process (the load stays in this one), on loopback and a
 * throwaway directory; on the PostgreSQL database `store` names, if given (else SQLite in that
 * directory).
 */
export async function startBenchServer(store?: string): Promise<BenchServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "confab-bench-"));
  const child: ChildProcess = spawn(
    process.execPath,
    [...probedNode, ...profilingFlags(), cli, "start", "--port", String(port), "--data-dir", dataDir, ...(store ? ["--store", store] : [])],
    {
      env: {
        ...process.env,
        CONFAB_ACCOUNT_SID: credentials.accountSid,
        CONFAB_AUTH_TOKEN: credentials.authToken,
        CONFAB_API_KEY_SID: credentials.apiKeySid,
        CONFAB_API_KEY_SECRET: credentials.apiKeySecret,
      },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    },
  );
  // Read and drop its error output, so a chatty child never blocks on a full pipe.
  child.stderr?.resume();
  // Never outlive the bench, whatever way it ends.
  const killChild = () => child.kill("SIGKILL");
  process.once("exit", killChild);
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error("the server did not start")), 30_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("Confab is running")) {
        clearTimeout(timer);
        ready();
      }
    });
    child.once("exit", (code) => fail(new Error(`the server exited with ${code}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  const auth = `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString("base64")}`;
  return {
    url,
    port,
    dataDir,
    memory: () => memoryOf(child),
    token: (identity, ttlSeconds = 3600) => mintAccessToken({ ...credentials, identity, ttlSeconds }),
    async admin(method, path, form) {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { Authorization: auth, "Content-Type": "application/x-www-form-urlencoded" },
        ...(form ? { body: new URLSearchParams(form).toString() } : {}),
      });
      const text = await res.text();
      if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : undefined;
    },
    async stop() {
      process.off("exit", killChild);
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
