import { ReplayEventEmitter } from "@confab/conversations/internal";
import type { Message as ChatMessage } from "../message/message.js";
import type { Channel } from "./channel.js";

/** Events a message emits. */
export type MessageEvents = {
  updated: (message: Message) => void;
};

/** A message under IP Messaging's names (`timestamp` for the creation date). */
export class Message extends ReplayEventEmitter<MessageEvents> {
  /** Fired when the message's fields change. */
  static readonly updated = "updated";
  /** The channel the message belongs to. */
  readonly channel: Channel;
  private readonly message: ChatMessage;

  /** @internal */
  constructor(message: ChatMessage, channel: Channel) {
    super();
    this.message = message;
    this.channel = channel;
    message.on("updated", () => this.emit("updated", this));
  }

  /** The message's SID. */
  get sid(): string {
    return this.message.sid;
  }
  /** Who wrote it. */
  get author(): string {
    return this.message.author;
  }
  /** The text. */
  get body(): string {
    return this.message.body;
  }
  /** Application data, parsed from JSON. */
  get attributes(): object {
    return this.message.attributes;
  }
  /** When it last changed. */
  get dateUpdated(): Date {
    return this.message.dateUpdated;
  }
  /** The message's position in the channel. */
  get index(): number {
    return this.message.index;
  }
  /** Who last edited it, when this client's user did. */
  get lastUpdatedBy(): string {
    return this.message.lastUpdatedBy;
  }
  /** When it was sent (Chat's `dateCreated`). */
  get timestamp(): Date {
    return this.message.dateCreated;
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
    await this.message.updateAttributes(attributes);
    return this;
  }
}
