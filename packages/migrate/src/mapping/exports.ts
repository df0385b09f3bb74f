/**
 * The Chat package's exported names (classes and types) and their Conversations names
 * (REPORT.md §3 export list, §5.1). A name maps to a new name, or to a removal with advice.
 */

/** What happens to one exported name of `twilio-chat`. */
export type ExportRule = { readonly to: string; readonly note?: string } | { readonly removed: string };

/** Exported names, Chat → Conversations. Names absent here are the same in both. */
export const EXPORTS: Readonly<Record<string, ExportRule>> = {
  Channel: { to: "Conversation" },
  Member: { to: "Participant" },
  UserInfo: { to: "User" },
  UserDescriptor: { to: "User", note: "UserDescriptor was removed: client.getUser(identity) returns a live User" },
  ChannelDescriptor: {
    to: "Conversation",
    note: "ChannelDescriptor was removed: read conversations with getSubscribedConversations() or peekConversationBySid()",
  },
  ChannelUpdateReason: { to: "ConversationUpdateReason" },
  ChannelStatus: { to: "ConversationStatus" },
  ChannelState: { to: "ConversationState" },
  ChannelUpdatedEventArgs: { to: "ConversationUpdatedEventArgs" },
  CreateChannelOptions: { to: "CreateConversationOptions" },
  MemberUpdateReason: { to: "ParticipantUpdateReason" },
  MemberType: { to: "ParticipantType" },
  ChannelType: { removed: "ChannelType was removed: conversations are neither public nor private" },
  ChannelSortingCriteria: {
    removed: "ChannelSortingCriteria was removed with getLocalChannels(): sort getSubscribedConversations() yourself",
  },
  ChannelSortingOrder: { removed: "ChannelSortingOrder was removed with getLocalChannels(): sort getSubscribedConversations() yourself" },
  ChannelSortingOptions: {
    removed: "ChannelSortingOptions was removed with getLocalChannels(): sort getSubscribedConversations() yourself",
  },
};
