import type { Channel as ChatChannel } from "../channel/channel.js";
import type { Member as ChatMember } from "../member/member.js";
import type { Message as ChatMessage } from "../message/message.js";
import type { User } from "../user/user.js";
import { Channel } from "./channel.js";
import { Member } from "./member.js";
import { Message } from "./message.js";
import { UserInfo } from "./user-info.js";

/** One IP Messaging facade per Chat facade (and so per core object). */
export class IpmContext {
  private readonly channels = new WeakMap<ChatChannel, Channel>();
  private readonly members = new WeakMap<ChatMember, Member>();
  private readonly messages = new WeakMap<ChatMessage, Message>();
  private readonly users = new WeakMap<User, UserInfo>();

  channel(channel: ChatChannel): Channel {
    let ipm = this.channels.get(channel);
    if (!ipm) {
      ipm = new Channel(channel, this);
      this.channels.set(channel, ipm);
    }
    return ipm;
  }

  member(member: ChatMember): Member {
    let ipm = this.members.get(member);
    if (!ipm) {
      ipm = new Member(member, this.channel(member.channel));
      this.members.set(member, ipm);
    }
    return ipm;
  }

  message(message: ChatMessage): Message {
    let ipm = this.messages.get(message);
    if (!ipm) {
      ipm = new Message(message, this.channel(message.channel));
      this.messages.set(message, ipm);
    }
    return ipm;
  }

  userInfo(user: User): UserInfo {
    let info = this.users.get(user);
    if (!info) {
      info = new UserInfo(user);
      this.users.set(user, info);
    }
    return info;
  }
}
