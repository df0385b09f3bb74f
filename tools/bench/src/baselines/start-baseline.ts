import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { type Memory, memoryOf, probedNode, stopChild } from "../processes.js";

export type Baseline = { port: number; memory(): Promise<Memory>; stop(): Promise<void> };

/** Starts a baseline server script from this folder as its own process; resolves its port, its memory probe and a stop function. */
export async function startBaseline(script: string): Promise<Baseline> {
  const child: ChildProcess = spawn(process.execPath, [...probedNode, resolve(import.meta.dirname, script)], {
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  // Read and drop its error output, so a chatty child never blocks on a full pipe.
  child.stderr?.resume();
  const killChild = () => child.kill("SIGKILL");
  process.once("exit", killChild);
  const port = await new Promise<number>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`${script} did not start`)), 20_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        ready(Number(match[1]));
      }
    });
    child.once("exit", (code) => fail(new Error(`${script} exited with ${code}`)));
  });
  return {
    port,
    memory: () => memoryOf(child),
    async stop() {
      process.off("exit", killChild);
      await stopChild(child);
    },
  };
}
