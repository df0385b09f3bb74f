/**
 * `@confab/chat/ip-messaging` for Node: the legacy `Twilio.IPMessaging` client for a Confab server.
 *
 * @packageDocumentation
 */
import "../index.js";

export * from "./api.js";
export { default } from "./api.js";
