/**
 * @confab/chat for browsers: the API of `twilio-chat` 6 over the browser's own WebSocket.
 *
 * @packageDocumentation
 */
export * from "./api.js";
