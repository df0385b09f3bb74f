import type { components } from "@confab/protocol";
import type { ClientContext } from "../client/context.js";
import { ReplayEventEmitter } from "../emitter/replay-event-emitter.js";
import { type JSONValue, jsonEqual, parseAttributes } from "../util/json.js";
import { rules, validateArgs } from "../util/validate.js";

/** Why a user changed. */
export type UserUpdateReason = "friendlyName" | "attributes" | "reachabilityOnline" | "reachabilityNotifiable";
/** The payload of a user's `updated` event. */
export interface UserUpdatedEventArgs {
  user: User;
  updateReasons: UserUpdateReason[];
}
/** Events a user emits. */
export type UserEvents = {
  updated: (data: { user: User; updateReasons: UserUpdateReason[] }) => void;
  userSubscribed: (user: User) => void;
  userUnsubscribed: (user: User) => void;
};

export type UserJson = components["schemas"]["User"];

type State = { friendlyName: string | null; attributes: JSONValue; isOnline: boolean | null; isNotifiable: boolean | null };

/** A user of the service: its profile and, with reachability on, whether it is online. */
export class User extends ReplayEventEmitter<UserEvents> {
  // Instance constants, not static ones: that is how Twilio's SDK declares User's events.
  /** Fired when the user's fields change. */
  readonly updated = "updated";
  /** Fired when the client starts following the user. */
  readonly userSubscribed = "userSubscribed";
  /** Fired when the client stops following the user. */
  readonly userUnsubscribed = "userUnsubscribed";

  private readonly context: ClientContext;
  private userIdentity: string;
  private state: State;
  private subscribed = true;
  private readonly onUnsubscribe: (user: User) => void;

  /** @internal */
  constructor(json: UserJson, context: ClientContext, onUnsubscribe: (user: User) => void) {
    super();
    this.context = context;
    this.userIdentity = json.identity ?? "";
    this.state = this.stateOf(json, null);
    this.onUnsubscribe = onUnsubscribe;
  }

  private stateOf(json: UserJson, previous: State | null): State {
    const reachable = this.context.reachabilityEnabled;
    return {
      friendlyName: json.friendly_name ?? null,
      attributes: parseAttributes(json.attributes, `user ${json.identity}`),
      // A list or an update carries no reachability: keep what the live events said.
      isOnline: reachable ? (json.is_online ?? previous?.isOnline ?? null) : null,
      isNotifiable: reachable ? (json.is_notifiable ?? previous?.isNotifiable ?? null) : null,
    };
  }

  /** The user's identity. */
  get identity(): string {
    return this.userIdentity;
  }
  set identity(identity: string) {
    this.userIdentity = identity;
  }
  /** Application data, parsed from JSON. */
  get attributes(): JSONValue {
    return this.state.attributes;
  }
  /** The display name, or null. */
  get friendlyName(): string | null {
    return this.state.friendlyName;
  }
  /** Whether the user is connected now; null when reachability is off. */
  get isOnline(): boolean | null {
    return this.state.isOnline;
  }
  /** Whether the user can get push notifications; null when reachability is off. */
  get isNotifiable(): boolean | null {
    return this.state.isNotifiable;
  }
  /** Whether the client follows this user's changes. */
  get isSubscribed(): boolean {
    return this.subscribed;
  }

  /** Replaces the attributes (only a user's own). */
  async updateAttributes(attributes: JSONValue): Promise<User> {
    validateArgs([attributes], [rules.json]);
    return this.updateUser({ Attributes: JSON.stringify(attributes) });
  }

  /** Sets the display name (only a user's own). */
  async updateFriendlyName(friendlyName: string): Promise<User> {
    validateArgs([friendlyName], [rules.string, rules.null]);
    return this.updateUser({ FriendlyName: friendlyName ?? "" });
  }

  /** Stops following the user; `getUser` follows it again. */
  async unsubscribe(): Promise<void> {
    if (!this.subscribed) return;
    this.subscribed = false;
    this.onUnsubscribe(this);
    this.emit("userUnsubscribed", this);
  }

  private async updateUser(body: Record<string, string>): Promise<User> {
    const json = await this.context.send("UpdateServiceUser", {
      params: { ChatServiceSid: this.context.serviceSid, Sid: this.userIdentity },
      body,
    });
    this._update(json);
    return this;
  }

  /** @internal Follow again after an unsubscribe. */
  _resubscribe(): void {
    if (this.subscribed) return;
    this.subscribed = true;
    this.emit("userSubscribed", this);
  }

  /** @internal Applies a fresh copy of the resource. */
  _update(json: UserJson): void {
    const next = this.stateOf(json, this.state);
    const reasons: UserUpdateReason[] = [];
    if (next.friendlyName !== this.state.friendlyName) reasons.push("friendlyName");
    if (!jsonEqual(next.attributes, this.state.attributes)) reasons.push("attributes");
    this.state = { ...next, isOnline: this.state.isOnline ?? next.isOnline, isNotifiable: this.state.isNotifiable ?? next.isNotifiable };
    if (reasons.length > 0) this.emit("updated", { user: this, updateReasons: reasons });
  }

  /** @internal A reachability change. */
  _reachability(online: boolean, notifiable: boolean): void {
    if (!this.context.reachabilityEnabled) return;
    const reasons: UserUpdateReason[] = [];
    if (this.state.isOnline !== online) reasons.push("reachabilityOnline");
    if (this.state.isNotifiable !== notifiable) reasons.push("reachabilityNotifiable");
    this.state = { ...this.state, isOnline: online, isNotifiable: notifiable };
    if (reasons.length > 0) this.emit("updated", { user: this, updateReasons: reasons });
  }

  /** @internal What the client caches of the user. */
  _toJson(): UserJson {
    return {
      identity: this.userIdentity,
      friendly_name: this.state.friendlyName,
      attributes: JSON.stringify(this.state.attributes),
      is_online: this.state.isOnline,
      is_notifiable: this.state.isNotifiable,
    } as UserJson;
  }
}

/** 1.x names, kept for apps written against `@twilio/conversations` 1.x. */
export declare namespace User {
  type SubscriptionState = "initializing" | "subscribed" | "unsubscribed";
  type UpdateReason = UserUpdateReason;
  type UpdatedEventArgs = UserUpdatedEventArgs;
}
