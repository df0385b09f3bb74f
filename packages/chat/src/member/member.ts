import { type Participant, ReplayEventEmitter } from "@confab/conversations/internal";
import type { Channel } from "../channel/channel.js";
import type { ChatContext } from "../client/context.js";
import { memberReasons } from "../reasons.js";
import type { User } from "../user/user.js";
import type { UserDescriptor } from "../user/user-descriptor.js";

/** The channel of a member: chat, or a messaging channel. */
export type MemberType = "chat" | "sms" | "whatsapp";
/** Why a member changed. */
export type MemberUpdateReason =
  | "attributes"
  | "dateCreated"
  | "dateUpdated"
  | "roleSid"
  | "lastConsumedMessageIndex"
  | "lastConsumptionTimestamp";
/** Events a member emits. */
export type MemberEvents = {
  typingEnded: (member: Member) => void;
  typingStarted: (member: Member) => void;
  updated: (data: { member: Member; updateReasons: MemberUpdateReason[] }) => void;
};

/** A member of a channel: a participant of the core conversation under Chat's names. */
export class Member extends ReplayEventEmitter<MemberEvents> {
  /** Fired when the member starts typing. */
  static readonly typingStarted = "typingStarted";
  /** Fired when the member stops typing. */
  static readonly typingEnded = "typingEnded";
  /** Fired when the member's fields change. */
  static readonly updated = "updated";

  /** The channel the member belongs to. */
  readonly channel: Channel;
  private readonly participant: Participant;
  private readonly context: ChatContext;

  /** @internal */
  constructor(participant: Participant, channel: Channel, context: ChatContext) {
    super();
    this.participant = participant;
    this.channel = channel;
    this.context = context;
    participant.on("typingStarted", () => this.emit("typingStarted", this));
    participant.on("typingEnded", () => this.emit("typingEnded", this));
    participant.on("updated", ({ updateReasons }) => {
      const reasons = memberReasons(updateReasons);
      if (reasons.length > 0) this.emit("updated", { member: this, updateReasons: reasons });
    });
  }

  /** The member's SID (`MB…`). */
  get sid(): string {
    return this.participant.sid;
  }
  /** Application data, parsed from JSON. */
  get attributes(): object {
    return this.participant.attributes as object;
  }
  /** When it was created. */
  get dateCreated(): Date {
    return this.participant.dateCreated as Date;
  }
  /** When it last changed. */
  get dateUpdated(): Date {
    return this.participant.dateUpdated as Date;
  }
  /** The user's identity (null for a member on a messaging channel). */
  get identity(): string {
    return this.participant.identity as string;
  }
  /** Whether the member is typing now. */
  get isTyping(): boolean {
    return this.participant.isTyping;
  }
  /** The index of the last message the member consumed (read), or null. */
  get lastConsumedMessageIndex(): number | null {
    return this.participant.lastReadMessageIndex;
  }
  /** When the member's consumption horizon last moved. */
  get lastConsumptionTimestamp(): Date {
    return this.participant.lastReadTimestamp as Date;
  }
  /** The member's channel role. */
  get roleSid(): string {
    return this.participant.roleSid;
  }
  /** `chat`, `sms` or `whatsapp`. */
  get type(): MemberType {
    return this.participant.type as MemberType;
  }

  /** The member's user as a descriptor (a snapshot). */
  async getUserDescriptor(): Promise<UserDescriptor> {
    return this.context.client.getUserDescriptor(this.identity);
  }

  /** The member's user, followed from now on. */
  async getUser(): Promise<User> {
    return this.context.user(await this.participant.getUser());
  }

  /** Removes the member from the channel. */
  async remove(): Promise<void> {
    await this.participant.remove();
  }

  /** Replaces the member's attributes. */
  async updateAttributes(attributes: unknown): Promise<Member> {
    await this.participant.updateAttributes(attributes as never);
    return this;
  }

  /** @internal The core participant this member renames. */
  get _participant(): Participant {
    return this.participant;
  }
}
