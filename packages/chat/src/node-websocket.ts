import { setPlatformWebSocket } from "@confab/conversations/internal";
import WebSocket from "ws";

/** Gives the core the `ws` package: Node 20 has no global WebSocket. Each Node entry calls it. */
export function useNodeWebSocket(): void {
  setPlatformWebSocket(WebSocket as unknown as Parameters<typeof setPlatformWebSocket>[0]);
}
