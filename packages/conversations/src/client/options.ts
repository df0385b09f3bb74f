import type { WebSocketConstructor } from "@confab/protocol/socket";
import type { JSONValue } from "../util/json.js";

/** Log levels (accepted for compatibility; this SDK logs only warnings it cannot avoid). */
export type LogLevel = "trace" | "debug" | "info" | "warn" | "error" | "silent";

/** Where the client keeps its cached conversation list between sessions. */
export interface ClientStorage {
  getItem(key: string): string | null | Promise<string | null>;
  setItem(key: string, value: string): void | Promise<void>;
  removeItem(key: string): void | Promise<void>;
}

/**
 * Options of the Client. Twilio's fields are accepted so that existing code compiles; the ones
 * about Twilio's own infrastructure (twilsock, Sync, regions, MCS) have no effect on a Confab
 * server. Confab's additions are `server`, `WebSocket` and `storage`.
 */
export interface ClientOptions {
  logLevel?: LogLevel;
  channelMetadataCacheCapacity?: number;
  messageRecipientsCacheCapacity?: number;
  region?: string;
  productId?: string;
  twilsockClient?: unknown;
  transport?: unknown;
  notificationsClient?: unknown;
  syncClient?: unknown;
  /** How long a typing indicator of this user lasts on the others' side (ms); `typing()` is throttled to it. */
  typingIndicatorTimeoutOverride?: number;
  consumptionReportIntervalOverride?: string;
  httpCacheIntervalOverride?: string;
  userInfosToSubscribeOverride?: number;
  retryWhenThrottledOverride?: boolean;
  /** Reconnect backoff: `{ min, max }` in ms. */
  backoffConfigOverride?: Record<string, unknown>;
  Chat?: ClientOptions;
  IPMessaging?: ClientOptions;
  Sync?: Record<string, unknown>;
  Notification?: Record<string, unknown>;
  Twilsock?: Record<string, unknown>;
  clientMetadata?: Record<string, unknown>;
  initRegistrations?: unknown[];
  disableDeepClone?: boolean;
  typingUri?: string;
  /** The server's base URL, when `server` is not given. */
  apiUri?: string;
  throwErrorsAlways?: boolean;
  /**
   * Confab: the server's base URL, e.g. `http://127.0.0.1:4000`; the socket is
   * `ws(s)://…/v1/socket`. Defaults to `apiUri`, then (in browsers) `location.origin`.
   */
  server?: string;
  /** Confab: the WebSocket implementation (defaults to `ws` on Node, the global one in browsers). */
  WebSocket?: WebSocketConstructor;
  /**
   * Confab: where to cache the conversation list and the last event cursor, so the next start is
   * ready at once and catches up by resuming. Defaults to `localStorage` when there is one,
   * otherwise memory (nothing survives the process). `null` turns the cache off.
   */
  storage?: ClientStorage | null;
}

/** What a conversation accepts in messages. */
export interface ConversationLimits {
  mediaAttachmentsCountLimit: number;
  mediaAttachmentSizeLimitInMb: number;
  mediaAttachmentsTotalSizeLimitInMb: number;
  emailHistoriesAllowedContentTypes: string[];
  emailBodiesAllowedContentTypes: string[];
}

/** Options of `createConversation`. */
export interface CreateConversationOptions {
  attributes?: JSONValue;
  friendlyName?: string;
  uniqueName?: string;
  /** Accepted for compatibility; Confab conversations have no access mode. */
  access?: string;
}

/** Options of `getSubscribedConversations` (Confab addition; the Twilio signature takes none). */
export interface SubscribedConversationsOptions {
  /** `recentMessage`: newest last message first (falling back to creation date); `dateCreated`: newest first. Default: the server's order. */
  orderBy?: "recentMessage" | "dateCreated";
  /** Conversations per page (default 50). */
  pageSize?: number;
}

/** The client's state: initialized, or failed to initialize. */
export type State = "failed" | "initialized";
/** The state of the connection to the server. */
export type ConnectionState = "unknown" | "disconnecting" | "disconnected" | "retrying" | "connecting" | "connected" | "denied" | "error";
/** The push channels. */
export type NotificationsChannelType = "twilsock" | "apn" | "fcm";
/** What `initFailed` and `connectionError` carry. */
export type ConnectionError = { terminal: boolean; message: string; httpStatusCode?: number; errorCode?: number };

/**
 * Confab's limits: up to 10 media files per message (as Twilio's default), and no email channel,
 * so no email bodies or histories.
 */
export const defaultLimits: ConversationLimits = {
  mediaAttachmentsCountLimit: 10,
  mediaAttachmentSizeLimitInMb: 150,
  mediaAttachmentsTotalSizeLimitInMb: 150,
  emailHistoriesAllowedContentTypes: [],
  emailBodiesAllowedContentTypes: [],
};
