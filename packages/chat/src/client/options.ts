import type { ClientStorage } from "@confab/conversations/internal";

/** Log levels (accepted for compatibility). */
export type LogLevel = "trace" | "debug" | "info" | "warn" | "error" | "silent" | null;

/**
 * Options of the Client. Twilio's fields are accepted so that existing code compiles; those about
 * Twilio's own infrastructure (twilsock, Sync, regions, MCS) have no effect on a Confab server.
 * Confab's additions are `server`, `WebSocket` and `storage`.
 */
export interface ClientOptions {
  region?: string;
  logLevel?: LogLevel;
  productId?: string;
  twilsockClient?: unknown;
  transport?: unknown;
  notificationsClient?: unknown;
  syncClient?: unknown;
  /** How long this user's typing indicator lasts on the others' side (ms); `typing()` is throttled to it. */
  typingIndicatorTimeoutOverride?: number;
  consumptionReportIntervalOverride?: string;
  httpCacheIntervalOverride?: number;
  userInfosToSubscribeOverride?: number;
  retryWhenThrottledOverride?: boolean;
  /** Reconnect backoff: `{ min, max }` in ms. */
  backoffConfigOverride?: Record<string, unknown>;
  Chat?: Record<string, unknown>;
  IPMessaging?: Record<string, unknown>;
  Sync?: Record<string, unknown>;
  Notification?: Record<string, unknown>;
  Twilsock?: Record<string, unknown>;
  clientMetadata?: Record<string, unknown>;
  disableDeepClone?: boolean;
  initRegistrations?: unknown[];
  /** The server's base URL, when `server` is not given. */
  apiUri?: string;
  /** Confab: the server's base URL, e.g. `http://127.0.0.1:4000`. Defaults to `apiUri`, then (in browsers) `location.origin`. */
  server?: string;
  /** Confab: the WebSocket implementation (defaults to `ws` on Node, the global one in browsers). */
  WebSocket?: unknown;
  /** Confab: where to cache the channel list between sessions (see @confab/conversations); `null` turns it off. */
  storage?: ClientStorage | null;
}

/** Options of `createChannel`. */
export interface CreateChannelOptions {
  attributes?: unknown;
  friendlyName?: string;
  /** A private channel is seen only by its members and invitees; a public one (the default) by every user. */
  isPrivate?: boolean;
  uniqueName?: string;
}

/** What `getLocalChannels` sorts by. */
export type ChannelSortingCriteria = "lastMessage" | "friendlyName" | "uniqueName";
/** The order of `getLocalChannels`. */
export type ChannelSortingOrder = "ascending" | "descending";
/** Options of `getLocalChannels`. */
export interface ChannelSortingOptions {
  criteria?: ChannelSortingCriteria;
  order?: ChannelSortingOrder;
}

/** The client's state: initialized, or failed to initialize. */
export type State = "failed" | "initialized";
/** The state of the connection to the server. */
export type ConnectionState = "unknown" | "disconnecting" | "disconnected" | "connecting" | "connected" | "denied" | "error";
/** The push channels. */
export type NotificationsChannelType = "twilsock" | "apn" | "fcm";
