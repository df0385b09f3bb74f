export { RealtimeClient } from "./realtime-client.js";
export type {
  ConnectionState,
  RealtimeClientEvents,
  RealtimeClientOptions,
  RequestCallOptions,
  WebSocketConstructor,
  WebSocketLike,
} from "./realtime-client.js";
export { fullJitterDelay } from "./backoff.js";
export type { BackoffOptions } from "./backoff.js";
export { CloseCodes } from "./close-codes.js";
export { Emitter } from "./emitter.js";
export { durableEvents, ephemeralEvents } from "./frames.js";
export type { ClientFrame, ServerEventFrame, ServerFrame, SocketEventMap } from "./frames.js";
export type * from "../generated/socket-models.js";
