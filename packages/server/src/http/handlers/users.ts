import type { BodyOf, Handlers } from "@confab/protocol/server";
import type { Actor } from "../../core/context.js";
import { resolveService } from "../../core/services.js";
import { createUser, deleteUser, fetchUser, listUsers, type UserUpdate, updateUser } from "../../core/users.js";
import { actorFor } from "../actor.js";
import type { RestApp } from "../app.js";
import { listResponse, type PagingParams, pageRequest, settle } from "../paging.js";
import { scopeOf } from "../render/conversation.js";
import { renderUser } from "../render/user.js";

/** Form fields → the domain's update; only the fields given are set. */
function userUpdate(body: Partial<BodyOf<"UpdateUser">>): UserUpdate {
  const input: UserUpdate = {};
  if (body.FriendlyName !== undefined) input.friendlyName = body.FriendlyName;
  if (body.Attributes !== undefined) input.attributes = body.Attributes;
  if (body.RoleSid !== undefined) input.roleSid = body.RoleSid;
  return input;
}

/** Users, on Twilio's global paths and their service-scoped twins. */
export function usersHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;

  const list = async (actor: Actor, serviceSid: string | undefined, params: PagingParams) => {
    const service = await resolveService(core, actor, serviceSid);
    const scope = scopeOf(publicUrl, serviceSid);
    const request = pageRequest(params);
    const settled = settle(await listUsers(core, actor, service, request), request);
    return listResponse(
      "users",
      settled.items.map((u) => renderUser(u, scope)),
      settled,
      request,
      { publicUrl, path: `${scope.servicePath}/Users` },
    ) as never;
  };

  const create = async (actor: Actor, serviceSid: string | undefined, body: BodyOf<"CreateUser">) => {
    const service = await resolveService(core, actor, serviceSid);
    const user = await createUser(core, actor, service, {
      identity: body.Identity,
      ...(body.FriendlyName !== undefined ? { friendlyName: body.FriendlyName } : {}),
      ...(body.Attributes !== undefined ? { attributes: body.Attributes } : {}),
      ...(body.RoleSid !== undefined ? { roleSid: body.RoleSid } : {}),
    });
    return renderUser(user, scopeOf(publicUrl, serviceSid));
  };

  const fetch = async (actor: Actor, serviceSid: string | undefined, sid: string) => {
    const service = await resolveService(core, actor, serviceSid);
    return renderUser(await fetchUser(core, actor, service, sid), scopeOf(publicUrl, serviceSid));
  };

  const update = async (actor: Actor, serviceSid: string | undefined, sid: string, body: Partial<BodyOf<"UpdateUser">>) => {
    const service = await resolveService(core, actor, serviceSid);
    return renderUser(await updateUser(core, actor, service, sid, userUpdate(body)), scopeOf(publicUrl, serviceSid));
  };

  const remove = async (actor: Actor, serviceSid: string | undefined, sid: string) => {
    const service = await resolveService(core, actor, serviceSid);
    await deleteUser(core, actor, service, sid);
    return undefined as never;
  };

  return {
    ListUser: ({ principal, params }) => list(principal, undefined, params),
    ListServiceUser: ({ principal, params }) => list(principal, params.ChatServiceSid, params),
    CreateUser: ({ principal, params, body }) => create(actorFor(principal, params), undefined, body),
    CreateServiceUser: ({ principal, params, body }) => create(actorFor(principal, params), params.ChatServiceSid, body),
    FetchUser: ({ principal, params }) => fetch(principal, undefined, params.Sid),
    FetchServiceUser: ({ principal, params }) => fetch(principal, params.ChatServiceSid, params.Sid),
    UpdateUser: ({ principal, params, body }) => update(actorFor(principal, params), undefined, params.Sid, body ?? {}),
    UpdateServiceUser: ({ principal, params, body }) => update(actorFor(principal, params), params.ChatServiceSid, params.Sid, body ?? {}),
    DeleteUser: ({ principal, params }) => remove(actorFor(principal, params), undefined, params.Sid),
    DeleteServiceUser: ({ principal, params }) => remove(actorFor(principal, params), params.ChatServiceSid, params.Sid),
  };
}
