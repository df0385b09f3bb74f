import { parseAttributes, type UserJson } from "@confab/conversations/internal";
import type { ChatContext } from "../client/context.js";
import type { User } from "./user.js";

/** A snapshot of a user, read once and not kept current; `subscribe()` gives the live User. */
export class UserDescriptor {
  /** The user's identity. */
  readonly identity: string;
  /** The display name. */
  readonly friendlyName: string;
  /** Application data, parsed from JSON. */
  readonly attributes: unknown;
  /** Whether the user was online when read (false when the server does not track reachability). */
  readonly online: boolean;
  /** Whether the user was notifiable when read (false when the server does not track reachability). */
  readonly notifiable: boolean;
  private readonly context: ChatContext;

  /** @internal */
  constructor(json: UserJson, context: ChatContext) {
    this.context = context;
    this.identity = json.identity ?? "";
    this.friendlyName = json.friendly_name ?? (null as unknown as string);
    this.attributes = parseAttributes(json.attributes, `user ${json.identity}`);
    this.online = json.is_online === true;
    this.notifiable = json.is_notifiable === true;
  }

  /** The live User of this identity, followed from now on. */
  async subscribe(): Promise<User> {
    return this.context.client.getUser(this.identity);
  }
}
