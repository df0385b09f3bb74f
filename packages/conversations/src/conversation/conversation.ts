import type { ClientContext } from "../client/context.js";
import type { ConversationLimits } from "../client/options.js";
import type { RecipientDescriptor } from "../content/recipients.js";
import { ReplayEventEmitter } from "../emitter/replay-event-emitter.js";
import { type SendMediaOptions, uploadMedia } from "../media/upload.js";
import { Message, type MessageJson, type MessageUpdateReason } from "../message/message.js";
import { MessageBuilder } from "../message/message-builder.js";
import type { SendEmailOptions, UnsentMessage } from "../message/unsent-message.js";
import { type Paginator, type PaginatorOptions, RestPaginator } from "../paging/paginator.js";
import { readAll } from "../paging/rest-pages.js";
import {
  Participant,
  type ParticipantBindingOptions,
  type ParticipantResponse,
  type ParticipantUpdateReason,
} from "../participant/participant.js";
import { type CancellablePromise, cancellable } from "../util/cancellable-promise.js";
import { type JSONValue, jsonEqual } from "../util/json.js";
import { custom, literal, rules, validateArgs } from "../util/validate.js";
import { messagePage } from "./message-pages.js";
import { entityFromConversation, entityFromUserConversation, userStateFrom } from "./snapshot.js";
import type {
  ConversationBindings,
  ConversationEntity,
  ConversationJson,
  ConversationState,
  ConversationStatus,
  ConversationUpdateReason,
  ConversationUpdatedEventArgs,
  ConversationUserState,
  LastMessage,
  NotificationLevel,
  UserConversationJson,
} from "./types.js";

/** Events a conversation emits. */
export type ConversationEvents = {
  participantJoined: (participant: Participant) => void;
  participantLeft: (participant: Participant) => void;
  participantUpdated: (data: { participant: Participant; updateReasons: ParticipantUpdateReason[] }) => void;
  messageAdded: (message: Message) => void;
  messageRemoved: (message: Message) => void;
  messageUpdated: (data: { message: Message; updateReasons: MessageUpdateReason[] }) => void;
  typingEnded: (participant: Participant) => void;
  typingStarted: (participant: Participant) => void;
  updated: (data: { conversation: Conversation; updateReasons: ConversationUpdateReason[] }) => void;
  removed: (conversation: Conversation) => void;
};

const mediaMessage = custom(
  "FormData or SendMediaOptions",
  (v) => (typeof FormData !== "undefined" && v instanceof FormData) || (typeof v === "object" && v !== null && "media" in v),
);
const time = (d: Date | null | undefined) => d?.getTime() ?? null;
const isParticipantSid = (value: string) => /^MB[0-9a-fA-F]{32}$/.test(value);

/** A conversation: its fields, participants and messages, kept current by the server's events. */
export class Conversation extends ReplayEventEmitter<ConversationEvents> {
  /** Fired when a participant joins. */
  static readonly participantJoined = "participantJoined";
  /** Fired when a participant leaves. */
  static readonly participantLeft = "participantLeft";
  /** Fired when a participant changes. */
  static readonly participantUpdated = "participantUpdated";
  /** Fired when a message is added. */
  static readonly messageAdded = "messageAdded";
  /** Fired when a message is removed. */
  static readonly messageRemoved = "messageRemoved";
  /** Fired when a message changes. */
  static readonly messageUpdated = "messageUpdated";
  /** Fired when a participant stops typing. */
  static readonly typingEnded = "typingEnded";
  /** Fired when a participant starts typing. */
  static readonly typingStarted = "typingStarted";
  /** Fired when the conversation's fields change. */
  static readonly updated = "updated";
  /** Fired when the conversation is deleted. */
  static readonly removed = "removed";

  /** The conversation's SID (`CH…`). */
  readonly sid: string;
  private readonly context: ClientContext;
  private entity: ConversationEntity;
  private user: ConversationUserState;
  private readonly participants = new Map<string, Participant>();
  private participantsLoaded: Promise<void> | null = null;
  private readonly messages = new Map<string, Message>();
  private lastTypingSent = 0;

  /** @internal */
  constructor(sid: string, entity: ConversationEntity, user: ConversationUserState, context: ClientContext) {
    super();
    this.sid = sid;
    this.entity = entity;
    this.user = user;
    this.context = context;
  }

  /** @internal A conversation this user takes part in, from its UserConversation resource. */
  static _fromUserConversation(json: UserConversationJson, context: ClientContext): Conversation {
    return new Conversation(json.conversation_sid, entityFromUserConversation(json, null), userStateFrom(json, null), context);
  }

  /** @internal A conversation seen from outside (peeked), from its Conversation resource. */
  static _fromConversation(json: ConversationJson, context: ClientContext): Conversation {
    return new Conversation(json.sid, entityFromConversation(json, ""), notParticipating(), context);
  }

  /** The unique name, or null. */
  get uniqueName(): string | null {
    return this.entity.uniqueName;
  }
  /** Whether this user takes part. */
  get status(): ConversationStatus {
    return this.user.status;
  }
  /** The display name, or null. */
  get friendlyName(): string | null {
    return this.entity.friendlyName;
  }
  get dateUpdated(): Date | null {
    return this.entity.dateUpdated;
  }
  get dateCreated(): Date | null {
    return this.entity.dateCreated;
  }
  /** The identity of the user who created it (empty when an account did, or when unknown). */
  get createdBy(): string {
    return this.entity.createdBy;
  }
  /** Application data, parsed from JSON. */
  get attributes(): JSONValue {
    return this.entity.attributes;
  }
  /** The index of the last message this user read, or null. */
  get lastReadMessageIndex(): number | null {
    return this.user.lastReadMessageIndex;
  }
  /** The newest message (index and date), or undefined when there is none. */
  get lastMessage(): LastMessage | undefined {
    return this.user.lastMessage;
  }
  /** This user's push notification level. */
  get notificationLevel(): NotificationLevel {
    return this.user.notificationLevel;
  }
  /** What messages may carry. */
  get limits(): ConversationLimits {
    return this.context.limits;
  }
  /** The lifecycle state, or undefined when unknown. */
  get state(): ConversationState | undefined {
    return this.entity.state;
  }
  /** @internal The conversation's bindings (internal in Twilio's SDK too). */
  get bindings(): ConversationBindings {
    return this.entity.bindings;
  }

  /** Adds a chat participant; resolves to the raw participant resource (snake_case), as Twilio does. */
  async add(identity: string, attributes?: JSONValue): Promise<ParticipantResponse> {
    validateArgs([identity, attributes], [rules.nonEmptyString], [rules.json, rules.undefined]);
    return this.context.send("CreateConversationParticipant", {
      params: { ConversationSid: this.sid },
      body: { Identity: identity, ...(attributes !== undefined ? { Attributes: JSON.stringify(attributes) } : {}) },
    });
  }

  /** Adds a participant on a messaging channel (SMS, WhatsApp…); resolves to the raw resource. */
  async addNonChatParticipant(
    proxyAddress: string,
    address: string,
    attributes: JSONValue = {},
    bindingOptions: ParticipantBindingOptions = {},
  ): Promise<ParticipantResponse> {
    validateArgs(
      [proxyAddress, address, attributes, bindingOptions],
      [rules.string],
      [rules.nonEmptyString],
      [rules.json],
      [rules.pureObject],
    );
    return this.context.send("CreateConversationParticipant", {
      params: { ConversationSid: this.sid },
      body: {
        "MessagingBinding.Address": address,
        ...(proxyAddress ? { "MessagingBinding.ProxyAddress": proxyAddress } : {}),
        Attributes: JSON.stringify(attributes),
      },
    });
  }

  /** Moves the read horizon forward to `index` (never back); resolves to the unread count. */
  async advanceLastReadMessageIndex(index: number): Promise<number> {
    validateArgs([index], [rules.nonNegativeInteger]);
    const current = this.user.lastReadMessageIndex;
    if (current !== null && index <= current) return (await this.getUnreadMessagesCount()) ?? 0;
    return this.updateLastReadMessageIndex(index);
  }

  /** Deletes the conversation. */
  async delete(): Promise<Conversation> {
    await this.context.send("DeleteConversation", { params: { Sid: this.sid } });
    return this;
  }

  /** The attributes. */
  async getAttributes(): Promise<JSONValue> {
    return this.entity.attributes;
  }

  /**
   * A page of messages, items ascending by index. Default: the newest 30 ("backwards" from the
   * end); with an anchor, the page ends (backwards) or starts (forward) at that index.
   */
  async getMessages(pageSize = 30, anchor?: number, direction: "backwards" | "forward" = "backwards"): Promise<Paginator<Message>> {
    validateArgs(
      [pageSize, anchor, direction],
      [rules.positiveInteger],
      [rules.nonNegativeInteger, rules.undefined],
      [literal("backwards", "forward")],
    );
    return messagePage(this.context, this.sid, (items) => items.map((json) => this._message(json)), pageSize, anchor, direction);
  }

  /** Every participant. */
  async getParticipants(): Promise<Participant[]> {
    await this.loadParticipants();
    return [...this.participants.values()];
  }

  /** The number of participants, read from the server. */
  async getParticipantsCount(): Promise<number> {
    const all = await this.listParticipants();
    return all.length;
  }

  /** The participant of a SID, or null. */
  async getParticipantBySid(participantSid: string): Promise<Participant | null> {
    validateArgs([participantSid], [rules.string]);
    await this.loadParticipants();
    return this.participants.get(participantSid) ?? null;
  }

  /** The chat participant of an identity, or null. */
  async getParticipantByIdentity(identity?: string | null): Promise<Participant | null> {
    validateArgs([identity], [rules.string, rules.null, rules.undefined]);
    if (identity === null || identity === undefined) return null;
    await this.loadParticipants();
    for (const participant of this.participants.values()) if (participant.identity === identity) return participant;
    return null;
  }

  /** The number of messages, counted on the server (Confab's conversation resource has no count). */
  async getMessagesCount(): Promise<number> {
    const all = await readAll(async (query) => {
      const page = await this.context.call("ListConversationMessage", { params: { ConversationSid: this.sid, PageSize: 1000, ...query } });
      return { items: page.messages, meta: page.meta };
    }, {});
    return all.length;
  }

  /** How many messages this user has not read; null when the user does not take part. */
  async getUnreadMessagesCount(): Promise<number | null> {
    if (this.user.status !== "joined") return null;
    const json = await this.context.call("FetchServiceUserConversation", {
      params: { ChatServiceSid: this.context.serviceSid, UserSid: this.context.identity, ConversationSid: this.sid },
    });
    this._applyUserConversation(json);
    return this.user.unreadMessagesCount;
  }

  /** Joins the conversation as this user. */
  async join(): Promise<Conversation> {
    if (this.user.status === "joined") return this;
    await this.context.send("CreateConversationParticipant", {
      params: { ConversationSid: this.sid },
      body: { Identity: this.context.identity },
    });
    await this.context.joined(this.sid);
    return this;
  }

  /** Leaves the conversation. */
  async leave(): Promise<Conversation> {
    if (this.user.status !== "joined") return this;
    const participantSid = this.user.participantSid ?? (await this.getParticipantByIdentity(this.context.identity))?.sid;
    if (participantSid)
      await this.context.send("DeleteConversationParticipant", { params: { ConversationSid: this.sid, Sid: participantSid } });
    this.context.left(this);
    return this;
  }

  /** Removes a participant (a Participant, its SID, or a chat identity). */
  async removeParticipant(participant: string | Participant): Promise<void> {
    validateArgs([participant], [rules.nonEmptyString, custom("an instance of Participant", (v) => v instanceof Participant)]);
    let sid: string | undefined;
    if (participant instanceof Participant) sid = participant.sid;
    else if (isParticipantSid(participant)) sid = participant;
    else sid = (await this.getParticipantByIdentity(participant))?.sid;
    if (!sid) throw new Error(`Participant ${String(participant)} was not found in conversation ${this.sid}`);
    await this.context.send("DeleteConversationParticipant", { params: { ConversationSid: this.sid, Sid: sid } });
  }

  /**
   * Sends a text (string), a media message (FormData or SendMediaOptions) or an empty one (null);
   * resolves to the new message's index. Sent while offline, it waits for the connection and is
   * delivered exactly once.
   */
  async sendMessage(
    message: null | string | FormData | SendMediaOptions,
    messageAttributes?: JSONValue,
    emailOptions?: SendEmailOptions,
  ): Promise<number> {
    validateArgs(
      [message, messageAttributes, emailOptions],
      [rules.string, rules.null, mediaMessage],
      [rules.json, rules.undefined],
      [rules.pureObject, rules.undefined],
    );
    const body: Record<string, string | string[]> = {};
    if (typeof message === "string") body.Body = message;
    else if (message !== null) body.MediaSid = [(await uploadMedia(this.context, message, "media")).sid];
    if (messageAttributes !== undefined) body.Attributes = JSON.stringify(messageAttributes);
    if (emailOptions?.subject) body.Subject = emailOptions.subject;
    const json = await this.context.send("CreateConversationMessage", { params: { ConversationSid: this.sid }, body });
    return json.index;
  }

  /** Starts building a message (text, attributes, media, content template). */
  prepareMessage(): MessageBuilder {
    return new MessageBuilder(this.context.limits, (unsent) => this.sendUnsent(unsent));
  }

  /** Marks every message read; resolves to the unread count (0). */
  async setAllMessagesRead(): Promise<number> {
    const last = this.user.lastMessage?.index;
    if (last === undefined) return 0;
    return this.updateLastReadMessageIndex(last);
  }

  /** Marks every message unread; resolves to the unread count. */
  async setAllMessagesUnread(): Promise<number> {
    return this.updateLastReadMessageIndex(null);
  }

  /** Sets this user's push notification level for the conversation. */
  async setUserNotificationLevel(notificationLevel: NotificationLevel): Promise<void> {
    validateArgs([notificationLevel], [literal("default", "muted")]);
    const json = await this.context.send("UpdateServiceUserConversation", {
      params: { ChatServiceSid: this.context.serviceSid, UserSid: this.context.identity, ConversationSid: this.sid },
      body: { NotificationLevel: notificationLevel },
    });
    this._applyUserConversation(json);
  }

  /**
   * Tells the other participants this user is typing. Throttled to one signal per typing
   * timeout, as Twilio's SDK does: the indicator lasts that long on the other side.
   */
  async typing(): Promise<void> {
    const now = Date.now();
    if (now - this.lastTypingSent < this.context.typingTimeoutMs) return;
    this.lastTypingSent = now;
    this.context.socket.typing(this.sid);
  }

  /** Replaces the attributes. */
  async updateAttributes(attributes: JSONValue): Promise<Conversation> {
    validateArgs([attributes], [rules.json]);
    return this.updateConversation({ Attributes: JSON.stringify(attributes) });
  }

  /** Sets the display name. */
  async updateFriendlyName(friendlyName: string): Promise<Conversation> {
    validateArgs([friendlyName], [rules.string]);
    return this.updateConversation({ FriendlyName: friendlyName });
  }

  /** Sets (or, with null, clears) the read horizon; resolves to the unread count. */
  async updateLastReadMessageIndex(index: number | null): Promise<number> {
    validateArgs([index], [rules.nonNegativeInteger, rules.null]);
    const json = await this.context.send("UpdateServiceUserConversation", {
      params: { ChatServiceSid: this.context.serviceSid, UserSid: this.context.identity, ConversationSid: this.sid },
      body: { LastReadMessageIndex: index === null ? "" : index },
    });
    this._applyUserConversation(json);
    return this.user.unreadMessagesCount ?? 0;
  }

  /** Sets (or, with null, clears) the unique name. */
  async updateUniqueName(uniqueName: string | null): Promise<Conversation> {
    validateArgs([uniqueName], [rules.string, rules.null]);
    return this.updateConversation({ UniqueName: uniqueName ?? "" });
  }

  /** Recipients of messages on non-chat channels (email). Confab carries chat only: always an empty page. */
  async getMessageRecipients(options?: PaginatorOptions): Promise<Paginator<RecipientDescriptor>> {
    validateArgs([options], [rules.pureObject, rules.undefined]);
    return new RestPaginator<RecipientDescriptor>([], null, null);
  }

  private async updateConversation(body: Record<string, string>): Promise<Conversation> {
    const json = await this.context.send("UpdateConversation", { params: { Sid: this.sid }, body });
    this._applyConversation(json);
    return this;
  }

  private sendUnsent(unsent: UnsentMessage): CancellablePromise<number | null> {
    return cancellable(async () => {
      const body: Record<string, string | string[]> = {};
      if (unsent.text !== undefined) body.Body = unsent.text;
      body.Attributes = JSON.stringify(unsent.attributes);
      if (unsent.emailOptions.subject) body.Subject = unsent.emailOptions.subject;
      if (unsent.contentSid) {
        body.ContentSid = unsent.contentSid;
        body.ContentVariables = JSON.stringify(Object.fromEntries((unsent.contentVariables ?? []).map((v) => [v.name, v.value])));
      }
      const media = unsent.mediaContent.filter(([category]) => category === "media");
      // Uploaded one by one, in order: the message lists its media as they were added.
      const sids: string[] = [];
      for (const [, content] of media) sids.push((await uploadMedia(this.context, content, "media")).sid);
      if (sids.length > 0) body.MediaSid = sids;
      const json = await this.context.send("CreateConversationMessage", { params: { ConversationSid: this.sid }, body });
      return json.index;
    });
  }

  private async listParticipants(): Promise<ParticipantResponse[]> {
    return readAll(async (query) => {
      const page = await this.context.call("ListConversationParticipant", {
        params: { ConversationSid: this.sid, PageSize: 100, ...query },
      });
      return { items: page.participants, meta: page.meta };
    }, {});
  }

  /** Reads the roster once; events keep it current afterwards (and for those who take part). */
  private loadParticipants(): Promise<void> {
    if (!this.participantsLoaded) {
      this.participantsLoaded = this.listParticipants().then(
        (all) => {
          for (const json of all) {
            const known = this.participants.get(json.sid);
            if (known) known._update(json);
            else this.track(new Participant(json, this, this.context));
          }
        },
        (error) => {
          this.participantsLoaded = null;
          throw error;
        },
      );
    }
    return this.participantsLoaded;
  }

  // ---- Applying what the server says (called by the client's event router) ----

  /** @internal A Message object for a message resource (the same object for the same SID). */
  _message(json: MessageJson): Message {
    const known = this.messages.get(json.sid);
    if (known) {
      known._update(json);
      return known;
    }
    const message = new Message(json, this, this.context);
    this.messages.set(json.sid, message);
    message.on("updated", (data) => this.emit("messageUpdated", data));
    return message;
  }

  /** @internal */
  _messageAdded(json: MessageJson): Message {
    const message = this._message(json);
    const last = this.user.lastMessage;
    if (last?.index === undefined || json.index >= last.index) {
      this.setUser({
        ...this.user,
        lastMessage: { index: json.index, ...(json.date_created ? { dateCreated: new Date(json.date_created) } : {}) },
        unreadMessagesCount:
          this.user.status === "joined" && json.author !== this.context.identity && this.user.unreadMessagesCount !== null
            ? this.user.unreadMessagesCount + 1
            : this.user.unreadMessagesCount,
      });
    }
    // A message from someone ends their typing indicator at once.
    for (const participant of this.participants.values()) {
      if (participant.identity === json.author || participant.sid === json.participant_sid) participant._setTyping(false);
    }
    this.emit("messageAdded", message);
    return message;
  }

  /** @internal */
  _messageUpdated(json: MessageJson, updated: string[]): void {
    const known = this.messages.get(json.sid);
    // An update to a message nobody has looked at yet still reaches the app, with the server's reasons.
    if (known) known._update(json);
    else this.emit("messageUpdated", { message: this._message(json), updateReasons: messageReasons(updated) });
  }

  /** @internal */
  _messageRemoved(json: MessageJson): void {
    const message = this.messages.get(json.sid) ?? new Message(json, this, this.context);
    this.messages.delete(json.sid);
    this.emit("messageRemoved", message);
  }

  /** @internal */
  _participantJoined(json: ParticipantResponse): Participant {
    const known = this.participants.get(json.sid);
    if (known) {
      known._update(json);
      return known;
    }
    const participant = this.track(new Participant(json, this, this.context));
    this.emit("participantJoined", participant);
    return participant;
  }

  /** Keeps a participant in the roster and forwards its events as the conversation's. */
  private track(participant: Participant): Participant {
    this.participants.set(participant.sid, participant);
    participant.on("updated", (data) => this.emit("participantUpdated", data));
    participant.on("typingStarted", (p) => this.emit("typingStarted", p));
    participant.on("typingEnded", (p) => this.emit("typingEnded", p));
    return participant;
  }

  /** @internal */
  _participantUpdated(json: ParticipantResponse): void {
    const known = this.participants.get(json.sid);
    if (known) known._update(json);
    else this._participantJoined(json);
  }

  /** @internal */
  _participantLeft(json: ParticipantResponse): void {
    const participant = this.participants.get(json.sid) ?? new Participant(json, this, this.context);
    participant._setTyping(false);
    this.participants.delete(json.sid);
    this.emit("participantLeft", participant);
  }

  /** @internal A typing indicator of another participant. */
  _typing(participantSid: string, identity: string, started: boolean): void {
    const participant = this.participants.get(participantSid);
    if (participant) {
      participant._setTyping(started, started ? this.context.typingTimeoutMs + 1000 : undefined);
      return;
    }
    // Not in the roster yet: read it, then show the indicator.
    void this.loadParticipants()
      .then(() => this.participants.get(participantSid) ?? [...this.participants.values()].find((p) => p.identity === identity))
      .then((p) => p?._setTyping(started, started ? this.context.typingTimeoutMs + 1000 : undefined))
      .catch(() => {});
  }

  /** @internal A fresh Conversation resource. */
  _applyConversation(json: ConversationJson, reasons?: string[]): void {
    this.setEntity(entityFromConversation(json, this.entity.createdBy || ""), reasons);
  }

  /** @internal A fresh UserConversation resource (this user takes part). */
  _applyUserConversation(json: UserConversationJson): void {
    const reasons = this.diffEntity(entityFromUserConversation(json, this.entity));
    this.entity = entityFromUserConversation(json, this.entity);
    reasons.push(...this.diffUser(userStateFrom(json, this.user)));
    this.user = userStateFrom(json, this.user);
    if (reasons.length > 0) this.emit("updated", { conversation: this, updateReasons: reasons });
  }

  /** @internal The creator, known to the client that created the conversation. */
  _applyUserConversationCreator(createdBy: string): void {
    this.setEntity({ ...this.entity, createdBy });
  }

  /** @internal This user left. */
  _setLeft(): void {
    this.setUser({ ...notParticipating(), lastMessage: this.user.lastMessage });
    this.participants.clear();
    this.participantsLoaded = null;
  }

  /** @internal The conversation was deleted. */
  _removed(): void {
    this.emit("removed", this);
  }

  /** @internal What the client caches of this conversation (its UserConversation shape). */
  _toCache(): CachedConversation {
    return { sid: this.sid, entity: this.entity, user: this.user };
  }

  /** @internal A conversation restored from the cache. */
  static _fromCache(cached: CachedConversation, context: ClientContext): Conversation {
    const revive = (d: unknown) => (d ? new Date(d as string) : null);
    const entity: ConversationEntity = {
      ...cached.entity,
      dateCreated: revive(cached.entity.dateCreated),
      dateUpdated: revive(cached.entity.dateUpdated),
      state: cached.entity.state ? { ...cached.entity.state, dateUpdated: new Date(cached.entity.state.dateUpdated) } : undefined,
    };
    const last = cached.user.lastMessage;
    const user: ConversationUserState = {
      ...cached.user,
      lastMessage: last ? { ...last, ...(last.dateCreated ? { dateCreated: new Date(last.dateCreated) } : {}) } : undefined,
    };
    return new Conversation(cached.sid, entity, user, context);
  }

  private setEntity(next: ConversationEntity, reasons?: string[]): void {
    const changed = this.diffEntity(next);
    this.entity = next;
    const updateReasons =
      changed.length > 0 ? changed : ((reasons ?? []).map(toUpdateReason).filter(Boolean) as ConversationUpdateReason[]);
    if (updateReasons.length > 0) this.emit("updated", { conversation: this, updateReasons });
  }

  private setUser(next: ConversationUserState): void {
    const changed = this.diffUser(next);
    this.user = next;
    if (changed.length > 0) this.emit("updated", { conversation: this, updateReasons: changed });
  }

  private diffEntity(next: ConversationEntity): ConversationUpdateReason[] {
    const previous = this.entity;
    const reasons: ConversationUpdateReason[] = [];
    if (!jsonEqual(previous.attributes, next.attributes)) reasons.push("attributes");
    if (previous.createdBy !== next.createdBy) reasons.push("createdBy");
    if (time(previous.dateCreated) !== time(next.dateCreated)) reasons.push("dateCreated");
    if (time(previous.dateUpdated) !== time(next.dateUpdated)) reasons.push("dateUpdated");
    if (previous.friendlyName !== next.friendlyName) reasons.push("friendlyName");
    if (previous.state?.current !== next.state?.current) reasons.push("state");
    if (previous.uniqueName !== next.uniqueName) reasons.push("uniqueName");
    if (!jsonEqual(previous.bindings, next.bindings)) reasons.push("bindings");
    return reasons;
  }

  private diffUser(next: ConversationUserState): ConversationUpdateReason[] {
    const previous = this.user;
    const reasons: ConversationUpdateReason[] = [];
    if (previous.lastReadMessageIndex !== next.lastReadMessageIndex) reasons.push("lastReadMessageIndex");
    if (previous.status !== next.status) reasons.push("status");
    if (
      previous.lastMessage?.index !== next.lastMessage?.index ||
      time(previous.lastMessage?.dateCreated) !== time(next.lastMessage?.dateCreated)
    )
      reasons.push("lastMessage");
    if (previous.notificationLevel !== next.notificationLevel) reasons.push("notificationLevel");
    return reasons;
  }
}

/** What the client caches of a conversation. */
export type CachedConversation = { sid: string; entity: ConversationEntity; user: ConversationUserState };

function notParticipating(): ConversationUserState {
  return {
    status: "notParticipating",
    participantSid: null,
    lastReadMessageIndex: null,
    notificationLevel: "default",
    lastMessage: undefined,
    unreadMessagesCount: null,
  };
}

const SNAKE_TO_REASON: Record<string, ConversationUpdateReason> = {
  attributes: "attributes",
  friendly_name: "friendlyName",
  unique_name: "uniqueName",
  date_created: "dateCreated",
  date_updated: "dateUpdated",
  state: "state",
  bindings: "bindings",
};

const MESSAGE_REASONS: Record<string, MessageUpdateReason> = {
  body: "body",
  attributes: "attributes",
  author: "author",
  date_created: "dateCreated",
  date_updated: "dateUpdated",
  media: "media",
  delivery: "deliveryReceipt",
  subject: "subject",
};

function messageReasons(updated: string[]): MessageUpdateReason[] {
  return updated.map((name) => MESSAGE_REASONS[name]).filter((r): r is MessageUpdateReason => r !== undefined);
}

function toUpdateReason(name: string): ConversationUpdateReason | undefined {
  return SNAKE_TO_REASON[name];
}

/** 1.x names, kept for apps written against `@twilio/conversations` 1.x. */
export declare namespace Conversation {
  type UpdateReason = ConversationUpdateReason;
  type Status = ConversationStatus;
  type NotificationLevel = import("./types.js").NotificationLevel;
  type State = ConversationState | undefined;
  type UpdatedEventArgs = ConversationUpdatedEventArgs;
  type SendMediaOptions = import("../media/upload.js").SendMediaOptions;
  type SendEmailOptions = import("../message/unsent-message.js").SendEmailOptions;
  type LastMessage = import("./types.js").LastMessage;
}
