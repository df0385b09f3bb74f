export { createWebhookDispatcher } from "./dispatcher.js";
export type { WebhookOptions } from "./dispatcher.js";
export { twilioSignature } from "./signature.js";
