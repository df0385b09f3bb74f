import type { Core } from "./context.js";

/** Publishes a domain event about a record of a service (and conversation, when in one). */
export async function publish(
  core: Core,
  type: string,
  scope: { accountSid: string; serviceSid: string; conversationSid?: string },
  data: Record<string, unknown>,
): Promise<void> {
  await core.bus.publish({
    type,
    accountSid: scope.accountSid,
    serviceSid: scope.serviceSid,
    ...(scope.conversationSid ? { conversationSid: scope.conversationSid } : {}),
    data,
    date: core.now().toISOString(),
  });
}
