import { ReplayEventEmitter } from "@confab/conversations/internal";
import type { Member as ChatMember } from "../member/member.js";
import type { Channel } from "./channel.js";
import type { IpmContext } from "./context.js";
import type { UserInfo } from "./user-info.js";

/** Events a member emits. */
export type MemberEvents = {
  typingEnded: (member: Member) => void;
  typingStarted: (member: Member) => void;
  updated: (member: Member) => void;
  userInfoUpdated: (member: Member) => void;
};

/** A member of a channel under IP Messaging's names, with its user's `userInfo`. */
export class Member extends ReplayEventEmitter<MemberEvents> {
  /** Fired when the member stops typing. */
  static readonly typingEnded = "typingEnded";
  /** Fired when the member starts typing. */
  static readonly typingStarted = "typingStarted";
  /** Fired when the member's fields change. */
  static readonly updated = "updated";
  /** Fired when the member's user changes. */
  static readonly userInfoUpdated = "userInfoUpdated";

  /** The channel the member belongs to. */
  readonly channel: Channel;
  private readonly member: ChatMember;
  private info: UserInfo | null = null;

  /** @internal */
  constructor(member: ChatMember, channel: Channel) {
    super();
    this.member = member;
    this.channel = channel;
    member.on("typingStarted", () => this.emit("typingStarted", this));
    member.on("typingEnded", () => this.emit("typingEnded", this));
    member.on("updated", () => this.emit("updated", this));
  }

  /** The member's SID. */
  get sid(): string {
    return this.member.sid;
  }
  /** @deprecated Use `userInfo.identity`. The user's identity. */
  get identity(): string {
    return this.member.identity;
  }
  /** Whether the member is typing now. */
  get isTyping(): boolean {
    return this.member.isTyping;
  }
  /** The index of the last message the member consumed, or null. */
  get lastConsumedMessageIndex(): number | null {
    return this.member.lastConsumedMessageIndex;
  }
  /** When the member's consumption horizon last moved. */
  get lastConsumptionTimestamp(): Date {
    return this.member.lastConsumptionTimestamp;
  }
  /** The member's channel role. */
  get roleSid(): string {
    return this.member.roleSid;
  }
  /** The member's user (read when the member became known). */
  get userInfo(): UserInfo {
    return this.info as UserInfo;
  }

  /** Removes the member from the channel. */
  async remove(): Promise<void> {
    await this.member.remove();
  }

  /** @internal Reads the member's user and follows it. */
  async _loadUserInfo(context: IpmContext): Promise<void> {
    if (this.info || !this.member.identity) return;
    const info = context.userInfo(await this.member.getUser());
    this.info = info;
    info.on("updated", () => this.emit("userInfoUpdated", this));
  }
}
