import { createRestClient, type OperationId, type ResponseOf, type RestClient } from "@confab/protocol/client";
import {
  type ConnectionState as SocketState,
  RealtimeClient,
  type RequestCallOptions,
  type ServerEventFrame,
} from "@confab/protocol/socket";
import type { ContentTemplate } from "../content/content-template.js";
import { Conversation } from "../conversation/conversation.js";
import type { ConversationJson, ConversationUpdateReason, UserConversationJson } from "../conversation/types.js";
import { ReplayEventEmitter } from "../emitter/replay-event-emitter.js";
import { type Media, temporaryUrls } from "../media/media.js";
import type { MediaJson } from "../media/upload.js";
import type { Message, MessageUpdateReason } from "../message/message.js";
import { type Paginator, RestPaginator } from "../paging/paginator.js";
import { readAll } from "../paging/rest-pages.js";
import type { Participant, ParticipantUpdateReason } from "../participant/participant.js";
import { platformDefaultWebSocket } from "../platform/websocket.js";
import { parsePushPayload, type PushNotification } from "../push/push-notification.js";
import { User, type UserJson, type UserUpdateReason } from "../user/user.js";
import type { CancellablePromise } from "../util/cancellable-promise.js";
import { custom, literal, rules, validateArgs } from "../util/validate.js";
import { version } from "../version.js";
import { ClientCache, type ClientCacheContent, defaultStorage } from "./cache.js";
import type { ClientContext } from "./context.js";
import {
  type ClientOptions,
  type ConnectionError,
  type ConnectionState,
  type CreateConversationOptions,
  defaultLimits,
  type NotificationsChannelType,
  type State,
  type SubscribedConversationsOptions,
} from "./options.js";
import { serverBaseUrl, socketUrl } from "./server-url.js";
import { tokenIdentity } from "./token.js";

/** @internal What a facade (the Chat SDK) gets of a client: see `Client._core`. */
export interface ClientCore {
  readonly context: ClientContext;
  /** The server's base URL (`http(s)://host:port`). */
  readonly baseUrl: string;
  /** Settles when the client initialized (or failed). */
  readonly ready: Promise<void>;
  /** A read: any operation over the socket. */
  call<K extends OperationId>(operation: K, options?: RequestCallOptions<K>): Promise<ResponseOf<K>>;
  /** A write: queued while offline, with an idempotency key. */
  send<K extends OperationId>(operation: K, options?: RequestCallOptions<K>): Promise<ResponseOf<K>>;
  /** Runs `handler` for every event frame, in order, after the client applied it. */
  onEvent(handler: (frame: ServerEventFrame) => void | Promise<void>): void;
  /** A conversation object the client holds. */
  conversation(sid: string): Conversation | undefined;
  /** Whether the conversation is one of the user's. */
  isSubscribed(sid: string): boolean;
  /** The user's conversations, in the order they became known. */
  subscribed(): Conversation[];
  /** The client's object of a conversation the user does not take part in (`createdBy` when known). */
  peek(json: ConversationJson, createdBy?: string): Promise<Conversation>;
}

/** Events the client emits. */
export type ClientEvents = {
  conversationAdded: (conversation: Conversation) => void;
  conversationJoined: (conversation: Conversation) => void;
  conversationLeft: (conversation: Conversation) => void;
  conversationRemoved: (conversation: Conversation) => void;
  conversationUpdated: (data: { conversation: Conversation; updateReasons: ConversationUpdateReason[] }) => void;
  participantJoined: (participant: Participant) => void;
  participantLeft: (participant: Participant) => void;
  participantUpdated: (data: { participant: Participant; updateReasons: ParticipantUpdateReason[] }) => void;
  messageAdded: (message: Message) => void;
  messageRemoved: (message: Message) => void;
  messageUpdated: (data: { message: Message; updateReasons: MessageUpdateReason[] }) => void;
  tokenAboutToExpire: () => void;
  tokenExpired: () => void;
  typingEnded: (participant: Participant) => void;
  typingStarted: (participant: Participant) => void;
  pushNotification: (pushNotification: PushNotification) => void;
  userSubscribed: (user: User) => void;
  userUnsubscribed: (user: User) => void;
  userUpdated: (data: { user: User; updateReasons: UserUpdateReason[] }) => void;
  stateChanged: (state: State) => void;
  initialized: () => void;
  initFailed: ({ error }: { error?: ConnectionError }) => void;
  connectionStateChanged: (state: ConnectionState) => void;
  connectionError: (data: ConnectionError) => void;
};

const CONVERSATION_EVENTS = [
  "participantJoined",
  "participantLeft",
  "participantUpdated",
  "messageAdded",
  "messageRemoved",
  "messageUpdated",
  "typingStarted",
  "typingEnded",
] as const;
const USER_CONVERSATIONS_PAGE = 100;
const DEFAULT_TYPING_TIMEOUT_MS = 5000;

/**
 * The client of a Confab server with the API of Twilio's Conversations SDK: it connects at once,
 * loads the user's conversations, emits `initialized` (or `initFailed`), and keeps every object
 * it handed out current with the server's events.
 */
export class Client extends ReplayEventEmitter<ClientEvents> {
  /** Fired when a conversation becomes visible to the client (also for each of the user's conversations at start-up). */
  static readonly conversationAdded = "conversationAdded";
  /** Fired when the user joins a conversation. */
  static readonly conversationJoined = "conversationJoined";
  /** Fired when the user leaves a conversation. */
  static readonly conversationLeft = "conversationLeft";
  /** Fired when a conversation is no longer visible to the client. */
  static readonly conversationRemoved = "conversationRemoved";
  /** Fired when a conversation's fields change. */
  static readonly conversationUpdated = "conversationUpdated";
  /** Fired when a participant joins one of the conversations. */
  static readonly participantJoined = "participantJoined";
  /** Fired when a participant leaves. */
  static readonly participantLeft = "participantLeft";
  /** Fired when a participant's fields change. */
  static readonly participantUpdated = "participantUpdated";
  /** Fired when a message is added. */
  static readonly messageAdded = "messageAdded";
  /** Fired when a message is removed. */
  static readonly messageRemoved = "messageRemoved";
  /** Fired when a message changes. */
  static readonly messageUpdated = "messageUpdated";
  /** Fired when the token expires soon (call updateToken). */
  static readonly tokenAboutToExpire = "tokenAboutToExpire";
  /** Fired when the token expired. */
  static readonly tokenExpired = "tokenExpired";
  /** Fired when a participant stops typing. */
  static readonly typingEnded = "typingEnded";
  /** Fired when a participant starts typing. */
  static readonly typingStarted = "typingStarted";
  /** Fired when handlePushNotification parsed a push. */
  static readonly pushNotification = "pushNotification";
  /** Fired when the client starts following a user. */
  static readonly userSubscribed = "userSubscribed";
  /** Fired when the client stops following a user. */
  static readonly userUnsubscribed = "userUnsubscribed";
  /** Fired when a followed user changes. */
  static readonly userUpdated = "userUpdated";
  /** Fired when the client initialized or failed (deprecated: use initialized/initFailed). */
  static readonly stateChanged = "stateChanged";
  /** Fired when the client is ready. */
  static readonly initialized = "initialized";
  /** Fired when the client could not initialize. */
  static readonly initFailed = "initFailed";
  /** Fired when the connection state changes. */
  static readonly connectionStateChanged = "connectionStateChanged";
  /** Fired when the connection reports an error. */
  static readonly connectionError = "connectionError";

  /** The SDK version. */
  static readonly version: string = version;
  /** The SDK version. */
  readonly version: string = version;
  /** The state of the connection to the server; `unknown` until the first attempt. */
  connectionState: ConnectionState = "unknown";

  /** Parses an APNs or FCM push payload of a Conversations service. */
  parsePushNotification: typeof Client.parsePushNotification = Client.parsePushNotification;

  private currentToken: string;
  private readonly options: ClientOptions;
  private readonly baseUrl: string;
  private readonly http: RestClient;
  private socket: RealtimeClient | null = null;
  private readonly cache: ClientCache | null;
  private readonly conversations = new Map<string, Conversation>();
  private readonly subscribed = new Set<string>();
  private readonly users = new Map<string, User>();
  private myself: User | null = null;
  private identity = "";
  private serviceSid = "";
  private reachability: boolean | null = null;
  private processedCursor: string | null = null;
  private ready: Promise<void>;
  private events: Promise<void>;
  private shutDown = false;
  private readonly context: ClientContext;
  private readonly extensions: ((frame: ServerEventFrame) => void | Promise<void>)[] = [];

  /**
   * Creates a client and starts connecting. Wait for `initialized` (or `initFailed`) before
   * using it; methods called earlier wait for it themselves.
   * @param fpaToken The user's access token.
   * @param options Options; `server` says where the Confab server is.
   */
  constructor(fpaToken: string, options?: ClientOptions | null) {
    super();
    if (typeof fpaToken !== "string" || fpaToken.length === 0) throw new Error("A valid Twilio token should be provided");
    if (options !== undefined && options !== null && (typeof options !== "object" || Array.isArray(options)))
      throw new TypeError("Argument 2 is expected to be a pure object, null or undefined");
    this.currentToken = fpaToken;
    this.options = { ...(options ?? {}) };
    this.baseUrl = serverBaseUrl(this.options);
    this.http = createRestClient({ baseUrl: this.baseUrl, auth: { token: () => this.currentToken } });
    const storage = this.options.storage === undefined ? defaultStorage() : this.options.storage;
    const cacheIdentity = tokenIdentity(fpaToken);
    this.cache = storage && cacheIdentity ? new ClientCache(storage, this.baseUrl, cacheIdentity) : null;
    this.context = this.makeContext();
    this.ready = this.initialize();
    // Events wait for the initial load, then apply one at a time, in order.
    this.events = this.ready.catch(() => {});
    this.ready.catch(() => {});
  }

  /**
   * @deprecated Use `new Client(token, options)` and wait for `initialized`.
   * Creates a client and resolves once it is initialized.
   */
  static async create(token: string, options?: ClientOptions | null): Promise<Client> {
    if (options?.twilsockClient) throw new Error("Obsolete usage of Client.create with twilsockClient: use new Client() instead");
    const client = new Client(token, options);
    await client.ready;
    return client;
  }

  /** Parses an APNs or FCM push payload of a Conversations service. */
  static parsePushNotification(notificationPayload: unknown): PushNotification {
    validateArgs([notificationPayload], [rules.pureObject]);
    return parsePushPayload(notificationPayload as Record<string, unknown>);
  }

  /**
   * Twilio's SDK adds its message types to twilsock's init registrations here. A Confab client
   * registers for every event of its user by connecting, so there is nothing to add.
   */
  static populateInitRegistrations(reg: unknown): void {
    validateArgs([reg], [custom("an object", (v) => typeof v === "object" && v !== null)]);
  }

  /** The user this client acts as. */
  get user(): User {
    return this.myself as User;
  }

  /** Whether the server tracks who is online; throws before the client is initialized. */
  get reachabilityEnabled(): boolean {
    if (this.reachability === null) throw new Error("Client is not initialized yet");
    return this.reachability;
  }

  /** @deprecated The current access token (a 1.x property). */
  get token(): string {
    return this.currentToken;
  }

  /** Disconnects and stops all activity; the client cannot be used afterwards. */
  async shutdown(): Promise<void> {
    this.shutDown = true;
    await this.cache?.flush();
    await this.socket?.disconnect();
  }

  /** Replaces the access token (before it expires, or after `tokenExpired`). */
  async updateToken(token: string): Promise<Client> {
    validateArgs([token], [rules.nonEmptyString]);
    this.currentToken = token;
    await this.socket?.updateToken(token);
    return this;
  }

  /**
   * A conversation by SID: one of the user's, else one the user may see (peeked). Rejects with
   * `Conversation with SID … was not found.` when there is none.
   */
  async getConversationBySid(conversationSid: string): Promise<Conversation> {
    validateArgs([conversationSid], [rules.string]);
    await this.ready;
    const known = this.conversations.get(conversationSid);
    if (known && this.subscribed.has(conversationSid)) return known;
    try {
      return await this.peekConversationBySid(conversationSid);
    } catch {
      throw new Error(`Conversation with SID ${conversationSid} was not found.`);
    }
  }

  /** A conversation the user does not take part in, read from the server. */
  async peekConversationBySid(conversationSid: string): Promise<Conversation> {
    validateArgs([conversationSid], [rules.nonEmptyString]);
    await this.ready;
    const json = await this.call("FetchConversation", { params: { Sid: conversationSid } });
    return this.upsertConversation(json, false);
  }

  /** A conversation by unique name. */
  async getConversationByUniqueName(uniqueName: string): Promise<Conversation> {
    validateArgs([uniqueName], [rules.nonEmptyString]);
    await this.ready;
    for (const sid of this.subscribed) {
      const conversation = this.conversations.get(sid);
      if (conversation?.uniqueName === uniqueName) return conversation;
    }
    try {
      const json = await this.call("FetchConversation", { params: { Sid: uniqueName } });
      return this.upsertConversation(json, false);
    } catch {
      throw new Error(`Conversation with unique name ${uniqueName} was not found.`);
    }
  }

  /**
   * The user's conversations, a page at a time. Confab addition: `orderBy` ("recentMessage":
   * newest last message first, falling back to the creation date; "dateCreated": newest first)
   * and `pageSize`.
   */
  async getSubscribedConversations(options?: SubscribedConversationsOptions): Promise<Paginator<Conversation>> {
    validateArgs([options], [rules.pureObject, rules.undefined]);
    await this.ready;
    const all = [...this.subscribed].map((sid) => this.conversations.get(sid)).filter((c): c is Conversation => c !== undefined);
    const created = (c: Conversation) => c.dateCreated?.getTime() ?? 0;
    if (options?.orderBy === "dateCreated") all.sort((a, b) => created(b) - created(a));
    if (options?.orderBy === "recentMessage") {
      const recent = (c: Conversation) => c.lastMessage?.dateCreated?.getTime() ?? created(c);
      all.sort((a, b) => recent(b) - recent(a));
    }
    return localPages(all, options?.pageSize ?? 50, 0);
  }

  /** Creates a conversation; the user does not take part until it joins. */
  async createConversation(options?: CreateConversationOptions): Promise<Conversation> {
    validateArgs([options], [rules.pureObject, rules.undefined]);
    await this.ready;
    const body: Record<string, string> = {};
    if (options?.friendlyName !== undefined) body.FriendlyName = options.friendlyName;
    if (options?.uniqueName !== undefined) body.UniqueName = options.uniqueName;
    if (options?.attributes !== undefined) body.Attributes = JSON.stringify(options.attributes);
    const json = await this.send("CreateConversation", { body });
    const conversation = this.upsertConversation(json, true, this.identity);
    // The server makes the creator a participant (as Twilio does): take the user's view of it.
    await this.joined(json.sid).catch(() => {});
    return conversation;
  }

  /** Registers a device for push notifications (`apn` or `fcm`; `twilsock` needs nothing). */
  async setPushRegistrationId(channelType: NotificationsChannelType, registrationId: string): Promise<void> {
    validateArgs([channelType, registrationId], [literal("twilsock", "apn", "fcm")], [rules.nonEmptyString]);
    await this.ready;
    if (channelType === "twilsock") return;
    await this.send("CreateServicePushRegistration", {
      params: { ChatServiceSid: this.serviceSid },
      body: { BindingType: channelType, Address: registrationId },
    });
  }

  /** @deprecated Use `removePushRegistrations`. Removes this user's registrations of a channel. */
  async unsetPushRegistrationId(channelType: NotificationsChannelType): Promise<void> {
    validateArgs([channelType], [literal("twilsock", "apn", "fcm")]);
    await this.ready;
    if (channelType === "twilsock") return;
    await this.send("DeleteServicePushRegistration", { params: { ChatServiceSid: this.serviceSid, BindingType: channelType } });
  }

  /** Removes one device registration. */
  async removePushRegistrations(channelType: NotificationsChannelType, registrationId: string): Promise<void> {
    validateArgs([channelType, registrationId], [literal("twilsock", "apn", "fcm")], [rules.nonEmptyString]);
    await this.ready;
    if (channelType === "twilsock") return;
    await this.send("DeleteServicePushRegistration", {
      params: { ChatServiceSid: this.serviceSid, BindingType: channelType, Address: registrationId },
    });
  }

  /** Parses a push payload and emits it as `pushNotification`. */
  async handlePushNotification(notificationPayload: unknown): Promise<void> {
    await this.ready;
    this.emit("pushNotification", Client.parsePushNotification(notificationPayload));
  }

  /** A user by identity, followed from now on (`userSubscribed`). */
  async getUser(identity: string): Promise<User> {
    validateArgs([identity], [rules.nonEmptyString]);
    await this.ready;
    return this.userOf(identity);
  }

  /** The users the client follows. */
  async getSubscribedUsers(): Promise<Array<User>> {
    await this.ready;
    return [...this.users.values()].filter((u) => u.isSubscribed);
  }

  /** Temporary content URLs of media SIDs. */
  getTemporaryContentUrlsForMediaSids(mediaSids: string[]): CancellablePromise<Map<string, string>> {
    validateArgs([mediaSids], [rules.stringArray]);
    return temporaryUrls(this.context, mediaSids);
  }

  /** Temporary content URLs of media. */
  getTemporaryContentUrlsForMedia(contentSet: Media[]): CancellablePromise<Map<string, string>> {
    validateArgs([contentSet], [rules.array]);
    return temporaryUrls(
      this.context,
      contentSet.map((m) => m.sid),
    );
  }

  /** The service's content templates. A Confab server has no Content API, so there are none. */
  async getContentTemplates(): Promise<Readonly<ContentTemplate[]>> {
    await this.ready;
    return Object.freeze([]);
  }

  // ---- Start-up ----

  private async initialize(): Promise<void> {
    const cached = (await this.cache?.load()) ?? null;
    if (this.shutDown) throw new Error("The client was shut down");
    const backoff = this.options.backoffConfigOverride as { min?: number; max?: number } | undefined;
    const WebSocket = this.options.WebSocket ?? platformDefaultWebSocket();
    const socket = new RealtimeClient({
      url: socketUrl(this.baseUrl),
      token: this.currentToken,
      cursor: cached?.cursor ?? null,
      ...(WebSocket ? { WebSocket } : {}),
      ...(backoff ? { backoff: { ...(backoff.min ? { minMs: backoff.min } : {}), ...(backoff.max ? { maxMs: backoff.max } : {}) } } : {}),
    });
    this.socket = socket;
    socket.on("stateChanged", ({ state, code, reason }) => this.connectionChanged(state, code, reason));
    socket.on("tokenAboutToExpire", () => this.emit("tokenAboutToExpire"));
    socket.on("tokenExpired", () => this.emit("tokenExpired"));
    socket.on("error", (error) => this.emit("connectionError", { terminal: false, message: error.message }));
    socket.on("event", (frame) => this.enqueue(frame));
    try {
      const welcome = await new Promise<Parameters<Parameters<typeof socket.on<"welcome">>[1]>[0]>((resolve, reject) => {
        const offWelcome = socket.on("welcome", (w) => {
          offState();
          offWelcome();
          resolve(w);
        });
        const offState = socket.on("stateChanged", ({ state, reason }) => {
          if (state !== "denied") return;
          offState();
          offWelcome();
          reject(new Error(reason || "Access denied"));
        });
      });
      this.identity = welcome.identity;
      this.serviceSid = welcome.chat_service_sid;
      this.reachability = welcome.reachability_enabled;
      socket.on("welcome", (w) => {
        // A reconnect that could not resume: what was missed is read again.
        if (w.resume !== "complete") this.events = this.events.then(() => this.resync(w.cursor)).catch(() => {});
      });
      if (welcome.resume === "complete" && cached && cached.identity === welcome.identity) this.restore(cached);
      else await this.loadAll(welcome.cursor);
      this.emit("stateChanged", "initialized");
      this.emit("initialized");
      this.saveSoon();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.emit("stateChanged", "failed");
      this.emit("initFailed", { error: { terminal: true, message } });
      throw error;
    }
  }

  /** Everything from the server: the user and all its conversations (pages of 100). */
  private async loadAll(cursor: string): Promise<void> {
    const me = await this.call("FetchServiceUser", { params: { ChatServiceSid: this.serviceSid, Sid: this.identity } });
    this.myself = this.addUser(me);
    const list = await this.listUserConversations();
    for (const json of list) this.upsertUserConversation(json);
    this.processedCursor = cursor;
  }

  private listUserConversations(): Promise<UserConversationJson[]> {
    return readAll(
      async (query) => {
        const page = await this.call("ListServiceUserConversation", {
          params: { ChatServiceSid: this.serviceSid, UserSid: this.identity, ...query },
        });
        return { items: page.conversations, meta: page.meta };
      },
      { PageSize: String(USER_CONVERSATIONS_PAGE) },
    );
  }

  /** From the cache: the objects at once; the server replays what happened since its cursor. */
  private restore(cached: ClientCacheContent): void {
    for (const json of cached.users) this.addUser(json);
    this.myself = this.users.get(this.identity) ?? null;
    for (const entry of cached.conversations) {
      const conversation = Conversation._fromCache(entry, this.context);
      this.register(conversation);
      this.subscribed.add(conversation.sid);
      this.emit("conversationAdded", conversation);
    }
    this.processedCursor = cached.cursor;
    if (!this.myself) {
      // The cache lacked the user: read it (in the background; events wait for nothing here).
      void this.call("FetchServiceUser", { params: { ChatServiceSid: this.serviceSid, Sid: this.identity } }).then((json) => {
        this.myself = this.addUser(json);
      });
    }
  }

  /** After a reconnect that could not resume: read the conversation list again and reconcile. */
  private async resync(cursor: string): Promise<void> {
    const list = await this.listUserConversations();
    const present = new Set(list.map((json) => json.conversation_sid));
    for (const sid of [...this.subscribed]) {
      const conversation = this.conversations.get(sid);
      if (!present.has(sid) && conversation?.status === "joined") this.conversationGone(conversation, true);
    }
    for (const json of list) this.upsertUserConversation(json);
    this.processedCursor = cursor;
    this.saveSoon();
  }

  // ---- Events ----

  private enqueue(frame: ServerEventFrame): void {
    this.events = this.events
      .then(() => this.apply(frame))
      .catch((error) => this.emit("connectionError", { terminal: false, message: `Could not apply ${frame.event}: ${String(error)}` }))
      .then(() => {
        if ("cursor" in frame && frame.cursor) {
          this.processedCursor = frame.cursor;
          this.saveSoon();
        }
      });
  }

  private async apply(frame: ServerEventFrame): Promise<void> {
    await this.applyCore(frame);
    // Facades built on this client (Chat) see every frame after the core applied it, in order.
    for (const extension of this.extensions) await extension(frame);
  }

  private async applyCore(frame: ServerEventFrame): Promise<void> {
    switch (frame.event) {
      case "conversationAdded":
        this.upsertConversation(frame.data, true, this.identity);
        return;
      case "conversationJoined":
        await this.joined(frame.data.sid);
        return;
      case "conversationLeft": {
        const conversation = this.conversations.get(frame.data.sid);
        if (conversation?.status === "joined") this.conversationGone(conversation, true);
        return;
      }
      case "conversationRemoved": {
        const conversation = this.conversations.get(frame.data.sid);
        if (conversation) this.conversationGone(conversation, false);
        return;
      }
      case "conversationUpdated":
        this.conversations.get(frame.data.conversation.sid)?._applyConversation(frame.data.conversation, frame.data.updated);
        return;
      case "participantJoined":
        this.conversations.get(frame.data.conversation_sid)?._participantJoined(frame.data);
        return;
      case "participantUpdated":
        this.conversations.get(frame.data.participant.conversation_sid)?._participantUpdated(frame.data.participant);
        return;
      case "participantLeft":
        this.conversations.get(frame.data.conversation_sid)?._participantLeft(frame.data);
        return;
      case "messageAdded":
        this.conversations.get(frame.data.conversation_sid)?._messageAdded(frame.data);
        return;
      case "messageUpdated":
        this.conversations.get(frame.data.message.conversation_sid)?._messageUpdated(frame.data.message, frame.data.updated);
        return;
      case "messageRemoved":
        this.conversations.get(frame.data.conversation_sid)?._messageRemoved(frame.data);
        return;
      case "userUpdated":
        this.users.get(frame.data.user.identity ?? "")?._update(frame.data.user);
        return;
      case "deliveryReceiptUpdated": {
        const conversation = this.conversations.get(frame.data.conversation_sid);
        if (!conversation) return;
        // The receipt changes the message's summary: read the message again.
        const message = await this.call("FetchConversationMessage", {
          params: { ConversationSid: frame.data.conversation_sid, Sid: frame.data.message_sid },
        });
        conversation._messageUpdated(message, ["delivery"]);
        return;
      }
      case "readHorizonUpdated":
        this.conversations.get(frame.data.conversation_sid)?._applyUserConversation(frame.data);
        return;
      case "typingStarted":
      case "typingEnded":
        this.conversations
          .get(frame.data.conversation_sid)
          ?._typing(frame.data.participant_sid, frame.data.identity, frame.event === "typingStarted");
        return;
      case "userReachabilityUpdated":
        this.users.get(frame.data.identity)?._reachability(frame.data.online, frame.data.notifiable);
        return;
    }
  }

  private connectionChanged(state: SocketState, code?: number, reason?: string): void {
    const next: ConnectionState = state;
    if (next === this.connectionState) return;
    this.connectionState = next;
    this.emit("connectionStateChanged", next);
    if (state === "denied") {
      this.emit("connectionError", { terminal: true, message: reason || "Access denied", ...(code ? { errorCode: code } : {}) });
    }
  }

  // ---- The object registries ----

  private register(conversation: Conversation): Conversation {
    this.conversations.set(conversation.sid, conversation);
    for (const event of CONVERSATION_EVENTS) {
      conversation.on(event, ((payload: never) => this.emit(event, payload)) as never);
    }
    conversation.on("updated", (data) => {
      this.emit("conversationUpdated", data);
      this.saveSoon();
    });
    return conversation;
  }

  private upsertConversation(json: ConversationJson, subscribe: boolean, createdBy = ""): Conversation {
    let conversation = this.conversations.get(json.sid);
    if (conversation) conversation._applyConversation(json);
    else conversation = this.register(Conversation._fromConversation(createdBy ? { ...json } : json, this.context));
    if (createdBy && !conversation.createdBy) {
      // The creator knows who created it; the Conversation resource does not say.
      conversation._applyUserConversationCreator(createdBy);
    }
    if (subscribe && !this.subscribed.has(json.sid)) {
      this.subscribed.add(json.sid);
      this.emit("conversationAdded", conversation);
      this.saveSoon();
    }
    return conversation;
  }

  private upsertUserConversation(json: UserConversationJson): Conversation {
    let conversation = this.conversations.get(json.conversation_sid);
    if (conversation) conversation._applyUserConversation(json);
    else conversation = this.register(Conversation._fromUserConversation(json, this.context));
    if (!this.subscribed.has(json.conversation_sid)) {
      this.subscribed.add(json.conversation_sid);
      this.emit("conversationAdded", conversation);
    }
    return conversation;
  }

  /** This user takes part in a conversation: its view of it, and `conversationJoined` the first time. */
  private async joined(conversationSid: string): Promise<void> {
    const json = await this.call("FetchServiceUserConversation", {
      params: { ChatServiceSid: this.serviceSid, UserSid: this.identity, ConversationSid: conversationSid },
    });
    const existing = this.conversations.get(conversationSid);
    const wasJoined = existing?.status === "joined" && this.subscribed.has(conversationSid);
    const conversation = this.upsertUserConversation(json);
    if (!wasJoined) this.emit("conversationJoined", conversation);
  }

  /** The user left (`left`) or the conversation was deleted. */
  private conversationGone(conversation: Conversation, left: boolean): void {
    if (left) {
      conversation._setLeft();
      this.emit("conversationLeft", conversation);
    } else {
      conversation._removed();
    }
    if (this.subscribed.delete(conversation.sid)) this.emit("conversationRemoved", conversation);
    if (!left) this.conversations.delete(conversation.sid);
    this.saveSoon();
  }

  private addUser(json: UserJson): User {
    const identity = json.identity ?? "";
    const known = this.users.get(identity);
    if (known) {
      known._update(json);
      return known;
    }
    const user = new User(json, this.context, (u) => this.emit("userUnsubscribed", u));
    user.on("updated", (data) => {
      this.emit("userUpdated", data);
      this.saveSoon();
    });
    this.users.set(identity, user);
    return user;
  }

  private async userOf(identity: string): Promise<User> {
    const known = this.users.get(identity);
    if (known) {
      if (!known.isSubscribed) {
        known._resubscribe();
        this.emit("userSubscribed", known);
      }
      return known;
    }
    const json = await this.call("FetchServiceUser", { params: { ChatServiceSid: this.serviceSid, Sid: identity } });
    const fresh = !this.users.has(identity);
    const user = this.addUser(json);
    if (fresh) {
      user.emit("userSubscribed", user);
      this.emit("userSubscribed", user);
    }
    return user;
  }

  // ---- Requests ----

  private call<K extends OperationId>(operation: K, options?: RequestCallOptions<K>): Promise<ResponseOf<K>> {
    if (!this.socket) return Promise.reject(new Error("The client is not connected yet"));
    return this.socket.request(operation, options);
  }

  private send<K extends OperationId>(operation: K, options: RequestCallOptions<K> = {}): Promise<ResponseOf<K>> {
    if (!this.socket) return Promise.reject(new Error("The client is not connected yet"));
    return this.socket.request(operation, { ...options, idempotencyKey: options.idempotencyKey ?? crypto.randomUUID(), queue: true });
  }

  private async upload(body: Blob | Uint8Array, contentType: string, filename: string | undefined): Promise<MediaJson> {
    await this.ready;
    return this.http.request("CreateMedia", {
      params: { ChatServiceSid: this.serviceSid, ...(filename ? { Filename: filename } : {}) },
      body: body as Blob,
      contentType,
    }) as Promise<MediaJson>;
  }

  private saveSoon(): void {
    if (!this.cache || this.shutDown) return;
    this.cache.schedule(() => {
      if (!this.processedCursor || !this.identity) return null;
      return {
        version: 1,
        cursor: this.processedCursor,
        identity: this.identity,
        serviceSid: this.serviceSid,
        conversations: [...this.subscribed].flatMap((sid) => this.conversations.get(sid)?._toCache() ?? []),
        users: this.myself ? [this.myself._toJson()] : [],
      };
    });
  }

  /**
   * @internal The core of this client for facades built on it (`@confab/conversations/internal`):
   * its requests, its context, where it connects, and a hook into its ordered event stream.
   */
  _core(): ClientCore {
    return {
      context: this.context,
      baseUrl: this.baseUrl,
      ready: this.ready,
      call: (operation, options) => this.call(operation, options),
      send: (operation, options) => this.send(operation, options),
      onEvent: (handler) => void this.extensions.push(handler),
      conversation: (sid) => this.conversations.get(sid),
      isSubscribed: (sid) => this.subscribed.has(sid),
      subscribed: () => [...this.subscribed].flatMap((sid) => this.conversations.get(sid) ?? []),
      peek: async (json, createdBy) => this.upsertConversation(json, false, createdBy),
    };
  }

  private makeContext(): ClientContext {
    const client = this;
    return {
      get socket() {
        return client.socket as RealtimeClient;
      },
      get identity() {
        return client.identity;
      },
      get serviceSid() {
        return client.serviceSid;
      },
      limits: defaultLimits,
      typingTimeoutMs: this.options.typingIndicatorTimeoutOverride ?? DEFAULT_TYPING_TIMEOUT_MS,
      get reachabilityEnabled() {
        return client.reachability === true;
      },
      call: (operation, options) => this.call(operation, options),
      send: (operation, options) => this.send(operation, options),
      uploadMedia: (body, contentType, filename) => this.upload(body, contentType, filename),
      getUser: (identity) => this.getUser(identity),
      joined: (sid) => this.joined(sid),
      left: (conversation) => {
        if (conversation.status === "joined") this.conversationGone(conversation, true);
      },
      knownConversation: (sid) => this.conversations.get(sid),
    };
  }
}

/** Pages over a list the client already holds. */
function localPages<T>(all: T[], pageSize: number, start: number): RestPaginator<T> {
  const end = start + pageSize;
  return new RestPaginator(
    all.slice(start, end),
    end < all.length ? async () => localPages(all, pageSize, end) : null,
    start > 0 ? async () => localPages(all, pageSize, Math.max(0, start - pageSize)) : null,
  );
}

/** 1.x names, kept for apps written against `@twilio/conversations` 1.x. */
export declare namespace Client {
  type ConnectionState = import("./options.js").ConnectionState;
  type NotificationsChannelType = import("./options.js").NotificationsChannelType;
  type LogLevel = import("./options.js").LogLevel | null;
  type Options = ClientOptions;
  type CreateConversationOptions = import("./options.js").CreateConversationOptions;
}
