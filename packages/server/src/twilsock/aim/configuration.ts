import type { CompatComponents } from "@confab/protocol/server";
import { uniqueNameOf } from "../sync/names.js";
import type { TunnelContext, TunnelResponse } from "./context.js";
import { tunnelError } from "../tunnel-error.js";

/** Where the SDK finds everything else: `GET Client/v2/Configuration` (`v1` for Chat). */
export async function configuration(ctx: TunnelContext, version: "v1" | "v2"): Promise<TunnelResponse> {
  const user = await ctx.core.store.getByKey("user", ctx.who.service.sid, ctx.who.identity);
  if (!user) return tunnelError(404, 20404, "User not found");
  const client = `${ctx.base}/Client/${version}`;
  const mediaLimitMb = Math.floor(ctx.core.limits.mediaBytes / (1024 * 1024));
  const body: CompatComponents["schemas"]["ClientConfiguration"] = {
    identity: ctx.who.identity,
    url: `${client}/Configuration`,
    options: {
      consumption_report_interval: "PT5S",
      user_infos_to_subscribe: 100,
      reachability_enabled: ctx.who.service.reachabilityEnabled,
      // No client-side caching of reads: counts and lists are what the server has now.
      http_cache_interval: "PT0S",
      my_conversations_page_size: 50,
      media_attachments_count_limit: ctx.core.limits.mediaPerMessage,
      media_attachment_size_limit_in_mb: mediaLimitMb,
      media_attachments_total_size_limit_in_mb: mediaLimitMb,
      email_histories_allowed_mime_types: [],
      email_bodies_allowed_mime_types: [],
    },
    sync_objects: {
      // Chat's map of the user's channels also holds those it is invited to.
      my_conversations: uniqueNameOf({ type: "map", kind: version === "v1" ? "myChannels" : "myConversations", userSid: user.sid }),
      my_user_info: uniqueNameOf({ type: "map", kind: "userInfo", userSid: user.sid }),
    },
    links: {
      my_conversations: `${client}/Users/Me/Conversations`,
      conversations: `${client}/Conversations`,
      users: `${client}/Users`,
      current_user: `${client}/Users/Me`,
      typing: `${client}/Typing`,
      media_service: `${ctx.base}/v1/Services/${ctx.who.service.sid}/Media`,
      media_set_service: `${ctx.base}/Client/v2/MediaSet`,
      messages_receipts: `${client}/Conversations/%s/Messages/%s/Receipts`,
      invites: `${client}/Conversations/%s/Invites`,
    },
  };
  return { status: 200, body };
}
