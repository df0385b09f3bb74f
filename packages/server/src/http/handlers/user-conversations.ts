import type { BodyOf, Handlers } from "@confab/protocol/server";
import type { Actor } from "../../core/context.js";
import { resolveService } from "../../core/services.js";
import {
  deleteUserConversation,
  fetchUserConversation,
  listUserConversations,
  type UserConversationUpdate,
  updateUserConversation,
} from "../../core/user-conversations.js";
import type { RestApp } from "../app.js";
import { listResponse, type PagingParams, pageRequest, settle } from "../paging.js";
import { scopeOf } from "../render/conversation.js";
import { userPath } from "../render/user.js";
import { renderUserConversation } from "../render/user-conversation.js";

/** Form fields → the domain's update; only the fields given are set (an empty index clears the horizon). */
function userConversationUpdate(body: Partial<BodyOf<"UpdateUserConversation">>): UserConversationUpdate {
  const input: UserConversationUpdate = {};
  if (body.NotificationLevel !== undefined) input.notificationLevel = body.NotificationLevel;
  if (body.LastReadTimestamp !== undefined) input.lastReadTimestamp = body.LastReadTimestamp;
  if (body.LastReadMessageIndex !== undefined) input.lastReadMessageIndex = body.LastReadMessageIndex;
  return input;
}

type Path = { ChatServiceSid?: string; UserSid: string; ConversationSid: string };

/** A user's view of its conversations, on Twilio's global paths and their service-scoped twins. */
export function userConversationsHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;

  const list = async (actor: Actor, serviceSid: string | undefined, userSid: string, params: PagingParams) => {
    const service = await resolveService(core, actor, serviceSid);
    const scope = scopeOf(publicUrl, serviceSid);
    const request = pageRequest(params);
    const page = await listUserConversations(core, actor, service, userSid, request);
    const settled = settle(page, request);
    return listResponse(
      "conversations",
      settled.items.map((v) => renderUserConversation(v, scope)),
      settled,
      request,
      // Links name the user as the request did (SID or identity), as Twilio's do.
      { publicUrl, path: `${userPath(scope, encodeURIComponent(userSid))}/Conversations` },
    ) as never;
  };

  const fetch = async (actor: Actor, path: Path) => {
    const service = await resolveService(core, actor, path.ChatServiceSid);
    const view = await fetchUserConversation(core, actor, service, path.UserSid, path.ConversationSid);
    return renderUserConversation(view, scopeOf(publicUrl, path.ChatServiceSid));
  };

  const update = async (actor: Actor, path: Path, body: Partial<BodyOf<"UpdateUserConversation">>) => {
    const service = await resolveService(core, actor, path.ChatServiceSid);
    const view = await updateUserConversation(core, actor, service, path.UserSid, path.ConversationSid, userConversationUpdate(body));
    return renderUserConversation(view, scopeOf(publicUrl, path.ChatServiceSid));
  };

  const remove = async (actor: Actor, path: Path) => {
    const service = await resolveService(core, actor, path.ChatServiceSid);
    await deleteUserConversation(core, actor, service, path.UserSid, path.ConversationSid);
    return undefined as never;
  };

  return {
    ListUserConversation: ({ principal, params }) => list(principal, undefined, params.UserSid, params),
    ListServiceUserConversation: ({ principal, params }) => list(principal, params.ChatServiceSid, params.UserSid, params),
    FetchUserConversation: ({ principal, params }) => fetch(principal, params),
    FetchServiceUserConversation: ({ principal, params }) => fetch(principal, params),
    UpdateUserConversation: ({ principal, params, body }) => update(principal, params, body ?? {}),
    UpdateServiceUserConversation: ({ principal, params, body }) => update(principal, params, body ?? {}),
    DeleteUserConversation: ({ principal, params }) => remove(principal, params),
    DeleteServiceUserConversation: ({ principal, params }) => remove(principal, params),
  };
}
