import {
  type Conversation,
  Client as CoreClient,
  type ClientOptions as CoreClientOptions,
  literal,
  readAll,
  ReplayEventEmitter,
  rules,
  validateArgs,
} from "@confab/conversations/internal";
import type { Channel } from "../channel/channel.js";
import { ChannelDescriptor } from "../channel/channel-descriptor.js";
import { conversationOf, type DescriptorJson, descriptorDataOf } from "../channel/descriptor-json.js";
import type { ChannelUpdateReason } from "../channel/types.js";
import type { Member, MemberUpdateReason } from "../member/member.js";
import type { Message, MessageUpdateReason } from "../message/message.js";
import { localPaginator, type Paginator, RestPaginator } from "../paging/paginator.js";
import { PushNotification } from "../push/push-notification.js";
import { channelReasons, memberReasons, messageReasons, userReasons } from "../reasons.js";
import type { User, UserUpdateReason } from "../user/user.js";
import { UserDescriptor } from "../user/user-descriptor.js";
import { version } from "../version.js";
import { ChatContext } from "./context.js";
import type {
  ChannelSortingOptions,
  ClientOptions,
  ConnectionState,
  CreateChannelOptions,
  NotificationsChannelType,
  State,
} from "./options.js";
import { sortChannels } from "./sorting.js";

/** Events the client emits. */
export type ClientEvents = {
  channelAdded: (channel: Channel) => void;
  channelInvited: (channel: Channel) => void;
  channelJoined: (channel: Channel) => void;
  channelLeft: (channel: Channel) => void;
  channelRemoved: (channel: Channel) => void;
  channelUpdated: (data: { channel: Channel; updateReasons: ChannelUpdateReason[] }) => void;
  memberJoined: (member: Member) => void;
  memberLeft: (member: Member) => void;
  memberUpdated: (data: { member: Member; updateReasons: MemberUpdateReason[] }) => void;
  messageAdded: (message: Message) => void;
  messageRemoved: (message: Message) => void;
  messageUpdated: (data: { message: Message; updateReasons: MessageUpdateReason[] }) => void;
  tokenAboutToExpire: (ttl: number) => void;
  tokenExpired: () => void;
  typingEnded: (member: Member) => void;
  typingStarted: (member: Member) => void;
  pushNotification: (pushNotification: PushNotification) => void;
  userSubscribed: (user: User) => void;
  userUnsubscribed: (user: User) => void;
  userUpdated: (data: { user: User; updateReasons: UserUpdateReason[] }) => void;
  stateChanged: (state: State) => void;
  connectionStateChanged: (state: ConnectionState) => void;
  connectionError: (data: { terminal: boolean; message: string; httpStatusCode?: number; errorCode?: number }) => void;
};

const PAGE = 50;

/**
 * The client of a Confab server with the API of Twilio's Chat SDK (twilio-chat 6). It is a facade
 * over the Conversations core of `@confab/conversations`: one connection, one state and event
 * engine, whose objects and events it shows under Chat's names (channels, members, consumption).
 * Wait for `stateChanged("initialized")` before using it; methods called earlier wait themselves.
 */
export class Client extends ReplayEventEmitter<ClientEvents> {
  /** Fired when a channel becomes known to the client (the user's channels at start-up too). */
  static readonly channelAdded = "channelAdded";
  /** Fired when the user is invited to a channel. */
  static readonly channelInvited = "channelInvited";
  /** Fired when the user joins a channel. */
  static readonly channelJoined = "channelJoined";
  /** Fired when the user leaves a channel. */
  static readonly channelLeft = "channelLeft";
  /** Fired when a channel is no longer known to the client. */
  static readonly channelRemoved = "channelRemoved";
  /** Fired when a channel's fields change. */
  static readonly channelUpdated = "channelUpdated";
  /** Fired when a member joins one of the channels. */
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
  /** Fired when the token expires soon (with the seconds left); call updateToken. */
  static readonly tokenAboutToExpire = "tokenAboutToExpire";
  /** Fired when the token expired. */
  static readonly tokenExpired = "tokenExpired";
  /** Fired when a member stops typing. */
  static readonly typingEnded = "typingEnded";
  /** Fired when a member starts typing. */
  static readonly typingStarted = "typingStarted";
  /** Fired when handlePushNotification parsed a push. */
  static readonly pushNotification = "pushNotification";
  /** Fired when the client starts following a user. */
  static readonly userSubscribed = "userSubscribed";
  /** Fired when the client stops following a user. */
  static readonly userUnsubscribed = "userUnsubscribed";
  /** Fired when a followed user changes. */
  static readonly userUpdated = "userUpdated";
  /** Fired when the connection reports an error. */
  static readonly connectionError = "connectionError";
  /** Fired when the client initialized (`initialized`) or could not (`failed`). */
  static readonly stateChanged = "stateChanged";
  /** Fired when the connection state changes. */
  static readonly connectionStateChanged = "connectionStateChanged";

  /** The version of twilio-chat whose API this is. */
  static readonly version: string = version;
  /** The version of twilio-chat whose API this is. */
  readonly version: string = version;
  /** The state of the connection to the server; `unknown` until the first attempt. */
  connectionState: ConnectionState = "unknown";

  /** Parses an APNs or FCM push payload of a Chat service. */
  parsePushNotification: typeof Client.parsePushNotification = Client.parsePushNotification;

  private readonly coreClient: CoreClient;
  private readonly context: ChatContext;
  private readonly ready: Promise<void>;
  /** Channel-level events wait here, so a channel's type is known before it is announced. */
  private channelEvents: Promise<void> = Promise.resolve();
  /** The channels announced by `channelAdded` and not removed since. */
  private readonly announced = new Set<string>();

  /**
   * Creates a client and starts connecting.
   * @param fpaToken The user's access token.
   * @param options Options; `server` says where the Confab server is.
   */
  constructor(fpaToken: string, options?: ClientOptions) {
    super();
    if (typeof fpaToken !== "string" || fpaToken.length === 0) throw new Error("A valid Twilio token should be provided");
    this.coreClient = new CoreClient(fpaToken, (options ?? {}) as CoreClientOptions);
    this.context = new ChatContext(this, this.coreClient);
    this.wire();
    this.ready = this.initialize();
    this.ready.catch(() => {});
  }

  /**
   * @deprecated Use `new Client(token, options)` and wait for `stateChanged`.
   * Creates a client and resolves once it is initialized.
   */
  static async create(token: string, options?: ClientOptions): Promise<Client> {
    if (options?.twilsockClient) throw new Error("Obsolete usage of Client.create with twilsockClient: use new Client() instead");
    const client = new Client(token, options);
    await client.ready;
    return client;
  }

  /** Twilio's SDK adds its message types to twilsock's registrations here; a Confab client needs none. */
  static populateInitRegistrations(reg: unknown): void {
    CoreClient.populateInitRegistrations(reg);
  }

  /** Parses an APNs or FCM push payload of a Chat service. */
  static parsePushNotification(notificationPayload: unknown): PushNotification {
    const payload = notificationPayload as Record<string, unknown>;
    const data = (payload?.data as Record<string, unknown> | undefined) ?? payload;
    const channelSid = typeof data?.channel_sid === "string" ? data.channel_sid : undefined;
    return new PushNotification(CoreClient.parsePushNotification(notificationPayload), channelSid);
  }

  /** The user this client acts as. */
  get user(): User {
    return this.context.user(this.coreClient.user);
  }

  /** Whether the server tracks who is online; throws before the client is initialized. */
  get reachabilityEnabled(): boolean {
    return this.coreClient.reachabilityEnabled;
  }

  /** The current access token. */
  get token(): string {
    return this.coreClient.token;
  }

  /** Disconnects and stops all activity. */
  async shutdown(): Promise<void> {
    await this.coreClient.shutdown();
  }

  /** Replaces the access token (before it expires, or after `tokenExpired`). */
  async updateToken(token: string): Promise<Client> {
    await this.coreClient.updateToken(token);
    return this;
  }

  /** A channel by SID: one of the user's, one it is invited to, or a public one. */
  async getChannelBySid(channelSid: string): Promise<Channel> {
    validateArgs([channelSid], [rules.nonEmptyString]);
    await this.ready;
    const known = this.context.core.conversation(channelSid);
    if (known && (this.context.core.isSubscribed(channelSid) || this.context.invites.has(channelSid))) return this.context.channel(known);
    try {
      return await this.peek(channelSid);
    } catch {
      throw new Error(`Channel with SID ${channelSid} was not found.`);
    }
  }

  /** A channel by unique name: one of the user's, one it is invited to, or a public one. */
  async getChannelByUniqueName(uniqueName: string): Promise<Channel> {
    validateArgs([uniqueName], [rules.nonEmptyString]);
    await this.ready;
    const mine = this.localChannels().find((channel) => channel.uniqueName === uniqueName);
    if (mine) return mine;
    try {
      return await this.peek(uniqueName);
    } catch {
      throw new Error(`Channel with unique name ${uniqueName} was not found.`);
    }
  }

  /** The user's channels (joined and invited), a page at a time. */
  async getSubscribedChannels(args?: { pageSize?: number }): Promise<Paginator<Channel>> {
    await this.ready;
    return localPaginator(this.localChannels(), args?.pageSize ?? PAGE);
  }

  /** Every channel the client holds (joined and invited), sorted as asked. */
  async getLocalChannels(sortingOptions?: ChannelSortingOptions): Promise<Array<Channel>> {
    validateArgs([sortingOptions], [rules.pureObject, rules.undefined]);
    validateArgs(
      [sortingOptions?.criteria, sortingOptions?.order],
      [literal("lastMessage", "friendlyName", "uniqueName"), rules.undefined],
      [literal("ascending", "descending"), rules.undefined],
    );
    await this.ready;
    return sortChannels(this.localChannels(), sortingOptions);
  }

  /** The service's public channels, as descriptors (snapshots), a page at a time. */
  async getPublicChannelDescriptors(): Promise<Paginator<ChannelDescriptor>> {
    await this.ready;
    return this.publicDescriptorPage({ PageSize: PAGE });
  }

  /** The user's channels (joined and invited), as descriptors (snapshots), a page at a time. */
  async getUserChannelDescriptors(): Promise<Paginator<ChannelDescriptor>> {
    await this.ready;
    const channels = this.localChannels();
    const descriptors = await Promise.all(
      channels.map(async (channel) => new ChannelDescriptor(this, descriptorDataOf(await this.fetchDescriptor(channel.sid), channel))),
    );
    return localPaginator(descriptors, PAGE);
  }

  /** Creates a channel (public unless `isPrivate`); the user takes part in it. */
  async createChannel(options?: CreateChannelOptions): Promise<Channel> {
    validateArgs([options], [rules.pureObject, rules.undefined]);
    await this.ready;
    const body: Record<string, string> = { Type: options?.isPrivate ? "private" : "public" };
    if (options?.friendlyName !== undefined) body.FriendlyName = options.friendlyName;
    if (options?.uniqueName !== undefined) body.UniqueName = options.uniqueName;
    if (options?.attributes !== undefined) body.Attributes = JSON.stringify(options.attributes);
    const serviceSid = this.context.core.context.serviceSid;
    const json = await this.context.core.send("ChatCreateChannel", { params: { ServiceSid: serviceSid }, body });
    this.context.types.set(json.sid, json.type);
    // The creator takes part, as with Twilio's SDK (the server makes a creating user a member;
    // should it not have, join): then take the user's view of it.
    await this.context.core.context.joined(json.sid).catch(async () => {
      await this.context.core.send("ChatCreateMember", {
        params: { ServiceSid: serviceSid, ChannelSid: json.sid },
        body: { Identity: this.context.core.context.identity },
      });
      await this.context.core.context.joined(json.sid);
    });
    await this.channelEvents;
    return this.context.channel(this.context.core.conversation(json.sid) as Conversation);
  }

  /** Registers a device for push notifications (`apn` or `fcm`; `twilsock` needs nothing). */
  async setPushRegistrationId(channelType: NotificationsChannelType, registrationId: string): Promise<void> {
    await this.coreClient.setPushRegistrationId(channelType, registrationId);
  }

  /** Removes this user's registrations of a push channel. */
  async unsetPushRegistrationId(channelType: NotificationsChannelType): Promise<void> {
    await this.coreClient.unsetPushRegistrationId(channelType);
  }

  /** Parses a push payload and emits it as `pushNotification`. */
  async handlePushNotification(notificationPayload: unknown): Promise<void> {
    await this.ready;
    this.emit("pushNotification", Client.parsePushNotification(notificationPayload));
  }

  /** A user by identity, followed from now on (`userSubscribed`). */
  async getUser(identity: string): Promise<User> {
    return this.context.user(await this.coreClient.getUser(identity));
  }

  /** A snapshot of a user, not followed. */
  async getUserDescriptor(identity: string): Promise<UserDescriptor> {
    validateArgs([identity], [rules.nonEmptyString]);
    await this.ready;
    const json = await this.context.core.call("FetchServiceUser", {
      params: { ChatServiceSid: this.context.core.context.serviceSid, Sid: identity },
    });
    return new UserDescriptor(json, this.context);
  }

  /** The users the client follows. */
  async getSubscribedUsers(): Promise<Array<User>> {
    return (await this.coreClient.getSubscribedUsers()).map((u) => this.context.user(u));
  }

  // ---- Start-up and events ----

  private async initialize(): Promise<void> {
    try {
      await this.context.core.ready;
      await this.loadInvites();
      await this.channelEvents;
      this.emit("stateChanged", "initialized");
    } catch (error) {
      this.emit("stateChanged", "failed");
      throw error;
    }
  }

  /** The invites of this user at start-up: each channel is announced (`channelAdded`, `channelInvited`). */
  private async loadInvites(): Promise<void> {
    const invites = await readAll(
      async (query) => {
        const page = await this.context.core.call("ListServiceUserInvite", {
          params: { ChatServiceSid: this.context.core.context.serviceSid, UserSid: this.context.core.context.identity, ...query },
        });
        return { items: page.invites, meta: page.meta };
      },
      { PageSize: "50" },
    );
    for (const invite of invites) await this.invited(invite.sid, await this.fetchDescriptor(invite.conversation_sid));
  }

  /** This user was invited: the channel becomes known as `invited` (`channelAdded`, `channelInvited`). */
  private async invited(inviteSid: string | null, descriptor: DescriptorJson): Promise<void> {
    const channelSid = descriptor.sid;
    if (this.context.core.isSubscribed(channelSid)) return;
    this.context.types.set(channelSid, descriptor.type);
    const conversation = await this.context.core.peek(conversationOf(descriptor), descriptor.created_by ?? undefined);
    const isNew = !this.context.invites.has(channelSid);
    this.context.invites.set(channelSid, inviteSid ?? this.context.invites.get(channelSid) ?? "");
    if (!isNew) return;
    this.queue(async () => {
      const channel = this.context.channel(conversation);
      this.added(channel);
      this.emit("channelInvited", channel);
    });
  }

  /**
   * An invite of this user is gone. Joining consumes it (`conversationJoined` follows and the
   * channel stays); declined, withdrawn or deleted with its channel, the channel is no longer the
   * user's: its status changes and it is removed.
   */
  private uninvited(channelSid: string, reason: string): void {
    if (!this.context.invites.has(channelSid)) return;
    if (reason === "joined") return;
    this.context.invites.delete(channelSid);
    const conversation = this.context.core.conversation(channelSid);
    if (!conversation || this.context.core.isSubscribed(channelSid)) return;
    this.queue(async () => {
      const channel = this.context.channel(conversation);
      this.emit("channelUpdated", { channel, updateReasons: ["status"] });
      this.removed(channel);
    });
  }

  private wire(): void {
    const core = this.coreClient;
    const context = this.context;
    core.on("conversationAdded", (c) =>
      this.queue(async () => {
        await this.learnType(c.sid);
        this.added(context.channel(c));
      }),
    );
    core.on("conversationJoined", (c) =>
      this.queue(async () => {
        context.invites.delete(c.sid);
        this.emit("channelJoined", context.channel(c));
      }),
    );
    core.on("conversationLeft", (c) => this.queue(async () => void this.emit("channelLeft", context.channel(c))));
    core.on("conversationRemoved", (c) => this.queue(async () => this.removed(context.channel(c))));
    core.on("conversationUpdated", ({ conversation, updateReasons }) => {
      const reasons = channelReasons(updateReasons);
      if (reasons.length > 0)
        this.queue(async () => void this.emit("channelUpdated", { channel: context.channel(conversation), updateReasons: reasons }));
    });
    core.on("participantJoined", (p) => this.emit("memberJoined", context.member(p)));
    core.on("participantLeft", (p) => this.emit("memberLeft", context.member(p)));
    core.on("participantUpdated", ({ participant, updateReasons }) => {
      const reasons = memberReasons(updateReasons);
      if (reasons.length > 0) this.emit("memberUpdated", { member: context.member(participant), updateReasons: reasons });
    });
    core.on("messageAdded", (m) => this.emit("messageAdded", context.message(m)));
    core.on("messageRemoved", (m) => this.emit("messageRemoved", context.message(m)));
    core.on("messageUpdated", ({ message, updateReasons }) => {
      const reasons = messageReasons(updateReasons);
      if (reasons.length > 0) this.emit("messageUpdated", { message: context.message(message), updateReasons: reasons });
    });
    core.on("typingStarted", (p) => this.emit("typingStarted", context.member(p)));
    core.on("typingEnded", (p) => this.emit("typingEnded", context.member(p)));
    core.on("tokenAboutToExpire", () => this.emit("tokenAboutToExpire", secondsLeft(core.token)));
    core.on("tokenExpired", () => this.emit("tokenExpired"));
    core.on("userSubscribed", (u) => this.emit("userSubscribed", context.user(u)));
    core.on("userUnsubscribed", (u) => this.emit("userUnsubscribed", context.user(u)));
    core.on("userUpdated", ({ user, updateReasons }) => {
      const reasons = userReasons(updateReasons);
      if (reasons.length > 0) this.emit("userUpdated", { user: context.user(user), updateReasons: reasons });
    });
    core.on("connectionStateChanged", (state) => {
      this.connectionState = state === "retrying" ? "connecting" : state;
      this.emit("connectionStateChanged", this.connectionState);
    });
    core.on("connectionError", (error) => this.emit("connectionError", error));
    // Invites are Chat's alone, and so is the channel type: the core passes every stream event
    // on, in order, after applying it.
    context.core.onEvent(async (frame) => {
      switch (frame.event) {
        case "inviteAdded":
          await this.invited(frame.data.invite.sid, frame.data.conversation);
          return;
        case "inviteRemoved":
          this.uninvited(frame.data.conversation.sid, frame.data.reason);
          return;
        case "conversationAdded":
        case "conversationJoined":
          if (frame.data.type) context.types.set(frame.data.sid, frame.data.type);
          return;
        case "conversationUpdated":
          if (frame.data.conversation.type) context.types.set(frame.data.conversation.sid, frame.data.conversation.type);
          return;
      }
    });
  }

  /** A channel became one of the user's: announced once, whether it came by invite or by joining. */
  private added(channel: Channel): void {
    if (this.announced.has(channel.sid)) return;
    this.announced.add(channel.sid);
    this.emit("channelAdded", channel);
  }

  /** A channel is no longer one of the user's. */
  private removed(channel: Channel): void {
    if (!this.announced.delete(channel.sid)) return;
    this.emit("channelRemoved", channel);
  }

  /** Runs channel-level work one at a time, in the order the core reported it. */
  private queue(work: () => Promise<void>): void {
    this.channelEvents = this.channelEvents.then(work).catch((error) => {
      this.emit("connectionError", { terminal: false, message: `Could not apply a channel event: ${String(error)}` });
    });
  }

  /** Reads a channel's type (public or private) once, when no event carried it. */
  private async learnType(channelSid: string): Promise<void> {
    if (this.context.types.has(channelSid)) return;
    this.context.types.set(channelSid, (await this.fetchDescriptor(channelSid)).type);
  }

  /** What the user may see of a conversation by SID or unique name (x-confab ConversationDescriptors). */
  private fetchDescriptor(sidOrUniqueName: string): Promise<DescriptorJson> {
    return this.context.core.call("FetchServiceConversationDescriptor", {
      params: { ChatServiceSid: this.context.core.context.serviceSid, Sid: sidOrUniqueName },
    });
  }

  /** A channel the user has not joined (public, or one it is invited to), read from its descriptor. */
  private async peek(sidOrUniqueName: string): Promise<Channel> {
    const descriptor = await this.fetchDescriptor(sidOrUniqueName);
    if (descriptor.status === "invited") await this.invited(null, descriptor);
    this.context.types.set(descriptor.sid, descriptor.type);
    const conversation =
      this.context.core.conversation(descriptor.sid) ??
      (await this.context.core.peek(conversationOf(descriptor), descriptor.created_by ?? undefined));
    return this.context.channel(conversation);
  }

  /** The user's channels: joined, then invited. */
  private localChannels(): Channel[] {
    const sids = new Set<string>();
    const channels: Channel[] = [];
    const add = (sid: string) => {
      const conversation = this.context.core.conversation(sid);
      if (!conversation || sids.has(sid)) return;
      sids.add(sid);
      channels.push(this.context.channel(conversation));
    };
    for (const conversation of this.coreConversations()) add(conversation.sid);
    for (const sid of this.context.invites.keys()) add(sid);
    return channels;
  }

  private coreConversations(): Conversation[] {
    return this.context.core.subscribed();
  }

  private async publicDescriptorPage(query: Record<string, unknown>): Promise<RestPaginator<ChannelDescriptor>> {
    const page = await this.context.core.call("ListServiceConversationDescriptor", {
      params: { ChatServiceSid: this.context.core.context.serviceSid, ...query },
    });
    const items = page.conversations.map((json) => {
      this.context.types.set(json.sid, json.type);
      const known = this.context.core.conversation(json.sid);
      return new ChannelDescriptor(this, descriptorDataOf(json, known ? this.context.channel(known) : null));
    });
    const follow = (link: string | null) => (link ? () => this.publicDescriptorPage(Object.fromEntries(new URL(link).searchParams)) : null);
    return new RestPaginator(items, follow(page.meta.next_page_url), follow(page.meta.previous_page_url));
  }
}

/** Seconds until the token's `exp` (0 when it has none or is unreadable). */
function secondsLeft(token: string): number {
  try {
    const payload = JSON.parse(atob((token.split(".")[1] ?? "").replace(/-/g, "+").replace(/_/g, "/"))) as { exp?: number };
    return payload.exp ? Math.max(0, Math.round(payload.exp - Date.now() / 1000)) : 0;
  } catch {
    return 0;
  }
}
