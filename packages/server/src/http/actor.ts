import type { Actor } from "../core/context.js";

/**
 * The acting principal for one request: `X-Twilio-Webhook-Enabled: true` makes the account's REST
 * writes fire webhooks, as Twilio does (user writes always do).
 */
export function actorFor(principal: Actor, params: { "X-Twilio-Webhook-Enabled"?: string }): Actor {
  if (principal.kind === "admin" && params["X-Twilio-Webhook-Enabled"] === "true") return { ...principal, webhooks: true };
  return principal;
}
