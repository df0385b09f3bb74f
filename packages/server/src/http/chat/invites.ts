import type { Handlers } from "@confab/protocol/server";
import type { Actor } from "../../core/context.js";
import { findConversation } from "../../core/conversations.js";
import { createInvite, deleteInvite, fetchInvite, listInvites } from "../../core/invites.js";
import { resolveService } from "../../core/services.js";
import type { InviteRecord } from "../../store/index.js";
import type { RestApp } from "../app.js";
import { listResponse, pageRequest, settle } from "../paging.js";
import { renderChatInvite } from "./render/invite.js";

/** Chat v2 invites: the pending invites of a channel (the core's invite records). */
export function chatInvitesHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;
  const render = (i: InviteRecord) => renderChatInvite(i, publicUrl);

  return {
    ChatListInvite: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      const request = pageRequest(params);
      const link = {
        publicUrl,
        path: `/v2/Services/${service.sid}/Channels/${params.ChannelSid}/Invites`,
        query: { Identity: params.Identity },
      };
      if (params.Identity?.length) {
        // One invite per identity at most: the filter names the page, read by key.
        const channel = await findConversation(core, principal, service, params.ChannelSid);
        const found = await Promise.all(params.Identity.map((identity) => core.store.getByKey("invite", channel.sid, identity)));
        const items = found.filter((i): i is InviteRecord => i !== null);
        return listResponse("invites", items.map(render), { positions: [], hasNext: false, hasPrevious: false }, request, link) as never;
      }
      const settled = settle(await listInvites(core, principal, service, params.ChannelSid, {}, request), request);
      return listResponse("invites", settled.items.map(render), settled, request, link) as never;
    },
    ChatCreateInvite: async ({ principal, params, body }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      return render(
        await createInvite(core, principal, service, params.ChannelSid, {
          identity: body.Identity,
          ...(body.RoleSid !== undefined ? { roleSid: body.RoleSid } : {}),
        }),
      );
    },
    ChatFetchInvite: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      return render(await fetchInvite(core, principal, service, params.ChannelSid, params.Sid));
    },
    ChatDeleteInvite: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      await deleteInvite(core, principal, service, params.ChannelSid, params.Sid);
      return undefined as never;
    },
  };
}
