/**
 * Which users have a socket open anywhere. A node tells it when it opens its first socket of a
 * user and closes its last; the answer says whether that made the user online or offline for
 * the whole cluster (the node then announces it). On one node that is always the case.
 */
export interface Presence {
  /** This node opened its first socket of the user: resolves true when no other node holds one. */
  join(serviceSid: string, identity: string): Promise<boolean>;
  /** This node closed its last socket of the user: resolves true when no other node holds one. */
  leave(serviceSid: string, identity: string): Promise<boolean>;
  /**
   * Called for each user whose last sockets were on a node that died: that user is offline now.
   * Exactly one node is told of each.
   */
  onExpired(handler: (serviceSid: string, identity: string) => Promise<void>): void;
  close(): Promise<void>;
}

/** One node's presence: its own sockets are all there is. */
export const localPresence: Presence = {
  join: async () => true,
  leave: async () => true,
  onExpired: () => {},
  close: async () => {},
};
