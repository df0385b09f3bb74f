/**
 * Chat and Conversations name the same permissions differently (`joinChannel` is
 * `joinConversation`, `addMember` is `addParticipant`…). Roles store the Conversations names; the
 * Chat API translates on the way in and out. `inviteMember` exists only in Chat and is stored as
 * is (the core checks it for invites, with `addParticipant` as the wider alternative).
 */
const chatToConversations: Readonly<Record<string, string>> = {
  createChannel: "createConversation",
  joinChannel: "joinConversation",
  destroyChannel: "deleteConversation",
  addMember: "addParticipant",
  removeMember: "removeParticipant",
  leaveChannel: "leaveConversation",
  editChannelName: "editConversationName",
  editChannelAttributes: "editConversationAttributes",
  editOwnMemberAttributes: "editOwnParticipantAttributes",
  editAnyMemberAttributes: "editAnyParticipantAttributes",
};

const conversationsToChat: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(chatToConversations).map(([chat, conversations]) => [conversations, chat]),
);

/** A Chat permission name as roles store it (names both APIs share pass through). */
export function fromChatPermission(name: string): string {
  return chatToConversations[name] ?? name;
}

/** A stored permission name as the Chat API shows it. */
export function toChatPermission(name: string): string {
  return conversationsToChat[name] ?? name;
}
