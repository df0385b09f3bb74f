/**
 * `@confab/chat/ip-messaging` for Node: the legacy `Twilio.IPMessaging` client for a Confab server.
 *
 * @packageDocumentation
 */
import { useNodeWebSocket } from "../node-websocket.js";

useNodeWebSocket();

export * from "./api.js";
export { default } from "./api.js";
