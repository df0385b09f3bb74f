/**
 * `@confab/chat/ip-messaging` for browsers: the legacy `Twilio.IPMessaging` client.
 *
 * @packageDocumentation
 */
export * from "./api.js";
export { default } from "./api.js";
