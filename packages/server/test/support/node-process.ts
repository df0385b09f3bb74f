import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { processCredentials } from "./server-process.js";

const packageDir = resolve(import.meta.dirname, "../..");

/** A `confab start` process and what it printed so far. */
export type NodeProcess = { child: ChildProcess; port: number; url: string; output(): string };

/**
 * Runs `confab start` as a separate process with extra arguments and environment (a cluster
 * node: `--store`, `--bus`), on a loopback port; resolves once it says it is running, with the
 * fixed test credentials of ./server-process.ts. The caller kills it.
 */
export async function startNodeProcess(
  port: number,
  dataDir: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<NodeProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/cli.ts", "start", "--port", String(port), "--data-dir", dataDir, ...args],
    { cwd: packageDir, env: { ...process.env, ...processCredentials, ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`the server did not start: ${output}`)), 30_000);
    const check = () => {
      if (output.includes("Twilio helper:")) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout?.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`the server exited with ${code}: ${output}`));
    });
  });
  return { child, port, url: `http://127.0.0.1:${port}`, output: () => output };
}
