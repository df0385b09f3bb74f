import type { AddressConfigurationRecord } from "../../store/index.js";

/**
 * Auto-creation settings as Twilio shows them: the `webhook_*` keys only for a webhook, the
 * `studio_*` keys only for a Studio flow, and the webhook method upper-case.
 */
function renderAutoCreation(a: AddressConfigurationRecord["autoCreation"]) {
  return {
    enabled: a.enabled,
    ...(a.type ? { type: a.type } : {}),
    conversation_service_sid: a.conversationServiceSid,
    ...(a.type === "webhook"
      ? { webhook_url: a.webhookUrl, webhook_method: a.webhookMethod?.toUpperCase() ?? null, webhook_filters: a.webhookFilters }
      : {}),
    ...(a.type === "studio" ? { studio_flow_sid: a.studioFlowSid, studio_retry_count: a.studioRetryCount } : {}),
  };
}

/** An address configuration as Twilio's JSON. */
export function renderAddress(a: AddressConfigurationRecord, publicUrl: string) {
  return {
    sid: a.sid,
    account_sid: a.accountSid,
    type: a.type,
    address: a.address,
    friendly_name: a.friendlyName,
    auto_creation: renderAutoCreation(a.autoCreation),
    date_created: a.dateCreated,
    date_updated: a.dateUpdated,
    url: `${publicUrl}/v1/Configuration/Addresses/${a.sid}`,
    address_country: a.addressCountry,
  };
}
