import type { ChildProcess } from "node:child_process";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

/** Node flags for a measured process: TypeScript through tsx, and the memory probe (with `gc`). */
export const probedNode = [
  "--expose-gc",
  "--import",
  "tsx",
  "--import",
  pathToFileURL(resolve(import.meta.dirname, "memory-probe.ts")).href,
];

export type Memory = { rss: number; heapUsed: number; external: number; arrayBuffers: number };

/** Asks a probed child (started with `probedNode` and an IPC channel) for its memory after GC. */
export function memoryOf(child: ChildProcess): Promise<Memory> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error("no memory report")), 30_000);
    const onMessage = (message: { type?: string; usage?: Memory }) => {
      if (message?.type !== "memory" || !message.usage) return;
      clearTimeout(timer);
      child.off("message", onMessage);
      done(message.usage);
    };
    child.on("message", onMessage);
    child.send({ type: "memory" });
  });
}

/** Resolves when a child exits; kills it after `graceMs` if SIGTERM was not enough. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}
