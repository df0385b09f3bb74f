/**
 * The advisory locks the PostgreSQL store takes, as (namespace, id) pairs. Advisory locks are per
 * database, so stores on other databases of the same server never wait for each other.
 */
const namespace = 0x636f6e66; // "conf"

/** Held by every write transaction until it ends: writers run one at a time across all nodes. */
export const writeLock = [namespace, 1] as const;

/** Held while migrating, so nodes that start together apply each migration once. */
export const migrationLock = [namespace, 2] as const;
