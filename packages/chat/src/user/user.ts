import { type User as CoreUser, ReplayEventEmitter } from "@confab/conversations/internal";
import type { ChatContext } from "../client/context.js";
import { userReasons } from "../reasons.js";

/** Why a user changed. */
export type UserUpdateReason = "friendlyName" | "attributes" | "online" | "notifiable";
/** Events a user emits. */
export type UserEvents = {
  updated: (data: { user: User; updateReasons: UserUpdateReason[] }) => void;
  userSubscribed: (user: User) => void;
  userUnsubscribed: (user: User) => void;
};

/** A user of the service: the core user under Chat's names (`online`, `notifiable`). */
export class User extends ReplayEventEmitter<UserEvents> {
  // Instance constants, as in Twilio's SDK.
  /** Fired when the user's fields change. */
  readonly updated = "updated";
  /** Fired when the client starts following the user. */
  readonly userSubscribed = "userSubscribed";
  /** Fired when the client stops following the user. */
  readonly userUnsubscribed = "userUnsubscribed";

  private readonly user: CoreUser;

  /** @internal */
  constructor(user: CoreUser, _context: ChatContext) {
    super();
    this.user = user;
    user.on("updated", ({ updateReasons }) => {
      const reasons = userReasons(updateReasons);
      if (reasons.length > 0) this.emit("updated", { user: this, updateReasons: reasons });
    });
    user.on("userSubscribed", () => this.emit("userSubscribed", this));
    user.on("userUnsubscribed", () => this.emit("userUnsubscribed", this));
  }

  /** The user's identity. */
  get identity(): string {
    return this.user.identity;
  }
  set identity(identity: string) {
    this.user.identity = identity;
  }
  /** Application data, parsed from JSON. */
  get attributes(): object {
    return this.user.attributes as object;
  }
  /** The display name. */
  get friendlyName(): string {
    return this.user.friendlyName as string;
  }
  /** Whether the user is connected now (false when the server does not track reachability). */
  get online(): boolean {
    return this.user.isOnline === true;
  }
  /** Whether the user can get push notifications (false when the server does not track reachability). */
  get notifiable(): boolean {
    return this.user.isNotifiable === true;
  }
  /** Whether the client follows this user's changes. */
  get isSubscribed(): boolean {
    return this.user.isSubscribed;
  }

  /** Replaces the attributes (only a user's own). */
  async updateAttributes(attributes: unknown): Promise<User> {
    await this.user.updateAttributes(attributes as never);
    return this;
  }

  /** Sets the display name (only a user's own). */
  async updateFriendlyName(friendlyName: string): Promise<User> {
    await this.user.updateFriendlyName(friendlyName);
    return this;
  }

  /** Stops following the user; `getUser` follows it again. */
  async unsubscribe(): Promise<void> {
    await this.user.unsubscribe();
  }
}
