import type { Handlers } from "@confab/protocol/server";
import { standingOf } from "../../core/channels.js";
import type { Actor } from "../../core/context.js";
import { findConversation } from "../../core/conversations.js";
import { fail } from "../../core/errors.js";
import { resolveService } from "../../core/services.js";
import {
  deleteUserConversation,
  fetchUserConversation,
  listUserConversations,
  type UserConversation,
  type UserConversationUpdate,
  updateUserConversation,
} from "../../core/user-conversations.js";
import { findUser } from "../../core/users.js";
import { actorFor } from "../actor.js";
import type { RestApp } from "../app.js";
import { listResponse, pageRequest, settle } from "../paging.js";
import { renderChatUserChannel, renderChatUserChannelStanding } from "./render/user-channel.js";

/** Chat v2 user channels: the channels a user is a member of, as that user sees them. */
export function chatUserChannelsHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;
  const render = (v: UserConversation) => renderChatUserChannel(v, publicUrl);

  return {
    ChatListUserChannel: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      const request = pageRequest(params);
      const settled = settle(await listUserConversations(core, principal, service, params.UserSid, request), request);
      return listResponse("channels", settled.items.map(render), settled, request, {
        publicUrl,
        path: `/v2/Services/${service.sid}/Users/${params.UserSid}/Channels`,
      }) as never;
    },
    ChatFetchUserChannel: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      const user = await findUser(core, principal, service, params.UserSid);
      if (principal.kind === "user" && user.identity !== principal.identity) throw fail.forbidden("A user may only see its own channels");
      // The account's view finds the channel; whether this user may see it is its standing there.
      const channel = await findConversation(core, { kind: "admin", accountSid: service.accountSid }, service, params.ChannelSid);
      const standing = await standingOf(core, channel, user.identity);
      if (!standing) throw fail.notFound(`/Users/${params.UserSid}/Channels/${params.ChannelSid}`);
      if (standing.standing === "joined") return render(await fetchUserConversation(core, principal, service, user.sid, channel.sid));
      return renderChatUserChannelStanding(user, channel, standing.standing, publicUrl);
    },
    ChatUpdateUserChannel: async ({ principal, params, body }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      const input: UserConversationUpdate = {};
      if (body?.NotificationLevel !== undefined) input.notificationLevel = body.NotificationLevel;
      if (body?.LastConsumedMessageIndex !== undefined) input.lastReadMessageIndex = body.LastConsumedMessageIndex;
      if (body?.LastConsumptionTimestamp !== undefined) input.lastReadTimestamp = body.LastConsumptionTimestamp;
      return render(await updateUserConversation(core, principal, service, params.UserSid, params.ChannelSid, input));
    },
    ChatDeleteUserChannel: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      await deleteUserConversation(core, actorFor(principal, params), service, params.UserSid, params.ChannelSid);
      return undefined as never;
    },
  };
}
