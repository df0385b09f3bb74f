import type { components } from "@confab/protocol";
import type { ClientContext } from "../client/context.js";
import type { ChannelMetadata } from "../content/channel-metadata.js";
import type { ContentData } from "../content/content-data.js";
import type { RecipientDescriptor } from "../content/recipients.js";
import type { Conversation } from "../conversation/conversation.js";
import { ReplayEventEmitter } from "../emitter/replay-event-emitter.js";
import { Media, type MediaCategory, temporaryUrls } from "../media/media.js";
import { readAll } from "../paging/rest-pages.js";
import type { Participant } from "../participant/participant.js";
import { type CancellablePromise, cancellable } from "../util/cancellable-promise.js";
import { type JSONValue, jsonEqual, parseAttributes } from "../util/json.js";
import { rules, validateArgs } from "../util/validate.js";
import { AggregatedDeliveryReceipt, DetailedDeliveryReceipt } from "./delivery-receipts.js";

/** The kind of a message: text, or with media. */
export type MessageType = "text" | "media";
/** Why a message changed. */
export type MessageUpdateReason =
  | "body"
  | "lastUpdatedBy"
  | "dateCreated"
  | "dateUpdated"
  | "attributes"
  | "author"
  | "deliveryReceipt"
  | "subject"
  | "media";
/** The payload of a message's `updated` event. */
export interface MessageUpdatedEventArgs {
  message: Message;
  updateReasons: MessageUpdateReason[];
}
/** Events a message emits. */
export type MessageEvents = {
  updated: (data: { message: Message; updateReasons: MessageUpdateReason[] }) => void;
};

export type MessageJson = components["schemas"]["Message"];

type State = {
  author: string | null;
  body: string | null;
  subject: string | null;
  contentSid: string | null;
  attributes: JSONValue;
  dateCreated: Date | null;
  dateUpdated: Date | null;
  lastUpdatedBy: string | null;
  participantSid: string | null;
  media: Media[];
  delivery: AggregatedDeliveryReceipt | null;
};

const date = (value: string | null | undefined) => (value ? new Date(value) : null);
const time = (d: Date | null) => d?.getTime() ?? null;

/** A message in a conversation. */
export class Message extends ReplayEventEmitter<MessageEvents> {
  /** Fired when the message's fields change. */
  static readonly updated = "updated";

  /** The conversation the message belongs to. */
  readonly conversation: Conversation;
  private readonly context: ClientContext;
  private readonly messageSid: string;
  private readonly messageIndex: number;
  private state: State;

  /** @internal */
  constructor(json: MessageJson, conversation: Conversation, context: ClientContext) {
    super();
    this.conversation = conversation;
    this.context = context;
    this.messageSid = json.sid;
    this.messageIndex = json.index;
    this.state = this.stateOf(json, null);
  }

  private stateOf(json: MessageJson, lastUpdatedBy: string | null): State {
    const media = (json.media ?? []).map((m) => new Media(m, this.context));
    return {
      author: json.author ?? null,
      body: json.body ?? null,
      subject: (json as { subject?: string | null }).subject ?? null,
      contentSid: json.content_sid ?? null,
      attributes: parseAttributes(json.attributes, `message ${json.sid}`),
      dateCreated: date(json.date_created),
      dateUpdated: date(json.date_updated),
      lastUpdatedBy,
      participantSid: json.participant_sid ?? null,
      media,
      delivery: json.delivery ? new AggregatedDeliveryReceipt(json.delivery) : null,
    };
  }

  /** The message's SID (`IM…`). */
  get sid(): string {
    return this.messageSid;
  }
  /** Who wrote it (identity or address), or null. */
  get author(): string | null {
    return this.state.author;
  }
  /** The subject (email), or null. */
  get subject(): string | null {
    return this.state.subject;
  }
  /** The content template the message was made from, or null. */
  get contentSid(): string | null {
    return this.state.contentSid;
  }
  /** The text, or null. */
  get body(): string | null {
    return this.state.body;
  }
  get dateUpdated(): Date | null {
    return this.state.dateUpdated;
  }
  /** The message's position in the conversation. */
  get index(): number {
    return this.messageIndex;
  }
  /**
   * Who last edited the message, when this client saw the edit being made by its own user;
   * null otherwise (Confab's message resource does not record the editor).
   */
  get lastUpdatedBy(): string | null {
    return this.state.lastUpdatedBy;
  }
  get dateCreated(): Date | null {
    return this.state.dateCreated;
  }
  /** Application data, parsed from JSON. */
  get attributes(): JSONValue {
    return this.state.attributes;
  }
  /** `media` when the message has media, otherwise `text`. */
  get type(): MessageType {
    return this.state.media.length > 0 ? "media" : "text";
  }
  /** @deprecated Use `attachedMedia`. The first attached media, or null. */
  get media(): Media | null {
    return this.state.media.find((m) => m.category === "media") ?? null;
  }
  /** The attached media (category `media`), or null when the message has none. */
  get attachedMedia(): Array<Media> | null {
    return this.getMediaByCategories(["media"]);
  }
  /** The participant who wrote the message, or null. */
  get participantSid(): string | null {
    return this.state.participantSid;
  }
  /** The summary of delivery to non-chat recipients, or null when the message has none. */
  get aggregatedDeliveryReceipt(): AggregatedDeliveryReceipt | null {
    return this.state.delivery;
  }

  /** @deprecated Use `getMediaByCategories`. */
  getMediaByCategory(categories: Array<MediaCategory>): Array<Media> | null {
    return this.getMediaByCategories(categories);
  }

  /** The media of the given categories; null when the message has no media at all. */
  getMediaByCategories(categories: MediaCategory[]): Media[] | null {
    validateArgs([categories], [rules.array]);
    if (this.state.media.length === 0) return null;
    return this.state.media.filter((m) => categories.includes(m.category));
  }

  /** The email body of the given type (default `text/plain`), or null. */
  getEmailBody(type = "text/plain"): Media | null {
    return this.state.media.find((m) => m.category === "body" && m.contentType === type) ?? null;
  }

  /** The email history of the given type (default `text/plain`), or null. */
  getEmailHistory(type = "text/plain"): Media | null {
    return this.state.media.find((m) => m.category === "history" && m.contentType === type) ?? null;
  }

  /** The participant who wrote the message. */
  async getParticipant(): Promise<Participant> {
    const bySid = this.state.participantSid ? await this.conversation.getParticipantBySid(this.state.participantSid) : null;
    const participant = bySid ?? (this.state.author ? await this.conversation.getParticipantByIdentity(this.state.author) : null);
    if (!participant) throw new Error(`Participant with SID '${this.state.participantSid}' was not found`);
    return participant;
  }

  /** Every delivery receipt of the message (one per non-chat recipient). */
  async getDetailedDeliveryReceipts(): Promise<DetailedDeliveryReceipt[]> {
    const params = { ConversationSid: this.conversation.sid, MessageSid: this.messageSid };
    const all = await readAll(async (query) => {
      const page = await this.context.call("ListConversationMessageReceipt", { params: { ...params, ...query } });
      return { items: page.delivery_receipts, meta: page.meta };
    }, {});
    return all.map((json) => new DetailedDeliveryReceipt(json));
  }

  /** Deletes the message. */
  async remove(): Promise<Message> {
    await this.context.send("DeleteConversationMessage", { params: { ConversationSid: this.conversation.sid, Sid: this.messageSid } });
    return this;
  }

  /** Replaces the text. */
  async updateBody(body: string): Promise<Message> {
    validateArgs([body], [rules.string]);
    const json = await this.context.send("UpdateConversationMessage", {
      params: { ConversationSid: this.conversation.sid, Sid: this.messageSid },
      body: { Body: body },
    });
    this._update(json, this.context.identity);
    return this;
  }

  /** Replaces the attributes. */
  async updateAttributes(attributes: JSONValue): Promise<Message> {
    validateArgs([attributes], [rules.json]);
    const json = await this.context.send("UpdateConversationMessage", {
      params: { ConversationSid: this.conversation.sid, Sid: this.messageSid },
      body: { Attributes: JSON.stringify(attributes) },
    });
    this._update(json, this.context.identity);
    return this;
  }

  /** @deprecated Use `getTemporaryContentUrlsForMedia`. Resolves to the same media once their URLs were fetched. */
  async attachTemporaryUrlsFor(contentSet: Media[] | null): Promise<Media[]> {
    const media = contentSet ?? [];
    await temporaryUrls(
      this.context,
      media.map((m) => m.sid),
    );
    return media;
  }

  /** Temporary content URLs of the given media, by SID. */
  getTemporaryContentUrlsForMedia(contentSet: Media[]): CancellablePromise<Map<string, string>> {
    validateArgs([contentSet], [rules.array]);
    return temporaryUrls(
      this.context,
      contentSet.map((m) => m.sid),
    );
  }

  /** Temporary content URLs of the given media SIDs. */
  getTemporaryContentUrlsForMediaSids(mediaSids: string[]): CancellablePromise<Map<string, string>> {
    validateArgs([mediaSids], [rules.stringArray]);
    return temporaryUrls(this.context, mediaSids);
  }

  /** Temporary content URLs of all attached media. */
  getTemporaryContentUrlsForAttachedMedia(): CancellablePromise<Map<string, string>> {
    return temporaryUrls(
      this.context,
      (this.attachedMedia ?? []).map((m) => m.sid),
    );
  }

  /**
   * The rich content of a message made from a content template. Resolves to null for a message
   * without one; a Confab server has no Content API, so a message that names a template rejects.
   */
  getContentData(): CancellablePromise<ContentData | null> {
    const contentSid = this.state.contentSid;
    return cancellable(async () => {
      if (!contentSid) return null;
      throw new Error(`The content of template ${contentSid} is not available: this server has no Content API`);
    });
  }

  /**
   * Channel metadata of a message that came from a non-chat channel. Confab carries chat messages
   * only, which have none: resolves to null, as Twilio does for chat messages.
   */
  async getChannelMetadata(): Promise<ChannelMetadata | null> {
    return null;
  }

  /** Recipients on non-chat channels (email). A chat message has none. */
  async getMessageRecipients(): Promise<RecipientDescriptor[]> {
    return [];
  }

  /** @internal Applies a fresh copy of the resource; emits `updated` with what changed. */
  _update(json: MessageJson, editor: string | null = null): MessageUpdateReason[] {
    const previous = this.state;
    const next = this.stateOf(json, editor ?? previous.lastUpdatedBy);
    const reasons: MessageUpdateReason[] = [];
    if (previous.body !== next.body) reasons.push("body");
    if (previous.lastUpdatedBy !== next.lastUpdatedBy) reasons.push("lastUpdatedBy");
    if (time(previous.dateCreated) !== time(next.dateCreated)) reasons.push("dateCreated");
    if (time(previous.dateUpdated) !== time(next.dateUpdated)) reasons.push("dateUpdated");
    if (!jsonEqual(previous.attributes, next.attributes)) reasons.push("attributes");
    if (previous.author !== next.author) reasons.push("author");
    if (!(previous.delivery === next.delivery || next.delivery?._isEqual(previous.delivery))) reasons.push("deliveryReceipt");
    if (previous.subject !== next.subject) reasons.push("subject");
    if (
      !jsonEqual(
        previous.media.map((m) => m.sid),
        next.media.map((m) => m.sid),
      )
    )
      reasons.push("media");
    this.state = next;
    if (reasons.length > 0) this.emit("updated", { message: this, updateReasons: reasons });
    return reasons;
  }
}

/** 1.x names, kept for apps written against `@twilio/conversations` 1.x. */
export declare namespace Message {
  type Type = MessageType;
  type UpdateReason = MessageUpdateReason;
  type UpdatedEventArgs = MessageUpdatedEventArgs;
}
