import type { Core } from "../../core/context.js";
import type { ConversationRecord, UserRecord } from "../../store/index.js";
import type { ChannelCounts } from "./render/channel.js";

/** How many members and messages a channel has (Chat v2's `members_count`, `messages_count`). */
export async function channelCounts(core: Core, channel: ConversationRecord): Promise<ChannelCounts> {
  const [members, messages] = await Promise.all([
    core.store.count("participant", { parent: channel.sid }),
    core.store.count("message", { parent: channel.sid }),
  ]);
  return { members, messages };
}

/** How many channels a user is a member of (Chat v2's `joined_channels_count`). */
export function joinedChannels(core: Core, user: UserRecord): Promise<number> {
  return core.store.count("participant", { where: { serviceSid: user.serviceSid, identity: user.identity } });
}
