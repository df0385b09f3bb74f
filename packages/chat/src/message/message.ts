import { type Message as CoreMessage, ReplayEventEmitter } from "@confab/conversations/internal";
import type { Channel } from "../channel/channel.js";
import type { ChatContext } from "../client/context.js";
import { Media } from "../media/media.js";
import type { Member } from "../member/member.js";
import { messageReasons } from "../reasons.js";

/** The kind of a message: text, or with media. */
export type MessageType = "text" | "media";
/** Why a message changed. */
export type MessageUpdateReason = "body" | "lastUpdatedBy" | "dateCreated" | "dateUpdated" | "attributes" | "author";
/** Events a message emits. */
export type MessageEvents = {
  updated: (data: { message: Message; updateReasons: MessageUpdateReason[] }) => void;
};

/** A message in a channel: the core message under Chat's names. */
export class Message extends ReplayEventEmitter<MessageEvents> {
  /** Fired when the message's fields change. */
  static readonly updated = "updated";

  /** The channel the message belongs to. */
  readonly channel: Channel;
  private readonly message: CoreMessage;
  private readonly context: ChatContext;
  private chatMedia: Media | null = null;

  /** @internal */
  constructor(message: CoreMessage, channel: Channel, context: ChatContext) {
    super();
    this.message = message;
    this.channel = channel;
    this.context = context;
    message.on("updated", ({ updateReasons }) => {
      const reasons = messageReasons(updateReasons);
      if (reasons.length > 0) this.emit("updated", { message: this, updateReasons: reasons });
    });
  }

  /** The message's SID (`IM…`). */
  get sid(): string {
    return this.message.sid;
  }
  /** Who wrote it. */
  get author(): string {
    return this.message.author as string;
  }
  /** The text (null for a media message). */
  get body(): string {
    return this.message.body as string;
  }
  get dateUpdated(): Date {
    return this.message.dateUpdated as Date;
  }
  /** The message's position in the channel. */
  get index(): number {
    return this.message.index;
  }
  /** Who last edited it, when this client saw its own user do so (the server does not record it). */
  get lastUpdatedBy(): string {
    return this.message.lastUpdatedBy as string;
  }
  get dateCreated(): Date {
    return this.message.dateCreated as Date;
  }
  /** Application data, parsed from JSON. */
  get attributes(): object {
    return this.message.attributes as object;
  }
  /** `media` when the message has media, otherwise `text`. */
  get type(): MessageType {
    return this.message.type;
  }
  /** The attached media (null for a text message). */
  get media(): Media {
    const core = this.message.attachedMedia?.[0];
    if (!core) return null as unknown as Media;
    if (this.chatMedia?.sid !== core.sid) this.chatMedia = new Media(core);
    return this.chatMedia;
  }
  /** The SID of the member who wrote it. */
  get memberSid(): string {
    return this.message.participantSid as string;
  }

  /** The member who wrote the message. */
  async getMember(): Promise<Member> {
    return this.context.member(await this.message.getParticipant());
  }

  /** Deletes the message. */
  async remove(): Promise<Message> {
    await this.message.remove();
    return this;
  }

  /** Replaces the text. */
  async updateBody(body: string): Promise<Message> {
    await this.message.updateBody(body);
    return this;
  }

  /** Replaces the attributes. */
  async updateAttributes(attributes: unknown): Promise<Message> {
    await this.message.updateAttributes(attributes as never);
    return this;
  }
}
