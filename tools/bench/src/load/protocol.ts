/** The messages between the bench and its load generator processes (socket-clients.ts). */

/** Which server the clients talk to: Confab's native socket, the bare ws ceiling, or Socket.IO. */
export type Target = "confab" | "ws" | "socketio";

/** One simulated user: its number, and its conversation (SID or room) in each conversation size. */
export type ClientSpec = { id: number; token?: string; rooms: Record<number, string> };

export type ToGenerator =
  | { type: "connect"; target: Target; url: string; clients: ClientSpec[] }
  /**
   * Starts a phase: in conversations of `size`, the first member of each of the first 100
   * (id % size === 0) sends a message as soon as its previous one came back to it, from `start` until `until` (epoch
   * ms). `start` lies a little ahead, so that every process listens before anyone speaks.
   */
  | { type: "phase"; size: number; start: number; until: number }
  | { type: "report" }
  | { type: "disconnect"; from: number };

export type PhaseReport = {
  /** Messages sent by this process's speakers that came back to them (created and delivered). */
  sent: number;
  /** Messages sent that did not come back yet. */
  inFlight: number;
  /** Messages received from someone else. */
  delivered: number;
  /** Epoch ms of the last delivery. */
  lastAt: number;
  histogram: { counts: [number, number][] };
  errors: string[];
};

export type FromGenerator =
  /** How many of the clients in the `connect` message connected. */
  { type: "connected"; count: number; errors: string[] } | ({ type: "report" } & PhaseReport) | { type: "disconnected"; count: number };

/** Wall-clock milliseconds with sub-millisecond precision, comparable between processes. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}
