import type { BindingRecord, ConversationRecord, MessageRecord, NotificationSettings } from "../store/index.js";

export type PushType =
  | "twilio.conversations.new_message"
  | "twilio.conversations.added_to_conversation"
  | "twilio.conversations.removed_from_conversation";

/** Twilio's default templates; a service's own template replaces them. */
// Twilio's template syntax (`${NAME}`), filled by renderTemplate: not JavaScript templates.
const DEFAULT_TEMPLATES: Record<PushType, string> = {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: Twilio's template syntax.
  "twilio.conversations.new_message": "${PARTICIPANT}: ${MESSAGE}",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: Twilio's template syntax.
  "twilio.conversations.added_to_conversation": "You have been added to the conversation ${CONVERSATION} by ${PARTICIPANT}",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: Twilio's template syntax.
  "twilio.conversations.removed_from_conversation": "${PARTICIPANT} has removed you from the conversation ${CONVERSATION}",
};

export type PushContext = {
  type: PushType;
  conversation: ConversationRecord;
  message?: MessageRecord;
  /** Who caused the notification (the message's author, who added or removed). */
  actor: string;
  settings: NotificationSettings;
  badge?: number;
};

/** Fills Twilio's template variables. */
export function renderTemplate(template: string, ctx: PushContext): string {
  const title = ctx.conversation.friendlyName ?? ctx.conversation.uniqueName ?? ctx.conversation.sid;
  const values: Record<string, string> = {
    PARTICIPANT: ctx.actor,
    PARTICIPANT_IDENTITY: ctx.actor,
    CONVERSATION: title,
    CONVERSATION_FRIENDLY_NAME: ctx.conversation.friendlyName ?? "",
    CONVERSATION_SID: ctx.conversation.sid,
    MESSAGE: ctx.message?.body ?? "",
    MEDIA_COUNT: String(ctx.message?.media?.length ?? 0),
  };
  return template.replace(/\$\{([A-Z_]+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * The notification as Twilio delivers it, per platform: for FCM/GCM a `data` object with
 * `twi_*` keys; for APNs an `aps` dictionary beside them. The official SDKs'
 * `Client.parsePushNotification` reads exactly these.
 */
export function pushPayload(platform: BindingRecord["bindingType"], ctx: PushContext): Record<string, unknown> {
  const body = renderTemplate(ctx.settings.template ?? DEFAULT_TEMPLATES[ctx.type], ctx);
  const title = ctx.conversation.friendlyName ?? ctx.conversation.uniqueName ?? null;
  const data: Record<string, string> = {
    twi_message_type: ctx.type,
    conversation_sid: ctx.conversation.sid,
    ...(title ? { conversation_title: title } : {}),
    ...(ctx.message
      ? {
          message_sid: ctx.message.sid,
          message_index: String(ctx.message.index),
          author: ctx.message.author,
          ...(ctx.message.media?.length
            ? {
                media_count: String(ctx.message.media.length),
                media: JSON.stringify({
                  sid: ctx.message.media[0]?.sid,
                  content_type: ctx.message.media[0]?.contentType,
                  filename: ctx.message.media[0]?.filename,
                  size: ctx.message.media[0]?.size,
                }),
              }
            : {}),
        }
      : {}),
  };
  if (platform === "apn") {
    return {
      aps: {
        alert: { body, ...(title ? { title } : {}) },
        ...(ctx.settings.sound ? { sound: ctx.settings.sound } : {}),
        ...(ctx.badge !== undefined ? { badge: ctx.badge } : {}),
      },
      ...data,
    };
  }
  return {
    data: {
      ...data,
      twi_body: body,
      ...(title ? { twi_title: title } : {}),
      ...(ctx.settings.sound ? { twi_sound: ctx.settings.sound } : {}),
    },
  };
}
