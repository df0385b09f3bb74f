import type { BodyOf, Handlers } from "@confab/protocol/server";
import type { Actor } from "../../core/context.js";
import { resolveService } from "../../core/services.js";
import { createUser, deleteUser, fetchUser, listUsers, type UserUpdate, updateUser } from "../../core/users.js";
import type { UserRecord } from "../../store/index.js";
import { actorFor } from "../actor.js";
import type { RestApp } from "../app.js";
import { listResponse, pageRequest, settle } from "../paging.js";
import { joinedChannels } from "./counts.js";
import { renderChatUser } from "./render/user.js";

/** Form fields → the domain's user update; only the fields given are set. */
function userUpdate(body: Partial<BodyOf<"ChatUpdateUser">>): UserUpdate {
  const input: UserUpdate = {};
  if (body.FriendlyName !== undefined) input.friendlyName = body.FriendlyName;
  if (body.Attributes !== undefined) input.attributes = body.Attributes;
  if (body.RoleSid !== undefined) input.roleSid = body.RoleSid;
  return input;
}

/** Chat v2 users: the service's users, with how many channels each has joined. */
export function chatUsersHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;
  const render = async (u: UserRecord) => renderChatUser(u, await joinedChannels(core, u), publicUrl);

  return {
    ChatListUser: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      const request = pageRequest(params);
      const settled = settle(await listUsers(core, principal, service, request), request);
      return listResponse("users", await Promise.all(settled.items.map(render)), settled, request, {
        publicUrl,
        path: `/v2/Services/${service.sid}/Users`,
      }) as never;
    },
    ChatCreateUser: async ({ principal, params, body }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      const user = await createUser(core, actorFor(principal, params), service, {
        identity: body.Identity,
        ...(body.FriendlyName !== undefined ? { friendlyName: body.FriendlyName } : {}),
        ...(body.Attributes !== undefined ? { attributes: body.Attributes } : {}),
        ...(body.RoleSid !== undefined ? { roleSid: body.RoleSid } : {}),
      });
      return render(user);
    },
    ChatFetchUser: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      return render(await fetchUser(core, principal, service, params.Sid));
    },
    ChatUpdateUser: async ({ principal, params, body }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      return render(await updateUser(core, actorFor(principal, params), service, params.Sid, userUpdate(body ?? {})));
    },
    ChatDeleteUser: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      await deleteUser(core, principal, service, params.Sid);
      return undefined as never;
    },
  };
}
