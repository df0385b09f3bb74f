import { ReplayEventEmitter } from "@confab/conversations/internal";
import type { User } from "../user/user.js";

/** Events a UserInfo emits. */
export type UserInfoEvents = {
  updated: (userInfo: UserInfo) => void;
};

/** A user's profile under IP Messaging's name (Chat's User, renamed `UserInfo` there). */
export class UserInfo extends ReplayEventEmitter<UserInfoEvents> {
  /** Fired when the user's fields change. */
  static readonly updated = "updated";
  private readonly user: User;

  /** @internal */
  constructor(user: User) {
    super();
    this.user = user;
    user.on("updated", () => this.emit("updated", this));
  }

  /** The user's identity. */
  get identity(): string {
    return this.user.identity;
  }
  /** The display name. */
  get friendlyName(): string {
    return this.user.friendlyName;
  }
  /** Application data, parsed from JSON. */
  get attributes(): object {
    return this.user.attributes;
  }
  /** Whether the user is connected now. */
  get online(): boolean {
    return this.user.online;
  }
  /** Whether the user can get push notifications. */
  get notifiable(): boolean {
    return this.user.notifiable;
  }

  /** Replaces the attributes (only a user's own). */
  async updateAttributes(attributes: unknown): Promise<UserInfo> {
    await this.user.updateAttributes(attributes);
    return this;
  }

  /** Sets the display name (only a user's own). */
  async updateFriendlyName(friendlyName: string): Promise<UserInfo> {
    await this.user.updateFriendlyName(friendlyName);
    return this;
  }
}
