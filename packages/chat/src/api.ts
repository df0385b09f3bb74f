/**
 * The public API: the same exports as `twilio-chat` 6.0.0, plus Confab's option types. The entry
 * points (`index.ts` for Node, `browser.ts`) re-export this.
 *
 * @packageDocumentation
 */
export { Channel } from "./channel/channel.js";
export type { ChannelEvents } from "./channel/channel.js";
export { ChannelDescriptor } from "./channel/channel-descriptor.js";
export type {
  ChannelLinks,
  ChannelState,
  ChannelStatus,
  ChannelType,
  ChannelUpdatedEventArgs,
  ChannelUpdateReason,
  LastMessage,
  NotificationLevel,
  SendMediaOptions,
} from "./channel/types.js";
export { Client } from "./client/client.js";
export type { ClientEvents } from "./client/client.js";
export type {
  ChannelSortingCriteria,
  ChannelSortingOptions,
  ChannelSortingOrder,
  ClientOptions,
  ConnectionState,
  CreateChannelOptions,
  LogLevel,
  NotificationsChannelType,
  State,
} from "./client/options.js";
export { Media } from "./media/media.js";
export { Member } from "./member/member.js";
export type { MemberType, MemberUpdateReason } from "./member/member.js";
export { Message } from "./message/message.js";
export type { MessageType, MessageUpdateReason } from "./message/message.js";
export { RestPaginator } from "./paging/paginator.js";
export type { Paginator } from "./paging/paginator.js";
export { PushNotification } from "./push/push-notification.js";
export type { PushNotificationData, PushNotificationType } from "./push/push-notification.js";
export { User } from "./user/user.js";
export type { UserUpdateReason } from "./user/user.js";
export { UserDescriptor } from "./user/user-descriptor.js";
