import type { Handlers } from "@confab/protocol/server";
import { listPublicConversations, peekConversation } from "../../core/channels.js";
import type { Actor } from "../../core/context.js";
import { createInvite, deleteInvite, fetchInvite, type InviteInput, listInvites, listUserInvites } from "../../core/invites.js";
import { resolveService } from "../../core/services.js";
import type { RestApp } from "../app.js";
import { listResponse, pageRequest, settle } from "../paging.js";
import { conversationPath, scopeOf } from "../render/conversation.js";
import { renderConversationDescriptor } from "../render/conversation-descriptor.js";
import { renderInvite } from "../render/invite.js";

/**
 * Chat's channel model for Conversations v1 callers (all `x-confab`): the public directory, a
 * conversation's descriptor for non-members, and invites. Service-scoped paths only.
 */
export function channelsHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;

  return {
    ListServiceConversationDescriptor: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ChatServiceSid);
      const scope = scopeOf(publicUrl, params.ChatServiceSid);
      const request = pageRequest(params);
      const settled = settle(await listPublicConversations(core, principal, service, request), request);
      return listResponse(
        "conversations",
        settled.items.map((d) => renderConversationDescriptor(d, scope)),
        settled,
        request,
        { publicUrl, path: `${scope.servicePath}/ConversationDescriptors` },
      ) as never;
    },
    FetchServiceConversationDescriptor: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ChatServiceSid);
      const seen = await peekConversation(core, principal, service, params.Sid);
      const viewer = principal.kind === "user" ? { standing: seen.standing, inviteSid: seen.invite?.sid ?? null } : undefined;
      return renderConversationDescriptor(seen, scopeOf(publicUrl, params.ChatServiceSid), viewer);
    },
    ListServiceConversationInvite: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ChatServiceSid);
      const scope = scopeOf(publicUrl, params.ChatServiceSid);
      const request = pageRequest(params);
      const filter = params.Identity !== undefined ? { identity: params.Identity } : {};
      const settled = settle(await listInvites(core, principal, service, params.ConversationSid, filter, request), request);
      return listResponse(
        "invites",
        settled.items.map((i) => renderInvite(i, scope)),
        settled,
        request,
        { publicUrl, path: `${conversationPath(scope, params.ConversationSid)}/Invites`, query: { Identity: params.Identity } },
      ) as never;
    },
    ListServiceUserInvite: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ChatServiceSid);
      const scope = scopeOf(publicUrl, params.ChatServiceSid);
      const request = pageRequest(params);
      const settled = settle(await listUserInvites(core, principal, service, params.UserSid, request), request);
      return listResponse(
        "invites",
        settled.items.map((i) => renderInvite(i, scope)),
        settled,
        request,
        { publicUrl, path: `${scope.servicePath}/Users/${encodeURIComponent(params.UserSid)}/Invites` },
      ) as never;
    },
    CreateServiceConversationInvite: async ({ principal, params, body }) => {
      const service = await resolveService(core, principal, params.ChatServiceSid);
      const input: InviteInput = { identity: body.Identity };
      if (body.RoleSid !== undefined) input.roleSid = body.RoleSid;
      const invite = await createInvite(core, principal, service, params.ConversationSid, input);
      return renderInvite(invite, scopeOf(publicUrl, params.ChatServiceSid));
    },
    FetchServiceConversationInvite: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ChatServiceSid);
      const invite = await fetchInvite(core, principal, service, params.ConversationSid, params.Sid);
      return renderInvite(invite, scopeOf(publicUrl, params.ChatServiceSid));
    },
    DeleteServiceConversationInvite: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ChatServiceSid);
      await deleteInvite(core, principal, service, params.ConversationSid, params.Sid);
      return undefined as never;
    },
  };
}
