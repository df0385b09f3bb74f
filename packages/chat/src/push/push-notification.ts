import type { PushNotification as CorePushNotification } from "@confab/conversations/internal";

/** The kinds of push notification a Chat service sends. */
export type PushNotificationType =
  | "twilio.channel.new_message"
  | "twilio.channel.added_to_channel"
  | "twilio.channel.invited_to_channel"
  | "twilio.channel.removed_from_channel";

/** What a push notification says about the channel and message. */
export interface PushNotificationData {
  /** The channel's SID (named as in Twilio's Chat SDK). */
  conversationSid?: string;
  messageIndex?: number;
  messageSid?: string;
}

const CHAT_TYPES: Record<string, PushNotificationType> = {
  "twilio.conversations.new_message": "twilio.channel.new_message",
  "twilio.conversations.added_to_conversation": "twilio.channel.added_to_channel",
  "twilio.conversations.removed_from_conversation": "twilio.channel.removed_from_channel",
};

/** A parsed push notification (APNs or FCM payload), with Chat's type names. */
export class PushNotification {
  /** The title, or null. */
  readonly title: string;
  /** The text, or null. */
  readonly body: string;
  /** The sound to play, or null. */
  readonly sound: string;
  /** The badge count (APNs), or null. */
  readonly badge: number;
  /** The action (APNs category, FCM click action), or null. */
  readonly action: string;
  /** What happened. */
  readonly type: PushNotificationType;
  /** The channel and message it is about. */
  readonly data: PushNotificationData;

  /** @internal From the core's parse of the same payload: Conversations type names become Chat's. */
  constructor(parsed: CorePushNotification, channelSid?: string) {
    this.title = parsed.title as string;
    this.body = parsed.body as string;
    this.sound = parsed.sound as string;
    this.badge = parsed.badge as number;
    this.action = parsed.action as string;
    this.type = CHAT_TYPES[parsed.type] ?? (parsed.type as unknown as PushNotificationType);
    const { conversationSid, messageIndex, messageSid } = parsed.data;
    const sid = conversationSid ?? channelSid;
    this.data = {
      ...(sid !== undefined ? { conversationSid: sid } : {}),
      ...(messageIndex !== undefined ? { messageIndex } : {}),
      ...(messageSid !== undefined ? { messageSid } : {}),
    };
  }
}
