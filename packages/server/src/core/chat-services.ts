/**
 * Chat v2's view of a service: the Conversations service record, plus the settings Chat v2 has and
 * Conversations v1 lacks (kept on the same record under `chat`). One update sets any of them in
 * one write.
 */
import type { ChatServiceSettings, ServiceRecord } from "../store/index.js";
import { webhookEventsFromChat } from "./chat-names.js";
import { applyWebhookInput, type WebhookInput } from "./configuration.js";
import type { Actor, Core } from "./context.js";
import {
  findService,
  mergeSetting,
  type NotificationFields,
  roleOf,
  type ServiceNotificationInput,
  saveService,
  withNotifications,
} from "./services-admin.js";

/** Twilio's defaults, for a service no Chat v2 update has touched. */
export const defaultChatSettings: ChatServiceSettings = {
  typingIndicatorTimeout: 5,
  consumptionReportInterval: 10,
  limits: {},
  preWebhookRetryCount: 0,
  postWebhookRetryCount: 0,
  invitedToChannel: { enabled: false, template: null, sound: null },
  mediaCompatibilityMessage: null,
};

/** Twilio's default Chat limits, shown while a service has none of its own. */
export const defaultChatLimits = { channelMembers: 100, userChannels: 250 } as const;

/** A service's Chat v2 settings, with Twilio's defaults for those never set. */
export function chatSettingsOf(service: ServiceRecord): ChatServiceSettings {
  return { ...defaultChatSettings, ...service.chat };
}

/** Changes to a service through Chat v2; only the fields given change. */
export type ChatServiceInput = {
  friendlyName?: string;
  defaultServiceRoleSid?: string;
  defaultChannelRoleSid?: string;
  defaultChannelCreatorRoleSid?: string;
  readStatusEnabled?: boolean;
  reachabilityEnabled?: boolean;
  typingIndicatorTimeout?: number;
  consumptionReportInterval?: number;
  /** Chat's names: `addedToConversation` is Chat's AddedToChannel and so on. */
  notifications?: ServiceNotificationInput & { invitedToChannel?: NotificationFields };
  preWebhookUrl?: string;
  postWebhookUrl?: string;
  webhookMethod?: string;
  /** Chat webhook event names (`onMessageSend`…). */
  webhookFilters?: string[];
  channelMembersLimit?: number;
  userChannelsLimit?: number;
  mediaCompatibilityMessage?: string;
  preWebhookRetryCount?: number;
  postWebhookRetryCount?: number;
};

/** Applies a Chat v2 service update (account only); roles must be of the service and of the right type. */
export async function updateChatService(core: Core, actor: Actor, sid: string, input: ChatServiceInput): Promise<ServiceRecord> {
  await findService(core, actor, sid);
  // Checked before the transaction: a bad filter name changes nothing.
  const webhook: WebhookInput = {
    ...(input.preWebhookUrl !== undefined ? { preWebhookUrl: input.preWebhookUrl } : {}),
    ...(input.postWebhookUrl !== undefined ? { postWebhookUrl: input.postWebhookUrl } : {}),
    ...(input.webhookMethod !== undefined ? { method: input.webhookMethod } : {}),
    ...(input.webhookFilters !== undefined ? { filters: webhookEventsFromChat(input.webhookFilters) } : {}),
  };
  return saveService(core, actor, sid, async (tx, current) => {
    const chat = chatSettingsOf(current);
    return {
      ...current,
      friendlyName: input.friendlyName ?? current.friendlyName,
      defaultChatServiceRoleSid:
        (await roleOf(tx, current, input.defaultServiceRoleSid, "service", "DefaultServiceRoleSid")) ?? current.defaultChatServiceRoleSid,
      defaultConversationRoleSid:
        (await roleOf(tx, current, input.defaultChannelRoleSid, "conversation", "DefaultChannelRoleSid")) ??
        current.defaultConversationRoleSid,
      defaultConversationCreatorRoleSid:
        (await roleOf(tx, current, input.defaultChannelCreatorRoleSid, "conversation", "DefaultChannelCreatorRoleSid")) ??
        current.defaultConversationCreatorRoleSid,
      readStatusEnabled: input.readStatusEnabled ?? current.readStatusEnabled,
      reachabilityEnabled: input.reachabilityEnabled ?? current.reachabilityEnabled,
      notifications: input.notifications ? withNotifications(current.notifications, input.notifications) : current.notifications,
      webhook: applyWebhookInput(current.webhook, webhook),
      chat: {
        typingIndicatorTimeout: input.typingIndicatorTimeout ?? chat.typingIndicatorTimeout,
        consumptionReportInterval: input.consumptionReportInterval ?? chat.consumptionReportInterval,
        limits: {
          ...chat.limits,
          ...(input.channelMembersLimit !== undefined ? { channelMembers: input.channelMembersLimit } : {}),
          ...(input.userChannelsLimit !== undefined ? { userChannels: input.userChannelsLimit } : {}),
        },
        preWebhookRetryCount: input.preWebhookRetryCount ?? chat.preWebhookRetryCount,
        postWebhookRetryCount: input.postWebhookRetryCount ?? chat.postWebhookRetryCount,
        invitedToChannel: mergeSetting(chat.invitedToChannel, input.notifications?.invitedToChannel),
        mediaCompatibilityMessage: input.mediaCompatibilityMessage ?? chat.mediaCompatibilityMessage,
      },
    };
  });
}
