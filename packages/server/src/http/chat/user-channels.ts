import type { Handlers } from "@confab/protocol/server";
import { type Standing, standingOf } from "../../core/channels.js";
import type { Actor } from "../../core/context.js";
import { findConversation } from "../../core/conversations.js";
import { fail } from "../../core/errors.js";
import { resolveService } from "../../core/services.js";
import { listChannels } from "../../core/chat-channels.js";
import {
  deleteUserConversation,
  type UserConversation,
  type UserConversationUpdate,
  unreadCount,
  updateUserConversation,
} from "../../core/user-conversations.js";
import type { ConversationRecord, ServiceRecord, UserRecord } from "../../store/index.js";
import { findUser } from "../../core/users.js";
import { actorFor } from "../actor.js";
import type { RestApp } from "../app.js";
import { listResponse, pageRequest, settle } from "../paging.js";
import { renderChatUserChannel, renderChatUserChannelStanding } from "./render/user-channel.js";

const memberOrInvited: ReadonlySet<Standing> = new Set(["joined", "invited"]);

/** Chat v2 user channels: the channels a user is a member of or invited to, as that user sees them. */
export function chatUserChannelsHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;
  const render = (v: UserConversation) => renderChatUserChannel(v, publicUrl);

  /** The user of the path: any for the account, only itself for a user token (403 otherwise). */
  const ownUser = async (actor: Actor, service: ServiceRecord, userSid: string) => {
    const user = await findUser(core, actor, service, userSid);
    if (actor.kind === "user" && user.identity !== actor.identity) throw fail.forbidden("A user may only see its own channels");
    return user;
  };

  /** One channel as the user sees it: a member's view with its horizon and unread count, or its standing. */
  const viewOf = async (service: ServiceRecord, user: UserRecord, channel: ConversationRecord, known?: Standing) => {
    const standing = known ?? (await standingOf(core, channel, user.identity))?.standing ?? "notParticipating";
    const participant = standing === "joined" ? await core.store.getByKey("participant", channel.sid, user.identity) : null;
    if (!participant) return renderChatUserChannelStanding(user, channel, standing === "joined" ? "notParticipating" : standing, publicUrl);
    const unreadMessagesCount = await unreadCount(core.store, service, channel, participant);
    return render({ user, conversation: channel, participant, unreadMessagesCount });
  };

  return {
    ChatListUserChannel: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      const user = await ownUser(principal, service, params.UserSid);
      const request = pageRequest(params);
      // The channels the user is a member of or invited to, as that user would see them.
      const asUser: Actor = { kind: "user", accountSid: service.accountSid, serviceSid: service.sid, identity: user.identity };
      const page = await listChannels(core, asUser, service, undefined, request, memberOrInvited);
      const settled = settle(page, request);
      const items = await Promise.all(settled.items.map((channel) => viewOf(service, user, channel)));
      return listResponse("channels", items, settled, request, {
        publicUrl,
        path: `/v2/Services/${service.sid}/Users/${params.UserSid}/Channels`,
      }) as never;
    },
    ChatFetchUserChannel: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      const user = await ownUser(principal, service, params.UserSid);
      // The account's view finds the channel; whether this user may see it is its standing there.
      const channel = await findConversation(core, { kind: "admin", accountSid: service.accountSid }, service, params.ChannelSid);
      const standing = await standingOf(core, channel, user.identity);
      if (!standing) throw fail.notFound(`/Users/${params.UserSid}/Channels/${params.ChannelSid}`);
      return viewOf(service, user, channel, standing.standing);
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
