import type { BodyOf, Handlers } from "@confab/protocol/server";
import type { Actor } from "../../core/context.js";
import { createRole, deleteRole, findRole, listRoles, updateRole } from "../../core/roles.js";
import { resolveService } from "../../core/services.js";
import type { RestApp } from "../app.js";
import { listResponse, type PagingParams, pageRequest, settle } from "../paging.js";
import { scopeOf } from "../render/conversation.js";
import { renderRole } from "../render/role.js";

/** Roles, on Twilio's global paths (the default service) and their service-scoped twins. */
export function rolesHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;

  const list = async (actor: Actor, serviceSid: string | undefined, params: PagingParams) => {
    const service = await resolveService(core, actor, serviceSid);
    const scope = scopeOf(publicUrl, serviceSid);
    const request = pageRequest(params);
    const settled = settle(await listRoles(core, actor, service, request), request);
    return listResponse(
      "roles",
      settled.items.map((r) => renderRole(r, scope)),
      settled,
      request,
      { publicUrl, path: `${scope.servicePath}/Roles` },
    ) as never;
  };

  const create = async (actor: Actor, serviceSid: string | undefined, body: BodyOf<"CreateRole">) => {
    const service = await resolveService(core, actor, serviceSid);
    const role = await createRole(core, actor, service, { friendlyName: body.FriendlyName, type: body.Type, permissions: body.Permission });
    return renderRole(role, scopeOf(publicUrl, serviceSid));
  };

  const fetch = async (actor: Actor, serviceSid: string | undefined, sid: string) => {
    const service = await resolveService(core, actor, serviceSid);
    return renderRole(await findRole(core, actor, service, sid), scopeOf(publicUrl, serviceSid));
  };

  const update = async (actor: Actor, serviceSid: string | undefined, sid: string, body: BodyOf<"UpdateRole">) => {
    const service = await resolveService(core, actor, serviceSid);
    return renderRole(await updateRole(core, actor, service, sid, body.Permission), scopeOf(publicUrl, serviceSid));
  };

  const remove = async (actor: Actor, serviceSid: string | undefined, sid: string) => {
    const service = await resolveService(core, actor, serviceSid);
    await deleteRole(core, actor, service, sid);
    return undefined as never;
  };

  return {
    ListRole: ({ principal, params }) => list(principal, undefined, params),
    ListServiceRole: ({ principal, params }) => list(principal, params.ChatServiceSid, params),
    CreateRole: ({ principal, body }) => create(principal, undefined, body),
    CreateServiceRole: ({ principal, params, body }) => create(principal, params.ChatServiceSid, body),
    FetchRole: ({ principal, params }) => fetch(principal, undefined, params.Sid),
    FetchServiceRole: ({ principal, params }) => fetch(principal, params.ChatServiceSid, params.Sid),
    UpdateRole: ({ principal, params, body }) => update(principal, undefined, params.Sid, body),
    UpdateServiceRole: ({ principal, params, body }) => update(principal, params.ChatServiceSid, params.Sid, body),
    DeleteRole: ({ principal, params }) => remove(principal, undefined, params.Sid),
    DeleteServiceRole: ({ principal, params }) => remove(principal, params.ChatServiceSid, params.Sid),
  };
}
