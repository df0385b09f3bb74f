/**
 * The roles a new service starts with, with Twilio's names and permissions. Service roles govern
 * what a user may do in the service; conversation roles what a participant may do in one
 * conversation.
 */
export const servicePermissions = {
  admin: [
    "createConversation",
    "joinConversation",
    "editOwnUserInfo",
    "editAnyUserInfo",
    "addParticipant",
    "removeParticipant",
    "deleteConversation",
    "editConversationName",
    "editConversationAttributes",
    "sendMessage",
    "sendMediaMessage",
    "editAnyMessage",
    "editAnyMessageAttributes",
    "deleteAnyMessage",
    "editAnyParticipantAttributes",
    "editNotificationLevel",
    "leaveConversation",
  ],
  user: ["createConversation", "joinConversation", "editOwnUserInfo"],
} as const;

export const conversationPermissions = {
  admin: [
    "sendMessage",
    "sendMediaMessage",
    "leaveConversation",
    "addParticipant",
    "addNonChatParticipant",
    "removeParticipant",
    "editConversationName",
    "editConversationAttributes",
    "deleteConversation",
    "editOwnMessage",
    "editAnyMessage",
    "editOwnMessageAttributes",
    "editAnyMessageAttributes",
    "deleteOwnMessage",
    "deleteAnyMessage",
    "editOwnParticipantAttributes",
    "editAnyParticipantAttributes",
    "editNotificationLevel",
  ],
  user: [
    "sendMessage",
    "sendMediaMessage",
    "leaveConversation",
    "editOwnMessage",
    "editOwnMessageAttributes",
    "deleteOwnMessage",
    "editOwnParticipantAttributes",
    "editNotificationLevel",
  ],
} as const;

export const defaultRoleNames = {
  serviceAdmin: "service admin",
  serviceUser: "service user",
  conversationAdmin: "channel admin",
  conversationUser: "channel user",
} as const;
