import type { Actor, Core } from "./context.js";
import { originOf } from "./events.js";

/**
 * Asks the service's pre-event webhook about a write, when the write fires webhooks (SDK writes,
 * and REST writes with `X-Twilio-Webhook-Enabled: true`). Resolves to the fields the hook wants
 * changed (by Twilio's snake_case names); throws when the hook rejects the write.
 */
export async function runPreHook(
  core: Core,
  actor: Actor,
  eventType: string,
  scope: { accountSid: string; serviceSid: string; conversationSid?: string },
  params: Record<string, string>,
): Promise<Record<string, string>> {
  if (!core.hooks || !originOf(actor).webhooks) return {};
  return core.hooks.before({ eventType, ...scope, actor, params });
}
