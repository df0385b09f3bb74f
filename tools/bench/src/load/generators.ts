import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { stopChild } from "../processes.js";
import { Histogram } from "../stats.js";
import { type ClientSpec, epochNow, type FromGenerator, type PhaseReport, type Target, type ToGenerator } from "./protocol.js";

/** What one phase measured, over every load generator. */
export type PhaseOutcome = {
  sent: number;
  delivered: number;
  expected: number;
  /** Messages still on their way when the drain time ran out (0 in a passing phase). */
  inFlight: number;
  /** Deliveries per second, from the phase's start to its last delivery. */
  deliveredPerSecond: number;
  histogram: Histogram;
  errors: string[];
};

/**
 * The load generator processes (socket-clients.ts), each holding a share of the clients: user `id`
 * lives in process `id % count`, so every process has its share of the speakers.
 */
export class Generators {
  private constructor(private readonly children: ChildProcess[]) {}

  static start(count: number): Generators {
    const children = Array.from({ length: count }, () => {
      const child = spawn(process.execPath, ["--import", "tsx", resolve(import.meta.dirname, "socket-clients.ts")], {
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      const kill = () => child.kill("SIGKILL");
      process.once("exit", kill);
      child.once("exit", () => process.off("exit", kill));
      return child;
    });
    return new Generators(children);
  }

  /** Opens every client's connection; fails if any could not connect. */
  async connect(target: Target, url: string, clients: ClientSpec[]): Promise<void> {
    const replies = await Promise.all(
      this.children.map((child, i) =>
        ask(
          child,
          { type: "connect", target, url, clients: clients.filter((c) => c.id % this.children.length === i) },
          "connected",
          300_000,
        ),
      ),
    );
    const connected = replies.reduce((n, r) => n + r.count, 0);
    if (connected !== clients.length) {
      throw new Error(
        `${target}: ${connected} of ${clients.length} clients connected (${replies
          .flatMap((r) => r.errors)
          .slice(0, 3)
          .join("; ")})`,
      );
    }
  }

  /** Closes the clients whose id is `from` or more. */
  async disconnect(from: number): Promise<void> {
    await Promise.all(this.children.map((child) => ask(child, { type: "disconnect", from }, "disconnected", 60_000)));
    // Give the server a moment to notice the closes before the next measurement.
    await new Promise((r) => setTimeout(r, 1000));
  }

  /**
   * Runs a phase for `durationMs` in conversations of `size`, then waits (at most `drainMs`) until
   * every message that was sent reached every other member of its conversation.
   */
  async phase(size: number, durationMs: number, drainMs = 120_000): Promise<PhaseOutcome> {
    // Every process gets the phase before anyone speaks.
    const start = epochNow() + 500;
    for (const child of this.children) child.send({ type: "phase", size, start, until: start + durationMs } satisfies ToGenerator);
    await new Promise((r) => setTimeout(r, durationMs + 500));
    const deadline = Date.now() + drainMs;
    let reports: PhaseReport[] = [];
    for (;;) {
      reports = await Promise.all(this.children.map((child) => ask(child, { type: "report" }, "report", 30_000)));
      const sent = reports.reduce((n, r) => n + r.sent, 0);
      const delivered = reports.reduce((n, r) => n + r.delivered, 0);
      const inFlight = reports.reduce((n, r) => n + r.inFlight, 0);
      if ((inFlight === 0 && delivered === sent * (size - 1)) || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const histogram = new Histogram();
    for (const report of reports) histogram.merge(report.histogram);
    const sent = reports.reduce((n, r) => n + r.sent, 0);
    const delivered = reports.reduce((n, r) => n + r.delivered, 0);
    const lastAt = Math.max(...reports.map((r) => r.lastAt));
    return {
      sent,
      delivered,
      expected: sent * (size - 1),
      inFlight: reports.reduce((n, r) => n + r.inFlight, 0),
      deliveredPerSecond: delivered / ((lastAt - start) / 1000),
      histogram,
      errors: reports.flatMap((r) => r.errors),
    };
  }

  async stop(): Promise<void> {
    await Promise.all(this.children.map((child) => stopChild(child, 5000)));
  }
}

type Reply<T extends FromGenerator["type"]> = Extract<FromGenerator, { type: T }>;

function ask<T extends FromGenerator["type"]>(
  child: ChildProcess,
  message: ToGenerator,
  replyType: T,
  timeoutMs: number,
): Promise<Reply<T>> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.off("message", onMessage);
      fail(new Error(`a load generator did not answer ${message.type} within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (reply: FromGenerator) => {
      if (reply.type !== replyType) return;
      clearTimeout(timer);
      child.off("message", onMessage);
      done(reply as Reply<T>);
    };
    child.on("message", onMessage);
    child.send(message);
  });
}
