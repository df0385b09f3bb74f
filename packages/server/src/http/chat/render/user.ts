import type { UserRecord } from "../../../store/index.js";
import { chatUserUrl } from "./paths.js";

/** A user as Chat v2's JSON; `joinedChannels` is how many channels it is a member of. */
export function renderChatUser(u: UserRecord, joinedChannels: number, publicUrl: string) {
  const url = chatUserUrl(publicUrl, u.serviceSid, u.sid);
  return {
    sid: u.sid,
    account_sid: u.accountSid,
    service_sid: u.serviceSid,
    attributes: u.attributes,
    friendly_name: u.friendlyName,
    role_sid: u.roleSid,
    identity: u.identity,
    is_online: u.isOnline,
    is_notifiable: u.isNotifiable,
    date_created: u.dateCreated,
    date_updated: u.dateUpdated,
    joined_channels_count: joinedChannels,
    links: { user_channels: `${url}/Channels`, user_bindings: `${url}/Bindings` },
    url,
  };
}
