import type { Media } from "../media/media.js";

/** The kinds of push notification a Conversations service sends. */
export type PushNotificationType =
  | "twilio.conversations.new_message"
  | "twilio.conversations.added_to_conversation"
  | "twilio.conversations.removed_from_conversation";

/** What a push notification says about the conversation and message. */
export interface PushNotificationData {
  conversationSid?: string;
  conversationTitle?: string;
  messageIndex?: number;
  messageSid?: string;
  media?: Media;
  mediaCount?: number;
}

/** The fields a PushNotification is made from. */
export interface PushNotificationDescriptor {
  title: string | null;
  body: string | null;
  sound: string | null;
  badge: number | null;
  action: string | null;
  type: PushNotificationType;
  data: Record<string, unknown>;
}

/** A parsed push notification (APNs or FCM payload). */
export class PushNotification {
  /** The title, or null. */
  readonly title: string | null;
  /** The text, or null. */
  readonly body: string | null;
  /** The sound to play, or null. */
  readonly sound: string | null;
  /** The badge count (APNs), or null. */
  readonly badge: number | null;
  /** The action (APNs category, FCM click action), or null. */
  readonly action: string | null;
  /** What happened. */
  readonly type: PushNotificationType;
  /** The conversation and message it is about. */
  readonly data: PushNotificationData;

  /** @internal */
  constructor(data: PushNotificationDescriptor) {
    this.title = data.title;
    this.body = data.body;
    this.sound = data.sound;
    this.badge = data.badge;
    this.action = data.action;
    this.type = data.type;
    this.data = data.data as PushNotificationData;
  }
}

const DATA_FIELDS: Record<string, keyof PushNotificationData> = {
  conversation_sid: "conversationSid",
  conversation_title: "conversationTitle",
  message_sid: "messageSid",
  message_index: "messageIndex",
  media_count: "mediaCount",
  media: "media",
};

function chatData(data: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(DATA_FIELDS)) {
    const value = data[key];
    if (value === undefined || value === null) continue;
    if (key === "message_index" || key === "media_count") {
      const number = typeof value === "number" ? value : Number.parseInt(String(value), 10);
      if (!Number.isNaN(number)) result[field] = number;
      continue;
    }
    if (key === "media") {
      if (typeof value === "string") {
        try {
          result[field] = JSON.parse(value);
        } catch {
          // A malformed media description is left out, as Twilio's SDK does.
        }
      }
      continue;
    }
    result[field] = value;
  }
  return result;
}

const NOT_CHAT_TYPE = "Provided push notification payload does not contain Programmable Chat push notification type";

/** Parses an APNs or FCM payload the way Twilio's SDK does (same fields, same errors). */
export function parsePushPayload(payload: Record<string, unknown>): PushNotification {
  if (payload.aps !== undefined) {
    if (!payload.twi_message_type) throw new Error(NOT_CHAT_TYPE);
    const aps = payload.aps as { alert?: string | { body?: string; title?: string }; sound?: string; badge?: number; category?: string };
    const alert = aps.alert;
    return new PushNotification({
      title: typeof alert === "string" ? null : alert?.title || null,
      body: typeof alert === "string" ? alert || null : alert?.body || null,
      sound: aps.sound || null,
      badge: aps.badge || null,
      action: aps.category || null,
      type: payload.twi_message_type as PushNotificationType,
      data: chatData(payload),
    });
  }
  if (payload.data !== undefined) {
    const data = payload.data as Record<string, unknown>;
    if (!data.twi_message_type) throw new Error(NOT_CHAT_TYPE);
    return new PushNotification({
      title: (data.twi_title as string) || null,
      body: (data.twi_body as string) || null,
      sound: (data.twi_sound as string) || null,
      badge: null,
      action: (data.twi_action as string) || null,
      type: data.twi_message_type as PushNotificationType,
      data: chatData(data),
    });
  }
  throw new Error("Provided push notification payload is not Programmable Chat notification");
}

/** 1.x names, kept for apps written against `@twilio/conversations` 1.x. */
export declare namespace PushNotification {
  type Type = PushNotificationType;
  type Descriptor = PushNotificationDescriptor;
}
