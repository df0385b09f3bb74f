import type { DomainEvent } from "../bus/index.js";

/**
 * Domain events as Twilio's post-event webhooks: the event name (`onMessageAdded`…) and the
 * parameters Twilio sends with it. Events Twilio has no webhook for map to nothing.
 */
export function postEventsFor(event: DomainEvent): { eventType: string; params: Record<string, string> }[] {
  const [resource, action] = event.type.split(".") as [string, string];
  const names: Record<string, string> = { conversation: "Conversation", participant: "Participant", message: "Message", user: "User" };
  const actions: Record<string, string> = { added: "Added", updated: "Updated", removed: "Removed" };
  const noun = names[resource];
  const verb = actions[action];
  if (!noun || !verb) return [];
  const record = (event.data[resource] ?? {}) as Record<string, unknown>;
  const params = { ...common(event), ...recordParams(resource, record) };
  const out = [{ eventType: `on${noun}${verb}`, params }];
  const updated = event.data.updated as string[] | undefined;
  if (resource === "conversation" && action === "updated" && updated?.includes("state")) {
    out.push({ eventType: "onConversationStateUpdated", params: { ...params, StateTo: String(record.state) } });
  }
  return out;
}

function common(event: DomainEvent): Record<string, string> {
  return {
    AccountSid: event.accountSid,
    ChatServiceSid: event.serviceSid,
    ...(event.conversationSid ? { ConversationSid: event.conversationSid } : {}),
    Source: event.origin?.source ?? "API",
    ...(event.origin?.identity ? { ClientIdentity: event.origin.identity } : {}),
  };
}

const text = (value: unknown): string | undefined =>
  value === null || value === undefined ? undefined : typeof value === "string" ? value : JSON.stringify(value);

function pick(record: Record<string, unknown>, fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [param, field] of Object.entries(fields)) {
    const value = text(record[field]);
    if (value !== undefined) out[param] = value;
  }
  return out;
}

function recordParams(resource: string, record: Record<string, unknown>): Record<string, string> {
  switch (resource) {
    case "conversation":
      return pick(record, {
        ConversationSid: "sid",
        FriendlyName: "friendlyName",
        UniqueName: "uniqueName",
        Attributes: "attributes",
        MessagingServiceSid: "messagingServiceSid",
        State: "state",
        DateCreated: "dateCreated",
        DateUpdated: "dateUpdated",
      });
    case "participant":
      return pick(record, {
        ParticipantSid: "sid",
        Identity: "identity",
        Attributes: "attributes",
        RoleSid: "roleSid",
        DateCreated: "dateCreated",
        DateUpdated: "dateUpdated",
        LastReadMessageIndex: "lastReadMessageIndex",
      });
    case "message":
      return pick(record, {
        MessageSid: "sid",
        Index: "index",
        Author: "author",
        Body: "body",
        Attributes: "attributes",
        ParticipantSid: "participantSid",
        Media: "media",
        DateCreated: "dateCreated",
        DateUpdated: "dateUpdated",
      });
    case "user":
      return pick(record, {
        UserSid: "sid",
        Identity: "identity",
        FriendlyName: "friendlyName",
        Attributes: "attributes",
        RoleSid: "roleSid",
        IsOnline: "isOnline",
        IsNotifiable: "isNotifiable",
      });
    default:
      return {};
  }
}
