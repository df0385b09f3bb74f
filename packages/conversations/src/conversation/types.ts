import type { components } from "@confab/protocol";
import type { JSONValue } from "../util/json.js";
import type { Conversation } from "./conversation.js";

/** Why a conversation changed. */
export type ConversationUpdateReason =
  | "attributes"
  | "createdBy"
  | "dateCreated"
  | "dateUpdated"
  | "friendlyName"
  | "lastReadMessageIndex"
  | "state"
  | "status"
  | "uniqueName"
  | "lastMessage"
  | "notificationLevel"
  | "bindings";
/** Whether the user takes part in the conversation. */
export type ConversationStatus = "notParticipating" | "joined";
/** Whether the user gets push notifications from the conversation. */
export type NotificationLevel = "default" | "muted";
/** The lifecycle state of a conversation and when it last changed. */
export interface ConversationState {
  current: "active" | "inactive" | "closed";
  dateUpdated: Date;
}
/** The payload of a conversation's `updated` event. */
export interface ConversationUpdatedEventArgs {
  conversation: Conversation;
  updateReasons: ConversationUpdateReason[];
}
/** The email binding of a conversation. */
export interface ConversationEmailBinding {
  name?: string;
  projected_address: string;
}
/** The SMS binding of a conversation. */
export interface ConversationSmsBinding {
  address?: string;
}
/** The bindings of a conversation. */
export interface ConversationBindings {
  email?: ConversationEmailBinding;
  sms?: ConversationSmsBinding;
}
/** The newest message of a conversation. */
export interface LastMessage {
  index?: number;
  dateCreated?: Date;
}

export type ConversationJson = components["schemas"]["Conversation"];
export type UserConversationJson = components["schemas"]["UserConversation"];

/** The conversation fields every user sees. */
export type ConversationEntity = {
  uniqueName: string | null;
  friendlyName: string | null;
  attributes: JSONValue;
  dateCreated: Date | null;
  dateUpdated: Date | null;
  createdBy: string;
  state: ConversationState | undefined;
  bindings: ConversationBindings;
};

/** The fields that belong to this user's view of the conversation. */
export type ConversationUserState = {
  status: ConversationStatus;
  participantSid: string | null;
  lastReadMessageIndex: number | null;
  notificationLevel: NotificationLevel;
  lastMessage: LastMessage | undefined;
  unreadMessagesCount: number | null;
};
