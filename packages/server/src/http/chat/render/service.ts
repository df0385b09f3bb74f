import { webhookEventsToChat } from "../../../core/chat-names.js";
import { chatSettingsOf, defaultChatLimits } from "../../../core/chat-services.js";
import type { NotificationSettings, ServiceRecord } from "../../../store/index.js";
import { chatServiceUrl } from "./paths.js";

const setting = (n: NotificationSettings) => ({ enabled: n.enabled, template: n.template, sound: n.sound });

/** A service as Chat v2's JSON: the Conversations service with the settings Chat adds. `mediaBytes`: the media size limit. */
export function renderChatService(s: ServiceRecord, publicUrl: string, mediaBytes: number) {
  const url = chatServiceUrl(publicUrl, s.sid);
  const chat = chatSettingsOf(s);
  const n = s.notifications;
  return {
    sid: s.sid,
    account_sid: s.accountSid,
    friendly_name: s.friendlyName,
    date_created: s.dateCreated,
    date_updated: s.dateUpdated,
    default_service_role_sid: s.defaultChatServiceRoleSid,
    default_channel_role_sid: s.defaultConversationRoleSid,
    default_channel_creator_role_sid: s.defaultConversationCreatorRoleSid,
    read_status_enabled: s.readStatusEnabled,
    reachability_enabled: s.reachabilityEnabled,
    typing_indicator_timeout: chat.typingIndicatorTimeout,
    consumption_report_interval: chat.consumptionReportInterval,
    limits: {
      channel_members: chat.limits.channelMembers ?? defaultChatLimits.channelMembers,
      user_channels: chat.limits.userChannels ?? defaultChatLimits.userChannels,
    },
    pre_webhook_url: s.webhook.preWebhookUrl,
    post_webhook_url: s.webhook.postWebhookUrl,
    webhook_method: s.webhook.method,
    webhook_filters: webhookEventsToChat(s.webhook.filters),
    pre_webhook_retry_count: chat.preWebhookRetryCount,
    post_webhook_retry_count: chat.postWebhookRetryCount,
    notifications: {
      log_enabled: n.logEnabled,
      new_message: { ...setting(n.newMessage), badge_count_enabled: n.newMessage.badgeCountEnabled },
      added_to_channel: setting(n.addedToConversation),
      removed_from_channel: setting(n.removedFromConversation),
      invited_to_channel: setting(chat.invitedToChannel),
    },
    media: { size_limit_mb: Math.floor(mediaBytes / (1024 * 1024)), compatibility_message: chat.mediaCompatibilityMessage },
    url,
    links: { channels: `${url}/Channels`, users: `${url}/Users`, roles: `${url}/Roles`, bindings: `${url}/Bindings` },
  };
}
