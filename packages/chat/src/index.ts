/**
 * @confab/chat for Node: the API of `twilio-chat` 6, talking to a Confab server. Node 20 has no
 * global WebSocket, so this entry gives the core the `ws` package.
 *
 * @packageDocumentation
 */
import { setPlatformWebSocket } from "@confab/conversations/internal";
import WebSocket from "ws";

setPlatformWebSocket(WebSocket as unknown as Parameters<typeof setPlatformWebSocket>[0]);

export * from "./api.js";
