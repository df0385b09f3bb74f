/**
 * @confab/server: the Confab server. `startServer` runs it in-process (tests, embedding); the
 * `confab` command runs it from a shell.
 *
 * @packageDocumentation
 */
export { startServer } from "./start-server.js";
export type { RunningServer, StartServerOptions } from "./start-server.js";
export type { Credentials, CredentialOverrides } from "./bootstrap.js";
export { mintAccessToken, verifyAccessToken } from "./auth/access-token.js";
export type { AccessTokenClaims } from "./auth/access-token.js";
export type { Actor, Core, Limits } from "./core/context.js";
export { defaultLimits } from "./core/context.js";
export { recordDeliveryStatus } from "./core/receipts.js";
export type { DeliveryStatusUpdate } from "./core/receipts.js";
export type { Bus, BusHandler, DomainEvent } from "./bus/index.js";
export { createMemoryBus, RESYNC_EVENT } from "./bus/index.js";
export { openRedisBus } from "./bus/redis-bus.js";
export type { RedisBus, RedisBusOptions } from "./bus/redis-bus.js";
export type { ClusterOptions } from "./cluster/open-bus.js";
export type { ClusterNode } from "./cluster/node.js";
export type { Presence } from "./cluster/presence.js";
export type { Store, StoreReader, StoreWriter } from "./store/index.js";
export { openPostgresStore, openSqliteStore } from "./store/index.js";
export type { PostgresStoreOptions, SqliteStoreOptions } from "./store/index.js";
