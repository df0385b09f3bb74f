import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";

/** Starts a baseline server script from this folder as its own process; resolves its port and a stop function. */
export async function startBaseline(script: string): Promise<{ port: number; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", resolve(import.meta.dirname, script)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Read and drop its error output, so a chatty child never blocks on a full pipe.
  child.stderr?.resume();
  const port = await new Promise<number>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`${script} did not start`)), 20_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        ready(Number(match[1]));
      }
    });
  });
  return {
    port,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    },
  };
}
