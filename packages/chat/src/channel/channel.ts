import {
  type Conversation,
  type Message as CoreMessage,
  custom,
  type Participant,
  ReplayEventEmitter,
  rules,
  validateArgs,
} from "@confab/conversations/internal";
import type { ChatContext } from "../client/context.js";
import { Member, type MemberUpdateReason } from "../member/member.js";
import type { Message, MessageUpdateReason } from "../message/message.js";
import { localPaginator, mapPaginator, type Paginator } from "../paging/paginator.js";
import { channelReasons, memberReasons, messageReasons } from "../reasons.js";
import type { UserDescriptor } from "../user/user-descriptor.js";
import type {
  ChannelLinks,
  ChannelState,
  ChannelStatus,
  ChannelType,
  ChannelUpdateReason,
  LastMessage,
  NotificationLevel,
  SendMediaOptions,
} from "./types.js";

/** Events a channel emits. */
export type ChannelEvents = {
  memberJoined: (member: Member) => void;
  /** Declared by Twilio's SDK and never emitted (there neither). */
  memberInvited: (member: Member) => void;
  memberLeft: (member: Member) => void;
  memberUpdated: (data: { member: Member; updateReasons: MemberUpdateReason[] }) => void;
  messageAdded: (message: Message) => void;
  messageRemoved: (message: Message) => void;
  messageUpdated: (data: { message: Message; updateReasons: MessageUpdateReason[] }) => void;
  typingEnded: (member: Member) => void;
  typingStarted: (member: Member) => void;
  updated: (data: { channel: Channel; updateReasons: ChannelUpdateReason[] }) => void;
  removed: (channel: Channel) => void;
};

/**
 * A Chat channel: a conversation of the core under Chat's names. Its fields, members and messages
 * are the core conversation's (one state, kept current by the core); this class renames them, adds
 * what Chat has and Conversations does not (type, invites, `links`) and renames the events.
 */
export class Channel extends ReplayEventEmitter<ChannelEvents> {
  /** Fired when a member joins. */
  static readonly memberJoined = "memberJoined";
  /** Fired when a member leaves. */
  static readonly memberLeft = "memberLeft";
  /** Fired when a member's fields change. */
  static readonly memberUpdated = "memberUpdated";
  /** Fired when a message is added. */
  static readonly messageAdded = "messageAdded";
  /** Fired when a message is removed. */
  static readonly messageRemoved = "messageRemoved";
  /** Fired when a message changes. */
  static readonly messageUpdated = "messageUpdated";
  /** Fired when a member stops typing. */
  static readonly typingEnded = "typingEnded";
  /** Fired when a member starts typing. */
  static readonly typingStarted = "typingStarted";
  /** Fired when the channel's fields change. */
  static readonly updated = "updated";
  /** Fired when the channel is deleted. */
  static readonly removed = "removed";

  /** The channel's SID (`CH…`, the conversation's). */
  readonly sid: string;
  /** The URLs of the channel's resources on the server. */
  readonly links: ChannelLinks;
  private readonly conversation: Conversation;
  private readonly context: ChatContext;

  /** @internal */
  constructor(conversation: Conversation, context: ChatContext) {
    super();
    this.sid = conversation.sid;
    this.conversation = conversation;
    this.context = context;
    const self = `${context.baseUrl}/v2/Services/${context.core.context.serviceSid}/Channels/${conversation.sid}`;
    this.links = { self, messages: `${self}/Messages`, participants: `${self}/Members`, invites: `${self}/Invites` };
    conversation.on("participantJoined", (p) => this.emit("memberJoined", this.memberOf(p)));
    conversation.on("participantLeft", (p) => this.emit("memberLeft", this.memberOf(p)));
    conversation.on("participantUpdated", ({ participant, updateReasons }) => {
      const reasons = memberReasons(updateReasons);
      if (reasons.length > 0) this.emit("memberUpdated", { member: this.memberOf(participant), updateReasons: reasons });
    });
    conversation.on("typingStarted", (p) => this.emit("typingStarted", this.memberOf(p)));
    conversation.on("typingEnded", (p) => this.emit("typingEnded", this.memberOf(p)));
    conversation.on("messageAdded", (m) => this.emit("messageAdded", this.messageOf(m)));
    conversation.on("messageRemoved", (m) => this.emit("messageRemoved", this.messageOf(m)));
    conversation.on("messageUpdated", ({ message, updateReasons }) => {
      const reasons = messageReasons(updateReasons);
      if (reasons.length > 0) this.emit("messageUpdated", { message: this.messageOf(message), updateReasons: reasons });
    });
    conversation.on("updated", ({ updateReasons }) => {
      const reasons = channelReasons(updateReasons);
      if (reasons.length > 0) this.emit("updated", { channel: this, updateReasons: reasons });
    });
    conversation.on("removed", () => this.emit("removed", this));
  }

  /** Whether this user has joined, is invited, or neither. */
  get status(): ChannelStatus {
    if (this.conversation.status === "joined") return "joined";
    return this.context.invites.has(this.sid) ? "invited" : "notParticipating";
  }
  /** `public` (any user may find and join it) or `private` (members and invitees only). */
  get type(): ChannelType {
    return this.context.types.get(this.sid) ?? "public";
  }
  /** The unique name, or null. */
  get uniqueName(): string {
    return this.conversation.uniqueName as string;
  }
  /** Whether the channel is private. */
  get isPrivate(): boolean {
    return this.type === "private";
  }
  /** The display name, or null. */
  get friendlyName(): string {
    return this.conversation.friendlyName as string;
  }
  /** When it last changed. */
  get dateUpdated(): Date | null {
    return this.conversation.dateUpdated;
  }
  /** When it was created. */
  get dateCreated(): Date | null {
    return this.conversation.dateCreated;
  }
  /** The identity of the user who created it (empty when an account did, or when unknown). */
  get createdBy(): string {
    return this.conversation.createdBy;
  }
  /** Application data, parsed from JSON. */
  get attributes(): object {
    return this.conversation.attributes as object;
  }
  /** The index of the last message this user consumed (read), or null. */
  get lastConsumedMessageIndex(): number | null {
    return this.conversation.lastReadMessageIndex;
  }
  /** The newest message (index and date). */
  get lastMessage(): LastMessage {
    return this.conversation.lastMessage as LastMessage;
  }
  /** This user's push notification level. */
  get notificationLevel(): NotificationLevel {
    return this.conversation.notificationLevel;
  }
  /** The lifecycle state, or undefined when unknown. */
  get state(): ChannelState | undefined {
    return this.conversation.state;
  }

  /** Adds a user to the channel as a member. */
  async add(identity: string): Promise<void> {
    validateArgs([identity], [rules.nonEmptyString]);
    await this.conversation.add(identity);
  }

  /** Moves the consumption horizon forward to `index` (never back); resolves to the unconsumed count. */
  async advanceLastConsumedMessageIndex(index: number): Promise<number> {
    return this.conversation.advanceLastReadMessageIndex(index);
  }

  /** Declines this user's invite to the channel. */
  async decline(): Promise<Channel> {
    await this.context.declineInvite(this.sid);
    return this;
  }

  /** Deletes the channel. */
  async delete(): Promise<Channel> {
    await this.conversation.delete();
    return this;
  }

  /** The attributes. */
  async getAttributes(): Promise<object> {
    return (await this.conversation.getAttributes()) as object;
  }

  /** A page of messages, oldest first: by default the newest 30. */
  async getMessages(pageSize?: number, anchor?: number, direction?: "backwards" | "forward"): Promise<Paginator<Message>> {
    const page = await this.conversation.getMessages(pageSize, anchor, direction);
    return mapPaginator(page, (m) => this.messageOf(m));
  }

  /** Every member. */
  async getMembers(): Promise<Member[]> {
    return (await this.conversation.getParticipants()).map((p) => this.memberOf(p));
  }

  /** The number of members. */
  async getMembersCount(): Promise<number> {
    return this.conversation.getParticipantsCount();
  }

  /** The member of a SID; rejects when there is none. */
  async getMemberBySid(memberSid: string): Promise<Member> {
    validateArgs([memberSid], [rules.string]);
    const participant = await this.conversation.getParticipantBySid(memberSid);
    if (!participant) throw new Error(`Member with SID ${memberSid} was not found`);
    return this.memberOf(participant);
  }

  /** The member of an identity; rejects when there is none. */
  async getMemberByIdentity(identity: string): Promise<Member> {
    validateArgs([identity], [rules.string]);
    const participant = await this.conversation.getParticipantByIdentity(identity);
    if (!participant) throw new Error(`Member with identity ${identity} was not found`);
    return this.memberOf(participant);
  }

  /** The number of messages. */
  async getMessagesCount(): Promise<number> {
    return this.conversation.getMessagesCount();
  }

  /** How many messages this user has not consumed; null when it has not joined. */
  async getUnconsumedMessagesCount(): Promise<number | null> {
    return this.conversation.getUnreadMessagesCount();
  }

  /** Invites a user: it sees the channel (`channelInvited`) and may join or decline. */
  async invite(identity: string): Promise<void> {
    validateArgs([identity], [rules.nonEmptyString]);
    await this.context.core.send("CreateServiceConversationInvite", {
      params: { ChatServiceSid: this.context.core.context.serviceSid, ConversationSid: this.sid },
      body: { Identity: identity },
    });
  }

  /** Joins the channel (a public one, or one this user is invited to). */
  async join(): Promise<Channel> {
    if (this.conversation.status === "joined") return this;
    await this.conversation.join();
    this.context.invites.delete(this.sid);
    return this;
  }

  /** Leaves the channel. */
  async leave(): Promise<Channel> {
    await this.conversation.leave();
    return this;
  }

  /** Removes a member (a Member, or an identity). */
  async removeMember(member: string | Member): Promise<void> {
    validateArgs([member], [rules.nonEmptyString, custom("an instance of Member", (v) => v instanceof Member)]);
    await this.conversation.removeParticipant(member instanceof Member ? member._participant : member);
  }

  /** Sends a text, a media message or an empty one; resolves to the new message's index. */
  async sendMessage(message: string | FormData | SendMediaOptions | null, messageAttributes?: unknown): Promise<number> {
    return this.conversation.sendMessage(message as string, messageAttributes as never);
  }

  /** Marks every message consumed; resolves to the unconsumed count (0). */
  async setAllMessagesConsumed(): Promise<number> {
    return this.conversation.setAllMessagesRead();
  }

  /** Marks every message unconsumed; resolves to the unconsumed count. */
  async setNoMessagesConsumed(): Promise<number> {
    return this.conversation.setAllMessagesUnread();
  }

  /** Sets this user's push notification level for the channel. */
  async setUserNotificationLevel(notificationLevel: NotificationLevel): Promise<void> {
    await this.conversation.setUserNotificationLevel(notificationLevel);
  }

  /** Tells the other members this user is typing (throttled to one signal per typing timeout). */
  async typing(): Promise<void> {
    await this.conversation.typing();
  }

  /** Replaces the attributes. */
  async updateAttributes(attributes: unknown): Promise<Channel> {
    await this.conversation.updateAttributes(attributes as never);
    return this;
  }

  /** Sets the display name. */
  async updateFriendlyName(friendlyName: string): Promise<Channel> {
    await this.conversation.updateFriendlyName(friendlyName);
    return this;
  }

  /** Sets (or, with null, clears) the consumption horizon; resolves to the unconsumed count. */
  async updateLastConsumedMessageIndex(index: number | null): Promise<number> {
    return this.conversation.updateLastReadMessageIndex(index);
  }

  /** Sets (or, with null, clears) the unique name. */
  async updateUniqueName(uniqueName: string | null): Promise<Channel> {
    await this.conversation.updateUniqueName(uniqueName);
    return this;
  }

  /** The members' users as descriptors (snapshots), one page. */
  async getUserDescriptors(): Promise<Paginator<UserDescriptor>> {
    const members = await this.getMembers();
    const identities = members.map((m) => m.identity).filter((identity): identity is string => Boolean(identity));
    const descriptors = await Promise.all(identities.map((identity) => this.context.client.getUserDescriptor(identity)));
    return localPaginator(descriptors, Math.max(descriptors.length, 1));
  }

  /** @internal The core conversation this channel renames. */
  get _conversation(): Conversation {
    return this.conversation;
  }

  private memberOf(participant: Participant): Member {
    return this.context.member(participant);
  }

  private messageOf(message: CoreMessage): Message {
    return this.context.message(message);
  }
}
