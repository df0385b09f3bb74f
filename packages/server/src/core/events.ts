import type { Actor, Core } from "./context.js";

/** Where a change came from, as webhooks report it (`Source`, `ClientIdentity`). */
export type Origin = { source: "SDK" | "API"; identity?: string; webhooks: boolean };

/** A user's writes come from an SDK and fire webhooks; the account's fire them only when asked. */
export function originOf(actor: Actor | undefined): Origin {
  if (!actor) return { source: "API", webhooks: false };
  if (actor.kind === "user") return { source: "SDK", identity: actor.identity, webhooks: true };
  return { source: "API", webhooks: actor.webhooks ?? false };
}

/** Publishes a domain event about a record of a service (and conversation, when in one). */
export async function publish(
  core: Core,
  type: string,
  scope: { accountSid: string; serviceSid: string; conversationSid?: string },
  data: Record<string, unknown>,
  actor?: Actor,
): Promise<void> {
  await core.bus.publish({
    type,
    accountSid: scope.accountSid,
    serviceSid: scope.serviceSid,
    ...(scope.conversationSid ? { conversationSid: scope.conversationSid } : {}),
    data,
    origin: originOf(actor),
    date: core.now().toISOString(),
  });
}
