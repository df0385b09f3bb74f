import type { BodyOf, Handlers } from "@confab/protocol/server";
import type { Actor } from "../../core/context.js";
import {
  addParticipant,
  findParticipant,
  listParticipants,
  type ParticipantInput,
  type ParticipantUpdate,
  removeParticipant,
  updateParticipant,
} from "../../core/participants.js";
import { resolveService } from "../../core/services.js";
import { actorFor } from "../actor.js";
import type { RestApp } from "../app.js";
import { listResponse, type PagingParams, pageRequest, settle } from "../paging.js";
import { conversationPath, scopeOf } from "../render/conversation.js";
import { renderParticipant } from "../render/participant.js";

/** Form fields → the domain's input for adding a participant. */
export function participantInput(body: Partial<BodyOf<"CreateConversationParticipant">>): ParticipantInput {
  const input: ParticipantInput = {};
  if (body.Identity !== undefined) input.identity = body.Identity;
  if (body["MessagingBinding.Address"] !== undefined) input.address = body["MessagingBinding.Address"];
  if (body["MessagingBinding.ProxyAddress"] !== undefined) input.proxyAddress = body["MessagingBinding.ProxyAddress"];
  if (body["MessagingBinding.ProjectedAddress"] !== undefined) input.projectedAddress = body["MessagingBinding.ProjectedAddress"];
  if (body.Attributes !== undefined) input.attributes = body.Attributes;
  if (body.RoleSid !== undefined) input.roleSid = body.RoleSid;
  if (body.DateCreated !== undefined) input.dateCreated = body.DateCreated;
  if (body.DateUpdated !== undefined) input.dateUpdated = body.DateUpdated;
  return input;
}

/** Twilio removes an address when given the value `null`. */
const addressOrNull = (value: string) => (value === "null" || value === "" ? null : value);

function participantUpdate(body: BodyOf<"UpdateConversationParticipant">): ParticipantUpdate {
  const input: ParticipantUpdate = {};
  if (body.Identity !== undefined) input.identity = body.Identity;
  if (body["MessagingBinding.ProxyAddress"] !== undefined) input.proxyAddress = addressOrNull(body["MessagingBinding.ProxyAddress"]);
  if (body["MessagingBinding.ProjectedAddress"] !== undefined) {
    input.projectedAddress = addressOrNull(body["MessagingBinding.ProjectedAddress"]);
  }
  if (body.Attributes !== undefined) input.attributes = body.Attributes;
  if (body.RoleSid !== undefined) input.roleSid = body.RoleSid;
  if (body.LastReadMessageIndex !== undefined) input.lastReadMessageIndex = body.LastReadMessageIndex;
  if (body.LastReadTimestamp !== undefined) input.lastReadTimestamp = body.LastReadTimestamp;
  if (body.DateCreated !== undefined) input.dateCreated = body.DateCreated;
  if (body.DateUpdated !== undefined) input.dateUpdated = body.DateUpdated;
  return input;
}

/** Conversation participants, on Twilio's global paths and their service-scoped twins. */
export function participantsHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;

  const list = async (actor: Actor, serviceSid: string | undefined, params: PagingParams & { ConversationSid: string }) => {
    const service = await resolveService(core, actor, serviceSid);
    const scope = scopeOf(publicUrl, serviceSid);
    const request = pageRequest(params);
    const settled = settle(await listParticipants(core, actor, service, params.ConversationSid, request), request);
    return listResponse(
      "participants",
      settled.items.map((p) => renderParticipant(p, scope)),
      settled,
      request,
      { publicUrl, path: `${conversationPath(scope, params.ConversationSid)}/Participants` },
    ) as never;
  };

  const create = async (
    actor: Actor,
    serviceSid: string | undefined,
    conversationId: string,
    body: BodyOf<"CreateConversationParticipant">,
  ) => {
    const service = await resolveService(core, actor, serviceSid);
    return renderParticipant(
      await addParticipant(core, actor, service, conversationId, participantInput(body)),
      scopeOf(publicUrl, serviceSid),
    );
  };

  const fetch = async (actor: Actor, serviceSid: string | undefined, params: { ConversationSid: string; Sid: string }) => {
    const service = await resolveService(core, actor, serviceSid);
    return renderParticipant(
      await findParticipant(core, actor, service, params.ConversationSid, params.Sid),
      scopeOf(publicUrl, serviceSid),
    );
  };

  const update = async (
    actor: Actor,
    serviceSid: string | undefined,
    params: { ConversationSid: string; Sid: string },
    body: BodyOf<"UpdateConversationParticipant">,
  ) => {
    const service = await resolveService(core, actor, serviceSid);
    return renderParticipant(
      await updateParticipant(core, actor, service, params.ConversationSid, params.Sid, participantUpdate(body)),
      scopeOf(publicUrl, serviceSid),
    );
  };

  const remove = async (actor: Actor, serviceSid: string | undefined, params: { ConversationSid: string; Sid: string }) => {
    const service = await resolveService(core, actor, serviceSid);
    await removeParticipant(core, actor, service, params.ConversationSid, params.Sid);
    return undefined as never;
  };

  return {
    ListConversationParticipant: ({ principal, params }) => list(principal, undefined, params),
    ListServiceConversationParticipant: ({ principal, params }) => list(principal, params.ChatServiceSid, params),
    CreateConversationParticipant: ({ principal, params, body }) =>
      create(actorFor(principal, params), undefined, params.ConversationSid, body),
    CreateServiceConversationParticipant: ({ principal, params, body }) =>
      create(actorFor(principal, params), params.ChatServiceSid, params.ConversationSid, body),
    FetchConversationParticipant: ({ principal, params }) => fetch(principal, undefined, params),
    FetchServiceConversationParticipant: ({ principal, params }) => fetch(principal, params.ChatServiceSid, params),
    UpdateConversationParticipant: ({ principal, params, body }) => update(actorFor(principal, params), undefined, params, body),
    UpdateServiceConversationParticipant: ({ principal, params, body }) =>
      update(actorFor(principal, params), params.ChatServiceSid, params, body),
    DeleteConversationParticipant: ({ principal, params }) => remove(actorFor(principal, params), undefined, params),
    DeleteServiceConversationParticipant: ({ principal, params }) => remove(actorFor(principal, params), params.ChatServiceSid, params),
  };
}
