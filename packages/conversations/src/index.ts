/**
 * @confab/conversations for Node: the API of `@twilio/conversations`, talking to a Confab
 * server. Node 20 has no global WebSocket, so this entry uses the `ws` package.
 *
 * @packageDocumentation
 */
import WebSocket from "ws";
import type { WebSocketConstructor } from "@confab/protocol/socket";
import { setPlatformWebSocket } from "./platform/websocket.js";

setPlatformWebSocket(WebSocket as unknown as WebSocketConstructor);

export * from "./api.js";
