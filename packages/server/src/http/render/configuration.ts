import type { ConfigurationRecord } from "../../store/index.js";

/** The account's configuration singleton. */
export function renderConfiguration(c: ConfigurationRecord, publicUrl: string) {
  const url = `${publicUrl}/v1/Configuration`;
  return {
    account_sid: c.accountSid,
    default_chat_service_sid: c.defaultChatServiceSid,
    default_messaging_service_sid: c.defaultMessagingServiceSid,
    default_inactive_timer: c.defaultInactiveTimer,
    default_closed_timer: c.defaultClosedTimer,
    url,
    links: {
      service: `${publicUrl}/v1/Services/${c.defaultChatServiceSid}/Configuration`,
      webhooks: `${url}/Webhooks`,
    },
  };
}

/** The account's webhook configuration singleton. */
export function renderConfigurationWebhook(c: ConfigurationRecord, publicUrl: string) {
  return {
    account_sid: c.accountSid,
    method: c.webhook.method,
    filters: c.webhook.filters,
    pre_webhook_url: c.webhook.preWebhookUrl,
    post_webhook_url: c.webhook.postWebhookUrl,
    target: c.webhook.target,
    url: `${publicUrl}/v1/Configuration/Webhooks`,
  };
}
