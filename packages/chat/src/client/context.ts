import type {
  ClientCore,
  Conversation,
  Client as CoreClient,
  Message as CoreMessage,
  User as CoreUser,
  Participant,
} from "@confab/conversations/internal";
import { Channel } from "../channel/channel.js";
import type { ChannelType } from "../channel/types.js";
import { Member } from "../member/member.js";
import { Message } from "../message/message.js";
import { User } from "../user/user.js";
import type { Client } from "./client.js";

/** A request to an operation by id; Chat's operations are looked up by name at run time. */
export type ChatCall = (
  operation: string,
  options?: { params?: Record<string, unknown>; body?: Record<string, unknown> },
) => Promise<unknown>;

/**
 * What the Chat facades share: the core client they rename, and one facade per core object
 * (so `channel.getMembers()` twice gives the same Member objects, as the core gives the same
 * Participants). Chat-only state lives here too: pending invites and channel types.
 */
export class ChatContext {
  readonly client: Client;
  readonly coreClient: CoreClient;
  readonly core: ClientCore;
  /** The invites of this user not yet joined or declined: conversation SID → invite SID (`IN…`). */
  readonly invites = new Map<string, string>();
  /** Channel types the server told (public or private), by conversation SID. */
  readonly types = new Map<string, ChannelType>();
  private readonly channels = new WeakMap<Conversation, Channel>();
  private readonly members = new WeakMap<Participant, Member>();
  private readonly messages = new WeakMap<CoreMessage, Message>();
  private readonly users = new WeakMap<CoreUser, User>();

  constructor(client: Client, coreClient: CoreClient) {
    this.client = client;
    this.coreClient = coreClient;
    this.core = coreClient._core();
  }

  /** Declines this user's invite to a channel (the invitee deleting its own invite declines it). */
  async declineInvite(channelSid: string): Promise<void> {
    await this.core.send("DeleteServiceConversationInvite", {
      params: {
        ChatServiceSid: this.core.context.serviceSid,
        ConversationSid: channelSid,
        // The invite's SID when known; the server also finds the invitee's invite by identity.
        Sid: this.invites.get(channelSid) || this.core.context.identity,
      },
    });
  }

  /** The server's base URL. */
  get baseUrl(): string {
    return this.core.baseUrl;
  }

  channel(conversation: Conversation): Channel {
    let channel = this.channels.get(conversation);
    if (!channel) {
      channel = new Channel(conversation, this);
      this.channels.set(conversation, channel);
    }
    return channel;
  }

  member(participant: Participant): Member {
    let member = this.members.get(participant);
    if (!member) {
      member = new Member(participant, this.channel(participant.conversation), this);
      this.members.set(participant, member);
    }
    return member;
  }

  message(message: CoreMessage): Message {
    let chat = this.messages.get(message);
    if (!chat) {
      chat = new Message(message, this.channel(message.conversation), this);
      this.messages.set(message, chat);
    }
    return chat;
  }

  user(user: CoreUser): User {
    let chat = this.users.get(user);
    if (!chat) {
      chat = new User(user, this);
      this.users.set(user, chat);
    }
    return chat;
  }
}
