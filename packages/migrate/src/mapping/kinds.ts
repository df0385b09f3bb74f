/**
 * The kinds of Chat object the codemod tells apart, and the names the Chat and IP Messaging
 * packages give them.
 */

/** A Chat class whose members the codemod maps. */
export type ChatKind = "Client" | "Channel" | "Member" | "Message" | "User" | "UserDescriptor" | "ChannelDescriptor";

/** The npm packages whose code the codemod migrates. */
export const CHAT_MODULES: ReadonlySet<string> = new Set(["twilio-chat", "twilio-ip-messaging"]);

/** The packages the migrated code may import. */
export const TARGETS = ["@confab/conversations", "@twilio/conversations"] as const;

/** The package the migrated code imports. */
export type Target = (typeof TARGETS)[number];

/** The class names in the Chat and IP Messaging typings and what kind each is. */
export const CLASS_KINDS: Readonly<Record<string, ChatKind>> = {
  Client: "Client",
  Channel: "Channel",
  Member: "Member",
  Message: "Message",
  User: "User",
  UserInfo: "User",
  UserDescriptor: "UserDescriptor",
  ChannelDescriptor: "ChannelDescriptor",
};

/** The globals of the CDN builds: `Twilio.Chat` (Chat 3–6) and `Twilio.IPMessaging` (0.10). */
export const CHAT_GLOBALS: ReadonlySet<string> = new Set(["Chat", "IPMessaging"]);
