import type { Core } from "../../core/context.js";
import type { UserRecord } from "../../store/index.js";

/** How many channels a user is a member of (Chat v2's `joined_channels_count`). */
export function joinedChannels(core: Core, user: UserRecord): Promise<number> {
  return core.store.count("participant", { where: { serviceSid: user.serviceSid, identity: user.identity } });
}
