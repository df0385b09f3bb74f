import { ReplayEventEmitter } from "@confab/conversations/internal";
import type { Channel as ChatChannel } from "../channel/channel.js";
import { mapPaginator, type Paginator } from "../paging/paginator.js";
import type { IpmContext } from "./context.js";
import { Member } from "./member.js";
import type { Message } from "./message.js";

/** The user's relation to a channel, with IP Messaging's names. */
export type ChannelStatus = "known" | "invited" | "joined" | "failed";

/** Events a channel emits. */
export type ChannelEvents = {
  memberJoined: (member: Member) => void;
  memberLeft: (member: Member) => void;
  memberUpdated: (member: Member) => void;
  memberInfoUpdated: (member: Member) => void;
  messageAdded: (message: Message) => void;
  messageRemoved: (message: Message) => void;
  messageUpdated: (message: Message) => void;
  typingEnded: (member: Member) => void;
  typingStarted: (member: Member) => void;
  updated: (channel: Channel) => void;
};

const STATUS: Record<ChatChannel["status"], ChannelStatus> = {
  unknown: "known",
  notParticipating: "known",
  invited: "invited",
  joined: "joined",
};

/**
 * A channel under IP Messaging 0.10's names: the Chat channel facade, plus the `members` map and
 * the `messages` list that IP Messaging kept current locally, and its event payloads (the object
 * itself, where Chat passes `{…, updateReasons}`).
 */
export class Channel extends ReplayEventEmitter<ChannelEvents> {
  /** The channel types. */
  static readonly type = { PUBLIC: "public", PRIVATE: "private" } as const;
  /** The user's relations to a channel. */
  static readonly status = { KNOWN: "known", INVITED: "invited", JOINED: "joined", FAILED: "failed" } as const;

  /** The members the client knows, by SID (kept current while the user takes part). */
  readonly members = new Map<string, Member>();
  /** The messages the client has seen (fetched or received), in index order. */
  readonly messages: Message[] = [];
  private readonly channel: ChatChannel;
  private readonly context: IpmContext;
  private membersLoaded: Promise<void> | null = null;

  /** @internal */
  constructor(channel: ChatChannel, context: IpmContext) {
    super();
    this.channel = channel;
    this.context = context;
    channel.on("memberJoined", (m) => {
      const member = this.track(context.member(m));
      void member._loadUserInfo(context).then(
        () => this.emit("memberJoined", member),
        () => this.emit("memberJoined", member),
      );
    });
    channel.on("memberLeft", (m) => {
      const member = context.member(m);
      this.members.delete(member.sid);
      this.emit("memberLeft", member);
    });
    channel.on("memberUpdated", ({ member }) => this.emit("memberUpdated", context.member(member)));
    channel.on("typingStarted", (m) => this.emit("typingStarted", context.member(m)));
    channel.on("typingEnded", (m) => this.emit("typingEnded", context.member(m)));
    channel.on("messageAdded", (m) => this.emit("messageAdded", this.remember(context.message(m))));
    channel.on("messageRemoved", (m) => {
      const message = context.message(m);
      const at = this.messages.indexOf(message);
      if (at >= 0) this.messages.splice(at, 1);
      this.emit("messageRemoved", message);
    });
    channel.on("messageUpdated", ({ message }) => this.emit("messageUpdated", context.message(message)));
    channel.on("updated", () => this.emit("updated", this));
  }

  /** The channel's SID. */
  get sid(): string {
    return this.channel.sid;
  }
  /** Application data, parsed from JSON. */
  get attributes(): object {
    return this.channel.attributes;
  }
  /** The identity of the user who created it. */
  get createdBy(): string {
    return this.channel.createdBy;
  }
  /** When it was created. */
  get dateCreated(): Date | null {
    return this.channel.dateCreated;
  }
  /** When it last changed. */
  get dateUpdated(): Date | null {
    return this.channel.dateUpdated;
  }
  /** The display name, or null. */
  get friendlyName(): string {
    return this.channel.friendlyName;
  }
  /** Whether the channel is private. */
  get isPrivate(): boolean {
    return this.channel.isPrivate;
  }
  /** The index of the last message this user consumed, or null. */
  get lastConsumedMessageIndex(): number | null {
    return this.channel.lastConsumedMessageIndex;
  }
  /** `known`, `invited` or `joined`. */
  get status(): ChannelStatus {
    return STATUS[this.channel.status];
  }
  /** `public` or `private`. */
  get type(): "public" | "private" {
    return this.channel.type;
  }
  /** The unique name, or null. */
  get uniqueName(): string {
    return this.channel.uniqueName;
  }

  /** Adds a user to the channel. */
  async add(identity: string): Promise<void> {
    await this.channel.add(identity);
  }
  /** Moves the consumption horizon forward (never back). */
  async advanceLastConsumedMessageIndex(index: number): Promise<number> {
    return this.channel.advanceLastConsumedMessageIndex(index);
  }
  /** Declines this user's invite. */
  async decline(): Promise<Channel> {
    await this.channel.decline();
    return this;
  }
  /** Deletes the channel. */
  async delete(): Promise<Channel> {
    await this.channel.delete();
    return this;
  }
  /** The attributes. */
  async getAttributes(): Promise<object> {
    return this.channel.getAttributes();
  }
  /** A page of messages (the newest `count`, or those up to `anchor`), oldest first. */
  async getMessagesPaged(count?: number, anchor?: number): Promise<Paginator<Message>> {
    const page = await this.channel.getMessages(count, anchor);
    return mapPaginator(page, (m) => this.remember(this.context.message(m)));
  }
  /** The newest `count` messages (or those up to `anchor`), oldest first. */
  async getMessages(count?: number, anchor?: number): Promise<Message[]> {
    return (await this.getMessagesPaged(count, anchor)).items;
  }
  /** Every member (fills `members`). */
  async getMembers(): Promise<Member[]> {
    await this._loadMembers();
    return [...this.members.values()];
  }
  /** Invites a user. */
  async invite(identity: string): Promise<void> {
    await this.channel.invite(identity);
  }
  /** Joins the channel. */
  async join(): Promise<Channel> {
    await this.channel.join();
    await this._loadMembers();
    return this;
  }
  /** Leaves the channel. */
  async leave(): Promise<Channel> {
    await this.channel.leave();
    return this;
  }
  /** Removes a member (a Member, or an identity). */
  async removeMember(member: Member | string): Promise<void> {
    await this.channel.removeMember(member instanceof Member ? member.identity : member);
  }
  /** Sends a message; resolves to its index. */
  async sendMessage(body: string, attributes?: unknown): Promise<number> {
    return this.channel.sendMessage(body, attributes);
  }
  /** Marks every message consumed. */
  async setAllMessagesConsumed(): Promise<number> {
    return this.channel.setAllMessagesConsumed();
  }
  /** Marks every message unconsumed. */
  async setNoMessagesConsumed(): Promise<number> {
    return this.channel.setNoMessagesConsumed();
  }
  /** Tells the other members this user is typing. */
  async typing(): Promise<void> {
    await this.channel.typing();
  }
  /** Replaces the attributes. */
  async updateAttributes(attributes: unknown): Promise<Channel> {
    await this.channel.updateAttributes(attributes);
    return this;
  }
  /** Sets the display name. */
  async updateFriendlyName(friendlyName: string): Promise<Channel> {
    await this.channel.updateFriendlyName(friendlyName);
    return this;
  }
  /** Sets (or, with null, clears) the consumption horizon. */
  async updateLastConsumedMessageIndex(index: number | null): Promise<number> {
    return this.channel.updateLastConsumedMessageIndex(index);
  }
  /** Sets (or, with null, clears) the unique name. */
  async updateUniqueName(uniqueName: string | null): Promise<Channel> {
    await this.channel.updateUniqueName(uniqueName);
    return this;
  }

  /** @internal Reads the roster and each member's user once; events keep it current afterwards. */
  _loadMembers(): Promise<void> {
    if (!this.membersLoaded) {
      this.membersLoaded = this.channel.getMembers().then(
        async (all) => {
          const members = all.map((m) => this.track(this.context.member(m)));
          await Promise.all(members.map((m) => m._loadUserInfo(this.context)));
        },
        (error) => {
          this.membersLoaded = null;
          throw error;
        },
      );
    }
    return this.membersLoaded;
  }

  private track(member: Member): Member {
    if (!this.members.has(member.sid)) {
      this.members.set(member.sid, member);
      member.on("userInfoUpdated", (m) => this.emit("memberInfoUpdated", m));
    }
    return member;
  }

  /** Keeps a message in `messages` (once, in index order). */
  private remember(message: Message): Message {
    if (this.messages.includes(message)) return message;
    let at = this.messages.length;
    while (at > 0 && (this.messages[at - 1] as Message).index > message.index) at--;
    this.messages.splice(at, 0, message);
    return message;
  }
}
