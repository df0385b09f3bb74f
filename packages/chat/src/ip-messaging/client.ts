import { ReplayEventEmitter } from "@confab/conversations/internal";
import type { Channel as ChatChannel } from "../channel/channel.js";
import { Client as ChatClient } from "../client/client.js";
import type { ClientOptions as ChatClientOptions } from "../client/options.js";
import type { AccessManager } from "./access-manager.js";
import type { Channel } from "./channel.js";
import { IpmContext } from "./context.js";
import type { Member } from "./member.js";
import type { Message } from "./message.js";
import type { UserInfo } from "./user-info.js";

/** The states of the connection, with IP Messaging's names. */
export type ConnectionState = "disconnected" | "connecting" | "connected" | "error" | "denied";

/** Options of the IP Messaging client: Chat's, of which `logLevel` and Confab's `server` matter. */
export type ClientOptions = ChatClientOptions & { wsServer?: string };

/** Options of `createChannel`. */
export interface CreateChannelOptions {
  attributes?: unknown;
  friendlyName?: string;
  isPrivate?: boolean;
  uniqueName?: string;
}

/** Events the client emits. */
export type ClientEvents = {
  channelAdded: (channel: Channel) => void;
  channelInvited: (channel: Channel) => void;
  channelJoined: (channel: Channel) => void;
  channelLeft: (channel: Channel) => void;
  channelRemoved: (channel: Channel) => void;
  channelUpdated: (channel: Channel) => void;
  memberJoined: (member: Member) => void;
  memberLeft: (member: Member) => void;
  memberUpdated: (member: Member) => void;
  messageAdded: (message: Message) => void;
  messageRemoved: (message: Message) => void;
  messageUpdated: (message: Message) => void;
  tokenExpired: (accessManager: AccessManager) => void;
  typingEnded: (member: Member) => void;
  typingStarted: (member: Member) => void;
  userInfoUpdated: (userInfo: UserInfo) => void;
  connectionStateChanged: (state: ConnectionState) => void;
};

const CONNECTION: Record<string, ConnectionState> = {
  unknown: "disconnected",
  disconnecting: "disconnected",
  disconnected: "disconnected",
  connecting: "connecting",
  connected: "connected",
  denied: "denied",
  error: "error",
};

/**
 * The legacy IP Messaging client (twilio-ip-messaging 0.10): `new Client(accessManager, options)`
 * then `initialize()`. It is a facade over the Chat client of this package (itself a facade over
 * the Conversations core): the token comes from the AccessManager and follows its `tokenUpdated`.
 */
export class Client extends ReplayEventEmitter<ClientEvents> {
  /** The version of twilio-ip-messaging whose API this is. */
  static readonly version = "0.10.12";
  /** The connection states. */
  static readonly connectionState = {
    DISCONNECTED: "disconnected",
    CONNECTING: "connecting",
    CONNECTED: "connected",
    ERROR: "error",
    DENIED: "denied",
  } as const;

  /** The AccessManager the client takes its token from. */
  readonly accessManager: AccessManager;
  /** The channels the client knows (the user's, joined or invited), by SID. */
  readonly channels = new Map<string, Channel>();
  /** The state of the connection. */
  connectionState: ConnectionState = "disconnected";
  private readonly options: ClientOptions;
  private readonly context = new IpmContext();
  private chat: ChatClient | null = null;
  private initializing: Promise<Client> | null = null;
  private info: UserInfo | null = null;

  /**
   * @param accessManager Holds the user's access token.
   * @param options Options; `server` (Confab) says where the server is.
   */
  constructor(accessManager: AccessManager, options: ClientOptions = {}) {
    super();
    if (!accessManager || typeof accessManager.token !== "string") throw new TypeError("An AccessManager is required");
    this.accessManager = accessManager;
    this.options = options;
  }

  /** @deprecated Use `userInfo.identity`. The user's identity. */
  get identity(): string {
    return this.info?.identity ?? this.accessManager.identity;
  }
  /** The user's profile (after `initialize`). */
  get userInfo(): UserInfo {
    return this.info as UserInfo;
  }
  /** Whether the server tracks who is online. */
  get reachabilityEnabled(): boolean {
    return this.chat?.reachabilityEnabled ?? false;
  }

  /** Connects, loads the user's channels (each announced by `channelAdded`) and resolves when ready. */
  initialize(): Promise<Client> {
    this.initializing ??= this.start();
    return this.initializing;
  }

  /** Disconnects. */
  async shutdown(): Promise<void> {
    await this.chat?.shutdown();
  }

  /** A channel by SID, or null. */
  async getChannelBySid(sid: string): Promise<Channel | null> {
    const chat = await this.ready();
    return chat.getChannelBySid(sid).then(
      (c) => this.channelOf(c),
      () => null,
    );
  }

  /** A channel by unique name, or null. */
  async getChannelByUniqueName(uniqueName: string): Promise<Channel | null> {
    const chat = await this.ready();
    return chat.getChannelByUniqueName(uniqueName).then(
      (c) => this.channelOf(c),
      () => null,
    );
  }

  /** The user's channels (joined and invited) and the public ones. */
  async getChannels(): Promise<Channel[]> {
    const chat = await this.ready();
    const mine = await chat.getLocalChannels();
    const listed: ChatChannel[] = [...mine];
    let page = await chat.getPublicChannelDescriptors();
    for (;;) {
      for (const descriptor of page.items) if (!listed.some((c) => c.sid === descriptor.sid)) listed.push(await descriptor.getChannel());
      if (!page.hasNextPage) break;
      page = await page.nextPage();
    }
    return listed.map((c) => this.channelOf(c));
  }

  /** Creates a channel (public unless `isPrivate`). */
  async createChannel(options: CreateChannelOptions = {}): Promise<Channel> {
    const chat = await this.ready();
    return this.channelOf(await chat.createChannel(options));
  }

  /** Registers a device for push notifications (`apn` or `gcm`/`fcm`). */
  async setPushRegistrationId(type: string, registrationId: string): Promise<void> {
    const chat = await this.ready();
    await chat.setPushRegistrationId(type === "gcm" ? "fcm" : (type as "apn" | "fcm"), registrationId);
  }

  /**
   * Hands a push payload to the client, as IP Messaging apps did from their push handler: the
   * channel it names becomes known to the client (and its events follow). Rejects a payload that
   * is not a Chat push.
   */
  async putPushNotificationPayload(notification: unknown): Promise<void> {
    const chat = await this.ready();
    const parsed = ChatClient.parsePushNotification(notification);
    const sid = parsed.data.conversationSid;
    if (sid) await this.getChannelBySid(sid);
    await chat.handlePushNotification(notification);
  }

  private async start(): Promise<Client> {
    const chat = new ChatClient(this.accessManager.token, this.options);
    this.chat = chat;
    this.wire(chat);
    this.accessManager.on("tokenUpdated", (manager) => void chat.updateToken(manager.token).catch(() => {}));
    await new Promise<void>((resolve, reject) => {
      chat.onceWithReplay("stateChanged", (state) =>
        state === "initialized" ? resolve() : reject(new Error("The client could not initialize")),
      );
    });
    this.info = this.context.userInfo(chat.user);
    this.info.on("updated", (info) => this.emit("userInfoUpdated", info));
    // IP Messaging kept the members of the user's joined channels current from the start.
    await Promise.all([...this.channels.values()].filter((c) => c.status === "joined").map((c) => c._loadMembers().catch(() => {})));
    return this;
  }

  private async ready(): Promise<ChatClient> {
    await this.initialize();
    return this.chat as ChatClient;
  }

  private channelOf(channel: ChatChannel): Channel {
    return this.context.channel(channel);
  }

  private wire(chat: ChatClient): void {
    const ctx = this.context;
    chat.on("channelAdded", (c) => {
      const channel = this.channelOf(c);
      this.channels.set(channel.sid, channel);
      this.emit("channelAdded", channel);
    });
    chat.on("channelInvited", (c) => this.emit("channelInvited", this.channelOf(c)));
    chat.on("channelJoined", (c) => {
      const channel = this.channelOf(c);
      this.channels.set(channel.sid, channel);
      void channel._loadMembers().catch(() => {});
      this.emit("channelJoined", channel);
    });
    chat.on("channelLeft", (c) => this.emit("channelLeft", this.channelOf(c)));
    chat.on("channelRemoved", (c) => {
      const channel = this.channelOf(c);
      this.channels.delete(channel.sid);
      this.emit("channelRemoved", channel);
    });
    chat.on("channelUpdated", ({ channel }) => this.emit("channelUpdated", this.channelOf(channel)));
    chat.on("memberJoined", (m) => this.emit("memberJoined", ctx.member(m)));
    chat.on("memberLeft", (m) => this.emit("memberLeft", ctx.member(m)));
    chat.on("memberUpdated", ({ member }) => this.emit("memberUpdated", ctx.member(member)));
    chat.on("messageAdded", (m) => this.emit("messageAdded", ctx.message(m)));
    chat.on("messageRemoved", (m) => this.emit("messageRemoved", ctx.message(m)));
    chat.on("messageUpdated", ({ message }) => this.emit("messageUpdated", ctx.message(message)));
    chat.on("typingStarted", (m) => this.emit("typingStarted", ctx.member(m)));
    chat.on("typingEnded", (m) => this.emit("typingEnded", ctx.member(m)));
    chat.on("tokenExpired", () => this.emit("tokenExpired", this.accessManager));
    chat.on("connectionStateChanged", (state) => {
      const next = CONNECTION[state] ?? "disconnected";
      if (next === this.connectionState) return;
      this.connectionState = next;
      this.emit("connectionStateChanged", next);
    });
  }
}
