import type { WebSocketConstructor } from "@confab/protocol/socket";

let platformWebSocket: WebSocketConstructor | undefined;

/** Set by the Node entry point to the `ws` package; browsers use their global WebSocket. */
export function setPlatformWebSocket(ctor: WebSocketConstructor): void {
  platformWebSocket = ctor;
}

/** The WebSocket to use when the options name none. */
export function platformDefaultWebSocket(): WebSocketConstructor | undefined {
  return platformWebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
}
