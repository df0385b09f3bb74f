/**
 * @confab/chat for Node: the API of `twilio-chat` 6, talking to a Confab server. Node 20 has no
 * global WebSocket, so this entry gives the core the `ws` package.
 *
 * @packageDocumentation
 */
import { useNodeWebSocket } from "./node-websocket.js";

useNodeWebSocket();

export * from "./api.js";
