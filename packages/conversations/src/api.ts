/**
 * The public API: the same exports as `@twilio/conversations` 3.0.1, plus Confab's option types.
 * The entry points (`index.ts` for Node, `browser.ts`) re-export this.
 *
 * @packageDocumentation
 */
export { Client } from "./client/client.js";
export type {
  ClientOptions,
  ClientStorage,
  ConnectionState,
  ConversationLimits,
  CreateConversationOptions,
  NotificationsChannelType,
  State,
  SubscribedConversationsOptions,
} from "./client/options.js";
export { Conversation } from "./conversation/conversation.js";
export type {
  ConversationBindings,
  ConversationEmailBinding,
  ConversationState,
  ConversationStatus,
  ConversationUpdatedEventArgs,
  ConversationUpdateReason,
  LastMessage,
  NotificationLevel,
} from "./conversation/types.js";
export { Participant } from "./participant/participant.js";
export type {
  ParticipantBindingOptions,
  ParticipantBindings,
  ParticipantEmailBinding,
  ParticipantEmailLevel,
  ParticipantType,
  ParticipantUpdatedEventArgs,
  ParticipantUpdateReason,
} from "./participant/participant.js";
export { Message } from "./message/message.js";
export type { MessageType, MessageUpdatedEventArgs, MessageUpdateReason } from "./message/message.js";
export { MessageBuilder } from "./message/message-builder.js";
export { UnsentMessage } from "./message/unsent-message.js";
export type { SendEmailOptions } from "./message/unsent-message.js";
export { AggregatedDeliveryReceipt, DetailedDeliveryReceipt } from "./message/delivery-receipts.js";
export type { DeliveryAmount, DeliveryStatus } from "./message/delivery-receipts.js";
export { Media } from "./media/media.js";
export type { MediaCategory } from "./media/media.js";
export type { SendMediaOptions } from "./media/upload.js";
export { RestPaginator } from "./paging/paginator.js";
export type { Paginator } from "./paging/paginator.js";
export { User } from "./user/user.js";
export type { UserUpdatedEventArgs, UserUpdateReason } from "./user/user.js";
export { PushNotification } from "./push/push-notification.js";
export type { PushNotificationData, PushNotificationDescriptor, PushNotificationType } from "./push/push-notification.js";
export { NotificationTypes } from "./push/notification-types.js";
export { CancellablePromise } from "./util/cancellable-promise.js";
export type { JSONArray, JSONObject, JSONValue } from "./util/json.js";
export { ContentTemplate, ContentTemplateVariable } from "./content/content-template.js";
export type {
  ContentData,
  ContentDataAction,
  ContentDataActionOther,
  ContentDataActionPhone,
  ContentDataActionReply,
  ContentDataActionUrl,
  ContentDataCallToAction,
  ContentDataCard,
  ContentDataListItem,
  ContentDataListPicker,
  ContentDataLocation,
  ContentDataMedia,
  ContentDataOther,
  ContentDataQuickReply,
  ContentDataReply,
  ContentDataText,
} from "./content/content-data.js";
export { ChannelMetadata } from "./content/channel-metadata.js";
export { EmailRecipientDescriptor, UnknownRecipientDescriptor } from "./content/recipients.js";
export type { EmailRecipientLevel, RecipientDescriptor } from "./content/recipients.js";
export { ReplayEventEmitter } from "./emitter/replay-event-emitter.js";
