import type { ConfigurationRecord, WebhookSettings } from "../store/index.js";
import type { Actor, Core } from "./context.js";
import { fail } from "./errors.js";
import { requireAdmin } from "./permissions.js";
import { isoSeconds } from "./time.js";
import { checkTimer } from "./timers.js";

/** Twilio's webhook event names, the only values `Filters` may hold (service and account webhooks). */
export const webhookEvents: ReadonlySet<string> = new Set([
  "onMessageAdd",
  "onMessageAdded",
  "onMessageUpdate",
  "onMessageUpdated",
  "onMessageRemove",
  "onMessageRemoved",
  "onConversationAdd",
  "onConversationAdded",
  "onConversationUpdate",
  "onConversationUpdated",
  "onConversationRemove",
  "onConversationRemoved",
  "onConversationStateUpdated",
  "onParticipantAdd",
  "onParticipantAdded",
  "onParticipantUpdate",
  "onParticipantUpdated",
  "onParticipantRemove",
  "onParticipantRemoved",
  "onDeliveryUpdated",
  "onUserAdded",
  "onUserUpdate",
  "onUserUpdated",
]);

/** Changes to a service's or the account's webhook settings; only the fields given change. */
export type WebhookInput = { preWebhookUrl?: string; postWebhookUrl?: string; filters?: string[]; method?: string };

/**
 * The webhook settings after `input`: filters must be Twilio event names, the method GET or POST
 * in any case, URLs http(s). An empty URL clears it, as Twilio does.
 */
export function applyWebhookInput<W extends WebhookSettings>(current: W, input: WebhookInput): W {
  const unknown = input.filters?.filter((f) => !webhookEvents.has(f)) ?? [];
  if (unknown.length > 0) throw fail.invalid(`Unknown webhook event in Filters: ${unknown.join(", ")}`);
  return {
    ...current,
    preWebhookUrl: input.preWebhookUrl === undefined ? current.preWebhookUrl : webhookUrl(input.preWebhookUrl, "PreWebhookUrl"),
    postWebhookUrl: input.postWebhookUrl === undefined ? current.postWebhookUrl : webhookUrl(input.postWebhookUrl, "PostWebhookUrl"),
    filters: input.filters === undefined ? current.filters : [...new Set(input.filters)],
    method: input.method === undefined ? current.method : webhookMethod(input.method),
  };
}

function webhookUrl(value: string, name: string): string | null {
  if (value === "") return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw fail.invalid(`${name} must be an absolute http or https URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw fail.invalid(`${name} must be an absolute http or https URL`);
  return value;
}

/** `GET` or `POST`, taken in any letter case. */
export function webhookMethod(value: string): "GET" | "POST" {
  const method = value.toUpperCase();
  if (method !== "GET" && method !== "POST") throw fail.invalid(`Method must be GET or POST, not ${value}`);
  return method;
}

/** The account's configuration; only the account itself may read it. */
export async function fetchConfiguration(core: Core, actor: Actor): Promise<ConfigurationRecord> {
  requireAdmin(actor);
  const configuration = await core.store.get("configuration", actor.accountSid);
  if (!configuration) throw fail.notFound("/Configuration");
  return configuration;
}

export type ConfigurationInput = {
  defaultChatServiceSid?: string;
  defaultMessagingServiceSid?: string;
  defaultInactiveTimer?: string;
  defaultClosedTimer?: string;
};

/**
 * Changes the account's defaults. The default service must be a service of the account, since
 * every shortened path (`/v1/Conversations`…) acts on it.
 */
export async function updateConfiguration(core: Core, actor: Actor, input: ConfigurationInput): Promise<ConfigurationRecord> {
  requireAdmin(actor);
  const inactive = input.defaultInactiveTimer && checkTimer(input.defaultInactiveTimer, "DefaultInactiveTimer", "inactive");
  const closed = input.defaultClosedTimer && checkTimer(input.defaultClosedTimer, "DefaultClosedTimer", "closed");
  return core.store.transaction(async (tx) => {
    const current = await tx.get("configuration", actor.accountSid);
    if (!current) throw fail.notFound("/Configuration");
    if (input.defaultChatServiceSid !== undefined) {
      const service = await tx.get("service", input.defaultChatServiceSid);
      if (!service || service.accountSid !== actor.accountSid) {
        throw fail.invalid(`DefaultChatServiceSid ${input.defaultChatServiceSid} is not a Conversations service of this account`);
      }
    }
    const updated: ConfigurationRecord = {
      ...current,
      defaultChatServiceSid: input.defaultChatServiceSid ?? current.defaultChatServiceSid,
      defaultMessagingServiceSid: input.defaultMessagingServiceSid ?? current.defaultMessagingServiceSid,
      defaultInactiveTimer: inactive || current.defaultInactiveTimer,
      defaultClosedTimer: closed || current.defaultClosedTimer,
      dateUpdated: isoSeconds(core.now()),
    };
    await tx.update("configuration", updated);
    return updated;
  });
}

export type ConfigurationWebhookInput = WebhookInput & { target?: "webhook" | "flex" };

/** Changes where the account's webhooks go; only the fields given change. */
export async function updateConfigurationWebhook(core: Core, actor: Actor, input: ConfigurationWebhookInput): Promise<ConfigurationRecord> {
  requireAdmin(actor);
  return core.store.transaction(async (tx) => {
    const current = await tx.get("configuration", actor.accountSid);
    if (!current) throw fail.notFound("/Configuration/Webhooks");
    const webhook = applyWebhookInput(current.webhook, input);
    const updated: ConfigurationRecord = {
      ...current,
      webhook: { ...webhook, target: input.target ?? current.webhook.target },
      dateUpdated: isoSeconds(core.now()),
    };
    await tx.update("configuration", updated);
    return updated;
  });
}
