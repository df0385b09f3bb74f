import type { Presence } from "./presence.js";

/**
 * This server as one node of a cluster: several nodes share one store and one bus (Redis). The
 * core and the realtime hub read it to do what only a cluster needs: claim outbox events before
 * publishing them, publish those of dead nodes, read users' streams from the store instead of
 * trusting the bus's order, and count a user online while any node holds a socket of theirs.
 */
export type ClusterNode = {
  /** This node's name, new at every start. */
  id: string;
  presence: Presence;
  /** An outbox event this old that nobody claimed is published by whichever node sweeps first. */
  outboxStaleMs: number;
  /** How long a claim holds; a node that died holding one leaves it to others after that. */
  outboxLeaseMs: number;
};
