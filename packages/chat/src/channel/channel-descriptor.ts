import { parseAttributes } from "@confab/conversations/internal";
import type { Client } from "../client/client.js";
import type { Channel } from "./channel.js";
import type { ChannelStatus, ChannelType, NotificationLevel } from "./types.js";

/** The fields a descriptor is made of, whichever listing they came from. */
export type ChannelDescriptorData = {
  sid: string;
  uniqueName: string | null;
  friendlyName: string | null;
  /** The attributes as the server sends them (a JSON string). */
  attributes: string | null;
  createdBy: string | null;
  dateCreated: string | null;
  dateUpdated: string | null;
  messagesCount: number;
  membersCount: number;
  lastConsumedMessageIndex: number | null;
  status: ChannelStatus;
  type: ChannelType;
  notificationLevel: NotificationLevel;
};

const date = (value: string | null) => (value ? new Date(value) : (null as unknown as Date));

/**
 * A snapshot of a channel, as a listing returned it (public channels, or the user's channels): it
 * is not kept current and does not subscribe to anything. `getChannel()` gives the live channel.
 */
export class ChannelDescriptor {
  /** The client that listed it. */
  client: Client;
  /** The raw fields it was made from. */
  descriptor: ChannelDescriptorData;
  /** The channel's SID. */
  readonly sid: string;
  /** The channel's SID (Twilio's descriptors carry it twice). */
  readonly channel: string;
  /** The unique name, or null. */
  readonly uniqueName: string;
  /** The display name, or null. */
  readonly friendlyName: string;
  /** Application data, parsed from JSON. */
  readonly attributes: unknown;
  /** The identity of the user who created it. */
  readonly createdBy: string;
  /** When it was created. */
  readonly dateCreated: Date;
  /** When it last changed. */
  readonly dateUpdated: Date;
  /** The number of messages when listed. */
  readonly messagesCount: number;
  /** The number of members when listed. */
  readonly membersCount: number;
  /** This user's consumption horizon when listed. */
  readonly lastConsumedMessageIndex: number;
  /** This user's relation to the channel when listed. */
  readonly status: ChannelStatus;
  /** `public` or `private`. */
  readonly type: ChannelType;
  /** Whether the channel is private. */
  readonly isPrivate: boolean;
  /** This user's push notification level. */
  readonly notificationLevel: NotificationLevel;

  /** @internal */
  constructor(client: Client, descriptor: ChannelDescriptorData) {
    this.client = client;
    this.descriptor = descriptor;
    this.sid = descriptor.sid;
    this.channel = descriptor.sid;
    this.uniqueName = descriptor.uniqueName as string;
    this.friendlyName = descriptor.friendlyName as string;
    this.attributes = parseAttributes(descriptor.attributes, `channel ${descriptor.sid}`);
    this.createdBy = descriptor.createdBy ?? "";
    this.dateCreated = date(descriptor.dateCreated);
    this.dateUpdated = date(descriptor.dateUpdated);
    this.messagesCount = descriptor.messagesCount;
    this.membersCount = descriptor.membersCount;
    this.lastConsumedMessageIndex = descriptor.lastConsumedMessageIndex as number;
    this.status = descriptor.status;
    this.type = descriptor.type;
    this.isPrivate = descriptor.type === "private";
    this.notificationLevel = descriptor.notificationLevel;
  }

  /** The live channel (for a public one the user has not joined: seen from outside until it joins). */
  async getChannel(): Promise<Channel> {
    return this.client.getChannelBySid(this.sid);
  }
}
