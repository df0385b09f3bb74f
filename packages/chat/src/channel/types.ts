import type { Channel } from "./channel.js";

/** Why a channel changed. */
export type ChannelUpdateReason =
  | "attributes"
  | "createdBy"
  | "dateCreated"
  | "dateUpdated"
  | "friendlyName"
  | "lastConsumedMessageIndex"
  | "state"
  | "status"
  | "uniqueName"
  | "lastMessage"
  | "notificationLevel";
/** Who may find and join a channel: anyone of the service (`public`) or only invitees (`private`). */
export type ChannelType = "public" | "private";
/** The user's relation to a channel. */
export type ChannelStatus = "unknown" | "notParticipating" | "invited" | "joined";
/** Whether the user gets push notifications from the channel. */
export type NotificationLevel = "default" | "muted";
/** The lifecycle state of a channel and when it last changed. */
export interface ChannelState {
  current: "active" | "inactive" | "closed";
  dateUpdated: Date;
}
/** The payload of a channel's `updated` event (and the client's `channelUpdated`). */
export interface ChannelUpdatedEventArgs {
  channel: Channel;
  updateReasons: ChannelUpdateReason[];
}
/** A media message to send: the bytes (or a string) and their MIME type. */
export interface SendMediaOptions {
  contentType: string;
  media: string | Buffer;
  /** Confab addition: the file name stored with the media. */
  filename?: string;
}
/** The newest message of a channel. */
export interface LastMessage {
  index?: number;
  dateCreated?: Date;
}
/** The URLs of a channel's resources on the server. */
export interface ChannelLinks {
  self: string;
  messages: string;
  participants: string;
  invites: string;
}
