export { startPushDispatcher } from "./dispatcher.js";
export { pushPayload, renderTemplate } from "./payload.js";
export type { PushContext, PushType } from "./payload.js";
export { webhookPushSender } from "./sender.js";
export type { PushSender } from "./sender.js";
