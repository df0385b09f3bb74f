import type { ConversationWebhookRecord, Page, ServiceRecord } from "../store/index.js";
import type { Actor, Core } from "./context.js";
import { findConversation, type PageRequest } from "./conversations.js";
import { fail } from "./errors.js";
import { newSid, SidPrefix } from "./ids.js";
import { requireAdmin } from "./permissions.js";
import { isoSeconds } from "./time.js";

/** Twilio allows this many webhooks on one conversation. */
export const webhooksPerConversation = 5;

export type ConversationWebhookInput = {
  url?: string;
  method?: "GET" | "POST";
  filters?: string[];
  triggers?: string[];
  flowSid?: string;
  replayAfter?: number;
  /** Chat v2's `Configuration.RetryCount`. */
  retryCount?: number;
};

/*
 * Conversation-scoped webhooks are configuration: only the account manages them. The webhook
 * dispatcher reads them from the store when it sends a conversation's events.
 */

async function webhookOf(core: Core, conversationSid: string, sid: string): Promise<ConversationWebhookRecord> {
  const found = await core.store.get("conversationWebhook", sid);
  if (!found || found.conversationSid !== conversationSid) throw fail.notFound(`/Conversations/${conversationSid}/Webhooks/${sid}`);
  return found;
}

/** A webhook's settings must name where it goes: a URL (`webhook`, `trigger`) or a flow (`studio`). */
function checkTarget(target: ConversationWebhookRecord["target"], record: Pick<ConversationWebhookRecord, "url" | "flowSid">): void {
  if (target === "studio" && !record.flowSid) throw fail.invalid("Configuration.FlowSid is required for a studio webhook");
  if (target !== "studio" && !record.url) throw fail.invalid(`Configuration.Url is required for a ${target} webhook`);
}

export async function findConversationWebhook(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  conversationId: string,
  sid: string,
): Promise<ConversationWebhookRecord> {
  requireAdmin(actor);
  const conversation = await findConversation(core, actor, service, conversationId);
  return webhookOf(core, conversation.sid, sid);
}

export async function listConversationWebhooks(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  conversationId: string,
  page: PageRequest,
): Promise<Page<ConversationWebhookRecord>> {
  requireAdmin(actor);
  const conversation = await findConversation(core, actor, service, conversationId);
  return core.store.list("conversationWebhook", {
    parent: conversation.sid,
    limit: page.pageSize,
    order: page.order ?? "asc",
    ...(page.after === undefined ? {} : { after: page.after }),
  });
}

/** Attaches a webhook to a conversation; at most five per conversation, as on Twilio. */
export async function createConversationWebhook(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  conversationId: string,
  target: ConversationWebhookRecord["target"],
  input: ConversationWebhookInput,
): Promise<ConversationWebhookRecord> {
  requireAdmin(actor);
  const conversation = await findConversation(core, actor, service, conversationId);
  const now = isoSeconds(core.now());
  const studio = target === "studio";
  // Settings that do not apply to the target are not kept.
  const record: ConversationWebhookRecord = {
    sid: newSid(SidPrefix.conversationWebhook),
    accountSid: conversation.accountSid,
    serviceSid: conversation.serviceSid,
    conversationSid: conversation.sid,
    target,
    url: studio ? null : (input.url ?? null),
    method: input.method ?? "POST",
    filters: studio ? [] : (input.filters ?? []),
    triggers: target === "trigger" ? (input.triggers ?? []) : [],
    flowSid: studio ? (input.flowSid ?? null) : null,
    replayAfter: studio ? (input.replayAfter ?? null) : null,
    ...(input.retryCount !== undefined ? { retryCount: input.retryCount } : {}),
    dateCreated: now,
    dateUpdated: now,
  };
  checkTarget(target, record);
  await core.store.transaction(async (tx) => {
    if ((await tx.count("conversationWebhook", { parent: conversation.sid })) >= webhooksPerConversation) {
      throw fail.invalid(`A conversation may have at most ${webhooksPerConversation} webhooks`);
    }
    await tx.insert("conversationWebhook", record);
  });
  return record;
}

export async function updateConversationWebhook(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  conversationId: string,
  sid: string,
  input: Omit<ConversationWebhookInput, "replayAfter">,
): Promise<ConversationWebhookRecord> {
  requireAdmin(actor);
  const conversation = await findConversation(core, actor, service, conversationId);
  const current = await webhookOf(core, conversation.sid, sid);
  const studio = current.target === "studio";
  const updated: ConversationWebhookRecord = {
    ...current,
    url: studio ? null : (input.url ?? current.url),
    method: input.method ?? current.method,
    filters: studio ? [] : (input.filters ?? current.filters),
    triggers: current.target === "trigger" ? (input.triggers ?? current.triggers) : [],
    flowSid: studio ? (input.flowSid ?? current.flowSid) : null,
    ...(input.retryCount !== undefined ? { retryCount: input.retryCount } : {}),
    dateUpdated: isoSeconds(core.now()),
  };
  checkTarget(updated.target, updated);
  await core.store.transaction((tx) => tx.update("conversationWebhook", updated));
  return updated;
}

export async function deleteConversationWebhook(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  conversationId: string,
  sid: string,
): Promise<void> {
  requireAdmin(actor);
  const conversation = await findConversation(core, actor, service, conversationId);
  const current = await webhookOf(core, conversation.sid, sid);
  await core.store.transaction((tx) => tx.remove("conversationWebhook", current.sid));
}
