import type { Handlers } from "@confab/protocol/server";
import { permissionsFromChatNames, roleTypeFromChat } from "../../core/chat-names.js";
import type { Actor } from "../../core/context.js";
import { createRole, deleteRole, findRole, listRoles, updateRole } from "../../core/roles.js";
import { resolveService } from "../../core/services.js";
import type { RoleRecord } from "../../store/index.js";
import type { RestApp } from "../app.js";
import { listResponse, pageRequest, settle } from "../paging.js";
import { renderChatRole } from "./render/role.js";

/** Chat v2 roles: the service's roles, written and read with Chat's type and permission names. */
export function chatRolesHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;
  const render = (r: RoleRecord) => renderChatRole(r, publicUrl);

  return {
    ChatListRole: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      const request = pageRequest(params);
      const settled = settle(await listRoles(core, principal, service, request), request);
      return listResponse("roles", settled.items.map(render), settled, request, {
        publicUrl,
        path: `/v2/Services/${service.sid}/Roles`,
      }) as never;
    },
    ChatCreateRole: async ({ principal, params, body }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      return render(
        await createRole(core, principal, service, {
          friendlyName: body.FriendlyName,
          type: roleTypeFromChat(body.Type),
          permissions: permissionsFromChatNames(body.Permission),
        }),
      );
    },
    ChatFetchRole: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      return render(await findRole(core, principal, service, params.Sid));
    },
    ChatUpdateRole: async ({ principal, params, body }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      return render(await updateRole(core, principal, service, params.Sid, permissionsFromChatNames(body.Permission)));
    },
    ChatDeleteRole: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      await deleteRole(core, principal, service, params.Sid);
      return undefined as never;
    },
  };
}
