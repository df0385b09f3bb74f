import type { NotificationSettings, ServiceRecord } from "../../store/index.js";

/** A service's own URL. */
export function serviceUrl(publicUrl: string, sid: string): string {
  return `${publicUrl}/v1/Services/${sid}`;
}

/** A service as Twilio's JSON, with the links to everything in it. */
export function renderService(s: ServiceRecord, publicUrl: string) {
  const url = serviceUrl(publicUrl, s.sid);
  return {
    account_sid: s.accountSid,
    sid: s.sid,
    friendly_name: s.friendlyName,
    date_created: s.dateCreated,
    date_updated: s.dateUpdated,
    url,
    links: {
      conversations: `${url}/Conversations`,
      users: `${url}/Users`,
      roles: `${url}/Roles`,
      bindings: `${url}/Bindings`,
      configuration: `${url}/Configuration`,
      participant_conversations: `${url}/ParticipantConversations`,
      conversation_with_participants: `${url}/ConversationWithParticipants`,
    },
  };
}

/** A service's configuration singleton (default roles, reachability). */
export function renderServiceConfiguration(s: ServiceRecord, publicUrl: string) {
  const url = `${serviceUrl(publicUrl, s.sid)}/Configuration`;
  return {
    chat_service_sid: s.sid,
    default_conversation_creator_role_sid: s.defaultConversationCreatorRoleSid,
    default_conversation_role_sid: s.defaultConversationRoleSid,
    default_chat_service_role_sid: s.defaultChatServiceRoleSid,
    reachability_enabled: s.reachabilityEnabled,
    url,
    links: { notifications: `${url}/Notifications`, webhooks: `${url}/Webhooks` },
  };
}

const setting = (n: NotificationSettings) => ({ enabled: n.enabled, template: n.template, sound: n.sound });

/** A service's push notification settings. */
export function renderServiceNotification(s: ServiceRecord, publicUrl: string) {
  const n = s.notifications;
  return {
    account_sid: s.accountSid,
    chat_service_sid: s.sid,
    log_enabled: n.logEnabled,
    new_message: {
      ...setting(n.newMessage),
      badge_count_enabled: n.newMessage.badgeCountEnabled,
      with_media: { enabled: n.newMessage.withMedia.enabled, template: n.newMessage.withMedia.template },
    },
    added_to_conversation: setting(n.addedToConversation),
    removed_from_conversation: setting(n.removedFromConversation),
    url: `${serviceUrl(publicUrl, s.sid)}/Configuration/Notifications`,
  };
}

/** A service's webhook configuration. */
export function renderServiceWebhook(s: ServiceRecord, publicUrl: string) {
  return {
    account_sid: s.accountSid,
    chat_service_sid: s.sid,
    pre_webhook_url: s.webhook.preWebhookUrl,
    post_webhook_url: s.webhook.postWebhookUrl,
    filters: s.webhook.filters,
    method: s.webhook.method,
    url: `${serviceUrl(publicUrl, s.sid)}/Configuration/Webhooks`,
  };
}
