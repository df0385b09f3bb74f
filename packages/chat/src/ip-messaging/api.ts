/**
 * The legacy IP Messaging API (twilio-ip-messaging 0.10.12): `IPMessaging(token, options)` and
 * `new IPMessaging.Client(accessManager, options)` with `initialize()`, plus the AccessManager
 * that twilio-common provided. The entry points re-export this.
 *
 * @packageDocumentation
 */
import { AccessManager } from "./access-manager.js";
import { Client, type ClientOptions } from "./client.js";

export { RestPaginator as Paginator } from "../paging/paginator.js";
export { AccessManager } from "./access-manager.js";
export type { AccessManagerEvents } from "./access-manager.js";
export { Channel } from "./channel.js";
export type { ChannelEvents, ChannelStatus } from "./channel.js";
export { Client } from "./client.js";
export type { ClientEvents, ClientOptions, ConnectionState, CreateChannelOptions } from "./client.js";
export { Member } from "./member.js";
export type { MemberEvents } from "./member.js";
export { Message } from "./message.js";
export type { MessageEvents } from "./message.js";
export { UserInfo } from "./user-info.js";
export type { UserInfoEvents } from "./user-info.js";

/** The module's factory, as `require("twilio-ip-messaging")(token, options)` was: a client for a token. */
export function IPMessaging(token: string | AccessManager, options?: ClientOptions): Client {
  return new Client(typeof token === "string" ? new AccessManager(token) : token, options);
}
IPMessaging.Client = Client;
IPMessaging.AccessManager = AccessManager;
IPMessaging.version = Client.version;

export default IPMessaging;
