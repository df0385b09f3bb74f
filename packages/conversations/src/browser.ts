/**
 * @confab/conversations for browsers: the API of `@twilio/conversations`, talking to a Confab
 * server over the browser's own WebSocket.
 *
 * @packageDocumentation
 */
export * from "./api.js";
